import { z } from 'zod';
import { OpError } from '../util/errors.js';
import { callsignField, defineOperation, noInput } from './define.js';
import { positionIdField } from './positions.js';
import { positionInput } from './position-input.js';
import { requireCallsign } from './queue.js';
import { newUndoTrack, type UndoTrack } from '../domain/undo.js';

/** The undo ticket of an undoable command, as the fields its answer gains (none when nothing changed). */
function undoFields(track: UndoTrack): Record<string, string> {
  return track.ticket ? { ...track.ticket } : {};
}

import type { QsoLoggedBy } from '../../../shared/protocol/types.js';
import type { OpContext } from './define.js';

/** The console says so (`client: "console"`); otherwise the transport the command came by. */
function loggedBy(ctx: OpContext, input: { client?: 'console' | undefined } | null | undefined): QsoLoggedBy {
  if (input?.client === 'console') return 'console';
  return ctx.transport === 'http' ? 'http' : 'websocket';
}

/** Input of commands that log the current QSO: optionally who is calling (`client: "console"`). */
const loggingInput = z
  .union([
    z.object({ client: z.literal('console').optional(), position_id: positionIdField }).loose(),
    z.null(),
    z.undefined(),
  ])
  .transform((v) => ({ client: v?.client, position_id: v?.position_id }));

function withoutTime<T extends { time_in_queue?: number; position?: number }>(
  e: T,
): Omit<T, 'time_in_queue'> {
  const { time_in_queue: _t, ...rest } = e;
  return rest;
}

export const adminQueueOperations = [
  defineOperation({
    name: 'admin.get_queue',
    aliases: ['admin.queue'],
    auth: 'admin',
    summary: 'The queue whatever the system state: {queue, total, max_size, system_active, admin: true}.',
    input: noInput,
    handler: async (ctx) => {
      const queue = ctx.station.getQueue();
      return {
        queue,
        total: queue.length,
        max_size: ctx.station.getSettings().maxQueueSize,
        system_active: ctx.station.isActive(),
        admin: true,
      };
    },
  }),
  defineOperation({
    name: 'admin.remove_callsign',
    auth: 'admin',
    summary: 'Remove one caller from the queue.',
    input: z.object({ callsign: callsignField, position_id: positionIdField }).loose(),
    handler: async (ctx, input) => {
      const callsign = requireCallsign(input.callsign);
      const track = newUndoTrack();
      const removed = await ctx.station.removeCallsign(callsign, track, input.position_id);
      return {
        message: `Callsign ${callsign} removed from queue`,
        removed: withoutTime(removed),
        ...undoFields(track),
      };
    },
  }),
  defineOperation({
    name: 'admin.clear_queue',
    auth: 'admin',
    summary: 'Empty the queue.',
    input: positionInput,
    handler: async (ctx, input) => {
      const track = newUndoTrack();
      const count = await ctx.station.clearQueue(track, input.position_id);
      return {
        message: `Queue cleared. Removed ${count} entries.`,
        cleared_count: count,
        ...undoFields(track),
      };
    },
  }),
  defineOperation({
    name: 'admin.next_qso',
    aliases: ['admin.work_next'],
    auth: 'admin',
    summary:
      'Complete the current QSO (logged as worked) and make the head of the queue the current QSO. ' +
      'Never null: a superset of the original bodies.',
    input: loggingInput,
    handler: async (ctx, input) => {
      const track = newUndoTrack();
      const r = await ctx.station.workNext(ctx.actor, track, loggedBy(ctx, input), input.position_id);
      const cleared = r.completed
        ? { callsign: r.completed.callsign, timestamp: r.completed.time_on }
        : undefined;
      if (!r.current) {
        return {
          message: r.completed ? 'Queue is empty. Cleared current QSO.' : 'Queue is empty. No action taken.',
          current_qso: null,
          ...(cleared ? { cleared_qso: cleared } : {}),
          remaining: 0,
          ...undoFields(track),
        };
      }
      return {
        message: `Next callsign: ${r.current.callsign} is now in QSO`,
        callsign: r.current.callsign,
        timestamp: r.current.timestamp,
        qrz: r.current.qrz,
        processed: r.taken ? withoutTime(r.taken) : null,
        current_qso: r.current,
        ...(cleared ? { cleared_qso: cleared } : {}),
        remaining: r.remaining,
        ...undoFields(track),
      };
    },
  }),
  defineOperation({
    name: 'admin.work_callsign',
    aliases: ['admin.work_specific'],
    auth: 'admin',
    summary: 'Complete the current QSO and take a chosen caller out of the queue, out of order.',
    input: z
      .object({
        callsign: callsignField,
        client: z.literal('console').optional(),
        position_id: positionIdField,
      })
      .loose(),
    handler: async (ctx, input) => {
      const callsign = requireCallsign(input.callsign);
      const track = newUndoTrack();
      const r = await ctx.station.workCallsign(
        callsign,
        ctx.actor,
        track,
        loggedBy(ctx, input),
        input.position_id,
      );
      if (r.already_current) {
        return {
          message: `Already working ${callsign} (current QSO)`,
          current_qso: r.current,
          was_already_current: true,
        };
      }
      return {
        message: `Now working ${callsign} (taken from queue)`,
        current_qso: r.current,
        removed_from_queue: r.taken ? withoutTime(r.taken) : null,
        was_already_current: false,
        ...(r.completed
          ? { cleared_qso: { callsign: r.completed.callsign, timestamp: r.completed.time_on } }
          : {}),
        ...undoFields(track),
      };
    },
  }),
  defineOperation({
    name: 'admin.start_qso',
    auth: 'admin',
    summary:
      'Start a QSO with any callsign: a queued caller is taken from the queue, anyone else is worked direct. ' +
      'A QSO in progress with another station is completed first.',
    input: z
      .object({
        callsign: callsignField,
        frequency_mhz: z.number().positive().max(300_000).nullish(),
        mode: z.string().max(16).nullish(),
        /** Who starts it: the operator (default) or logging software speaking for the operator. */
        started_via: z.enum(['operator', 'logging_software']).optional(),
        client: z.literal('console').optional(),
        position_id: positionIdField,
      })
      .loose(),
    handler: async (ctx, input) => {
      const on =
        input.position_id === undefined
          ? ctx.station.isActive()
          : ctx.station.positions.isActive(input.position_id);
      if (!on) {
        throw new OpError('SYSTEM_INACTIVE', 'The system is off: switch it on before starting a QSO.');
      }
      const r = await ctx.station.startQso(
        {
          callsign: input.callsign,
          frequency_mhz: input.frequency_mhz ?? null,
          mode: input.mode ?? null,
          started_via: input.started_via ?? 'operator',
          logged_by: loggedBy(ctx, input),
        },
        input.position_id,
      );
      const callsign = r.current?.callsign ?? input.callsign;
      return {
        message: r.already_current
          ? `Already working ${callsign} (current QSO)`
          : `QSO started with ${callsign}${r.was_in_queue ? ' (taken from queue)' : ' (direct)'}`,
        current_qso: r.current,
        was_in_queue: r.was_in_queue,
        was_already_current: r.already_current,
        ...(r.completed
          ? { cleared_qso: { callsign: r.completed.callsign, timestamp: r.completed.time_on } }
          : {}),
      };
    },
  }),
  defineOperation({
    name: 'admin.complete_qso',
    aliases: ['admin.qso.complete'],
    auth: 'admin',
    summary:
      'Finish the current QSO and record it as worked (`client: "console"` marks it logged by the console).',
    input: loggingInput,
    handler: async (ctx, input) => {
      const track = newUndoTrack();
      const r = await ctx.station.completeQso(
        { log: { logged_by: loggedBy(ctx, input) } },
        track,
        input.position_id,
      );
      if (!r.qso || !r.completed) return { message: 'No active QSO to complete', cleared_qso: null };
      const worked = ctx.station.getWorkedCallers().find((w) => w.callsign === r.qso!.callsign) ?? null;
      return {
        message: `QSO with ${r.qso.callsign} completed successfully`,
        cleared_qso: { ...r.qso, worked_entry: worked, qso: r.completed },
        ...undoFields(track),
      };
    },
  }),
  defineOperation({
    name: 'admin.cancel_qso',
    auth: 'admin',
    summary: 'Drop the current QSO without recording it.',
    input: positionInput,
    handler: async (ctx, input) => {
      const track = newUndoTrack();
      const qso = await ctx.station.cancelQso(track, input.position_id);
      if (!qso) return { message: 'No active QSO to cancel', cancelled_qso: null };
      return {
        message: `QSO with ${qso.callsign} cancelled successfully`,
        cancelled_qso: qso,
        ...undoFields(track),
      };
    },
  }),
  defineOperation({
    name: 'admin.undo',
    auth: 'admin',
    summary:
      'Undo a Cancel, Remove, Complete, Work next, Clear or no-show: the one named by undo_id (from that answer, ' +
      'at whichever position), or the latest at position_id (absent: the default position). Kept for 60 s; ' +
      'CONFLICT when the state has moved on. {message, undone:{undo_id, undo_label, position_id?}, undoable}.',
    input: z
      .object({ undo_id: z.string().min(1).max(64).optional(), position_id: positionIdField })
      .loose()
      .default({}),
    handler: async (ctx, input) => {
      const r = await ctx.station.undo(input.undo_id, input.position_id);
      return { message: r.message, undone: r.undone, undoable: ctx.station.undoable() };
    },
  }),
  defineOperation({
    name: 'admin.get_current_qso',
    auth: 'admin',
    summary: 'The current QSO whatever the system state, or null.',
    input: noInput,
    handler: async (ctx) => ctx.station.getCurrentQso(),
  }),
  defineOperation({
    name: 'admin.logging_direct',
    auth: 'admin',
    summary:
      'Logging software announces a QSO start: {type: "qso_start", data: {callsign, frequency_mhz?, mode?, source?, ' +
      'triggered_by?}}. Needs the system on and Send to Logger enabled.',
    input: z
      .object({
        type: z.string().max(64),
        data: z
          .object({
            callsign: z.string().max(64).optional(),
            frequency_mhz: z.number().nullish(),
            mode: z.string().max(16).nullish(),
            source: z.string().max(64).nullish(),
            triggered_by: z.string().max(64).nullish(),
          })
          .loose(),
      })
      .loose(),
    handler: async (ctx, input) => {
      if (!ctx.station.isActive()) {
        throw new OpError('SYSTEM_INACTIVE', 'System is currently inactive. QSO logging is not available.');
      }
      if (!ctx.station.getLoggerIntegration().enabled) {
        throw new OpError(
          'LOGGER_DISABLED',
          'Send to Logger is currently disabled. QSO logging is not available.',
        );
      }
      if (input.type !== 'qso_start')
        throw new OpError('UNSUPPORTED_TYPE', `Unsupported message type: ${input.type}`);
      const raw = input.data.callsign ?? '';
      if (raw.trim() === '') throw new OpError('CALLSIGN_REQUIRED', 'Callsign is required');
      const r = await ctx.station.startQso({
        callsign: raw,
        frequency_mhz: input.data.frequency_mhz ?? null,
        mode: input.data.mode ?? null,
        started_via: 'logging_software',
        extraMetadata: {
          logging_initiated: true,
          triggered_by: input.data.triggered_by ?? null,
          logging_source: input.data.source ?? 'pblog_native',
        },
      });
      return {
        type: 'ack',
        timestamp: new Date(ctx.station.now()).toISOString(),
        received: { data: input.data, type: input.type },
        qso_started: {
          callsign: r.current?.callsign ?? null,
          source: r.was_in_queue ? 'queue' : 'direct',
          was_in_queue: r.was_in_queue,
          frequency_mhz: input.data.frequency_mhz ?? null,
          mode: input.data.mode ?? null,
        },
      };
    },
  }),
];
