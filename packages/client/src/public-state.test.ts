import { describe, expect, it } from 'vitest';
import type { EventFrame, StateSnapshot } from './generated/protocol.js';
import { emptyPublicState } from './generated/public-state.js';
import { followPublicState, type PublicStateSource } from './public-state.js';

/** A scripted source: events and snapshots are pushed by the test; `state.snapshot` waits for `answer()`. */
function source() {
  const events = new Set<(frame: EventFrame) => void>();
  const snapshots = new Set<(snapshot: StateSnapshot) => void>();
  let answer: (snapshot: unknown) => void = () => undefined;
  const src: PublicStateSource & {
    emit(event: string, seq: number, data: Record<string, unknown>): void;
    resynced(snapshot: StateSnapshot): void;
    /** What the server answers to `state.snapshot` (anything: it comes off the wire). */
    answer(snapshot: unknown): void;
    asked: string[];
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
    request: <T>(operation: string) => {
      src.asked.push(operation);
      return new Promise<T>((resolve) => {
        answer = (s) => resolve(s as T);
      });
    },
    emit: (event, seq, data) => {
      const frame: EventFrame = { type: 'event', event, event_type: event, seq, data, timestamp: 'x' };
      events.forEach((h) => h(frame));
    },
    resynced: (s) => snapshots.forEach((h) => h(s)),
    answer: (s) => answer(s),
  };
  return src;
}

const snapshot = (seq: number, paused: boolean): StateSnapshot => ({
  ...emptyPublicState(),
  seq,
  system: { active: true, paused },
  queue: { queue: [], total: 0, max_size: 5, system_active: true },
  admin: null,
});

describe('followPublicState', () => {
  it('takes the snapshot, then applies events newer than it, including those that raced it', async () => {
    const src = source();
    const follower = followPublicState(src);
    const seen: number[] = [];
    follower.onChange((s) => seen.push(s.seq));
    const ready = follower.resync();
    expect(src.asked).toEqual(['state.snapshot']);
    src.emit('queue_pause_update', 4, { paused: true }); // older than the snapshot: already in it
    src.emit('frequency_update', 6, { frequency: '14.205', band: '20m', mode: 'SSB', last_updated: null });
    expect(follower.state).toBeNull();
    src.answer(snapshot(5, false));
    const state = await ready;
    expect(state.seq).toBe(6);
    expect(state.system.paused).toBe(false);
    expect(state.frequency.band).toBe('20m');
    src.emit('current_qso', 7, { current_qso: null });
    src.emit('system_status', 3, { active: false }); // out of order: ignored
    src.emit('bans_update', 8, { banned_callsigns: [], total: 0 }); // not public
    expect(follower.state?.system.active).toBe(true);
    expect(follower.state?.seq).toBe(7);
    expect(seen).toEqual([6, 7]);
  });

  it('takes a snapshot the client hands over after a reconnect, and stops when told', async () => {
    const src = source();
    const follower = followPublicState(src);
    const ready = follower.resync();
    src.answer(snapshot(10, false));
    await ready;
    src.resynced(snapshot(50, true));
    expect(follower.state).toMatchObject({ seq: 50, system: { paused: true } });
    follower.stop();
    src.emit('queue_pause_update', 51, { paused: false });
    expect(follower.state?.system.paused).toBe(true);
  });

  it('refuses an answer that is no public state', async () => {
    const src = source();
    const follower = followPublicState(src);
    const ready = follower.resync();
    src.answer({ seq: 1 });
    await expect(ready).rejects.toThrow(/no public state/);
    expect(follower.state).toBeNull();
  });
});
