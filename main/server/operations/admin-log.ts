import { z } from 'zod';
import { configFileSchema } from '../config.js';
import { stationIdentityFields } from '../domain/station-identity.js';
import { OpError } from '../util/errors.js';
import { defineOperation, noInput } from './define.js';

const isoField = z.iso.datetime({ offset: true });

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
    name: 'admin.get_settings',
    auth: 'admin',
    summary:
      'Operator settings: max queue size, worked-log window, registration rate, listening address, station ' +
      'identity (station_callsign, operator, station_message, default_reports).',
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
      })
      .extend(stationIdentityFields),
    handler: async (ctx, input) => {
      const patch: Record<string, unknown> = {};
      if (input.registration_rate_per_minute !== undefined) {
        ctx.services.registrationLimiter.setCapacity(input.registration_rate_per_minute);
        patch.registration_rate_per_minute = input.registration_rate_per_minute;
      }
      if (input.port !== undefined) patch.port = input.port;
      if (input.host !== undefined) patch.host = input.host;
      if (Object.keys(patch).length > 0) await ctx.services.config.update(patch);
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
