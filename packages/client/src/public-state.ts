/**
 * Following the station's public state over a client: one snapshot (`state.snapshot`), then every public event
 * in seq order, through the same reducer the caller page and the console use (generated/public-state.ts, a
 * copy of the repository's shared/protocol/public-state.ts). After a reconnect the client replays what was
 * missed, or hands over a fresh snapshot, which the follower takes too.
 */
import type { EventFrame, StateSnapshot } from './generated/protocol.js';
import {
  applyPendingPublicEvents,
  applyPublicEvent,
  applyPublicSnapshot,
  holdPublicEvent,
  isPublicEventName,
  parsePublicSnapshot,
  type PendingPublicEvent,
  type PublicState,
} from './generated/public-state.js';

/** What the follower needs of a client (a PileupClient has it). */
export interface PublicStateSource {
  onEvent(handler: (frame: EventFrame) => void): () => void;
  onSnapshot(handler: (snapshot: StateSnapshot) => void): () => void;
  request<T = unknown>(operation: string): Promise<T>;
}

export interface PublicStateFollower {
  /** The state so far: null until the first snapshot is in. */
  readonly state: PublicState | null;
  /** Called with each new state; returns a function that removes the handler. */
  onChange(handler: (state: PublicState) => void): () => void;
  /**
   * Fetches a snapshot and takes it as the state; events that arrive meanwhile are applied after it when they
   * are newer. Call it once the client is connected and subscribed (a public connection subscribes with
   * `subscribe()`; an operator connection is subscribed by `auth`).
   */
  resync(): Promise<PublicState>;
  /** Stops following (the client itself stays as it is). */
  stop(): void;
}

/**
 * Follows the public state over `client`:
 *
 * ```ts
 * const station = followPublicState(client);
 * station.onChange((s) => console.log(s.queue.total, 'in the queue'));
 * await client.subscribe();
 * await station.resync();
 * ```
 */
export function followPublicState(client: PublicStateSource): PublicStateFollower {
  let state: PublicState | null = null;
  let pending: PendingPublicEvent[] = [];
  let snapshotsInFlight = 0;
  let stopped = false;
  const handlers = new Set<(state: PublicState) => void>();

  const set = (next: PublicState): void => {
    if (next === state) return;
    state = next;
    for (const handler of handlers) handler(next);
  };

  const takeSnapshot = (snapshot: unknown): PublicState | null => {
    const base = parsePublicSnapshot(snapshot) ?? (state ? applyPublicSnapshot(state, snapshot) : null);
    if (!base) return null;
    set(applyPendingPublicEvents(base, pending));
    pending = [];
    return state;
  };

  const offEvent = client.onEvent((frame) => {
    if (stopped || !isPublicEventName(frame.event)) return;
    if (state === null || snapshotsInFlight > 0) {
      pending = holdPublicEvent(pending, { seq: frame.seq, event: { name: frame.event, data: frame.data } });
    }
    if (state !== null) set(applyPublicEvent(state, frame.event, frame.data, frame.seq));
  });
  const offSnapshot = client.onSnapshot((snapshot) => {
    if (!stopped) takeSnapshot(snapshot);
  });

  return {
    get state() {
      return state;
    },
    onChange(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async resync() {
      snapshotsInFlight += 1;
      let snapshot: unknown;
      try {
        snapshot = await client.request<StateSnapshot>('state.snapshot');
      } finally {
        snapshotsInFlight -= 1;
      }
      const taken = stopped ? state : takeSnapshot(snapshot);
      if (!taken) throw new Error('state.snapshot: the server answered with no public state');
      return taken;
    },
    stop() {
      stopped = true;
      offEvent();
      offSnapshot();
      handlers.clear();
    },
  };
}
