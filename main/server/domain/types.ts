import type { QsoLogDetails } from './qso-record.js';
import type { QsoLoggedBy } from '../../../shared/protocol/types.js';
import type { CurrentQso, LookupInfo, QsoRecord, QueueEntry } from '../../../shared/protocol/types.js';
import type { EventPayloads, StationEventName } from '../../../shared/protocol/events.js';
import type { Store } from '../store/store.js';

/**
 * What the Station needs from callsign intelligence (the lookup subsystem provides it). Implementations never
 * block a registration: `resolveNow` is offline and synchronous (DXCC from cty.csv); `enrich` goes online
 * (QRZ.com, HamQTH) and settles later. `enrich` never rejects: failures resolve to null (and are reported
 * through the service's own status).
 */
export interface CallsignLookup {
  resolveNow(callsign: string): LookupInfo;
  enrich(callsign: string): Promise<LookupInfo | null>;
  close?(): Promise<void>;
}

/** The operator settings the Station applies (the config file keeps them). */
export interface StationSettings {
  maxQueueSize: number;
  workedWindowHours: number;
}

export type Logger = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface RegisterInput {
  callsign: string;
  manual?: { name: string; location: string; country: string };
  /** Hash of the secret that lets this caller leave the queue (`queue.leave`). */
  secretHash?: string;
  /** The operating position whose queue to join (the default one when absent). */
  positionId?: string;
}

/** What "call again" / "no answer" did (the no-show rule). */
export type NoShowOutcome =
  | { kind: 'called'; callsign: string; calls: number }
  | { kind: 'dropped'; callsign: string; calls: number }
  | { kind: 'moved_back'; callsign: string; calls: number; position: number };

export type RegisterResult =
  { kind: 'registered'; entry: QueueEntry } | { kind: 'requires_manual_data'; callsign: string };

export interface CompleteDetails {
  /** Complete only when the current QSO is with this callsign (checked inside the command, so no race). */
  ifCallsign?: string;
  time_off?: string;
  frequency?: string | null;
  band?: string | null;
  mode?: string | null;
  /** What the source knows beyond the radio (reports, name, grid, logger id...). */
  log?: QsoLogDetails;
}

export interface StartQsoInput {
  callsign: string;
  frequency_mhz?: number | null;
  mode?: string | null;
  /** How the QSO came about; recorded in metadata. */
  started_via: 'operator' | 'logging_software';
  extraMetadata?: Record<string, unknown>;
  /** Which path logs the QSO this one replaces (`logged_by` of the completed record). */
  logged_by?: QsoLoggedBy;
}

export interface RecordQsoInput {
  callsign: string;
  time_on: string;
  time_off: string;
  frequency: string | null;
  band: string | null;
  mode: string | null;
  source: string;
  qrz?: LookupInfo;
  metadata?: Record<string, unknown>;
  /** What the source knows beyond the radio (reports, name, grid, logged_by, logger id...). */
  details?: QsoLogDetails;
}

/** A correction of a logged QSO: the fields given replace the record's. */
export type QsoPatch = Partial<Omit<RecordQsoInput, 'qrz' | 'metadata' | 'details'>> & QsoLogDetails;

export interface WorkResult {
  completed: QsoRecord | null;
  current: CurrentQso | null;
  taken: QueueEntry | null;
  remaining: number;
}

/** The answer of a cooldown check for one callsign. */
export interface CooldownCheck {
  callsign: string;
  can_register: boolean;
  time_period_minutes: number;
  enabled: boolean;
  last_worked: string | null;
  remaining_seconds: number;
  remaining_minutes: number;
}

/** Writes one singleton of state.db (system, frequency, split, beam, cooldown, ...). */
export type PutState = (key: string, value: unknown) => Promise<void>;

/** Announces a state change to every subscriber (the Station's event hub). */
export type Emit = <N extends StationEventName>(name: N, data: EventPayloads[N]) => void;

/** What a command's logic is handed to write, tell the time and announce; it runs inside a Station command. */
export interface CommandContext {
  store: Store;
  now: () => number;
  emit: Emit;
}
