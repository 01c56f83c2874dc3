import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Ban, CooldownRule, CurrentQso, NoShowRule, QsoRecord } from '../../../shared/protocol/types.js';
import { DEFAULT_POSITION_ID } from '../../../shared/protocol/positions.js';
import { DEFAULT_NO_SHOW_RULE, noShowRuleSchema } from './no-show.js';
import type { Store, StoredQso, StoredQueueEntry } from '../store/store.js';
import type { QsoLog } from './qso-log.js';
import type { QueueState } from './queue.js';
import {
  STATE_KEYS,
  beamStateSchema,
  cooldownSchema,
  currentLeaveSchema,
  currentQsoSchema,
  type CurrentLeave,
  frequencyStateSchema,
  loggerIntegrationSchema,
  splitStateSchema,
  systemStateSchema,
  workedViewSchema,
  type BeamState,
  type LoggerIntegrationState,
  type StoredFrequency,
  type StoredSplit,
  type SystemState,
  type WorkedView,
} from './state-schemas.js';
import type { Logger } from './types.js';

/**
 * A stored QSO document as the log holds it: one literal with every field (absent ones null), so that all
 * records share one shape; an object spread here made each record twice the size (measured: 816 against 408
 * bytes).
 */
export function toRecord(stored: StoredQso): QsoRecord {
  return {
    id: stored._id ?? randomUUID(),
    callsign: stored.callsign,
    time_on: stored.time_on,
    time_off: stored.time_off,
    frequency: stored.frequency ?? null,
    band: stored.band ?? null,
    mode: stored.mode ?? null,
    submode: stored.submode ?? null,
    rx_frequency: stored.rx_frequency ?? null,
    source: stored.source,
    qrz: stored.qrz,
    rst_sent: stored.rst_sent ?? null,
    rst_rcvd: stored.rst_rcvd ?? null,
    operator: stored.operator ?? null,
    station_callsign: stored.station_callsign ?? null,
    name: stored.name ?? null,
    grid: stored.grid ?? null,
    tx_power: stored.tx_power ?? null,
    comment: stored.comment ?? null,
    logged_by: stored.logged_by ?? null,
    logger_id: stored.logger_id ?? null,
    position_id: stored.position_id ?? null,
  };
}

/**
 * How far back the QSOs read before the first request must reach: the worked window (or the window kept open
 * by update-ttl) and the cooldown, whichever is longer, with a minute to spare.
 */
export function recentCutoff(
  now: number,
  windowHours: number,
  cooldown: { time_period_minutes: number; enabled: boolean },
  worked: WorkedView,
): number {
  const windowMs = windowHours * 3_600_000;
  const resetAt = worked.ttl_reset_at ? Date.parse(worked.ttl_reset_at) : -Infinity;
  const from = Math.min(now - windowMs, resetAt + windowMs > now ? resetAt - windowMs : Infinity);
  const cooldownMs = cooldown.enabled ? cooldown.time_period_minutes * 60_000 : 0;
  return Math.min(from, now - cooldownMs) - 60_000;
}

/** Everything the Station starts from, read from the data files and checked. */
export interface LoadedState {
  system: SystemState;
  frequency: StoredFrequency;
  split: StoredSplit;
  beam: BeamState;
  cooldown: CooldownRule;
  logger: LoggerIntegrationState;
  worked: WorkedView;
  current: CurrentQso | null;
  /** The leave-secret hash of the current caller (STATE_KEYS.currentLeave). */
  currentLeave: CurrentLeave;
  noShow: NoShowRule;
  queue: StoredQueueEntry[];
  droppedQueue: StoredQueueEntry[];
  qsos: QsoRecord[];
  bans: Ban[];
  seq: number;
}

/** Reads the data files, reporting damaged ones and resetting invalid state to its defaults. */
export async function loadState(
  store: Store,
  log: Logger,
  cutoff: (cooldown: { time_period_minutes: number; enabled: boolean }, worked: WorkedView) => number = () =>
    -Infinity,
): Promise<LoadedState> {
  for (const r of store.recoveries) {
    log(
      'warn',
      `data file ${r.file} was damaged: ${r.badLines} unreadable line(s) dropped, ${r.keptLines} kept; the original is saved as ${r.savedAs}`,
    );
  }
  const state = await store.loadState();
  const pick = <S extends z.ZodType>(key: string, schema: S, fallback: z.infer<S>): z.infer<S> => {
    if (!state.has(key)) return fallback;
    const parsed = schema.safeParse(state.get(key));
    if (parsed.success) return parsed.data;
    log('warn', `stored state "${key}" is invalid and was reset to its default`);
    return fallback;
  };
  // A queue document without a callsign or order, or a second one for a callsign, cannot be shown: it is
  // dropped from the file at start-up (reconcile), so that it cannot come back later.
  const seen = new Set<string>();
  const uniqueQueue: StoredQueueEntry[] = [];
  const droppedQueue: StoredQueueEntry[] = [];
  for (const e of await store.loadQueue()) {
    // One entry per callsign and position (an operator may wait at several positions when the rules allow it).
    const key = `${e.position_id ?? ''} ${e.callsign}`;
    const usable = typeof e.callsign === 'string' && typeof e.order === 'number' && !seen.has(key);
    if (usable) {
      seen.add(key);
      uniqueQueue.push(e);
    } else droppedQueue.push(e);
  }
  // Only the recent part of the QSO log before the first request; the Station reads the rest in the background.
  const cooldownNow = pick(STATE_KEYS.cooldown, cooldownSchema, { time_period_minutes: 0, enabled: false });
  const workedNow = pick(STATE_KEYS.worked, workedViewSchema, { cleared_at: null, ttl_reset_at: null });
  const qsos = (await store.loadRecentQsos(cutoff(cooldownNow, workedNow))).map(toRecord);
  const seqValue = state.get(STATE_KEYS.seq);
  return {
    system: pick(STATE_KEYS.system, systemStateSchema, {
      active: false,
      paused: false,
      last_updated: null,
      updated_by: 'system',
    }),
    frequency: pick(STATE_KEYS.frequency, frequencyStateSchema, {
      frequency: null,
      band: null,
      mode: null,
      last_updated: null,
      updated_by: null,
    }),
    split: pick(STATE_KEYS.split, splitStateSchema, { split: null, last_updated: null, updated_by: null }),
    beam: pick(STATE_KEYS.beam, beamStateSchema, {
      beam_heading: null,
      beam_heading_visible: false,
      last_updated: null,
    }),
    cooldown: pick(STATE_KEYS.cooldown, cooldownSchema, { time_period_minutes: 0, enabled: false }),
    logger: pick(STATE_KEYS.logger, loggerIntegrationSchema, {
      enabled: false,
      last_updated: null,
      updated_by: null,
    }),
    worked: pick(STATE_KEYS.worked, workedViewSchema, { cleared_at: null, ttl_reset_at: null }),
    current: pick(STATE_KEYS.currentQso, currentQsoSchema, null),
    currentLeave: pick(STATE_KEYS.currentLeave, currentLeaveSchema, null),
    noShow: pick(STATE_KEYS.noShow, noShowRuleSchema, DEFAULT_NO_SHOW_RULE),
    queue: uniqueQueue,
    droppedQueue,
    qsos,
    bans: await store.loadBans(),
    seq: typeof seqValue === 'number' ? seqValue : 0,
  };
}

/**
 * Repairs what a crash between two writes of one command can leave behind: unusable or repeated queue
 * documents are removed, a current QSO already in the log is cleared, a caller both current and queued leaves
 * the queue. Returns the current QSO to start with.
 */
export async function reconcile(
  state: { current: CurrentQso | null; queue: QueueState; qsos: QsoLog; dropped: StoredQueueEntry[] },
  store: Store,
  log: Logger,
): Promise<CurrentQso | null> {
  const { dropped } = state;
  if (dropped.length > 0) {
    await store.removeQueueEntries(dropped);
    log(
      'warn',
      `start-up: removed ${dropped.length} unusable or repeated queue entr${dropped.length === 1 ? 'y' : 'ies'}`,
    );
  }
  return reconcileCurrent(
    state,
    {
      clearCurrent: () => store.putState(STATE_KEYS.currentQso, null),
      removeQueued: (entry) => store.removeQueueEntries([entry]),
    },
    log,
  );
}

/**
 * The current QSO of one position after a crash between two writes: one already in the log is cleared (its
 * `clearCurrent`), a caller both current and queued leaves the queue (`removeQueued`). Returns the current QSO
 * to start with. `label` is the position's id ("" for the default position): the QSO must have been logged there,
 * and the log lines name it.
 */
export async function reconcileCurrent(
  state: { current: CurrentQso | null; queue: QueueState; qsos: QsoLog },
  writes: { clearCurrent(): Promise<void>; removeQueued(entry: StoredQueueEntry): Promise<void> },
  log: Logger,
  label = '',
): Promise<CurrentQso | null> {
  const { queue } = state;
  const cur = state.current;
  if (!cur) return null;
  const at = label === '' ? '' : ` at position ${label}`;
  // logged at this position (a QSO without position_id is the default position's): the same caller may be
  // worked at two positions in the same millisecond
  const here = label === '' ? DEFAULT_POSITION_ID : label;
  const logged = state.qsos.all.some(
    (q) =>
      q.callsign === cur.callsign &&
      q.time_on === cur.timestamp &&
      (q.position_id ?? DEFAULT_POSITION_ID) === here,
  );
  if (logged) {
    await writes.clearCurrent();
    log('warn', `start-up: QSO with ${cur.callsign}${at} was already in the log; cleared it as current QSO`);
    return null;
  }
  const index = queue.indexOf(cur.callsign);
  if (index >= 0) {
    await writes.removeQueued(queue.at(index)!);
    queue.removeAt(index);
    log('warn', `start-up: ${cur.callsign}${at} was both current QSO and queued; removed it from the queue`);
  }
  return cur;
}
