/**
 * The console's copy of the station state, and the pure reducers that apply the server's snapshot and events
 * to it. Events come from our own server's typed event hub (shared/protocol/events.ts); the reducers still
 * check the shape of what they read so that an unexpected payload is ignored rather than crashing the UI.
 */
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
  /** Completed QSOs, newest first. */
  log: QsoRecord[];
  bans: Ban[];
  cooldown: CooldownRule | null;
  settings: StationSettings | null;
  qsosLastHour: number | null;
  averageQsoSeconds: number | null;
}

export const INITIAL_LIVE_STATE: LiveState = {
  seq: null,
  active: false,
  paused: false,
  frequency: { frequency: null, band: null, mode: null, last_updated: null },
  split: { split: null, last_updated: null },
  beamHeading: null,
  beamVisible: false,
  currentQso: null,
  queue: [],
  queueMax: 0,
  workedTotal: 0,
  log: [],
  bans: [],
  cooldown: null,
  settings: null,
  qsosLastHour: null,
  averageQsoSeconds: null,
};

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

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function asQso(value: unknown): CurrentQso | null {
  return isRecord(value) && typeof value.callsign === 'string' ? (value as unknown as CurrentQso) : null;
}

/** `current_qso` data is the QSO itself (SSE) or `{current_qso}` (protocol v2 wraps non-objects). */
function currentQsoFrom(data: unknown): CurrentQso | null {
  if (isRecord(data) && 'current_qso' in data) return asQso(data.current_qso);
  return asQso(data);
}

function queueFrom(state: LiveState, data: unknown): LiveState {
  if (!isRecord(data) || !Array.isArray(data.queue)) return state;
  const queue = (data.queue as unknown[]).filter(
    (entry): entry is QueueEntry => isRecord(entry) && typeof entry.callsign === 'string',
  );
  return {
    ...state,
    queue,
    queueMax: num(data.max_size) ?? state.queueMax,
    active: bool(data.system_active, state.active),
  };
}

function frequencyFrom(data: unknown, fallback: FrequencyState): FrequencyState {
  if (!isRecord(data)) return fallback;
  return {
    frequency: str(data.frequency),
    band: str(data.band),
    mode: str(data.mode),
    last_updated: str(data.last_updated),
  };
}

function splitFrom(data: unknown, fallback: SplitState): SplitState {
  if (!isRecord(data)) return fallback;
  return { split: str(data.split), last_updated: str(data.last_updated) };
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

/** Applies one event. Unknown events and malformed payloads leave the state as it was (apart from seq). */
export function applyEvent(state: LiveState, name: string, data: unknown, seq?: number): LiveState {
  const next = seq !== undefined ? { ...state, seq } : state;
  const record = isRecord(data) ? data : {};
  switch (name) {
    case 'queue_update':
      return queueFrom(next, data);
    case 'current_qso':
      return { ...next, currentQso: currentQsoFrom(data) };
    case 'system_status':
      return { ...next, active: bool(record.active, next.active) };
    case 'queue_pause_update':
      return { ...next, paused: bool(record.paused, next.paused) };
    case 'frequency_update':
      return { ...next, frequency: frequencyFrom(data, next.frequency) };
    case 'split_update':
      return { ...next, split: splitFrom(data, next.split) };
    case 'worked_callers_update':
      return { ...next, workedTotal: num(record.total) ?? next.workedTotal };
    case 'beam_heading_update':
      return { ...next, beamHeading: 'beam_heading' in record ? num(record.beam_heading) : next.beamHeading };
    case 'beam_heading_visibility_update':
      return { ...next, beamVisible: bool(record.beam_heading_visible, next.beamVisible) };
    case 'beam_update':
      // the operator's own view: the heading even while callers do not see it
      return {
        ...next,
        beamHeading: 'beam_heading' in record ? num(record.beam_heading) : next.beamHeading,
        beamVisible: bool(record.beam_heading_visible, next.beamVisible),
      };
    case 'bans_update':
      return { ...next, bans: bansFrom(data) ?? next.bans };
    case 'cooldown_rule_update':
      return { ...next, cooldown: cooldownFrom(data, next.cooldown) };
    case 'qso_log_update':
      return logFrom(next, data);
    case 'settings_update':
      return { ...next, settings: settingsFrom(data, next.settings) };
    default:
      return next;
  }
}

/**
 * Replaces the state with a `state.snapshot` (the public snapshot plus the admin keys the server adds).
 * Keys the snapshot lacks keep their current value.
 */
export function applySnapshot(state: LiveState, snapshot: unknown): LiveState {
  if (!isRecord(snapshot)) return state;
  let next: LiveState = { ...state, seq: num(snapshot.seq) ?? state.seq };
  if (isRecord(snapshot.system)) {
    next.active = bool(snapshot.system.active, next.active);
    next.paused = bool(snapshot.system.paused, next.paused);
  }
  if ('frequency' in snapshot) next.frequency = frequencyFrom(snapshot.frequency, next.frequency);
  if ('split' in snapshot) next.split = splitFrom(snapshot.split, next.split);
  if (isRecord(snapshot.beam_heading)) {
    next.beamHeading = num(snapshot.beam_heading.beam_heading);
    next.beamVisible = bool(snapshot.beam_heading.beam_heading_visible, next.beamVisible);
  }
  if ('current_qso' in snapshot) next.currentQso = asQso(snapshot.current_qso);
  if ('queue' in snapshot) next = queueFrom(next, snapshot.queue);
  if (isRecord(snapshot.worked)) next.workedTotal = num(snapshot.worked.total) ?? next.workedTotal;
  if (isRecord(snapshot.stats)) {
    next.qsosLastHour = num(snapshot.stats.qsos_last_hour);
    next.averageQsoSeconds = num(snapshot.stats.average_qso_seconds);
  }
  // An operator connection gets an `admin` section: the unfiltered system state and current QSO, bans, ...
  const admin = isRecord(snapshot.admin) ? snapshot.admin : snapshot;
  if (isRecord(admin.system) && admin !== snapshot) {
    next.active = bool(admin.system.active, next.active);
    next.paused = bool(admin.system.paused, next.paused);
  }
  if (admin !== snapshot && 'current_qso' in admin) next.currentQso = asQso(admin.current_qso);
  if ('bans' in admin) next.bans = bansFrom(admin.bans) ?? next.bans;
  if ('cooldown_rule' in admin) next.cooldown = cooldownFrom(admin.cooldown_rule, next.cooldown);
  if ('settings' in admin) next.settings = settingsFrom(admin.settings, next.settings);
  if (admin !== snapshot && isRecord(admin.beam)) {
    next.beamHeading = num(admin.beam.beam_heading);
    next.beamVisible = bool(admin.beam.beam_heading_visible, next.beamVisible);
  }
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
