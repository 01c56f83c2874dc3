import { PositionsFile, type StoredPosition } from '../../store/positions-file.js';
import type { Store, StoredQueueEntry } from '../../store/store.js';
import type { EventHub } from '../event-hub.js';
import { QueueState } from '../queue.js';
import type { CommandContext, Logger } from '../types.js';
import { DEFAULT_POSITION_ID } from './position.js';
import { queuesByPosition, startOfStoredPosition, type StoredPositionStart } from './position-state.js';
import { emitFor, storeForPosition } from './scoped.js';

/** A position other than the default one, as read at start-up. */
export interface OtherPositionStart {
  doc: StoredPosition;
  start: StoredPositionStart;
  queue: QueueState;
}

/** The positions read at start-up: the file, the default position's queue entries and the other positions. */
export interface PositionsStart {
  file: PositionsFile;
  defaultQueue: StoredQueueEntry[];
  others: OtherPositionStart[];
}

/**
 * Opens positions.db (reporting a damaged file, whose readable documents are kept) and hands each position its
 * queue entries (queue.db holds every position's, each naming its position).
 */
export async function loadPositions(
  store: Store,
  queue: readonly StoredQueueEntry[],
  identityOf: (callsign: string) => string,
  log: Logger,
): Promise<PositionsStart> {
  const file = await PositionsFile.open(store.dataDir);
  const r = file.recovery;
  if (r?.kind === 'set_aside') {
    log(
      'warn',
      `data file ${r.file} was not a file: moved aside as ${r.savedAs}; the station starts with the default position only`,
    );
  } else if (r) {
    log(
      'warn',
      `data file ${r.file} was damaged: ${r.badLines} unreadable line(s) dropped, ${r.keptLines} kept; the original is saved as ${r.savedAs}`,
    );
  }
  const docs = file.all().filter((d) => d._id !== DEFAULT_POSITION_ID);
  const known = new Set([DEFAULT_POSITION_ID, ...docs.map((d) => d._id)]);
  const byPosition = queuesByPosition(queue, known, log);
  return {
    file,
    defaultQueue: byPosition.get(DEFAULT_POSITION_ID) ?? [],
    others: docs.map((doc) => ({
      doc,
      start: startOfStoredPosition(doc, log),
      queue: new QueueState(
        [...(byPosition.get(doc._id) ?? [])].sort((a, b) => a.order - b.order),
        identityOf,
      ),
    })),
  };
}

/** The command context of one position: its writes scoped to it, its events carrying its id. */
export function positionContext(
  base: CommandContext,
  events: EventHub,
  file: PositionsFile,
  positionId: string,
): CommandContext {
  return {
    ...base,
    store: storeForPosition(base.store, file, positionId),
    emit: emitFor(events, positionId),
  };
}
