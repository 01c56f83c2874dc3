/** A burst of commands shares one queue_update, sent at the latest this long after the first change. */
const QUEUE_FLUSH_MAX_DELAY_MS = 100;
/** However long the queue and however many listen, two queue_update events are at most this far apart. */
const QUEUE_UPDATE_MAX_SPACING_MS = 10_000;

export interface QueueUpdatePublisherDeps {
  now(): number;
  /** Commands in the serial executor, the running one included. */
  waitingCommands(): number;
  /** How many entries a queue_update lists now. */
  listedEntries(): number;
  /** Emits queue_update with the queue as it is now. */
  publish(): void;
  /**
   * How long the transports want between two queue updates of this many entries, for their fan-out (the
   * transports' side knows its audience and wire sizes). None when not given.
   */
  fanoutSpacingMs?: (listedEntries: number) => number;
  /**
   * How many publishers share the fan-out budget now (the operating positions whose queue updates are owed,
   * this one included): each takes its share, so that together they stay within what one would use. 1 when
   * not given.
   */
  fanoutSharers?: () => number;
}

/**
 * Paces queue_update. It carries the whole queue, so bursts of commands share one: it is sent when the burst
 * ends (no command waiting) or at the latest after QUEUE_FLUSH_MAX_DELAY_MS of continuous load, and long queues
 * are spaced out so that building and fanning them out stay within budget. Each update holds the latest state,
 * so nothing is lost; only intermediate states are skipped.
 */
export class QueueUpdatePublisher {
  private dirtySince: number | null = null;
  private lastFlushAt = -Infinity;
  private flushScheduled = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: QueueUpdatePublisherDeps) {}

  /** Whether a queue_update is owed (the queue changed since the last one). */
  get owing(): boolean {
    return this.dirtySince !== null;
  }

  /** Whether a flush waits for the next turn of the event loop. */
  get scheduled(): boolean {
    return this.flushScheduled;
  }

  /** The queue changed: an update is owed. */
  markDirty(): void {
    if (this.dirtySince === null) this.dirtySince = this.deps.now();
  }

  /** After a burst of registrations lands on disk together: one flush once all their answers have gone. */
  scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.maybeFlush(false);
    });
  }

  /** Sends the update owed, unless more commands wait (and it is not yet overdue) or it must wait for spacing. */
  maybeFlush(insideCommand = true): void {
    if (this.dirtySince === null || this.timer !== null) return;
    const now = this.deps.now();
    const waiting = this.deps.waitingCommands() > (insideCommand ? 1 : 0);
    if (waiting && now - this.dirtySince < QUEUE_FLUSH_MAX_DELAY_MS) return;
    const due = this.lastFlushAt + this.spacingMs();
    if (now >= due) {
      this.flush();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, due - now);
    this.timer.unref();
  }

  /** Sends the update owed now (shutdown). */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.dirtySince === null) return;
    this.dirtySince = null;
    this.lastFlushAt = this.deps.now();
    this.deps.publish();
  }

  /**
   * How long to leave between two queue_update events: none for a queue of up to 100 with few subscribers,
   * growing with the entries listed (building one costs about a microsecond per entry: past 100 entries, keep
   * that to a few percent) and with what the transports ask for their fan-out, times the publishers sharing
   * that budget (several operating positions publishing at once), at most 10 s.
   */
  private spacingMs(): number {
    const listed = this.deps.listedEntries();
    const buildMs = listed > 100 ? listed / 10 : 0;
    const sharers = Math.max(1, this.deps.fanoutSharers?.() ?? 1);
    const fanoutMs = (this.deps.fanoutSpacingMs?.(listed) ?? 0) * sharers;
    return Math.min(QUEUE_UPDATE_MAX_SPACING_MS, Math.max(buildMs, fanoutMs));
  }
}
