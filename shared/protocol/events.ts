import type {
  Ban,
  CallerLeft,
  CooldownRule,
  CurrentQso,
  FrequencyState,
  NoShowRule,
  QsoRecord,
  QueueUpdate,
  SplitState,
  StationIdentity,
  WorkedCaller,
} from './types.js';
import { DEFAULT_POSITION_ID, type CallerRulesInfo, type PositionView } from './positions.js';

/**
 * Every event the Station emits, with its payload. The names are the original's SSE event names, plus the
 * ones its later versions added. `public` events go to everyone (SSE, subscribed WebSocket clients);
 * `admin` events only to authenticated operator connections.
 */
export interface EventPayloads {
  queue_update: QueueUpdate;
  current_qso: CurrentQso | null;
  system_status: { active: boolean };
  queue_pause_update: { paused: boolean };
  frequency_update: FrequencyState;
  split_update: SplitState;
  worked_callers_update:
    | { worked_caller: WorkedCaller; total: number }
    | { worked_callers: WorkedCaller[]; total: number }
    | { removed_caller: string; total: number };
  beam_heading_update: { beam_heading: number | null };
  beam_heading_visibility_update: { beam_heading_visible: boolean };
  bans_update: { banned_callsigns: Ban[]; total: number };
  cooldown_rule_update: CooldownRule;
  qso_log_update:
    | { action: 'added'; qso: QsoRecord }
    | { action: 'updated'; qso: QsoRecord }
    | { action: 'deleted'; id: string };
  settings_update: { max_queue_size: number; worked_window_hours: number } & StationIdentity;
  /** The beam heading as the operator set it, shown to callers or not. */
  beam_update: { beam_heading: number | null; beam_heading_visible: boolean };
  /** A caller left the queue or the current QSO, and why (see CallerLeftReason). */
  caller_left: CallerLeft;
  no_show_rule_update: NoShowRule;
  /** A position was created or changed (`position`), or deleted (`position: null`). Protocol v2 only. */
  position_update: { position_id: string; position: PositionView | null };
  /** The caller rules across positions were changed (admin.set_caller_rules). */
  caller_rules_update: CallerRulesInfo;
}

export type StationEventName = keyof EventPayloads;

export const PUBLIC_EVENTS = [
  'queue_update',
  'current_qso',
  'system_status',
  'queue_pause_update',
  'frequency_update',
  'split_update',
  'worked_callers_update',
  'beam_heading_update',
  'beam_heading_visibility_update',
  'caller_left',
] as const satisfies readonly StationEventName[];

export const ADMIN_EVENTS = [
  'bans_update',
  'cooldown_rule_update',
  'qso_log_update',
  'settings_update',
  'beam_update',
  'no_show_rule_update',
  'caller_rules_update',
] as const satisfies readonly StationEventName[];

/**
 * Public events about operating positions that only protocol v2 carries (the original's protocols know one
 * station, the default position). Like every event that concerns a position other than the default one, they
 * travel with `position_id` on the event (see StationEvent).
 */
export const POSITION_EVENTS = ['position_update'] as const satisfies readonly StationEventName[];

/**
 * Events that concern one operating position (its queue, current QSO, system, radio); they carry the position's
 * id. The others concern the station as a whole (worked callers, QSO log, bans, cooldown, settings, no-show).
 */
export const POSITION_SCOPED_EVENTS = [
  'queue_update',
  'current_qso',
  'system_status',
  'queue_pause_update',
  'frequency_update',
  'split_update',
  'beam_heading_update',
  'beam_heading_visibility_update',
  'caller_left',
  'beam_update',
  'position_update',
] as const satisfies readonly StationEventName[];

export const ALL_EVENTS: readonly StationEventName[] = [
  ...PUBLIC_EVENTS,
  ...ADMIN_EVENTS,
  ...POSITION_EVENTS,
];

export type EventAudience = 'public' | 'admin';

export function audienceOf(name: StationEventName): EventAudience {
  return (PUBLIC_EVENTS as readonly string[]).includes(name) ||
    (POSITION_EVENTS as readonly string[]).includes(name)
    ? 'public'
    : 'admin';
}

/** Whether an event concerns the default position or the station as a whole (no other position). */
export function isDefaultPositionEvent(event: { position_id?: string }): boolean {
  return event.position_id === undefined || event.position_id === DEFAULT_POSITION_ID;
}

/**
 * Whether a public event is for the original's protocols (SSE, the relay, the legacy WebSocket): they know one
 * station, so they get the public events of the default position only, and no position_update.
 */
export function isOriginalPublicEvent(event: { name: StationEventName; position_id?: string }): boolean {
  return (PUBLIC_EVENTS as readonly string[]).includes(event.name) && isDefaultPositionEvent(event);
}

export interface StationEvent<N extends StationEventName = StationEventName> {
  seq: number;
  name: N;
  data: EventPayloads[N];
  timestamp: string;
  /**
   * The operating position the event concerns (`"default"` for the default position). Absent: the station as
   * a whole (worked callers, QSO log, bans, settings).
   */
  position_id?: string;
}

export type AnyStationEvent = { [N in StationEventName]: StationEvent<N> }[StationEventName];
