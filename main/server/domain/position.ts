import type { CurrentQso, LookupInfo, QueueUpdate, WorkedCaller } from '../../../shared/protocol/types.js';
import type { StoredQueueEntry } from '../store/store.js';
import { QsoLifecycle } from './qso-lifecycle.js';
import type { QueueState } from './queue.js';
import { QueueUpdatePublisher } from './queue-publisher.js';
import { RadioState } from './radio-state.js';
import type { BeamState, CurrentLeave, StoredFrequency, StoredSplit, SystemState } from './state-schemas.js';
import type { StationWideState } from './station-wide.js';
import type { CommandContext } from './types.js';

/** The id of the one operating position a station has today. */
export const DEFAULT_POSITION_ID = 'default';

/** queue_update events list at most this many entries (with `truncated: true`); the HTTP list has them all. */
export const QUEUE_EVENT_MAX_ENTRIES = 1000;

/**
 * What belongs to one operating position: its system switch (on/off, pause), its queue, its current QSO, its
 * radio (frequency with band and mode, split, beam) and the publisher of its queue_update. What the whole station
 * shares (the QSO log, moderation, settings, identity, no-show rule, undo journal) is in StationWideState.
 * The Station holds one position today, `DEFAULT_POSITION_ID`.
 */
export interface PositionState {
  readonly id: string;
  system: SystemState;
  readonly queue: QueueState;
  readonly qso: QsoLifecycle;
  readonly radio: RadioState;
  readonly publisher: QueueUpdatePublisher;
}

/** What a position starts from (loaded from the data files and reconciled). */
export interface PositionStart {
  id?: string;
  system: SystemState;
  frequency: StoredFrequency;
  split: StoredSplit;
  beam: BeamState;
  queue: QueueState;
  current: CurrentQso | null;
  /** The current caller's leave-secret hash as stored (see QsoLifecycle). */
  currentLeave?: CurrentLeave;
}

/** What a position needs from the Station around it. */
export interface PositionDeps extends CommandContext {
  wide: StationWideState;
  /** Commands in the Station's serial executor, the running one included. */
  waitingCommands: () => number;
  /** See StationOptions.queueUpdateSpacingMs. */
  fanoutSpacingMs?: (listedEntries: number) => number;
  /** How many positions' queue updates are owed now (they share the fan-out budget). */
  fanoutSharers?: () => number;
  resolveNow: (callsign: string) => LookupInfo;
  /** Asks the online lookups about a callsign; their answer comes back as a command. */
  enrichLater: (callsign: string) => void;
  workedCallers: () => WorkedCaller[];
}

/** Builds one operating position with its QSO lifecycle, radio and queue-update publisher. */
export function createPosition(start: PositionStart, deps: PositionDeps): PositionState {
  const { store, now, emit, wide } = deps;
  const queue = start.queue;
  const putState = (key: string, value: unknown): Promise<void> => store.putState(key, value);
  const radio = new RadioState(start, { putState, now, emit });
  const publisher = new QueueUpdatePublisher({
    now,
    waitingCommands: deps.waitingCommands,
    listedEntries: () => Math.min(queue.length, QUEUE_EVENT_MAX_ENTRIES),
    publish: () => emit('queue_update', queueUpdateOf(position, wide, now(), QUEUE_EVENT_MAX_ENTRIES)),
    fanoutSpacingMs: deps.fanoutSpacingMs,
    fanoutSharers: deps.fanoutSharers,
  });
  const qso = new QsoLifecycle(start.current, {
    store,
    queue,
    qsos: wide.qsos,
    radio,
    moderation: wide.moderation,
    now,
    emit,
    removeFromQueue: (index) => removeFromQueue(position, deps, index),
    resolveNow: deps.resolveNow,
    identity: () => wide.identity,
    enrichLater: deps.enrichLater,
    workedCallers: deps.workedCallers,
    initialLeave: start.currentLeave ?? null,
  });
  const position: PositionState = {
    id: start.id ?? DEFAULT_POSITION_ID,
    system: start.system,
    queue,
    qso,
    radio,
    publisher,
  };
  return position;
}

/** The position's queue as the original's queue_update and /api/queue/list carry it. */
export function queueUpdateOf(
  position: PositionState,
  wide: Pick<StationWideState, 'settings'>,
  now: number,
  limit = Infinity,
): QueueUpdate {
  return position.queue.update({
    active: position.system.active,
    maxSize: wide.settings.maxQueueSize,
    now,
    limit,
  });
}

/** Takes queue[index] out of the position's queue: the store first, then memory; a queue_update is owed. */
export async function removeFromQueue(
  position: PositionState,
  ctx: Pick<CommandContext, 'store'>,
  index: number,
): Promise<StoredQueueEntry> {
  const entry = position.queue.at(index)!;
  await ctx.store.removeQueueEntries([entry]);
  position.queue.removeAt(index);
  position.publisher.markDirty();
  return entry;
}

/** Puts entries back in the position's queue at the place their order gives them (undo). */
export async function restoreQueueEntries(
  position: PositionState,
  ctx: Pick<CommandContext, 'store'>,
  entries: readonly StoredQueueEntry[],
): Promise<void> {
  for (const e of entries) {
    const stored = { ...e };
    await ctx.store.insertQueueEntry(stored);
    position.queue.insertByOrder(stored);
  }
  position.publisher.markDirty();
}
