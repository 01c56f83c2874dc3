import { describe, expect, it } from 'vitest';
import type { EventFrame, StateSnapshot } from './generated/protocol.js';
import { emptyPublicState } from './generated/public-state.js';
import { followPositionsState, type PositionsStateSource } from './positions-state.js';

function source() {
  const events = new Set<(frame: EventFrame) => void>();
  const snapshots = new Set<(snapshot: StateSnapshot) => void>();
  let answer: (snapshot: unknown) => void = () => undefined;
  const src: PositionsStateSource & {
    emit(event: string, seq: number, data: Record<string, unknown>, position_id?: string): void;
    resynced(snapshot: StateSnapshot): void;
    answer(snapshot: unknown): void;
    asked: { operation: string; data: unknown }[];
  } = {
    asked: [],
    onEvent: (h) => {
      events.add(h);
      return () => events.delete(h);
    },
    onSnapshot: (h) => {
      snapshots.add(h);
      return () => snapshots.delete(h);
    },
    request: <T>(operation: string, data?: Record<string, unknown>) => {
      src.asked.push({ operation, data });
      return new Promise<T>((resolve) => {
        answer = (s) => resolve(s as T);
      });
    },
    emit: (event, seq, data, position_id) => {
      const frame: EventFrame = {
        type: 'event',
        event,
        event_type: event,
        seq,
        data,
        timestamp: 'x',
        ...(position_id !== undefined ? { position_id } : {}),
      };
      events.forEach((h) => h(frame));
    },
    resynced: (s) => snapshots.forEach((h) => h(s)),
    answer: (s) => answer(s),
  };
  return src;
}

const entry = (id: string) => ({
  id,
  name: id,
  is_default: id === 'default',
  created_at: 'x',
  frequency: null,
  band: null,
  mode: null,
  split: null,
  beam_heading: null,
  active: true,
  paused: false,
  queue_length: 0,
  max_size: 5,
  current_callsign: null,
});

const pub = (seq: number) => ({
  ...emptyPublicState(),
  seq,
  system: { active: true, paused: false },
  queue: { queue: [], total: 0, max_size: 5, system_active: true },
});

const campSnapshot = (seq: number) => ({
  ...pub(seq),
  admin: null,
  position_list: [entry('default'), entry('run-2')],
  positions: { default: { public: pub(seq) }, 'run-2': { public: pub(seq) } },
});

const queueOf = (calls: string[]) => ({
  queue: calls.map((callsign, i) => ({
    callsign,
    position: i + 1,
    timestamp: 'x',
    time_in_queue: 0,
    qrz: { callsign },
  })),
  total: calls.length,
  max_size: 5,
  system_active: true,
});

describe('followPositionsState', () => {
  it('asks for every position, then routes events by position_id, the racing ones included', async () => {
    const src = source();
    const follower = followPositionsState(src);
    const ready = follower.resync();
    expect(src.asked).toEqual([{ operation: 'state.snapshot', data: { positions: 'all' } }]);
    src.emit('queue_update', 11, queueOf(['K1ABC']), 'run-2'); // races the snapshot
    src.answer(campSnapshot(10));
    const state = await ready;
    expect(state.states['run-2']!.queue.total).toBe(1);
    expect(state.positions[1]!.queue_length).toBe(1);
    src.emit('queue_update', 12, queueOf(['W1AW']), 'default');
    expect(follower.state!.states.default!.queue.queue[0]!.callsign).toBe('W1AW');
    expect(follower.state!.states['run-2']!.queue.total).toBe(1);
  });

  it('fetches a positions snapshot when the client resynchronised with a plain one', async () => {
    const src = source();
    const follower = followPositionsState(src);
    const ready = follower.resync();
    src.answer(campSnapshot(10));
    await ready;
    src.resynced({ ...pub(50), admin: null });
    expect(src.asked).toHaveLength(2);
    src.answer(campSnapshot(60));
    await new Promise((r) => setTimeout(r, 0));
    expect(follower.state!.seq).toBe(60);
    follower.stop();
    src.emit('queue_update', 61, queueOf(['X1X']), 'run-2');
    expect(follower.state!.states['run-2']!.queue.total).toBe(0);
  });

  it('refuses an answer without positions', async () => {
    const src = source();
    const follower = followPositionsState(src);
    const ready = follower.resync();
    src.answer({ ...pub(3), admin: null });
    await expect(ready).rejects.toThrow(/no positions/);
  });
});
