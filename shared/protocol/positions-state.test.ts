import { describe, expect, it } from 'vitest';
import { entry, positionView, qso, worked } from './fixtures.test-util.js';
import {
  applyPendingPositionsEvents,
  applyPositionList,
  applyPositionSnapshot,
  applyPositionsEvent,
  emptyPositionsState,
  holdPositionsEvent,
  parsePositionsSnapshot,
  type PositionsState,
} from './positions-state.js';

const view = positionView;

const queueData = (calls: string[]) => ({
  queue: calls.map((c, i) => entry(c, i + 1)),
  total: calls.length,
  max_size: 10,
  system_active: true,
});

function publicSnapshot(seq: number, calls: string[], frequency = '14.025'): Record<string, unknown> {
  return {
    seq,
    system: { active: true, paused: false },
    frequency: { frequency, band: '20m', mode: 'CW', last_updated: null },
    split: { split: null, last_updated: null },
    beam_heading: { beam_heading: null, beam_heading_visible: false },
    current_qso: null,
    queue: queueData(calls),
    worked: { worked_callers: [], total: 0 },
    stats: { qsos_last_hour: 0, average_qso_seconds: null },
  };
}

/** A camp of two positions, default and run-2, as state.snapshot {positions: "all"} gives it at seq 100. */
function camp(): PositionsState {
  const state = parsePositionsSnapshot({
    seq: 100,
    position_list: [view('default', { queue_length: 1 }), view('run-2', { queue_length: 0 })],
    positions: {
      default: { public: publicSnapshot(100, ['W1AW']) },
      'run-2': { public: publicSnapshot(100, [], '7.074') },
    },
  });
  if (!state) throw new Error('snapshot not read');
  return state;
}

describe('parsePositionsSnapshot', () => {
  it('reads the list and every position state at the snapshot seq', () => {
    const state = camp();
    expect(state.seq).toBe(100);
    expect(state.positions.map((p) => p.id)).toEqual(['default', 'run-2']);
    expect(state.states.default!.queue.queue.map((e) => e.callsign)).toEqual(['W1AW']);
    expect(state.states['run-2']!.frequency.frequency).toBe('7.074');
    // the list is brought in line with each state
    expect(state.positions[1]!.frequency).toBe('7.074');
  });

  it('refuses what is not a positions snapshot', () => {
    expect(parsePositionsSnapshot(null)).toBeNull();
    expect(parsePositionsSnapshot(publicSnapshot(1, []))).toBeNull();
    expect(parsePositionsSnapshot({ seq: 1, positions: {}, position_list: 'x' })).toBeNull();
    expect(parsePositionsSnapshot({ positions: {}, position_list: [] })).toBeNull();
  });

  it('starts a listed position without state from its entry', () => {
    const state = parsePositionsSnapshot({
      seq: 5,
      position_list: [view('default'), view('cw', { queue_length: 3, frequency: '3.525', active: true })],
      positions: { default: { public: publicSnapshot(5, []) } },
    });
    expect(state!.states.cw!.queue.total).toBe(3);
    expect(state!.states.cw!.frequency.frequency).toBe('3.525');
    expect(state!.positions[1]!.queue_length).toBe(3);
  });
});

describe('applyPositionsEvent: routing by position_id', () => {
  it("applies a position's queue_update to that position only, and updates its entry", () => {
    const before = camp();
    const after = applyPositionsEvent(before, {
      name: 'queue_update',
      data: queueData(['K1ABC', 'DL1XYZ']),
      seq: 101,
      position_id: 'run-2',
    });
    expect(after.states['run-2']!.queue.total).toBe(2);
    expect(after.states.default).toBe(before.states.default);
    expect(after.positions.find((p) => p.id === 'run-2')!.queue_length).toBe(2);
    expect(after.seq).toBe(101);
    expect(before.states['run-2']!.queue.total).toBe(0); // nothing mutated
  });

  it('routes an event without position_id to the default position (the plain stream)', () => {
    const after = applyPositionsEvent(camp(), { name: 'current_qso', data: qso('W1AW'), seq: 101 });
    expect(after.states.default!.current_qso!.callsign).toBe('W1AW');
    expect(after.positions[0]!.current_callsign).toBe('W1AW');
    expect(after.states['run-2']!.current_qso).toBeNull();
  });

  it('applies the station-wide worked_callers_update to every position', () => {
    const after = applyPositionsEvent(camp(), {
      name: 'worked_callers_update',
      data: { worked_caller: worked('W1AW', '2026-01-01T10:00:00Z'), total: 1 },
      seq: 101,
    });
    expect(after.states.default!.worked.total).toBe(1);
    expect(after.states['run-2']!.worked.worked_callers[0]!.callsign).toBe('W1AW');
  });

  it('routes the radio and the switch: frequency, pause, off', () => {
    let state = applyPositionsEvent(camp(), {
      name: 'frequency_update',
      data: { frequency: '7.030', band: '40m', mode: 'CW', last_updated: null },
      seq: 101,
      position_id: 'run-2',
    });
    state = applyPositionsEvent(state, {
      name: 'queue_pause_update',
      data: { paused: true },
      seq: 102,
      position_id: 'run-2',
    });
    const entry2 = state.positions.find((p) => p.id === 'run-2')!;
    expect(entry2).toMatchObject({ frequency: '7.030', band: '40m', paused: true });
    state = applyPositionsEvent(state, {
      name: 'system_status',
      data: { active: false },
      seq: 103,
      position_id: 'default',
    });
    expect(state.positions[0]).toMatchObject({ active: false, queue_length: 0, current_callsign: null });
  });

  it('leaves the state as it was for old, unknown, malformed or notice events, and unknown positions', () => {
    const before = camp();
    const cases = [
      { name: 'queue_update', data: queueData(['X1X']), seq: 100, position_id: 'run-2' },
      { name: 'no_such_event', data: {}, seq: 101, position_id: 'run-2' },
      { name: 'queue_update', data: { queue: 'nope' }, seq: 101, position_id: 'run-2' },
      { name: 'caller_left', data: { callsign: 'W1AW', reason: 'left' }, seq: 101 },
      { name: 'queue_update', data: queueData(['X1X']), seq: 101, position_id: 'nowhere' },
      { name: 'bans_update', data: { banned_callsigns: [], total: 0 }, seq: 101 },
    ];
    for (const c of cases) expect(applyPositionsEvent(before, c), c.name).toBe(before);
  });
});

describe('applyPositionsEvent: position_update', () => {
  it('adds a new position with the state its entry gives, at the end of the list', () => {
    const after = applyPositionsEvent(camp(), {
      name: 'position_update',
      data: { position_id: 'ft8', position: view('ft8', { frequency: '14.074', band: '20m', mode: 'FT8' }) },
      seq: 101,
      position_id: 'ft8',
    });
    expect(after.positions.map((p) => p.id)).toEqual(['default', 'run-2', 'ft8']);
    expect(after.states.ft8!.frequency.mode).toBe('FT8');
    expect(after.states.ft8!.seq).toBe(101);
    // its first queue_update comes next
    const next = applyPositionsEvent(after, {
      name: 'queue_update',
      data: queueData(['JA1AA']),
      seq: 102,
      position_id: 'ft8',
    });
    expect(next.positions[2]!.queue_length).toBe(1);
  });

  it('changes a known position (name, radio) and keeps its queue', () => {
    const after = applyPositionsEvent(camp(), {
      name: 'position_update',
      data: { position_id: 'default', position: view('default', { name: 'Run 1', frequency: '21.025' }) },
      seq: 101,
      position_id: 'default',
    });
    expect(after.positions[0]!.name).toBe('Run 1');
    expect(after.states.default!.frequency.frequency).toBe('21.025');
    expect(after.states.default!.queue.queue.map((e) => e.callsign)).toEqual(['W1AW']);
  });

  it('removes a deleted position and its state', () => {
    const after = applyPositionsEvent(camp(), {
      name: 'position_update',
      data: { position_id: 'run-2', position: null },
      seq: 101,
      position_id: 'run-2',
    });
    expect(after.positions.map((p) => p.id)).toEqual(['default']);
    expect(after.states['run-2']).toBeUndefined();
  });

  it('ignores an update already in the state or malformed', () => {
    const before = camp();
    const stale = { name: 'position_update', data: { position_id: 'run-2', position: null }, seq: 99 };
    expect(applyPositionsEvent(before, stale)).toBe(before);
    const bad = { name: 'position_update', data: { position_id: 'run-2', position: { id: 5 } }, seq: 101 };
    expect(applyPositionsEvent(before, bad)).toBe(before);
    const mismatched = {
      name: 'position_update',
      data: { position_id: 'run-2', position: view('other') },
      seq: 101,
    };
    expect(applyPositionsEvent(before, mismatched)).toBe(before);
  });
});

describe('HTTP pieces: applyPositionList, applyPositionSnapshot', () => {
  it('builds a camp from GET /api/positions and each GET /api/positions/{id}/state', () => {
    let state = applyPositionList(emptyPositionsState(), {
      positions: [view('default'), view('run-2', { queue_length: 2 })],
      seq: 50,
    });
    expect(state.seq).toBe(50);
    expect(state.states['run-2']!.queue.total).toBe(2);
    state = applyPositionSnapshot(state, 'run-2', publicSnapshot(51, ['A1A', 'B1B']));
    expect(state.states['run-2']!.queue.queue).toHaveLength(2);
    expect(state.positions[1]!.queue_length).toBe(2);
    // an older state than the one held is ignored; so is a position not in the list, or no state at all
    expect(applyPositionSnapshot(state, 'run-2', publicSnapshot(40, []))).toBe(state);
    expect(applyPositionSnapshot(state, 'ghost', publicSnapshot(60, []))).toBe(state);
    expect(applyPositionSnapshot(state, 'run-2', { seq: 70 })).toBe(state);
  });

  it('a new list drops positions no longer in it and keeps the state of the others', () => {
    const before = camp();
    const after = applyPositionList(before, { positions: [view('default')], seq: 120 });
    expect(after.positions.map((p) => p.id)).toEqual(['default']);
    expect(after.states.default).toBe(before.states.default);
    expect(after.states['run-2']).toBeUndefined();
    expect(applyPositionList(before, { positions: 'x' })).toBe(before);
  });
});

describe('events held back while a snapshot is on its way', () => {
  it('applies the held events newer than the snapshot, in order', () => {
    let pending = holdPositionsEvent([], {
      seq: 99,
      event: { name: 'queue_update', data: queueData(['OLD1']), position_id: 'run-2' },
    });
    pending = holdPositionsEvent(pending, {
      seq: 101,
      event: { name: 'queue_update', data: queueData(['NEW1']), position_id: 'run-2' },
    });
    const after = applyPendingPositionsEvents(camp(), pending);
    expect(after.states['run-2']!.queue.queue.map((e) => e.callsign)).toEqual(['NEW1']);
  });
});
