/**
 * Wire types shared by the server, the client SDK, the console and the caller page.
 * Field names follow the original Pileup Buster API so that existing clients keep working.
 * Every timestamp is an ISO 8601 UTC string ending in `Z`.
 */

/** Offline DXCC data resolved from cty.csv (added beside the original's `qrz` fields). */
export interface DxccInfo {
  /** Entity name as in cty.csv, e.g. "Fed. Rep. of Germany". */
  entity: string;
  /** ADIF DXCC entity number. */
  adif: number;
  /** Primary prefix of the entity, e.g. "DL". */
  prefix: string;
  continent: string;
  cq_zone: number;
  itu_zone: number;
  /** Degrees north positive. */
  lat: number;
  /** Degrees east positive (cty.csv stores west positive; the parser negates it). */
  lon: number;
  /** Hours from UTC, east positive (cty.csv stores west positive; the parser negates it). */
  utc_offset: number;
}

export interface GridInfo {
  lat: number | null;
  long: number | null;
  grid: string | null;
}

/**
 * Everything known about a callsign. Keeps the original's `qrz` object field names
 * (callsign, name, address, dxcc_name, image, grid, error) and adds the offline DXCC fields.
 */
export interface LookupInfo {
  callsign: string;
  name: string | null;
  address: string | null;
  dxcc_name: string | null;
  image: string | null;
  grid: GridInfo;
  error: string | null;
  /** Offline DXCC resolution, null when the prefix is unknown. */
  dxcc: DxccInfo | null;
  /** Where the details came from. */
  source: 'none' | 'dxcc' | 'qrz' | 'hamqth' | 'manual';
}

export interface QueueEntry {
  callsign: string;
  /** When the caller registered. */
  timestamp: string;
  /** 1-based place in the queue, always contiguous. */
  position: number;
  qrz: LookupInfo;
  /** Seconds since registration, one decimal. */
  time_in_queue: number;
}

export type QsoSource = 'queue' | 'queue_specific' | 'direct' | 'logging_software';

export interface CurrentQso {
  callsign: string;
  /** When the QSO started. */
  timestamp: string;
  qrz: LookupInfo;
  metadata: Record<string, unknown>;
}

/** One completed QSO in the log. Every completed QSO is kept. */
export interface QsoRecord {
  id: string;
  callsign: string;
  /** QSO start. */
  time_on: string;
  /** QSO end (when it was completed). */
  time_off: string;
  frequency: string | null;
  band: string | null;
  mode: string | null;
  source: string;
  qrz: LookupInfo;
  /** ADIF SUBMODE (USB, FT4...) when the mode has one. The fields below are absent in older records: null. */
  submode?: string | null;
  /** Split: the frequency we listened on (MHz text), taken at QSO start. */
  rx_frequency?: string | null;
  rst_sent?: string | null;
  rst_rcvd?: string | null;
  /** Who operated (ADIF OPERATOR) and the callsign used on air (STATION_CALLSIGN). */
  operator?: string | null;
  station_callsign?: string | null;
  /** The worked station's name and grid as logged (the logger's, else the lookup's). */
  name?: string | null;
  grid?: string | null;
  /** Transmit power in watts, as text. */
  tx_power?: string | null;
  comment?: string | null;
  /** Which path put the record into the log (`source` says how the QSO started). */
  logged_by?: QsoLoggedBy | null;
  /** The logger's own id for this QSO (N1MM+ `ID`), for later replace and delete. */
  logger_id?: string | null;
  /** The operating position that worked it (absent or null: the default position, or from before positions). */
  position_id?: string | null;
}

export type QsoLoggedBy = 'console' | 'http' | 'websocket' | 'wsjtx' | 'n1mm' | 'adif_import';

/** Signal reports for one kind of mode; null leaves the report empty. */
export interface ReportPair {
  sent: string | null;
  rcvd: string | null;
}

/** The station's identity as the operator set it (config.json, admin settings). */
export interface StationIdentity {
  station_callsign: string | null;
  operator: string | null;
  /** A short message for callers (caller page, /status), at most 140 characters. */
  station_message: string | null;
  default_reports: { cw: ReportPair; phone: ReportPair; digital: ReportPair };
}

/** The original's worked-caller entry: one per callsign within the worked-log window. */
export interface WorkedCaller {
  callsign: string;
  name: string | null;
  location: string | null;
  country: string | null;
  qrz_image: string | null;
  grid: GridInfo;
  worked_timestamp: string;
  first_worked: string;
  times_worked: number;
  band: string | null;
  mode: string | null;
  dxcc: DxccInfo | null;
}

export interface FrequencyState {
  frequency: string | null;
  band: string | null;
  mode: string | null;
  last_updated: string | null;
}

export interface SplitState {
  split: string | null;
  last_updated: string | null;
}

export interface Ban {
  callsign: string;
  reason: string | null;
  banned_by: string;
  banned_timestamp: string;
}

export interface CooldownRule {
  /** Minutes a worked callsign must wait before it may register again; 0 = off. */
  time_period_minutes: number;
  enabled: boolean;
}

export interface QueueUpdate {
  queue: QueueEntry[];
  total: number;
  max_size: number;
  system_active: boolean;
  /** Set on events when the queue is longer than the event lists (1,000 entries); `total` counts them all. */
  truncated?: boolean;
}

/**
 * Why a caller left the queue or the current QSO (the `caller_left` event):
 * `worked` their QSO is in the log (from any source); `cancelled` the operator cancelled their QSO (not logged);
 * `removed` the operator took them off the queue; `cleared` the operator emptied the queue; `off_air` the
 * station went off the air; `banned` the callsign was banned; `left` the caller left by themselves
 * (`queue.leave`); `no_show` they did not answer the station's calls (the no-show rule).
 */
export type CallerLeftReason =
  'worked' | 'cancelled' | 'removed' | 'cleared' | 'off_air' | 'banned' | 'left' | 'no_show';

/** The logged QSO a `worked` notice refers to, as callers may see it. */
export interface LoggedQsoSummary {
  id: string;
  callsign: string;
  time_on: string;
  time_off: string;
  frequency: string | null;
  band: string | null;
  mode: string | null;
}

export interface CallerLeft {
  /** Every callsign this applies to (one, or a whole queue for `cleared` and `off_air`). */
  callsigns: string[];
  reason: CallerLeftReason;
  /** Whether these callers may register again right away. */
  rejoin: boolean;
  /** For `worked`: the QSO as logged. */
  qso: LoggedQsoSummary | null;
  /** For `no_show` with the move-back rule: the caller's new place in the queue (1-based); otherwise null. */
  position: number | null;
  /** For `worked` while the cooldown rule holds the callsign: seconds until it may register again; else null. */
  retry_after_s: number | null;
}

/** The no-show rule: after `calls` calls without an answer, drop the caller or move them back `places`. */
export interface NoShowRule {
  calls: number;
  action: 'drop' | 'move_back';
  places: number;
}
