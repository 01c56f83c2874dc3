import { QsoLogFile } from '../store/qso-log.js';
import { sortByTimeOff } from '../store/store.js';
import { toRecord } from './load.js';
import type { StationWideState } from './station-wide.js';
import type { Logger } from './types.js';

export interface WholeLogDeps {
  file: QsoLogFile;
  wide: Pick<StationWideState, 'qsos' | 'moderation'>;
  /** Runs a change of state as a Station command (alone, in order). */
  exclusive(change: () => Promise<void>): Promise<void>;
  /** Whether the Station is closing (reading then stops). */
  closing: () => boolean;
  /** Announces the worked callers once the whole log is in. */
  announceWorked(): void;
  now(): number;
  log: Logger;
}

/**
 * Reads the whole QSO log in the background and puts it in place of the recent part read at start-up (keeping
 * QSOs logged meanwhile); then checks and, when needed, compacts the file. See store/qso-log.ts.
 */
export class WholeLogLoader {
  /** Settles once the whole QSO log is in memory (or reading it failed, which is logged). */
  readonly loaded: Promise<void>;
  private done: boolean;

  constructor(deps: WholeLogDeps) {
    const { file } = deps;
    this.done = file.sizeAtOpen === 0;
    this.loaded = this.done ? Promise.resolve() : this.read(deps);
  }

  /** Whether the whole QSO log is in memory yet. */
  get complete(): boolean {
    return this.done;
  }

  private async read(deps: WholeLogDeps): Promise<void> {
    const { file, wide, log } = deps;
    const started = performance.now();
    try {
      const scan = await file.readAll(deps.closing);
      if (deps.closing()) return;
      await deps.exclusive(async () => {
        wide.qsos.replaceAll(sortByTimeOff(scan.docs).map(toRecord));
        wide.moderation.rebuildLastWorked(wide.qsos.all);
        this.done = true;
      });
      deps.announceWorked();
      log('info', `QSO log: ${scan.docs.length} QSOs read in ${Math.round(performance.now() - started)} ms`);
      if (scan.badLines > 0 || QsoLogFile.needsCompaction(scan)) {
        const savedAs = await file.compact(scan, new Date(deps.now()));
        if (scan.badLines > 0) {
          log(
            'warn',
            `data file ${file.file} was damaged: ${scan.badLines} unreadable line(s) dropped, ${scan.liveLines.size} kept; the original is saved as ${savedAs}`,
          );
        }
      }
    } catch (err: unknown) {
      this.done = true;
      log('error', `reading the QSO log failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
