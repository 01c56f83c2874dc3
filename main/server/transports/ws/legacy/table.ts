/**
 * Protocol A's message types mapped onto the operations table: for each type, the input it reads (top-level
 * fields), the operation(s) it runs, and the reply (`message`, `data`) the original sends. Reference: the
 * original's `backend/app/websocket_handlers.py`, as described in docs/websocket-api.md. Where the original is broken
 * (admin_work_next, admin_update_worked_callers_ttl) or lacks a documented type (auth_logout, admin_get_status,
 * admin_get_current_qso, admin_send_qso, admin_clear_queue), this does what was meant.
 */
import type { Station } from '../../../domain/station.js';
import type { OperationName, OperationTypes } from '../../../operations/table.js';
import { isOpError } from '../../../util/errors.js';
import { qsoUpdateFrame, ttlUpdateFrame, type LegacyErrorCode, type LegacyFrame } from './frames.js';
import type { LegacyMessage } from './classify.js';

/** What a table entry may do, provided by the connection. */
export interface LegacyCall {
  /**
   * Runs an operation of the table as this request's caller (admin for admin_* types). Its result is typed by
   * the table, so the entries below read it without parsing it again.
   */
  run<K extends OperationName>(
    operation: K,
    input: OperationTypes[K]['input'],
  ): Promise<OperationTypes[K]['result']>;
  station: Station;
  /** Sends a frame to every Protocol A connection (broadcasts that only this protocol has). */
  broadcast(frame: LegacyFrame): void;
  /** Revokes a session token (the message's, else the connection's own); false when there was none. */
  logout(token: string | null): boolean;
  now(): string;
}

export interface LegacyReply {
  message: string;
  data: unknown;
}

export interface LegacyEntry {
  /** The operations of the table it maps onto (documentation and the docs test). */
  operations: readonly string[];
  /** The SYSTEM_ERROR text when something unexpected fails. */
  failure: string;
  handle(msg: LegacyMessage, call: LegacyCall): Promise<LegacyReply>;
}

/** A refusal with a Protocol A code, raised by the adapter itself. */
export class LegacyError extends Error {
  constructor(
    readonly code: LegacyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LegacyError';
  }
}

const required = (what: string) => new LegacyError('INVALID_REQUEST', `${what} is required`);

/** A required text field: falsy → "<What> is required"; numbers are taken as their text. */
function textField(msg: LegacyMessage, key: string, what: string): string {
  const v = msg[key];
  if (!v) throw required(what);
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw new LegacyError('INVALID_REQUEST', `${what} must be text`);
}

type QueueView = { queue: unknown[]; total: number; max_size: number; system_active: boolean };
const queueView = (q: QueueView): QueueView => ({
  queue: q.queue,
  total: q.total,
  max_size: q.max_size,
  system_active: q.system_active,
});

function startQsoInput(msg: LegacyMessage, callsign: string): OperationTypes['admin.start_qso']['input'] {
  // The original's protocol is spoken by logging software (PBLog, Qt clients).
  const input: OperationTypes['admin.start_qso']['input'] = { callsign, started_via: 'logging_software' };
  const f = typeof msg.frequency_mhz === 'string' ? Number(msg.frequency_mhz) : msg.frequency_mhz;
  if (typeof f === 'number' && Number.isFinite(f) && f > 0) input.frequency_mhz = f;
  if (typeof msg.mode === 'string' && msg.mode !== '') input.mode = msg.mode.slice(0, 16);
  return input;
}

const startQso: LegacyEntry = {
  operations: ['admin.start_qso'],
  failure: 'Failed to start QSO',
  handle: async (msg, call) => {
    const callsign = textField(msg, 'callsign', 'Callsign');
    const r = await call.run('admin.start_qso', startQsoInput(msg, callsign));
    const cs = r.current_qso?.callsign ?? callsign.toUpperCase();
    return { message: `Started QSO with ${cs}`, data: { current_qso: r.current_qso } };
  },
};

export const LEGACY_PUBLIC: Readonly<Record<string, LegacyEntry>> = {
  register_callsign: {
    operations: ['queue.register'],
    failure: 'Failed to register callsign',
    handle: async (msg, call) => {
      const callsign = textField(msg, 'callsign', 'Callsign');
      // The original checks the system state before the callsign's format.
      if (!call.station.isActive()) throw new LegacyError('SYSTEM_INACTIVE', 'System is currently inactive');
      const r = await call.run('queue.register', { callsign });
      if ('requires_manual_data' in r) throw new LegacyError('INVALID_REQUEST', r.message);
      return { message: `Callsign ${r.entry.callsign} registered successfully`, data: { entry: r.entry } };
    },
  },
  get_queue_status: {
    operations: ['queue.list'],
    failure: 'Failed to retrieve queue status',
    handle: async (_msg, call) => ({
      message: 'Queue status retrieved',
      data: queueView(await call.run('queue.list', {})),
    }),
  },
  get_current_qso: {
    operations: ['queue.get_current'],
    failure: 'Failed to retrieve current QSO',
    handle: async (_msg, call) => ({
      message: 'Current QSO retrieved',
      data: { current_qso: (await call.run('queue.get_current', {})) ?? null },
    }),
  },
  auth_logout: {
    operations: ['auth.logout'],
    failure: 'Failed to log out',
    handle: async (msg, call) => {
      const token =
        typeof msg.session_token === 'string' && msg.session_token !== '' ? msg.session_token : null;
      const revoked = call.logout(token);
      return {
        message: revoked ? 'Logged out successfully' : 'No session to log out',
        data: { logged_out: revoked },
      };
    },
  },
};

export const LEGACY_ADMIN: Readonly<Record<string, LegacyEntry>> = {
  admin_ping: {
    operations: ['admin.ping'],
    failure: 'Failed to process ping request',
    handle: async (_msg, call) => {
      await call.run('admin.ping', {});
      return {
        message: 'pong',
        data: { server_time: call.now(), authenticated: true, ping_type: 'admin_authenticated' },
      };
    },
  },
  admin_get_queue: {
    operations: ['admin.get_queue'],
    failure: 'Failed to retrieve queue',
    handle: async (_msg, call) => ({
      message: 'Queue retrieved successfully',
      data: queueView(await call.run('admin.get_queue', {})),
    }),
  },
  admin_complete_qso: {
    operations: ['admin.complete_qso'],
    failure: 'Failed to complete QSO',
    handle: async (_msg, call) => {
      const r = await call.run('admin.complete_qso', {});
      // The original announces "no QSO" even when there was none to complete.
      if (!r.cleared_qso) call.broadcast(qsoUpdateFrame(call.now(), null));
      return { message: 'QSO completed successfully', data: null };
    },
  },
  admin_cancel_qso: {
    operations: ['admin.cancel_qso'],
    failure: 'Failed to cancel QSO',
    handle: async (_msg, call) => {
      const r = await call.run('admin.cancel_qso', {});
      if (!r.cancelled_qso) call.broadcast(qsoUpdateFrame(call.now(), null));
      return { message: r.message, data: { cancelled_qso: r.cancelled_qso ?? null } };
    },
  },
  admin_work_next: {
    operations: ['admin.next_qso'],
    failure: 'Failed to work next user',
    handle: async (_msg, call) => {
      if (call.station.getQueue().length === 0) throw new LegacyError('INVALID_REQUEST', 'No users in queue');
      const r = await call.run('admin.next_qso', {});
      if (!r.current_qso) throw new LegacyError('INVALID_REQUEST', 'No users in queue');
      return { message: `Now working ${r.current_qso.callsign}`, data: { current_qso: r.current_qso } };
    },
  },
  admin_work_specific: {
    operations: ['admin.work_callsign'],
    failure: 'Failed to work specific callsign',
    handle: async (msg, call) => {
      const callsign = textField(msg, 'callsign', 'Callsign');
      const upper = callsign.toUpperCase();
      let r: OperationTypes['admin.work_callsign']['result'];
      try {
        r = await call.run('admin.work_callsign', { callsign });
      } catch (err) {
        if (isOpError(err) && (err.code === 'NOT_FOUND' || err.code === 'INVALID_CALLSIGN')) {
          throw new LegacyError('INVALID_REQUEST', `Callsign ${upper} not found in queue or current QSO`);
        }
        throw err;
      }
      const cs = r.current_qso?.callsign ?? upper;
      return {
        message: r.was_already_current
          ? `Already working ${cs} (current QSO)`
          : `Now working ${cs} (taken from queue)`,
        data: { current_qso: r.current_qso },
      };
    },
  },
  admin_start_qso: startQso,
  admin_send_qso: startQso,
  admin_set_frequency: {
    operations: ['admin.set_frequency'],
    failure: 'Failed to set frequency',
    handle: async (msg, call) => {
      const frequency = textField(msg, 'frequency', 'Frequency');
      const r = await call.run('admin.set_frequency', { frequency });
      return { message: `Frequency set to ${frequency}`, data: { frequency_data: r.frequency_data } };
    },
  },
  admin_clear_frequency: {
    operations: ['admin.delete_frequency'],
    failure: 'Failed to clear frequency',
    handle: async (_msg, call) => {
      const r = await call.run('admin.delete_frequency', {});
      return { message: 'Frequency cleared', data: { frequency_data: r.frequency_data } };
    },
  },
  admin_set_split: {
    operations: ['admin.set_split'],
    failure: 'Failed to set split',
    handle: async (msg, call) => {
      const split = textField(msg, 'split', 'Split');
      const r = await call.run('admin.set_split', { split });
      return { message: `Split set to ${split}`, data: { split_data: r.split_data } };
    },
  },
  admin_clear_split: {
    operations: ['admin.delete_split'],
    failure: 'Failed to clear split',
    handle: async (_msg, call) => {
      const r = await call.run('admin.delete_split', {});
      return { message: 'Split cleared', data: { split_data: r.split_data } };
    },
  },
  admin_toggle_system: {
    operations: ['admin.set_system_status'],
    failure: 'Failed to toggle system status',
    handle: async (_msg, call) => {
      // The original flips the state and ignores any `active` field.
      const previous = call.station.isActive();
      const active = !previous;
      await call.run('admin.set_system_status', { active });
      return {
        message: `System ${active ? 'activated' : 'deactivated'} successfully`,
        data: {
          system_active: active,
          registration_enabled: active,
          previous_state: previous,
          changed_by: 'logging_software',
          timestamp: call.now(),
        },
      };
    },
  },
  admin_update_worked_callers_ttl: {
    operations: ['admin.update_worked_ttl'],
    failure: 'Failed to update worked callers TTL',
    handle: async (_msg, call) => {
      const r = await call.run('admin.update_worked_ttl', {});
      call.broadcast(ttlUpdateFrame(r.modified_count, r.new_expires_at));
      return {
        message: `Updated TTL for ${r.modified_count} worked callers`,
        data: { modified_count: r.modified_count, new_expires_at: r.new_expires_at, success: true },
      };
    },
  },
  admin_get_status: {
    operations: ['admin.get_system_status', 'admin.get_queue', 'admin.get_current_qso'],
    failure: 'Failed to retrieve system status',
    handle: async (_msg, call) => {
      const system = await call.run('admin.get_system_status', {});
      const q = queueView(await call.run('admin.get_queue', {}));
      const current = (await call.run('admin.get_current_qso', {})) ?? null;
      return {
        message: 'System status retrieved successfully',
        data: {
          system_active: system.active,
          registration_enabled: system.active && !system.paused,
          paused: system.paused ?? false,
          queue: q.queue,
          queue_size: q.total,
          max_queue_size: q.max_size,
          current_qso: current,
        },
      };
    },
  },
  admin_get_current_qso: {
    operations: ['admin.get_current_qso'],
    failure: 'Failed to retrieve current QSO',
    handle: async (_msg, call) => ({
      message: 'Current QSO retrieved',
      data: { current_qso: (await call.run('admin.get_current_qso', {})) ?? null },
    }),
  },
  admin_clear_queue: {
    operations: ['admin.clear_queue'],
    failure: 'Failed to clear queue',
    handle: async (_msg, call) => {
      const r = await call.run('admin.clear_queue', {});
      return { message: r.message, data: { cleared_count: r.cleared_count } };
    },
  },
};

/** A failure as Protocol A's (code, message). */
export function legacyErrorOf(
  err: unknown,
  failure: string,
): { code: LegacyErrorCode; message: string } | null {
  if (err instanceof LegacyError) return { code: err.code, message: err.message };
  if (!isOpError(err)) return null;
  switch (err.code) {
    case 'INVALID_CALLSIGN':
      return { code: 'CALLSIGN_INVALID', message: 'Invalid callsign format' };
    case 'CALLSIGN_REQUIRED':
      return { code: 'INVALID_REQUEST', message: 'Callsign is required' };
    case 'QUEUE_FULL':
      return { code: 'QUEUE_FULL', message: 'Queue is currently full' };
    case 'SYSTEM_INACTIVE':
      return { code: 'SYSTEM_INACTIVE', message: 'System is currently inactive' };
    case 'QUEUE_PAUSED':
    case 'CALLSIGN_BANNED':
    case 'COOLDOWN':
    case 'RATE_LIMITED':
    case 'AUTH_REQUIRED':
      return { code: err.code, message: err.message };
    case 'INTERNAL_ERROR':
    case 'STORE_UNAVAILABLE':
      return { code: 'SYSTEM_ERROR', message: failure };
    default:
      return { code: 'INVALID_REQUEST', message: err.message };
  }
}
