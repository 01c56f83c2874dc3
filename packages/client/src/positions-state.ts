/**
 * Following every operating position of a camp over a client: one `state.snapshot {positions: "all"}`, then
 * every event in seq order (each routed by its `position_id`), through the same reducer the caller page uses
 * (generated/positions-state.ts, a copy of the repository's shared/protocol/positions-state.ts). The connection
 * must be subscribed to all positions (`events.subscribe {positions: "all"}`). When the client resynchronises
 * after a reconnect with a plain snapshot (it knows no positions), the follower fetches a positions snapshot.
 */
import type { EventFrame, StateSnapshot } from './generated/protocol.js';
import {
  applyPendingPositionsEvents,
  applyPositionsEvent,
  holdPositionsEvent,
  parsePositionsSnapshot,
  type PendingPositionsEvent,
  type PositionsState,
} from './generated/positions-state.js';

/** What the follower needs of a client (a PileupClient has it). */
export interface PositionsStateSource {
  onEvent(handler: (frame: EventFrame) => void): () => void;
  onSnapshot(handler: (snapshot: StateSnapshot) => void): () => void;
  request<T = unknown>(operation: string, data?: Record<string, unknown>): Promise<T>;
}

export interface PositionsStateFollower {
  /** The camp so far: null until the first snapshot is in. */
  readonly state: PositionsState | null;
  /** Called with each new state; returns a function that removes the handler. */
  onChange(handler: (state: PositionsState) => void): () => void;
  /** Fetches a positions snapshot and takes it; events that arrive meanwhile are applied after it. */
  resync(): Promise<PositionsState>;
  /** Stops following (the client itself stays as it is). */
  stop(): void;
}

/**
 * Follows every position over `client`:
 *
 * ```ts
 * const camp = followPositionsState(client);
 * camp.onChange((s) => console.log(s.positions.map((p) => `${p.name}: ${p.queue_length}`)));
 * await client.request('events.subscribe', { positions: 'all' });
 * await camp.resync();
 * ```
 */
export function followPositionsState(client: PositionsStateSource): PositionsStateFollower {
  let state: PositionsState | null = null;
  let pending: PendingPositionsEvent[] = [];
  let snapshotsInFlight = 0;
  let stopped = false;
  const handlers = new Set<(state: PositionsState) => void>();

  const set = (next: PositionsState): void => {
    if (next === state) return;
    state = next;
    for (const handler of handlers) handler(next);
  };

  const offEvent = client.onEvent((frame) => {
    if (stopped) return;
    const event = { name: frame.event, data: frame.data, position_id: frame.position_id ?? null };
    if (state === null || snapshotsInFlight > 0) {
      pending = holdPositionsEvent(pending, { seq: frame.seq, event });
    }
    if (state !== null) set(applyPositionsEvent(state, { ...event, seq: frame.seq }));
  });

  const resync = async (): Promise<PositionsState> => {
    snapshotsInFlight += 1;
    let snapshot: unknown;
    try {
      snapshot = await client.request<StateSnapshot>('state.snapshot', { positions: 'all' });
    } finally {
      snapshotsInFlight -= 1;
    }
    if (stopped && state) return state;
    const base = parsePositionsSnapshot(snapshot);
    if (!base) throw new Error('state.snapshot: the server answered with no positions');
    const next = applyPendingPositionsEvents(base, pending);
    pending = [];
    set(next);
    return next;
  };

  // A plain snapshot after a reconnect says nothing of the other positions: fetch a positions one.
  const offSnapshot = client.onSnapshot(() => {
    if (!stopped) resync().catch(() => undefined);
  });

  return {
    get state() {
      return state;
    },
    onChange(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    resync,
    stop() {
      stopped = true;
      offEvent();
      offSnapshot();
      handlers.clear();
    },
  };
}
