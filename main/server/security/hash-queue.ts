import { OpError } from '../util/errors.js';

/**
 * Password hashing (scrypt) behind its own bounded queue. scrypt runs on libuv's thread pool, which also serves
 * file reads (the web pages), DNS and zlib: with at most `concurrency` hashes at a time the pool always has
 * threads free for them, and with at most `maxWaiting` hashes waiting a flood of guesses is refused at once
 * (RATE_LIMITED) instead of queuing work without bound.
 */
export class HashQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Hashes run so far (tests and metrics count checks by it). */
  completed = 0;

  constructor(
    readonly concurrency = 1,
    readonly maxWaiting = 16,
  ) {}

  /** Whether a new task would be refused right now. */
  get full(): boolean {
    return this.running >= this.concurrency && this.waiting.length >= this.maxWaiting;
  }

  get pending(): number {
    return this.running + this.waiting.length;
  }

  /** Runs `task` when a slot is free; throws RATE_LIMITED at once when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new OpError('RATE_LIMITED', 'The server is busy checking passwords. Try again shortly.', {
          retry_after_s: 1,
        });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      this.completed += 1;
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next task
      else this.running -= 1;
    }
  }
}
