import { z } from 'zod';
import { callsignField, defineOperation, noInput } from './define.js';
import { requireCallsign } from './queue.js';

const reasonField = z.string().trim().max(500).nullish();

export const adminModerationOperations = [
  defineOperation({
    name: 'admin.list_bans',
    auth: 'admin',
    summary: 'The banned callsigns.',
    input: noInput,
    handler: async (ctx) => {
      const bans = ctx.station.getBans();
      return { banned_callsigns: bans, total: bans.length };
    },
  }),
  defineOperation({
    name: 'admin.ban_callsign',
    auth: 'admin',
    summary: 'Ban a callsign (removed from the queue if it is there). Bans last until removed.',
    input: z.object({ callsign: callsignField, reason: reasonField }).loose(),
    handler: async (ctx, input) => {
      const r = await ctx.station.ban(input.callsign, input.reason ?? null, ctx.actor);
      return { message: `Callsign ${r.ban.callsign} banned`, banned: r.ban, removed_from_queue: r.removed };
    },
  }),
  defineOperation({
    name: 'admin.ban_from_queue',
    auth: 'admin',
    summary: 'Remove a queued caller and ban them.',
    input: z.object({ callsign: callsignField, reason: reasonField }).loose(),
    handler: async (ctx, input) => {
      const callsign = requireCallsign(input.callsign);
      const r = await ctx.station.ban(callsign, input.reason ?? null, ctx.actor, { requireQueued: true });
      return {
        message: `Callsign ${callsign} removed from queue and banned`,
        banned: r.ban,
        removed: r.removed,
      };
    },
  }),
  defineOperation({
    name: 'admin.unban_callsign',
    auth: 'admin',
    summary: 'Lift a ban.',
    input: z.object({ callsign: callsignField }).loose(),
    handler: async (ctx, input) => {
      const callsign = requireCallsign(input.callsign);
      const ban = await ctx.station.unban(callsign);
      return { message: `Callsign ${callsign} unbanned`, unbanned: ban };
    },
  }),
  defineOperation({
    name: 'admin.clear_bans',
    auth: 'admin',
    summary: 'Lift every ban.',
    input: noInput,
    handler: async (ctx) => {
      const count = await ctx.station.clearBans();
      return { message: `Bans cleared. Removed ${count} entries.`, cleared_count: count };
    },
  }),
  defineOperation({
    name: 'admin.get_cooldown_rule',
    aliases: ['admin.get_rate_limit'],
    auth: 'admin',
    summary: 'The re-registration cooldown: how long a worked callsign waits before it may register again.',
    input: noInput,
    handler: async (ctx) => ctx.station.getCooldownRule(),
  }),
  defineOperation({
    name: 'admin.set_cooldown_rule',
    aliases: ['admin.set_rate_limit'],
    auth: 'admin',
    summary: 'Set the cooldown: {time_period_minutes (0 = off), enabled?}.',
    input: z
      .object({ time_period_minutes: z.number().int().min(0).max(100_000), enabled: z.boolean().optional() })
      .loose(),
    handler: async (ctx, input) => {
      const rule = await ctx.station.setCooldownRule({
        time_period_minutes: input.time_period_minutes,
        enabled: input.enabled ?? input.time_period_minutes > 0,
      });
      return { message: 'Cooldown rule updated', ...rule };
    },
  }),
  defineOperation({
    name: 'admin.check_cooldown',
    auth: 'admin',
    summary: 'Whether a callsign may register now under the cooldown rule, and how long it must still wait.',
    input: z.object({ callsign: callsignField }).loose(),
    handler: async (ctx, input) => ctx.station.checkCooldown(requireCallsign(input.callsign)),
  }),
];
