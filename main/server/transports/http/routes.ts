import type { ServerResponse } from 'node:http';
import type { ParsedUrlQuery } from 'node:querystring';

export type Method = 'GET' | 'POST' | 'DELETE' | 'PATCH';

/** What a route's input is taken from: path parameters (decoded), the query string and the JSON body. */
export interface ApiRequest {
  params: { callsign?: string; id?: string };
  query: ParsedUrlQuery;
  body: unknown;
}

/**
 * The HTTP adapter's table: each route names an operation of the operations table and says where its input
 * comes from. Paths are the original's, matched without regard to case or a trailing slash; `*callsign` is
 * the rest of the path, so callsigns containing `/` work encoded or not; `:id` is one path segment.
 */
export interface Route {
  method: Method;
  path: string;
  operation: string;
  input?: (req: ApiRequest) => unknown;
  /** Writes the answer itself (a file download) instead of the operation's result as JSON. */
  send?: (res: ServerResponse, output: unknown) => void;
  /** A larger JSON body than the API's 16 KiB (read only after authentication). */
  maxBodyBytes?: number;
}

/** Where a route's input comes from, for the route tables (this one and the subsystems'). */
export const body = (req: ApiRequest): unknown => req.body;
export const callsign = (req: ApiRequest): unknown => ({ callsign: req.params.callsign ?? '' });
export const query = (req: ApiRequest): unknown => ({ ...req.query });
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The core's routes. Subsystems declare theirs in their own `routes.ts`; the composition root hands them over
 * (`registerRoutes`), after these.
 */
const coreRoutes: Route[] = [
  // public queue
  { method: 'GET', path: '/api/queue/status', operation: 'public.get_status' },
  { method: 'POST', path: '/api/queue/register', operation: 'queue.register', input: body },
  { method: 'POST', path: '/api/queue/register-manual', operation: 'queue.register_manual', input: body },
  { method: 'POST', path: '/api/queue/leave', operation: 'queue.leave', input: body },
  {
    method: 'GET',
    path: '/api/queue/status/*callsign',
    operation: 'queue.get_status',
    input: (req) => ({ ...req.query, callsign: req.params.callsign ?? '' }),
  },
  { method: 'GET', path: '/api/queue/list', operation: 'queue.list' },
  { method: 'GET', path: '/api/queue/current', operation: 'queue.get_current' },
  // public info
  { method: 'GET', path: '/api/public/status', operation: 'public.get_status' },
  { method: 'GET', path: '/api/public/frequency', operation: 'public.get_frequency' },
  { method: 'GET', path: '/api/public/split', operation: 'public.get_split' },
  { method: 'GET', path: '/api/public/worked-callers', operation: 'public.get_worked_callers' },
  { method: 'GET', path: '/api/public/previous-qsos', operation: 'public.get_previous_qsos', input: query },
  { method: 'GET', path: '/api/public/queue-pause', operation: 'public.get_queue_pause' },
  { method: 'GET', path: '/api/public/config', operation: 'public.get_config' },
  { method: 'GET', path: '/api/public/beam-heading', operation: 'public.get_beam_heading' },
  {
    method: 'GET',
    path: '/api/public/beam-heading-visibility',
    operation: 'public.get_beam_heading_visibility',
  },
  { method: 'GET', path: '/api/public/state', operation: 'public.get_state' },
  // operating positions (docs/positions.md)
  { method: 'GET', path: '/api/positions', operation: 'positions.list', input: query },
  {
    method: 'GET',
    path: '/api/positions/queue/:id',
    operation: 'positions.get_queue',
    input: (req) => ({ position_id: req.params.id ?? '' }),
  },
  {
    method: 'GET',
    path: '/api/positions/:id/state',
    operation: 'positions.get_state',
    input: (req) => ({ position_id: req.params.id ?? '' }),
  },
  // admin: queue and QSO
  { method: 'GET', path: '/api/admin/queue', operation: 'admin.get_queue' },
  { method: 'POST', path: '/api/admin/queue/clear', operation: 'admin.clear_queue' },
  { method: 'POST', path: '/api/admin/queue/next', operation: 'admin.next_qso' },
  {
    method: 'POST',
    path: '/api/admin/queue/work/*callsign',
    operation: 'admin.work_callsign',
    input: callsign,
  },
  {
    method: 'DELETE',
    path: '/api/admin/queue/*callsign',
    operation: 'admin.remove_callsign',
    input: callsign,
  },
  { method: 'POST', path: '/api/admin/qso/complete', operation: 'admin.complete_qso' },
  { method: 'POST', path: '/api/admin/qso/cancel', operation: 'admin.cancel_qso' },
  { method: 'POST', path: '/api/admin/qso/call-again', operation: 'admin.call_again' },
  { method: 'POST', path: '/api/admin/qso/no-answer', operation: 'admin.no_answer' },
  { method: 'GET', path: '/api/admin/no-show-rule', operation: 'admin.get_no_show_rule' },
  { method: 'POST', path: '/api/admin/no-show-rule', operation: 'admin.set_no_show_rule', input: body },
  { method: 'POST', path: '/api/admin/qso/start', operation: 'admin.start_qso', input: body },
  { method: 'POST', path: '/api/admin/qso/logging-direct', operation: 'admin.logging_direct', input: body },
  { method: 'GET', path: '/api/admin/current', operation: 'admin.get_current_qso' },
  // admin: station
  { method: 'GET', path: '/api/admin/ping', operation: 'admin.ping' },
  { method: 'GET', path: '/api/admin/status', operation: 'admin.get_system_status' },
  { method: 'POST', path: '/api/admin/status', operation: 'admin.set_system_status', input: body },
  { method: 'GET', path: '/api/admin/queue-pause', operation: 'admin.get_queue_pause' },
  { method: 'POST', path: '/api/admin/queue-pause', operation: 'admin.set_queue_pause', input: body },
  { method: 'GET', path: '/api/admin/frequency', operation: 'public.get_frequency' },
  { method: 'POST', path: '/api/admin/frequency', operation: 'admin.set_frequency', input: body },
  { method: 'DELETE', path: '/api/admin/frequency', operation: 'admin.delete_frequency' },
  { method: 'POST', path: '/api/admin/split', operation: 'admin.set_split', input: body },
  { method: 'DELETE', path: '/api/admin/split', operation: 'admin.delete_split' },
  { method: 'GET', path: '/api/admin/beam-heading', operation: 'admin.get_beam_heading' },
  { method: 'POST', path: '/api/admin/beam-heading', operation: 'admin.set_beam_heading', input: body },
  { method: 'DELETE', path: '/api/admin/beam-heading', operation: 'admin.delete_beam_heading' },
  {
    method: 'GET',
    path: '/api/admin/beam-heading-visibility',
    operation: 'admin.get_beam_heading_visibility',
  },
  {
    method: 'POST',
    path: '/api/admin/beam-heading-visibility',
    operation: 'admin.set_beam_heading_visibility',
    input: body,
  },
  { method: 'GET', path: '/api/admin/logger-integration', operation: 'admin.get_logger_integration' },
  {
    method: 'POST',
    path: '/api/admin/logger-integration',
    operation: 'admin.set_logger_integration',
    input: body,
  },
  { method: 'GET', path: '/api/admin/connect-info', operation: 'admin.get_connect_info' },
  // admin: worked log and QSO log
  { method: 'GET', path: '/api/admin/worked-callers', operation: 'admin.get_worked_callers' },
  { method: 'POST', path: '/api/admin/worked-callers/clear', operation: 'admin.clear_worked_callers' },
  { method: 'GET', path: '/api/admin/worked-callers/ttl-info', operation: 'admin.get_worked_ttl_info' },
  { method: 'POST', path: '/api/admin/worked-callers/update-ttl', operation: 'admin.update_worked_ttl' },
  { method: 'GET', path: '/api/admin/qsos', operation: 'admin.get_qsos', input: query },
  {
    method: 'DELETE',
    path: '/api/admin/qsos/:id',
    operation: 'admin.delete_qso',
    input: (req) => ({ id: req.params.id }),
  },
  {
    method: 'PATCH',
    path: '/api/admin/qsos/:id',
    operation: 'admin.update_qso',
    input: (req) => ({ ...(isObject(req.body) ? req.body : {}), id: req.params.id }),
  },
  { method: 'POST', path: '/api/admin/undo', operation: 'admin.undo', input: body },
  // admin: bans and cooldown
  { method: 'GET', path: '/api/admin/banned-callsigns', operation: 'admin.list_bans' },
  { method: 'POST', path: '/api/admin/banned-callsigns', operation: 'admin.ban_callsign', input: body },
  { method: 'POST', path: '/api/admin/banned-callsigns/clear', operation: 'admin.clear_bans' },
  {
    method: 'POST',
    path: '/api/admin/banned-callsigns/ban-from-queue/*callsign',
    operation: 'admin.ban_from_queue',
    input: (req) => ({
      ...(typeof req.body === 'object' && req.body !== null ? req.body : {}),
      callsign: req.params.callsign ?? '',
    }),
  },
  {
    method: 'DELETE',
    path: '/api/admin/banned-callsigns/*callsign',
    operation: 'admin.unban_callsign',
    input: callsign,
  },
  { method: 'GET', path: '/api/admin/rate-limit', operation: 'admin.get_cooldown_rule' },
  { method: 'POST', path: '/api/admin/rate-limit', operation: 'admin.set_cooldown_rule', input: body },
  {
    method: 'GET',
    path: '/api/admin/rate-limit/check/*callsign',
    operation: 'admin.check_cooldown',
    input: callsign,
  },
  // admin: settings
  { method: 'GET', path: '/api/admin/settings', operation: 'admin.get_settings' },
  { method: 'POST', path: '/api/admin/settings', operation: 'admin.set_settings', input: body },
  { method: 'POST', path: '/api/admin/password', operation: 'admin.change_password', input: body },
];

const table: Route[] = [...coreRoutes];

/** Every route served: the core's, then those the subsystems handed over. */
export const ROUTES: readonly Route[] = table;

/**
 * Adds a subsystem's routes. Handing over the same route again changes nothing (every server started in one
 * process hands over the same ones); another route for a method and path already taken is refused.
 */
export function registerRoutes(routes: readonly Route[]): void {
  for (const route of routes) {
    if (table.includes(route)) continue;
    const key = `${route.method} ${route.path.toLowerCase()}`;
    if (table.some((r) => `${r.method} ${r.path.toLowerCase()}` === key)) {
      throw new Error(`route ${route.method} ${route.path} is declared twice`);
    }
    table.push(route);
  }
}
