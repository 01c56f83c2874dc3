import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueueUpdatePublisher } from './queue-publisher.js';

/** A publisher on a hand clock; `sharers` publishers share the fan-out budget. */
function publisher(sharers: number) {
  let now = 0;
  const sent: number[] = [];
  const p = new QueueUpdatePublisher({
    now: () => now,
    waitingCommands: () => 0,
    listedEntries: () => 50,
    publish: () => sent.push(now),
    fanoutSpacingMs: () => 1_000,
    fanoutSharers: () => sharers,
  });
  return {
    p,
    sent,
    at(ms: number) {
      now = ms;
    },
  };
}

describe('QueueUpdatePublisher: the fan-out budget shared by positions', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** When the second update goes out, the first at 0 and the second owed from 1,000. */
  function secondUpdateAt(sharers: number): number {
    vi.useFakeTimers();
    const t = publisher(sharers);
    t.p.markDirty();
    t.p.maybeFlush(false);
    expect(t.sent).toEqual([0]);
    t.at(1_000);
    t.p.markDirty();
    t.p.maybeFlush(false);
    for (let ms = 1_000; ms < 20_000 && t.sent.length < 2; ms += 100) {
      t.at(ms + 100);
      vi.advanceTimersByTime(100);
    }
    expect(t.p.owing).toBe(false);
    return t.sent[1]!;
  }

  it('alone: updates as often as the fan-out spacing allows', () => {
    expect(secondUpdateAt(1)).toBe(1_000);
  });

  it('with 4 positions owing updates: each spaces its own 4 times as far', () => {
    expect(secondUpdateAt(4)).toBe(4_000);
  });

  it('never more than 10 s apart, however many share', () => {
    expect(secondUpdateAt(32)).toBe(10_000);
  });
});
