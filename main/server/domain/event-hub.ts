import {
  audienceOf,
  type AnyStationEvent,
  type EventPayloads,
  type StationEvent,
  type StationEventName,
} from '../../../shared/protocol/events.js';
import { isoAt, type Clock } from '../util/time.js';

export type EventListener = (event: AnyStationEvent) => void;

/**
 * Numbers every event with an increasing `seq`, keeps the most recent ones in a bounded buffer for replay,
 * and hands each event to every listener (the transports). A listener that throws is isolated.
 */
export class EventHub {
  private seqValue: number;
  private readonly buffer: AnyStationEvent[] = [];
  private readonly listeners = new Set<EventListener>();

  constructor(
    private readonly clock: Clock,
    startSeq: number,
    private readonly bufferSize = 2048,
    private readonly onListenerError: (err: unknown) => void = () => undefined,
  ) {
    this.seqValue = startSeq;
  }

  get seq(): number {
    return this.seqValue;
  }

  /** Emits an event; `positionId` names the operating position it concerns when that is not the default one. */
  emit<N extends StationEventName>(name: N, data: EventPayloads[N], positionId?: string): StationEvent<N> {
    this.seqValue += 1;
    const event = { seq: this.seqValue, name, data, timestamp: isoAt(this.clock.now()) } as StationEvent<N>;
    if (positionId !== undefined) event.position_id = positionId;
    const any = event as unknown as AnyStationEvent;
    this.buffer.push(any);
    if (this.buffer.length > this.bufferSize) this.buffer.splice(0, this.buffer.length - this.bufferSize);
    for (const listener of this.listeners) {
      try {
        listener(any);
      } catch (err) {
        this.onListenerError(err);
      }
    }
    return event;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The events after `since`, or null when they are no longer all in the buffer (or `since` is from
   * another run of the server), in which case the client needs a fresh snapshot.
   */
  since(since: number, audience: 'public' | 'admin' = 'admin'): AnyStationEvent[] | null {
    if (since === this.seqValue) return [];
    if (since > this.seqValue) return null;
    const first = this.buffer[0];
    if (!first || first.seq > since + 1) return null;
    const missed = this.buffer.filter((e) => e.seq > since);
    return audience === 'admin' ? missed : missed.filter((e) => audienceOf(e.name) === 'public');
  }
}
