import { POSITION_SCOPED_EVENTS, type StationEventName } from '../../../../shared/protocol/events.js';
import type { PositionsFile } from '../../store/positions-file.js';
import type { Store, StoredQso, StoredQueueEntry } from '../../store/store.js';
import type { EventHub } from '../event-hub.js';
import type { Emit } from '../types.js';
import { DEFAULT_POSITION_ID } from './position.js';

const SCOPED = new Set<StationEventName>(POSITION_SCOPED_EVENTS);

/**
 * How one position announces: its own events (queue, current QSO, system, radio) carry its id; station-wide
 * ones (worked callers, QSO log) go out as they are, whichever position caused them.
 */
export function emitFor(events: EventHub, positionId: string): Emit {
  return (name, data) => {
    events.emit(name, data, SCOPED.has(name) ? positionId : undefined);
  };
}

/**
 * The store as a position other than the default one writes it: its state documents go to its document in
 * positions.db, its queue entries and QSOs name it (`position_id`); everything else is the store itself. The
 * default position writes the store unchanged (data dirs from before positions stay as they are).
 */
export function storeForPosition(store: Store, file: PositionsFile, positionId: string): Store {
  if (positionId === DEFAULT_POSITION_ID) return store;
  const overrides: Partial<Store> = {
    putState: (key: string, value: unknown) => file.putState(positionId, key, value),
    insertQueueEntry: (entry: StoredQueueEntry) => {
      entry.position_id = positionId;
      return store.insertQueueEntry(entry);
    },
    updateQueueEntry: (entry: StoredQueueEntry) =>
      store.updateQueueEntry({ ...entry, position_id: positionId }),
    insertQso: (qso: StoredQso) => store.insertQso({ ...qso, position_id: positionId }),
  };
  return new Proxy(store, {
    get(target, prop) {
      if (typeof prop === 'string' && prop in overrides) return overrides[prop as keyof Store];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
