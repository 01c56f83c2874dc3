/**
 * Runs async tasks strictly one at a time, in submission order. A failing task does not stop the ones after it.
 * This is what makes the Station the single writer.
 */
export class SerialExecutor {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(task: () => Promise<T> | T): Promise<T> {
    this.pending += 1;
    const result = this.tail.then(
      () => task(),
      () => task(),
    );
    this.tail = result.then(
      () => {
        this.pending -= 1;
      },
      () => {
        this.pending -= 1;
      },
    );
    return result;
  }

  get queued(): number {
    return this.pending;
  }

  /** Resolves once everything submitted so far has finished. */
  async drain(): Promise<void> {
    await this.tail;
  }
}
