import { describe, expect, it } from 'vitest';
import type { PositionView } from '../../shared/protocol/positions.js';
import { initialCamp, reduceCamp, type CampStore } from './camp-state.js';
import { positionView } from '../../shared/protocol/fixtures.test-util.js';
import { stationWith } from './fixtures.test-util.js';

const view = (id: string, extra: Partial<PositionView> = {}): PositionView =>
  positionView(id, { name: id, created_at: '', ...extra });
const event = (positionId: string | null, name: string, seq: number, data: unknown) => ({
  type: 'event' as const,
  event: { positionId, name, seq, data, raw: '' },
});
const rules = { allow_dupes: false, max_queues_per_caller: 1 };

function snapshot(store: CampStore): CampStore {
  return reduceCamp(store, {
    type: 'snapshot',
    list: { positions: [view('default'), view('run-2', { queue_length: 1 })], seq: 10 },
    rules,
    states: {
      default: { ...stationWith([]), seq: 10 },
      'run-2': { ...stationWith(['W1AW']), seq: 10 },
    },
  });
}

describe('reduceCamp (the page around the camp reducer)', () => {
  it("applies a position's events to its state and its card's entry, and keeps the caller rules", () => {
    let s = snapshot(initialCamp());
    expect(s.rules).toEqual(rules);
    expect(s.camp?.positions.map((p) => p.id)).toEqual(['default', 'run-2']);
    s = reduceCamp(s, event('run-2', 'queue_pause_update', 11, { paused: true }));
    expect(s.camp?.states['run-2']?.system.paused).toBe(true);
    expect(s.camp?.positions[1]?.paused).toBe(true);
    expect(s.camp?.states.default?.system.paused).toBe(false);
  });

  it('holds the events that race a snapshot and applies those newer than their position', () => {
    let s = reduceCamp(initialCamp(), { type: 'snapshot_requested' });
    s = reduceCamp(s, event('run-2', 'queue_pause_update', 9, { paused: true }));
    s = reduceCamp(s, event('run-2', 'split_update', 11, { split: 'UP 2', last_updated: null }));
    expect(s.camp).toBeNull();
    s = snapshot(s);
    expect(s.camp?.states['run-2']?.system.paused).toBe(false);
    expect(s.camp?.states['run-2']?.split.split).toBe('UP 2');
    expect(s.pending).toEqual([]);
  });

  it('a position created later gets a card from its position_update', () => {
    let s = snapshot(initialCamp());
    s = reduceCamp(
      s,
      event('run-3', 'position_update', 11, { position_id: 'run-3', position: view('run-3') }),
    );
    expect(s.camp?.positions.map((p) => p.id)).toEqual(['default', 'run-2', 'run-3']);
    expect(s.camp?.states['run-3']?.system.active).toBe(true);
  });
});
