/**
 * How every Station command runs: alone and in order (one serial executor for every position, so rules across
 * positions are race-free), refused once the station has closed, a failed store write turned into
 * STORE_UNAVAILABLE with nothing changed, and the owed queue updates flushed afterwards.
 */
import { StoreWriteError } from '../store/store.js';
import { OpError } from '../util/errors.js';
import type { SerialExecutor } from '../util/serial.js';
import type { Logger } from './types.js';

export interface CommandRunnerDeps {
  exec: SerialExecutor;
  log: Logger;
  closed(): boolean;
  /** After each command: the positions' publishers send what they owe. */
  afterEach(): void;
}

export function runCommand<T>(d: CommandRunnerDeps, command: () => Promise<T>): Promise<T> {
  return d.exec.run(async () => {
    if (d.closed()) throw new OpError('STORE_UNAVAILABLE', 'The server is shutting down');
    try {
      return await command();
    } catch (err) {
      if (err instanceof StoreWriteError) {
        d.log('error', err.message);
        throw new OpError(
          'STORE_UNAVAILABLE',
          'The data store cannot be written right now; nothing was changed.',
        );
      }
      throw err;
    } finally {
      d.afterEach();
    }
  });
}
