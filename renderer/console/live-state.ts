/**
 * The console's copy of the station state. The public part is the one public-state reducer's
 * (shared/protocol/public-state.ts), kept in `station` with the operator's view written on top of it (the
 * unfiltered system state, current QSO and beam heading of the admin snapshot and `beam_update`); the flat
 * fields the components read are derived from it in `withStation`. The admin part (QSO log, bans, cooldown,
 * settings) is this module's own. Every payload is checked before use: an unexpected one is ignored.
 */
import { ADMIN_EVENTS } from '../../shared/protocol/events.js';
import {
  applyPublicEvent,
  applyPublicSnapshot,
  emptyPublicState,
  type PublicState,
} from '../../shared/protocol/public-state.js';
import type {
  Ban,
  CooldownRule,
  CurrentQso,
  FrequencyState,
  QsoRecord,
  QueueEntry,
  SplitState,
} from '../../shared/protocol/types.js';

export interface StationSettings {
  max_queue_size: number;
  worked_window_hours: number;
}

export interface LiveState {
  /** Seq of the last applied event or snapshot. */
  seq: number | null;
  /** The public state as this operator sees it; the fields below up to `averageQsoSeconds` are read from it. */
  station: PublicState;
  active: boolean;
  paused: boolean;
  frequency: FrequencyState;
  split: SplitState;
  beamHeading: number | null;
  beamVisible: boolean;
  currentQso: CurrentQso | null;
  queue: QueueEntry[];
  queueMax: number;
  workedTotal: number;
  qsosLastHour: number | null;
  averageQsoSeconds: number | null;
  /** Completed QSOs, newest first. */
  log: QsoRecord[];
  bans: Ban[];
  cooldown: CooldownRule | null;
  settings: StationSettings | null;
}

const EMPTY_STATION = emptyPublicState();

export const INITIAL_LIVE_STATE: LiveState = {
  seq: null,
  station: EMPTY_STATION,
  active: false,
  paused: false,
  frequency: EMPTY_STATION.frequency,
  split: EMPTY_STATION.split,
  beamHeading: null,
  beamVisible: false,
  currentQso: null,
  queue: [],
  queueMax: 0,
  workedTotal: 0,
  qsosLastHour: null,
  averageQsoSeconds: null,
  log: [],
  bans: [],
  cooldown: null,
  settings: null,
};

/** The state with a new public part: the flat fields of the parts that changed are read from it. */
function withStation(state: LiveState, station: PublicState): LiveState {
  const was = state.station;
  if (station === was) return state;
  const next: LiveState = { ...state, station };
  if (station.system !== was.system) {
    next.active = station.system.active;
    next.paused = station.system.paused;
  }
  if (station.frequency !== was.frequency) next.frequency = station.frequency;
  if (station.split !== was.split) next.split = station.split;
  if (station.beam_heading !== was.beam_heading) {
    next.beamHeading = station.beam_heading.beam_heading;
    next.beamVisible = station.beam_heading.beam_heading_visible;
  }
  if (station.current_qso !== was.current_qso) next.currentQso = station.current_qso;
  if (station.queue !== was.queue) {
    next.queue = station.queue.queue;
    next.queueMax = station.queue.max_size;
  }
  if (station.worked !== was.worked) next.workedTotal = station.worked.total;
  if (station.stats !== was.stats) {
    next.qsosLastHour = station.stats.qsos_last_hour;
    next.averageQsoSeconds = station.stats.average_qso_seconds;
  }
  return next;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function bansFrom(data: unknown): Ban[] | null {
  const list = isRecord(data) ? data.banned_callsigns : data;
  if (!Array.isArray(list)) return null;
  return list.filter((ban): ban is Ban => isRecord(ban) && typeof ban.callsign === 'string');
}

function isQsoRecord(value: unknown): value is QsoRecord {
  return isRecord(value) && typeof value.id === 'string' && typeof value.callsign === 'string';
}

function sortLog(log: QsoRecord[]): QsoRecord[] {
  return [...log].sort((a, b) => (a.time_off < b.time_off ? 1 : a.time_off > b.time_off ? -1 : 0));
}

function logFrom(state: LiveState, data: unknown): LiveState {
  if (!isRecord(data)) return state;
  if (data.action === 'deleted' && typeof data.id === 'string') {
    return { ...state, log: state.log.filter((qso) => qso.id !== data.id) };
  }
  if ((data.action === 'added' || data.action === 'updated') && isQsoRecord(data.qso)) {
    const qso = data.qso;
    return { ...state, log: sortLog([qso, ...state.log.filter((entry) => entry.id !== qso.id)]) };
  }
  return state;
}

function settingsFrom(data: unknown, fallback: StationSettings | null): StationSettings | null {
  if (!isRecord(data)) return fallback;
  const max = num(data.max_queue_size);
  const window = num(data.worked_window_hours);
  if (max === null || window === null) return fallback;
  return { max_queue_size: max, worked_window_hours: window };
}

function cooldownFrom(data: unknown, fallback: CooldownRule | null): CooldownRule | null {
  if (!isRecord(data)) return fallback;
  const minutes = num(data.time_period_minutes);
  if (minutes === null) return fallback;
  return { time_period_minutes: minutes, enabled: bool(data.enabled, minutes > 0) };
}

/** The admin events this state keeps (shared/protocol/events.ts names them): beam view, bans, cooldown, log, settings. */
const ADMIN_EVENT_REDUCERS: Partial<
  Record<(typeof ADMIN_EVENTS)[number], (state: LiveState, data: unknown) => LiveState>
> = {
  // the operator's own view: the heading even while callers do not see it
  beam_update: (state, data) =>
    withStation(state, applyPublicSnapshot(state.station, { beam_heading: data })),
  bans_update: (state, data) => ({ ...state, bans: bansFrom(data) ?? state.bans }),
  cooldown_rule_update: (state, data) => ({ ...state, cooldown: cooldownFrom(data, state.cooldown) }),
  qso_log_update: logFrom,
  settings_update: (state, data) => ({ ...state, settings: settingsFrom(data, state.settings) }),
};

function applyAdminEvent(state: LiveState, name: string, data: unknown): LiveState {
  const admin = ADMIN_EVENTS as readonly string[];
  const reducer = admin.includes(name)
    ? ADMIN_EVENT_REDUCERS[name as (typeof ADMIN_EVENTS)[number]]
    : undefined;
  return reducer ? reducer(state, data) : state;
}

/** Applies one event. Unknown events and malformed payloads leave the state as it was (apart from seq). */
export function applyEvent(state: LiveState, name: string, data: unknown, seq?: number): LiveState {
  const next = seq !== undefined ? { ...state, seq } : state;
  const station = applyPublicEvent(next.station, name, data, seq);
  return station !== next.station ? withStation(next, station) : applyAdminEvent(next, name, data);
}

/**
 * Replaces the state with a `state.snapshot` (the public snapshot plus the admin keys the server adds).
 * Keys the snapshot lacks keep their current value.
 */
export function applySnapshot(state: LiveState, snapshot: unknown): LiveState {
  if (!isRecord(snapshot)) return state;
  // An operator connection gets an `admin` section: the unfiltered system state and current QSO, bans, ...
  const admin = isRecord(snapshot.admin) ? snapshot.admin : snapshot;
  let station = applyPublicSnapshot(state.station, snapshot);
  if (admin !== snapshot) {
    const { system, current_qso, beam } = admin;
    station = applyPublicSnapshot(station, { system, current_qso, beam_heading: beam });
  }
  const next: LiveState = { ...withStation(state, station), seq: num(snapshot.seq) ?? state.seq };
  if ('bans' in admin) next.bans = bansFrom(admin.bans) ?? next.bans;
  if ('cooldown_rule' in admin) next.cooldown = cooldownFrom(admin.cooldown_rule, next.cooldown);
  if ('settings' in admin) next.settings = settingsFrom(admin.settings, next.settings);
  if (Array.isArray(admin.qso_log)) next.log = sortLog(admin.qso_log.filter(isQsoRecord));
  return next;
}

/** Index of a callsign in the queue, or -1. */
export function queueIndex(queue: readonly QueueEntry[], callsign: string | null): number {
  if (!callsign) return -1;
  return queue.findIndex((entry) => entry.callsign === callsign);
}

/**
 * Keeps a selection valid after the queue changed: the same caller if still queued, otherwise the caller now
 * at the old position (or the last one), or nothing for an empty queue.
 */
export function reconcileSelection(
  previousQueue: readonly QueueEntry[],
  queue: readonly QueueEntry[],
  selected: string | null,
): string | null {
  if (queue.length === 0) return null;
  if (selected && queueIndex(queue, selected) >= 0) return selected;
  const oldIndex = queueIndex(previousQueue, selected);
  const index = oldIndex < 0 ? 0 : Math.min(oldIndex, queue.length - 1);
  return queue[index]?.callsign ?? null;
}

/** Moves the selection by `delta` rows, clamped to the queue. */
export function moveSelection(
  queue: readonly QueueEntry[],
  selected: string | null,
  delta: number,
): string | null {
  if (queue.length === 0) return null;
  const index = queueIndex(queue, selected);
  const from = index < 0 ? (delta > 0 ? -1 : queue.length) : index;
  const to = Math.max(0, Math.min(queue.length - 1, from + delta));
  return queue[to]?.callsign ?? null;
}

/**
 * The part of a `state.snapshot` (asked with `{positions}`) that one operating position's console state is built
 * from: the default position's is the snapshot itself; another position's is its public state with its own admin
 * part (system, current QSO, beam) over the station-wide admin keys (bans, cooldown, settings, QSO log). Null when
 * the snapshot does not carry that position.
 */
export function snapshotAt(snapshot: unknown, positionId: string): unknown {
  if (positionId === 'default' || !isRecord(snapshot)) return snapshot;
  const entry = isRecord(snapshot.positions) ? snapshot.positions[positionId] : undefined;
  if (!isRecord(entry) || !isRecord(entry.public)) return null;
  const top = isRecord(snapshot.admin) ? snapshot.admin : {};
  const { system: _s, current_qso: _c, beam: _b, ...wide } = top;
  const own = isRecord(entry.admin) ? entry.admin : {};
  return { ...entry.public, seq: snapshot.seq, admin: { ...wide, ...own } };
}
