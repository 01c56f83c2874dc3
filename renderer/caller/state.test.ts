import { describe, expect, it } from 'vitest';
import { entry, qso, stationWith, worked } from './fixtures.test-util.js';
import { applyEvent, emptyState, initialStore, reduce, type PublicEvent } from './state.js';

const queueEvent = (calls: string[]): PublicEvent => ({
  name: 'queue_update',
  data: {
    queue: calls.map((c, i) => entry(c, i + 1)),
    total: calls.length,
    max_size: 10,
    system_active: true,
  },
});

describe('applyEvent', () => {
  it('replaces the queue and follows its system_active flag', () => {
    const next = applyEvent(emptyState(), queueEvent(['W1AW', 'K1ABC']));
    expect(next.queue.queue.map((e) => e.callsign)).toEqual(['W1AW', 'K1ABC']);
    expect(next.system.active).toBe(true);
  });

  it('tracks the current QSO, pause, system status, frequency and split', () => {
    let s = applyEvent(emptyState(), { name: 'current_qso', data: qso('EI6JGB') });
    s = applyEvent(s, { name: 'queue_pause_update', data: { paused: true } });
    s = applyEvent(s, { name: 'system_status', data: { active: true } });
    s = applyEvent(s, {
      name: 'frequency_update',
      data: { frequency: '14.195', band: '20m', mode: 'SSB', last_updated: '2026-01-01T10:00:00Z' },
    });
    s = applyEvent(s, { name: 'split_update', data: { split: 'up 5', last_updated: null } });
    expect(s.current_qso?.callsign).toBe('EI6JGB');
    expect(s.system).toEqual({ active: true, paused: true });
    expect(s.frequency.band).toBe('20m');
    expect(s.split.split).toBe('up 5');
    expect(applyEvent(s, { name: 'current_qso', data: null }).current_qso).toBeNull();
  });

  it('adds, replaces and removes worked callers, newest first', () => {
    let s = applyEvent(emptyState(), {
      name: 'worked_callers_update',
      data: {
        worked_callers: [worked('A1A', '2026-01-01T10:00:00Z'), worked('B1B', '2026-01-01T11:00:00Z')],
        total: 2,
      },
    });
    expect(s.worked.worked_callers.map((w) => w.callsign)).toEqual(['B1B', 'A1A']);
    s = applyEvent(s, {
      name: 'worked_callers_update',
      data: { worked_caller: worked('A1A', '2026-01-01T12:00:00Z'), total: 2 },
    });
    expect(s.worked.worked_callers.map((w) => w.callsign)).toEqual(['A1A', 'B1B']);
    s = applyEvent(s, { name: 'worked_callers_update', data: { removed_caller: 'b1b', total: 1 } });
    expect(s.worked.worked_callers.map((w) => w.callsign)).toEqual(['A1A']);
    expect(s.worked.total).toBe(1);
  });

  it('does not mutate the previous state', () => {
    const before = stationWith(['W1AW']);
    const copy = structuredClone(before);
    applyEvent(before, queueEvent([]));
    expect(before).toEqual(copy);
  });
});

describe('reduce', () => {
  it('holds events back while a snapshot is pending and applies only the newer ones', () => {
    let store = reduce(initialStore(), { type: 'snapshot_requested' });
    store = reduce(store, { type: 'event', seq: 4, event: queueEvent(['OLD1A']) });
    store = reduce(store, { type: 'event', seq: 6, event: queueEvent(['NEW1A']) });
    expect(store.station).toBeNull();
    store = reduce(store, { type: 'snapshot', state: { ...stationWith(['SNAP1A']), seq: 5 } });
    expect(store.station?.queue.queue.map((e) => e.callsign)).toEqual(['NEW1A']);
    expect(store.station?.seq).toBe(6);
    expect(store.pending).toEqual([]);
  });

  it('applies events directly once a snapshot is in', () => {
    let store = reduce(initialStore(), { type: 'snapshot', state: { ...stationWith([]), seq: 10 } });
    store = reduce(store, { type: 'event', seq: 11, event: queueEvent(['W1AW']) });
    expect(store.station?.queue.total).toBe(1);
  });

  it('takes a snapshot with a lower seq (server restarted) as the truth', () => {
    let store = reduce(initialStore(), { type: 'snapshot', state: { ...stationWith(['W1AW']), seq: 900 } });
    store = reduce(store, { type: 'snapshot_requested' });
    store = reduce(store, { type: 'snapshot', state: { ...stationWith([]), seq: 2 } });
    expect(store.station?.seq).toBe(2);
    store = reduce(store, { type: 'event', seq: 3, event: queueEvent(['K1ABC']) });
    expect(store.station?.queue.queue[0]?.callsign).toBe('K1ABC');
  });

  it('keeps the shown station while the connection is interrupted', () => {
    let store = reduce(initialStore(), { type: 'snapshot', state: stationWith(['W1AW']) });
    store = reduce(store, { type: 'connection', connection: 'interrupted' });
    expect(store.connection).toBe('interrupted');
    expect(store.station?.queue.total).toBe(1);
  });
});
