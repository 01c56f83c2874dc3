import { describe, expect, it } from 'vitest';
import { OpError } from '../../util/errors.js';
import { identityOf } from '../identity.js';
import { checkJoin, checkQueueLimit, checkSlotNeeded, placesOf, type Seat } from './caller-rules.js';
import { WorkedSlots } from './slots.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof OpError) return err.code;
    throw err;
  }
  return undefined;
}

describe('caller rules', () => {
  const seats = (queues: Record<string, string[]>): Seat[] =>
    Object.entries(queues).map(([id, callsigns]) => ({
      id,
      queuedAs: (c: string) =>
        callsigns.find((q) => identityOf(q, 'base_call') === identityOf(c, 'base_call')) ?? null,
    }));

  it('refuses a slot already in the log unless dupes are allowed, naming what the caller has', () => {
    const worked = WorkedSlots.from([{ callsign: 'W1AW', band: '20m', mode: 'CW' }], 'base_call');
    const rules = { allow_dupes: false, max_queues_per_caller: 1 };
    let err: unknown;
    try {
      checkSlotNeeded(worked, 'W1AW/P', { band: '20m', mode: 'CW' }, rules);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OpError);
    expect((err as OpError).code).toBe('SLOT_ALREADY_WORKED');
    expect((err as OpError).message).toContain('20m CW');
    expect((err as OpError).details).toMatchObject({ worked_slots: [{ band: '20m', mode: 'CW' }] });
    expect(codeOf(() => checkSlotNeeded(worked, 'W1AW', { band: '40m', mode: 'CW' }, rules))).toBe(undefined);
    expect(codeOf(() => checkSlotNeeded(worked, 'W1AW', null, rules))).toBe(undefined);
    expect(
      codeOf(() =>
        checkSlotNeeded(worked, 'W1AW', { band: '20m', mode: 'CW' }, { ...rules, allow_dupes: true }),
      ),
    ).toBe(undefined);
  });

  it('lets a caller wait in at most N queues', () => {
    const s = seats({ default: ['W1AW'], 'run-2': [], 'run-3': ['W1AW/P'] });
    expect(placesOf(s, 'W1AW')).toEqual([
      { position_id: 'default', callsign: 'W1AW' },
      { position_id: 'run-3', callsign: 'W1AW/P' },
    ]);
    const one = { allow_dupes: false, max_queues_per_caller: 1 };
    expect(codeOf(() => checkQueueLimit(placesOf(s, 'W1AW'), 'run-2', one))).toBe('ALREADY_QUEUED_ELSEWHERE');
    expect(
      codeOf(() => checkQueueLimit(placesOf(s, 'W1AW'), 'run-2', { ...one, max_queues_per_caller: 2 })),
    ).toBe('ALREADY_QUEUED_ELSEWHERE');
    expect(
      codeOf(() => checkQueueLimit(placesOf(s, 'W1AW'), 'run-2', { ...one, max_queues_per_caller: 3 })),
    ).toBe(undefined);
    expect(codeOf(() => checkQueueLimit(placesOf(s, 'K1ABC'), 'run-2', one))).toBe(undefined);
  });

  it('checks the queue limit before the slot', () => {
    const worked = WorkedSlots.from([{ callsign: 'W1AW', band: '20m', mode: 'CW' }], 'base_call');
    const s = seats({ default: [], 'run-2': ['W1AW'] });
    const join = (targetId: string) => () =>
      checkJoin({
        seats: s,
        targetId,
        slot: { band: '20m', mode: 'CW' },
        callsign: 'W1AW',
        worked,
        rules: { allow_dupes: false, max_queues_per_caller: 1 },
      });
    expect(codeOf(join('default'))).toBe('ALREADY_QUEUED_ELSEWHERE');
    expect(codeOf(join('run-2'))).toBe('SLOT_ALREADY_WORKED');
  });
});
