/**
 * The child side of children.ts: answers the parent's commands and exits when the parent goes away or the
 * lifetime given by the parent (BENCH_CHILD_MAX_MS) has passed.
 */
export type Handler = (args: never) => unknown;

export function serve(handlers: Record<string, Handler>, onStop?: () => Promise<void> | void): void {
  if (!process.send) throw new Error('a benchmark child must be started by bench/lib/children.ts');
  const maxMs = Number(process.env.BENCH_CHILD_MAX_MS ?? 30 * 60_000);
  setTimeout(() => {
    process.stderr.write(`watchdog: lifetime of ${maxMs} ms exceeded, exiting\n`);
    process.exit(3);
  }, maxMs).unref();
  process.on('disconnect', () => process.exit(0));
  let stopping = false;
  const all: Record<string, Handler> = {
    ...handlers,
    stop: async () => {
      if (stopping) return null;
      stopping = true;
      await onStop?.();
      setImmediate(() => process.exit(0));
      return null;
    },
  };
  process.on('message', (raw: unknown) => {
    const msg = raw as { id: number; cmd: string; args: unknown };
    const handler = all[msg.cmd];
    if (!handler) {
      process.send?.({ id: msg.id, ok: false, error: `unknown command ${msg.cmd}` });
      return;
    }
    Promise.resolve()
      .then(() => (handler as (a: unknown) => unknown)(msg.args))
      .then(
        (result) => process.send?.({ id: msg.id, ok: true, result }),
        (err: unknown) =>
          process.send?.({
            id: msg.id,
            ok: false,
            error: err instanceof Error ? (err.stack ?? err.message) : String(err),
          }),
      );
  });
}

/** Pushes an event to the parent. */
export function push(event: string, data: unknown): void {
  process.send?.({ event, data });
}

/** Resident memory after two full garbage collections (when the child runs with --expose-gc). */
export function settledRss(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage.rss();
}

export const now = (): number => performance.timeOrigin + performance.now();
