import { describe, expect, it } from 'vitest';
import type { PositionView } from '../../shared/protocol/positions.js';
import {
  cardJoin,
  cardJoinText,
  createsPosition,
  followedPosition,
  hasSlot,
  inTheLog,
  inWords,
  isCamp,
  positionSlot,
  slotsSentence,
  type CampContext,
} from './camp.js';
import { parsePositionsAnswer } from './camp-wire.js';

function position(id: string, extra: Partial<PositionView> = {}): PositionView {
  return {
    id,
    name: id,
    is_default: id === 'default',
    created_at: '2026-01-01T00:00:00.000Z',
    frequency: '14.025',
    band: '20m',
    mode: 'CW',
    split: null,
    beam_heading: null,
    active: true,
    paused: false,
    queue_length: 3,
    max_size: 50,
    current_callsign: null,
    ...extra,
  };
}

const run1 = position('default', { name: 'Run 1 - 20m CW' });
const run2 = position('run-2', { name: 'Run 2 - 40m FT8', frequency: '7.074', band: '40m', mode: 'FT8' });
const all = [run1, run2];
const ctx = (extra: Partial<CampContext> = {}): CampContext => ({
  callsign: 'W1AW',
  workedSlots: [],
  rules: { allow_dupes: false, max_queues_per_caller: 1 },
  places: {},
  ...extra,
});

describe('slots', () => {
  it('a position works the slot of its band and mode, in the server spelling', () => {
    expect(positionSlot({ band: '20M', mode: 'usb' })).toEqual({ band: '20m', mode: 'SSB' });
    expect(positionSlot({ band: null, mode: 'CW' })).toBeNull();
    expect(positionSlot({ band: '40m', mode: null })).toBeNull();
  });

  it('tells whether the caller has a slot', () => {
    expect(hasSlot([{ band: '20m', mode: 'CW' }], { band: '20m', mode: 'CW' })).toBe(true);
    expect(hasSlot([{ band: '20m', mode: 'CW' }], { band: '20m', mode: 'SSB' })).toBe(false);
    expect(hasSlot([{ band: '20m', mode: 'CW' }], null)).toBe(false);
    expect(inTheLog(run1, [{ band: '20m', mode: 'CW' }])).toBe(true);
    expect(inTheLog(run2, [{ band: '20m', mode: 'CW' }])).toBe(false);
    expect(inTheLog(run1, null)).toBe(false);
  });

  it('says which slots the caller is in the log on', () => {
    expect(slotsSentence([])).toBeNull();
    expect(slotsSentence([{ band: '20m', mode: 'CW' }])).toBe("You're in the log on 20m CW.");
    expect(
      slotsSentence([
        { band: '20m', mode: 'CW' },
        { band: '40m', mode: 'FT8' },
      ]),
    ).toBe("You're in the log on 20m CW and 40m FT8.");
    expect(inWords(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('a camp is more than one position', () => {
    expect(isCamp(null)).toBe(false);
    expect(isCamp([run1])).toBe(false);
    expect(isCamp(all)).toBe(true);
  });
});

describe('which cards can be joined', () => {
  it('a slot the caller still needs can be joined; one they have cannot, unless dupes are allowed', () => {
    const worked = ctx({ workedSlots: [{ band: '20m', mode: 'CW' }] });
    expect(cardJoin(run2, all, worked)).toEqual({ kind: 'join' });
    expect(cardJoin(run1, all, worked)).toEqual({ kind: 'in_log', slot: { band: '20m', mode: 'CW' } });
    expect(
      cardJoin(run1, all, { ...worked, rules: { allow_dupes: true, max_queues_per_caller: 1 } }),
    ).toEqual({ kind: 'join' });
    expect(cardJoinText(cardJoin(run1, all, worked))).toBe(
      'You are already in the log on 20m CW: no need to call again.',
    );
  });

  it('a position without a known band or mode refuses nobody for a slot', () => {
    const unknown = position('x', { band: null });
    expect(cardJoin(unknown, [...all, unknown], ctx({ workedSlots: [{ band: '20m', mode: 'CW' }] }))).toEqual(
      {
        kind: 'join',
      },
    );
  });

  it('off the air, paused and full positions say so before the slot', () => {
    const worked = ctx({ workedSlots: [{ band: '20m', mode: 'CW' }] });
    expect(cardJoin({ ...run1, active: false }, all, worked).kind).toBe('off_air');
    expect(cardJoin({ ...run1, paused: true }, all, worked).kind).toBe('paused');
    expect(cardJoin({ ...run2, queue_length: 50 }, all, worked)).toEqual({ kind: 'full', max: 50 });
    expect(cardJoinText({ kind: 'full', max: 50 })).toBe('The queue is full (50 stations).');
  });

  it('without a callsign a card asks for it', () => {
    expect(cardJoin(run2, all, ctx({ callsign: null, workedSlots: null }))).toEqual({
      kind: 'need_callsign',
    });
  });

  it('where the caller waits or is worked, the card shows their place instead', () => {
    expect(cardJoin(run2, all, ctx({ places: { 'run-2': { kind: 'turn' } } }))).toEqual({ kind: 'here' });
    expect(cardJoinText({ kind: 'here' })).toBeNull();
  });

  it('waiting in as many queues as allowed: the other cards name where, to leave it first', () => {
    const waiting = ctx({ places: { 'run-2': { kind: 'queued', position: 2, total: 3 } } });
    const join = cardJoin(run1, all, waiting);
    expect(join).toEqual({ kind: 'elsewhere', where: [{ id: 'run-2', name: 'Run 2 - 40m FT8' }] });
    expect(cardJoinText(join)).toBe(
      'You are waiting at Run 2 - 40m FT8: leave that queue first to join here.',
    );
    // A slot already in the log is the reason to give: leaving the other queue would not help.
    expect(cardJoin(run1, all, { ...waiting, workedSlots: [{ band: '20m', mode: 'CW' }] }).kind).toBe(
      'in_log',
    );
    // Being worked at one position does not count; nor does a queue when more are allowed.
    expect(cardJoin(run1, all, ctx({ places: { 'run-2': { kind: 'turn' } } }))).toEqual({ kind: 'join' });
    expect(
      cardJoin(run1, all, { ...waiting, rules: { allow_dupes: false, max_queues_per_caller: 2 } }),
    ).toEqual({ kind: 'join' });
  });
});

describe('followedPosition', () => {
  it('follows the turn first, then the place nearest the front, else none', () => {
    expect(followedPosition(all, {})).toBeNull();
    expect(
      followedPosition(all, {
        default: { kind: 'queued', position: 1, total: 3 },
        'run-2': { kind: 'turn' },
      }),
    ).toBe('run-2');
    expect(
      followedPosition(all, {
        default: { kind: 'queued', position: 4, total: 5 },
        'run-2': { kind: 'queued', position: 2, total: 2 },
      }),
    ).toBe('run-2');
  });
});

describe('parsePositionsAnswer', () => {
  it('reads positions, caller rules and worked slots, and drops what it cannot read', () => {
    const answer = parsePositionsAnswer({
      positions: [run1, run2, { id: 'broken' }],
      caller_rules: { allow_dupes: true, max_queues_per_caller: 2 },
      callsign: 'W1AW',
      worked_slots: [{ band: '20m', mode: 'CW' }, 'x'],
    });
    expect(answer).toEqual({
      positions: [run1, run2],
      caller_rules: { allow_dupes: true, max_queues_per_caller: 2 },
      callsign: 'W1AW',
      worked_slots: [{ band: '20m', mode: 'CW' }],
      seq: null,
    });
    expect(parsePositionsAnswer({ positions: [] })?.worked_slots).toBeNull();
    expect(parsePositionsAnswer({ positions: [] })?.caller_rules).toEqual({
      allow_dupes: false,
      max_queues_per_caller: 1,
    });
    expect(parsePositionsAnswer('nope')).toBeNull();
  });
});

describe('createsPosition', () => {
  it('is true for a position besides the default one, created or changed; false otherwise', () => {
    expect(createsPosition({ position_id: 'run-2', position: { id: 'run-2', name: 'Run 2' } })).toBe(true);
    expect(createsPosition({ position_id: 'run-2', position: null })).toBe(false); // deleted
    expect(createsPosition({ position_id: 'default', position: { id: 'default', name: 'Main' } })).toBe(
      false,
    );
    expect(createsPosition({ position: { id: 'run-2' } })).toBe(false);
    expect(createsPosition(null)).toBe(false);
    expect(createsPosition('run-2')).toBe(false);
  });
});
