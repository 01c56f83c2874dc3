import type { CurrentQso, LookupInfo, StationIdentity } from '../../../shared/protocol/types.js';
import type { Store } from '../store/store.js';
import { SerialExecutor } from '../util/serial.js';
import { systemClock, type Clock } from '../util/time.js';
import { EventHub } from './event-hub.js';
import { DEFAULT_IDENTITY_RULE, identityOf, type IdentityRule } from './identity.js';
import { loadState, reconcile, reconcileCurrent, recentCutoff, type LoadedState } from './load.js';
import { WholeLogLoader } from './log-loading.js';
import { createPosition, type PositionState } from './position.js';
import { QsoLog } from './qso-log.js';
import { QueueState } from './queue.js';
import { STATE_KEYS } from './state-schemas.js';
import { DEFAULT_IDENTITY } from './station-identity.js';
import { createStationWide, workedNow, type StationWideState } from './station-wide.js';
import type { CallsignLookup, CommandContext, Logger, StationSettings } from './types.js';
import { loadPositions, positionContext, type PositionsStart } from './positions/assembly.js';
import { callerRulesOf } from './positions/caller-rules-store.js';
import { Camp } from './positions/camp.js';
import { DEFAULT_POSITION_ID } from './positions/position.js';
import type { StoredPositionStart } from './positions/position-state.js';
import { emitFor } from './positions/scoped.js';
import { WorkedSlots } from './positions/slots.js';

export interface StationOptions {
  store: Store;
  lookup: CallsignLookup;
  settings: StationSettings;
  /** Persists settings changed by the operator (the config file). */
  saveSettings?: (settings: StationSettings) => Promise<void>;
  /** The station identity (callsign, operator, message, default reports) and where changes are saved. */
  identity?: StationIdentity;
  saveIdentity?: (identity: StationIdentity) => Promise<void>;
  clock?: Clock;
  log?: Logger;
  /**
   * How long the transports want between two queue_update events listing this many entries (their fan-out
   * budget); see queue-publisher.ts.
   */
  queueUpdateSpacingMs?: (listedEntries: number) => number;
  /** How many events the replay buffer keeps. */
  eventBufferSize?: number;
  /** Which callsigns are one operator for the cooldown and the duplicate check (default: the base call). */
  identityRule?: IdentityRule;
}

/** What the Station starts from: the data files read, checked and reconciled. */
export interface StationStart {
  loaded: LoadedState;
  queue: QueueState;
  qsos: QsoLog;
  current: CurrentQso | null;
  /** positions.db and the queues of the positions other than the default one. */
  positions: PositionsStart;
}

/** Reads the data files (the recent part of the QSO log only) and repairs what a crash left behind. */
export async function loadStationStart(opts: StationOptions): Promise<StationStart> {
  const log = opts.log ?? (() => undefined);
  const startedAt = (opts.clock ?? systemClock).now();
  const loaded = await loadState(opts.store, log, (cooldown, worked) =>
    recentCutoff(startedAt, opts.settings.workedWindowHours, cooldown, worked),
  );
  opts.store.releaseLoaded();
  const rule = opts.identityRule ?? DEFAULT_IDENTITY_RULE;
  const identity = (callsign: string): string => identityOf(callsign, rule);
  const positions = await loadPositions(opts.store, loaded.queue, identity, log);
  const queue = new QueueState(positions.defaultQueue, identity);
  const qsos = new QsoLog(loaded.qsos);
  const current = await reconcile(
    { current: loaded.current, queue, qsos, dropped: loaded.droppedQueue },
    opts.store,
    log,
  );
  // The same repairs at every other position (its current QSO is in its positions.db document).
  for (const other of positions.others) {
    const id = other.doc._id;
    other.start.current = await reconcileCurrent(
      { current: other.start.current, queue: other.queue, qsos },
      {
        clearCurrent: () => positions.file.putState(id, STATE_KEYS.currentQso, null),
        removeQueued: (entry) => opts.store.removeQueueEntries([entry]),
      },
      log,
      id,
    );
  }
  return { loaded, queue, qsos, current, positions };
}

/** What the assembled parts call back into the Station for. */
export interface StationHooks {
  /** Submits online lookup details as a command. */
  applyLookup(info: LookupInfo): Promise<void>;
  /** Whether the Station no longer takes commands. */
  closed(): boolean;
  /** Whether the Station is closing (reading the whole log stops). */
  closing: () => boolean;
}

/** The Station's parts, wired to each other: its state (position and station-wide) and its machinery. */
export interface StationParts {
  clock: Clock;
  log: Logger;
  exec: SerialExecutor;
  events: EventHub;
  ctx: CommandContext;
  wide: StationWideState;
  position: PositionState;
  wholeLog: WholeLogLoader;
  /** Asks the online lookups about a callsign; the answer comes back as an applyLookup command. */
  enrichLater: (callsign: string) => void;
  /** Every operating position (the default one first), with the caller rules across them. */
  camp: Camp<PositionState>;
  /** Each position's command context (its writes and events scoped to it). */
  contexts: Map<string, CommandContext>;
  /** Builds the live state of a position other than the default one (at start-up, or once created). */
  buildPosition: (id: string, start: StoredPositionStart) => PositionState;
}

/** Builds the Station's state and machinery from what was loaded; starts reading the whole QSO log. */
export function assembleStation(
  opts: StationOptions,
  start: StationStart,
  hooks: StationHooks,
): StationParts {
  const { loaded } = start;
  const { store, lookup } = opts;
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? (() => undefined);
  const exec = new SerialExecutor();
  const events = new EventHub(
    clock,
    Math.max(clock.now(), loaded.seq + 1),
    opts.eventBufferSize ?? 2048,
    (err) => log('error', `event listener failed: ${String(err)}`),
  );
  const now = (): number => clock.now();
  // The default position's events carry its id; station-wide ones go out as they are.
  const emit = emitFor(events, DEFAULT_POSITION_ID);
  const ctx: CommandContext = { store, now, emit };
  const wide = createStationWide(
    {
      ...loaded,
      qsos: start.qsos,
      settings: opts.settings,
      identity: opts.identity ?? DEFAULT_IDENTITY,
      identityRule: opts.identityRule ?? DEFAULT_IDENTITY_RULE,
    },
    ctx,
  );
  const enrichLater = (callsign: string): void => {
    lookup
      .enrich(callsign)
      .then(async (info) => {
        if (info && !hooks.closed()) await hooks.applyLookup(info);
      })
      .catch((err: unknown) => log('warn', `lookup of ${callsign} failed: ${String(err)}`));
  };
  const positionDeps = {
    wide,
    waitingCommands: () => exec.queued,
    fanoutSpacingMs: opts.queueUpdateSpacingMs,
    // the positions' queue updates share one fan-out budget (camp is built below, before any command runs)
    fanoutSharers: () => owingPublishers(camp),
    resolveNow: (callsign: string) => lookup.resolveNow(callsign),
    enrichLater,
    workedCallers: () => workedNow(wide, now()),
  };
  const position = createPosition(
    { ...loaded, queue: start.queue, current: start.current },
    { ...ctx, ...positionDeps },
  );
  const { file } = start.positions;
  const contexts = new Map<string, CommandContext>([[DEFAULT_POSITION_ID, ctx]]);
  const buildPosition = (id: string, from: StoredPositionStart, queue?: QueueState): PositionState => {
    const positionCtx = positionContext(ctx, events, file, id);
    contexts.set(id, positionCtx);
    return createPosition(
      { ...from, id, queue: queue ?? new QueueState([], (c) => identityOf(c, wide.identityRule)) },
      { ...positionCtx, ...positionDeps },
    );
  };
  const camp = new Camp(file, position, {
    worked: WorkedSlots.following(wide.qsos, wide.identityRule),
    rules: callerRulesOf(file, log),
  });
  for (const other of start.positions.others) {
    const { _id, name, created_at } = other.doc;
    camp.add({ id: _id, name, created_at }, buildPosition(_id, other.start, other.queue));
  }
  const wholeLog = new WholeLogLoader({
    file: store.qsoLog,
    wide,
    exclusive: (change) => exec.run(change),
    closing: hooks.closing,
    announceWorked: () => {
      const worked = workedNow(wide, now());
      emit('worked_callers_update', { worked_callers: worked, total: worked.length });
    },
    now,
    log,
  });
  return {
    clock,
    log,
    exec,
    events,
    ctx,
    wide,
    position,
    wholeLog,
    enrichLater,
    camp,
    contexts,
    buildPosition: (id, from) => buildPosition(id, from),
  };
}

/** How many positions owe a queue_update now (at least the one asking). */
function owingPublishers(camp: Camp<PositionState>): number {
  let owing = 0;
  for (const p of camp.all()) if (p.publisher.owing) owing += 1;
  return Math.max(1, owing);
}
