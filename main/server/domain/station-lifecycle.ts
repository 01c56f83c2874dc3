/**
 * The Station's own end: waiting until every submitted command and registration write has settled, and
 * closing (the whole log read to its end first, the owed queue updates sent, the event sequence saved).
 */
import type { SerialExecutor } from '../util/serial.js';
import type { EventHub } from './event-hub.js';
import type { WholeLogLoader } from './log-loading.js';
import type { PositionState } from './position.js';
import type { Camp } from './positions/camp.js';
import { STATE_KEYS } from './state-schemas.js';
import type { CommandContext, Logger } from './types.js';

export interface LifecycleParts {
  exec: SerialExecutor;
  camp: Camp<PositionState>;
  wholeLog: WholeLogLoader;
  ctx: CommandContext;
  events: EventHub;
  log: Logger;
}

export class StationLifecycle {
  /** Registrations written but not yet on disk. */
  readonly writesInFlight = new Set<Promise<void>>();
  closing = false;
  closed = false;
  private parts: LifecycleParts | null = null;

  /** The parts are built after the flags are read by them (station-assembly.ts), so they arrive here late. */
  attach(parts: LifecycleParts): void {
    this.parts = parts;
  }

  private get p(): LifecycleParts {
    if (!this.parts) throw new Error('station lifecycle used before the station was assembled');
    return this.parts;
  }

  /** Resolves once every command submitted so far has run (tests, shutdown). */
  async idle(): Promise<void> {
    const { exec, camp } = this.p;
    await exec.drain();
    await Promise.allSettled([...this.writesInFlight]);
    await exec.drain();
    if (camp.all().some((position) => position.publisher.scheduled))
      await new Promise((resolve) => setImmediate(resolve));
  }

  async close(): Promise<void> {
    const { wholeLog, camp, ctx, events, log } = this.p;
    this.closing = true;
    await wholeLog.loaded;
    await this.idle();
    for (const position of camp.all()) position.publisher.flush();
    this.closed = true;
    camp.file.close();
    try {
      await ctx.store.putState(STATE_KEYS.seq, events.seq);
    } catch (err) {
      log('warn', `could not save the event sequence: ${String(err)}`);
    }
  }
}
