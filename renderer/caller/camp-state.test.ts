import { describe, expect, it } from 'vitest';
import type { PositionView } from '../../shared/protocol/positions.js';
import { initialCamp, reduceCamp, type CampStore } from './camp-state.js';
import { stationWith } from './fixtures.test-util.js';

const view = (id: string, extra: Partial<PositionView> = {}): PositionView => ({
  id,
  name: id,
  is_default: id === 'default',
  created_at: '',
  frequency: null,
  band: null,
  mode: null,
  split: null,
  beam_heading: null,
  active: true,
  paused: false,
  queue_length: 0,
  max_size: 10,
  current_callsign: null,
  ...extra,
});
const event = (positionId: string, name: string, seq: number, data: unknown) => ({
  type: 'event' as const,
  event: { positionId, name, seq, data, raw: '' },
});

function snapshot(store: CampStore): CampStore {
  return reduceCamp(store, {
    type: 'snapshot',
    positions: [view('default'), view('run-2')],
    rules: { allow_dupes: false, max_queues_per_caller: 1 },
    states: { 'run-2': { ...stationWith(['W1AW']), seq: 10 } },
  });
}

describe('reduceCamp', () => {
  it("applies a position's events to its state, in seq order", () => {
    let s = snapshot(initialCamp());
    s = reduceCamp(s, event('run-2', 'queue_pause_update', 11, { paused: true }));
    expect(s.states['run-2']?.system.paused).toBe(true);
    const same = reduceCamp(s, event('run-2', 'queue_pause_update', 9, { paused: false }));
    expect(same).toBe(s);
    expect(reduceCamp(s, event('nowhere', 'queue_pause_update', 12, { paused: false }))).toBe(s);
  });

  it('holds the events that race a snapshot and applies only those newer than it', () => {
    let s = reduceCamp(initialCamp(), { type: 'snapshot_requested' });
    s = reduceCamp(s, event('run-2', 'queue_pause_update', 9, { paused: true }));
    s = reduceCamp(s, event('run-2', 'split_update', 11, { split: 'UP 2', last_updated: null }));
    s = snapshot(s);
    expect(s.states['run-2']?.system.paused).toBe(false);
    expect(s.states['run-2']?.split.split).toBe('UP 2');
    expect(s.pending).toEqual([]);
  });

  it('position_update adds, changes and removes a position', () => {
    let s = snapshot(initialCamp());
    s = reduceCamp(
      s,
      event('run-3', 'position_update', 11, { position_id: 'run-3', position: view('run-3') }),
    );
    expect(s.positions?.map((p) => p.id)).toEqual(['default', 'run-2', 'run-3']);
    s = reduceCamp(
      s,
      event('run-2', 'position_update', 12, {
        position_id: 'run-2',
        position: view('run-2', { name: 'Run 2' }),
      }),
    );
    expect(s.positions?.[1]?.name).toBe('Run 2');
    s = reduceCamp(s, event('run-3', 'position_update', 13, { position_id: 'run-3', position: null }));
    expect(s.positions?.map((p) => p.id)).toEqual(['default', 'run-2']);
    expect(reduceCamp(s, event('x', 'position_update', 14, 'bad'))).toBe(s);
  });
});
