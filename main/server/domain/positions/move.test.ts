import { describe, expect, it } from 'vitest';
import type { StoredQueueEntry } from '../../store/store.js';
import { fakeLookup } from '../../testing/fake-lookup.js';
import { OpError } from '../../util/errors.js';
import { identityOf } from '../identity.js';
import { QueueState } from '../queue.js';
import { DEFAULT_CALLER_RULES } from './caller-rules.js';
import { applyMove, planMove } from './move.js';
import { WorkedSlots } from './slots.js';

const id = (c: string): string => identityOf(c, 'base_call');

function queue(callsigns: string[]): QueueState {
  return new QueueState(
    callsigns.map((callsign, i): StoredQueueEntry => ({
      _id: `id-${callsign}`,
      callsign,
      timestamp: `2026-12-02T04:0${i}:00.000Z`,
      order: i + 1,
      qrz: fakeLookup().resolveNow(callsign),
      leave_secret_hash: `hash-${callsign}`,
    })),
    id,
  );
}

function plan(source: QueueState, target: QueueState, callsign: string, extra: Record<string, unknown> = {}) {
  return planMove({
    source,
    target,
    targetId: 'run-2',
    callsign,
    targetMaxSize: 3,
    targetCurrent: null,
    sameOperator: (a, b) => id(a) === id(b),
    targetSlot: { band: '40m', mode: 'FT8' },
    worked: new WorkedSlots('base_call'),
    rules: DEFAULT_CALLER_RULES,
    ...extra,
  });
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof OpError) return err.code;
    throw err;
  }
  return undefined;
}

describe('moving a caller between positions', () => {
  it('keeps the wait time, the document and the leave secret; goes to the end or the place given', () => {
    const source = queue(['W1AW', 'K1ABC']);
    const target = queue(['DL1ABC', 'G4ABC']);
    const p = plan(source, target, 'K1ABC');
    expect(p.toIndex).toBe(2);
    expect(p.entry).toMatchObject({
      _id: 'id-K1ABC',
      timestamp: '2026-12-02T04:01:00.000Z',
      leave_secret_hash: 'hash-K1ABC',
      position_id: 'run-2',
      order: 3,
    });
    applyMove(p, source, target);
    expect(source.all.map((e) => e.callsign)).toEqual(['W1AW']);
    expect(target.all.map((e) => e.callsign)).toEqual(['DL1ABC', 'G4ABC', 'K1ABC']);

    const front = plan(source, queue(['DL1ABC', 'G4ABC']), 'W1AW', { place: 1 });
    expect(front.toIndex).toBe(0);
    expect(front.entry.order).toBeLessThan(1);
  });

  it('refuses what would lose, duplicate or overflow a caller, or make a dupe', () => {
    const source = queue(['W1AW', 'K1ABC', 'N0AA']);
    expect(codeOf(() => plan(source, queue([]), 'F5XYZ'))).toBe('NOT_FOUND');
    expect(codeOf(() => plan(source, queue(['W1AW/P']), 'W1AW'))).toBe('ALREADY_QUEUED');
    expect(codeOf(() => plan(source, queue([]), 'W1AW', { targetCurrent: 'VE3/W1AW' }))).toBe(
      'ALREADY_QUEUED',
    );
    expect(codeOf(() => plan(source, queue(['A1A', 'B1B', 'C1C']), 'W1AW'))).toBe('QUEUE_FULL');
    const worked = WorkedSlots.from([{ callsign: 'W1AW/P', band: '40m', mode: 'FT8' }], 'base_call');
    expect(codeOf(() => plan(source, queue([]), 'W1AW', { worked }))).toBe('SLOT_ALREADY_WORKED');
    expect(
      codeOf(() =>
        plan(source, queue([]), 'W1AW', { worked, rules: { ...DEFAULT_CALLER_RULES, allow_dupes: true } }),
      ),
    ).toBe(undefined);
    expect(codeOf(() => plan(source, source, 'W1AW'))).toBe('CONFLICT');
  });
});
