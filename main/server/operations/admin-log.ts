import { z } from 'zod';
import { configFileSchema } from '../config.js';
import { stationIdentityFields } from '../domain/station-identity.js';
import { normalizeOrigins } from '../security/access.js';
import { OpError } from '../util/errors.js';
import { defineOperation, noInput } from './define.js';

const isoField = z.iso.datetime({ offset: true });

/** A text field of a QSO that may be emptied (null). */
const qsoText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

/** admin.update_qso: the QSO's id and the fields the operator may correct. */
const qsoPatchSchema = z
  .object({
    id: z.string().min(1).max(64),
    callsign: z.string().max(64).optional(),
    time_on: z.iso.datetime().optional(),
    time_off: z.iso.datetime().optional(),
    frequency: qsoText(16),
    band: qsoText(8),
    mode: qsoText(16),
    rst_sent: qsoText(8),
    rst_rcvd: qsoText(8),
    name: qsoText(64),
    comment: qsoText(240),
  })
  .strict();

export const adminLogOperations = [
  defineOperation({
    name: 'admin.get_worked_callers',
    auth: 'admin',
    summary: 'The worked-callers view (worked-log window).',
    input: noInput,
    handler: async (ctx) => {
      const worked = ctx.station.getWorkedCallers();
      return { worked_callers: worked, total: worked.length, admin: true };
    },
  }),
  defineOperation({
    name: 'admin.clear_worked_callers',
    auth: 'admin',
    summary: 'Hide every QSO so far from the worked-callers view. The QSO log keeps them.',
    input: noInput,
    handler: async (ctx) => {
      const count = await ctx.station.clearWorked();
      return { message: `Worked callers cleared. Removed ${count} entries.`, cleared_count: count };
    },
  }),
  defineOperation({
    name: 'admin.get_worked_ttl_info',
    auth: 'admin',
    summary: 'How long worked callers stay visible.',
    input: noInput,
    handler: async (ctx) => ({
      ttl_indexes: [
        {
          name: 'worked_window',
          key: { worked_timestamp: 1 },
          expireAfterSeconds: ctx.station.getSettings().workedWindowHours * 3600,
        },
      ],
      collection_count: ctx.station.getWorkedCallers().length,
      qso_log_count: ctx.station.qsoCount(),
    }),
  }),
  defineOperation({
    name: 'admin.update_worked_ttl',
    aliases: ['admin.update_worked_callers_ttl'],
    auth: 'admin',
    summary: 'Keep every worked caller now shown visible for one more full window, counted from now.',
    input: noInput,
    handler: async (ctx) => {
      const r = await ctx.station.refreshWorkedWindow();
      return {
        success: true,
        message: `Updated TTL for ${r.modified_count} worked callers`,
        modified_count: r.modified_count,
        new_expires_at: r.new_expires_at,
      };
    },
  }),
  defineOperation({
    name: 'admin.get_qsos',
    auth: 'admin',
    summary:
      'The QSO log, newest first: {qsos, total}. Filters: search (callsign part), since, until, limit.',
    input: z
      .object({
        search: z.string().max(32).optional(),
        since: isoField.optional(),
        until: isoField.optional(),
        limit: z.coerce.number().int().min(1).max(100_000).optional(),
      })
      .loose()
      .default({}),
    handler: async (ctx, input) => {
      await ctx.station.whenLogLoaded(); // at start-up the whole log is read in the background
      const qsos = ctx.station.getQsos(input);
      return { qsos, total: qsos.length, log_size: ctx.station.qsoCount() };
    },
  }),
  defineOperation({
    name: 'admin.delete_qso',
    auth: 'admin',
    summary: 'Delete one QSO from the log.',
    input: z.object({ id: z.string().min(1).max(64) }).loose(),
    handler: async (ctx, input) => ({
      message: 'QSO deleted',
      deleted: await ctx.station.deleteQso(input.id),
    }),
  }),
  defineOperation({
    name: 'admin.update_qso',
    auth: 'admin',
    summary:
      'Correct one QSO of the log: any of callsign, time_on, time_off, frequency, band, mode, rst_sent, rst_rcvd, ' +
      'name, comment (notes); null empties a field. {message, qso}. Everyone sees qso_log_update "updated".',
    input: qsoPatchSchema,
    handler: async (ctx, input) => {
      const { id, ...fields } = input;
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      if (Object.keys(patch).length === 0) throw new OpError('VALIDATION_ERROR', 'Nothing to change');
      const before = ctx.station.getQsos().find((q) => q.id === id);
      const on = patch.time_on ?? before?.time_on;
      const off = patch.time_off ?? before?.time_off;
      if (on && off && Date.parse(off) < Date.parse(on)) {
        throw new OpError('VALIDATION_ERROR', 'The QSO cannot end (time_off) before it started (time_on)');
      }
      return { message: 'QSO updated', qso: await ctx.station.updateQso(id, { ...patch }) };
    },
  }),
  defineOperation({
    name: 'admin.get_settings',
    auth: 'admin',
    summary:
      'Operator settings: max queue size, worked-log window, registration rate, listening address, allowed ' +
      'origins, unauthenticated logging-direct, station identity (station_callsign, operator, station_message, ' +
      'default_reports).',
    input: noInput,
    handler: async (ctx) => {
      const s = ctx.station.getSettings();
      const file = ctx.services.config.get();
      const url = new URL(ctx.services.url());
      return {
        max_queue_size: s.maxQueueSize,
        worked_window_hours: s.workedWindowHours,
        registration_rate_per_minute: ctx.services.registrationLimiter.limit,
        port: Number(url.port),
        host: file.host ?? url.hostname,
        admin_username: ctx.services.auth.username,
        admin_password_from_environment: ctx.services.auth.fromEnvironment,
        allowed_origins: [...(ctx.services.access.allowedOrigins ?? [])],
        unauthenticated_logging_direct: ctx.services.access.unauthenticatedLoggingDirect ?? false,
        ...ctx.station.getIdentity(),
      };
    },
  }),
  defineOperation({
    name: 'admin.set_settings',
    auth: 'admin',
    summary:
      'Change operator settings; saved in the config file of the data dir. A new port or host makes the server ' +
      'listen there instead, keeping all state.',
    // the same fields and bounds as the config file that stores them
    input: configFileSchema
      .pick({
        max_queue_size: true,
        worked_window_hours: true,
        registration_rate_per_minute: true,
        port: true,
        host: true,
        allowed_origins: true,
        unauthenticated_logging_direct: true,
      })
      .extend(stationIdentityFields),
    handler: async (ctx, input) => {
      const patch: Record<string, unknown> = {};
      const access = ctx.services.access;
      if (input.allowed_origins !== undefined && access) {
        let origins: string[];
        try {
          origins = normalizeOrigins(input.allowed_origins);
        } catch (err) {
          throw new OpError(
            'VALIDATION_ERROR',
            err instanceof Error ? err.message : 'Invalid allowed origin',
          );
        }
        access.allowedOrigins = origins;
        patch.allowed_origins = origins;
      }
      if (input.unauthenticated_logging_direct !== undefined && access) {
        access.unauthenticatedLoggingDirect = input.unauthenticated_logging_direct;
        patch.unauthenticated_logging_direct = input.unauthenticated_logging_direct;
      }
      if (input.registration_rate_per_minute !== undefined) {
        patch.registration_rate_per_minute = input.registration_rate_per_minute;
      }
      if (input.port !== undefined) patch.port = input.port;
      if (input.host !== undefined) patch.host = input.host;
      // saved first: a save that fails (503 STORE_UNAVAILABLE) changes nothing
      if (Object.keys(patch).length > 0) await ctx.services.config.update(patch);
      if (input.registration_rate_per_minute !== undefined) {
        ctx.services.registrationLimiter.setCapacity(input.registration_rate_per_minute);
      }
      const stationPatch = {
        ...(input.max_queue_size !== undefined ? { maxQueueSize: input.max_queue_size } : {}),
        ...(input.worked_window_hours !== undefined ? { workedWindowHours: input.worked_window_hours } : {}),
      };
      const s = await ctx.station.updateSettings(stationPatch);
      const identityPatch = {
        ...(input.station_callsign !== undefined ? { station_callsign: input.station_callsign } : {}),
        ...(input.operator !== undefined ? { operator: input.operator } : {}),
        ...(input.station_message !== undefined ? { station_message: input.station_message } : {}),
        ...(input.default_reports !== undefined ? { default_reports: input.default_reports } : {}),
      };
      const identity =
        Object.keys(identityPatch).length > 0
          ? await ctx.station.setIdentity(identityPatch)
          : ctx.station.getIdentity();
      const listenChanged = input.port !== undefined || input.host !== undefined;
      if (listenChanged) ctx.services.requestRebind(input.host ?? null, input.port ?? null);
      return {
        message: listenChanged
          ? 'Settings saved. The server moves to the new address after this answer.'
          : 'Settings saved',
        max_queue_size: s.maxQueueSize,
        worked_window_hours: s.workedWindowHours,
        registration_rate_per_minute: ctx.services.registrationLimiter.limit,
        allowed_origins: [...(access?.allowedOrigins ?? [])],
        unauthenticated_logging_direct: access?.unauthenticatedLoggingDirect ?? false,
        ...identity,
        restart_required: false,
        rebind: listenChanged ? { port: input.port ?? null, host: input.host ?? null } : null,
      };
    },
  }),
  defineOperation({
    name: 'admin.change_password',
    auth: 'admin',
    summary: 'Change the admin password (not possible while ADMIN_PASSWORD is set in the environment).',
    input: z
      .object({ current_password: z.string().max(256), new_password: z.string().min(8).max(256) })
      .loose(),
    handler: async (ctx, input) => {
      try {
        await ctx.services.auth.changePassword(input.current_password, input.new_password, ctx.clientAddress);
      } catch (err) {
        if (err instanceof OpError && err.code === 'INVALID_CREDENTIALS') {
          throw new OpError('INVALID_CREDENTIALS', 'The current password is wrong');
        }
        throw err;
      }
      return { message: 'Password changed. Sign in again with the new password.' };
    },
  }),
];
