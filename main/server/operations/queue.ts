import { z } from 'zod';
import { parseCallsign } from '../../../shared/callsign.js';
import { newLeaveSecret } from '../domain/leave.js';
import { positionIdSchema } from '../domain/positions/position.js';
import { OpError } from '../util/errors.js';
import { callsignField, defineOperation, noInput, type OpContext } from './define.js';

function checkRegistrationRate(ctx: OpContext, callsign: string): void {
  if (ctx.isAdmin) return;
  const waitMs = ctx.services.registrationLimiter.take(ctx.clientAddress);
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new OpError(
      'RATE_LIMITED',
      `Too many registrations from your address. Try again in ${seconds} s.`,
      {
        retry_after_s: seconds,
      },
    );
  }
  // Per callsign too, from any address: nobody can hammer one callsign in and out of the queue.
  const callsignWaitMs = ctx.services.callsignLimiter.take(callsign) ?? 0;
  if (callsignWaitMs > 0) {
    const seconds = Math.ceil(callsignWaitMs / 1000);
    throw new OpError(
      'RATE_LIMITED',
      `Too many registration attempts for ${callsign}. Try again in ${seconds} s.`,
      {
        retry_after_s: seconds,
      },
    );
  }
}

/** The callsign of a path or body, normalised and checked; an invalid one can never be queued. */
export function requireCallsign(raw: string): string {
  const parsed = parseCallsign(raw);
  if (!parsed.ok) throw new OpError(parsed.code, parsed.message);
  return parsed.callsign;
}

const manualField = z.string().trim().min(1).max(200);

export const queueOperations = [
  defineOperation({
    name: 'queue.register',
    auth: 'public',
    summary:
      'Join the queue. Answers at once with the offline DXCC data; online details follow as queue_update. ' +
      'When nothing is known about the callsign, answers {requires_manual_data: true} instead.',
    input: z.object({ callsign: z.string().max(64), position_id: positionIdSchema.optional() }).loose(),
    handler: async (ctx, input) => {
      // Grammar first: an invalid callsign costs nothing, not even a rate-limit token.
      const parsed = parseCallsign(input.callsign);
      if (!parsed.ok) throw new OpError(parsed.code, parsed.message);
      checkRegistrationRate(ctx, parsed.callsign);
      const leave = newLeaveSecret();
      const result = await ctx.station.register({
        callsign: parsed.callsign,
        secretHash: leave.hash,
        ...(input.position_id !== undefined ? { positionId: input.position_id } : {}),
      });
      if (result.kind === 'requires_manual_data') {
        return {
          requires_manual_data: true,
          callsign: result.callsign,
          message: 'No information found for this callsign. Please enter your name, location and country.',
        };
      }
      ctx.services.metrics.registered();
      const { callsign, timestamp, position, qrz } = result.entry;
      return {
        message: 'Callsign registered successfully',
        entry: { callsign, timestamp, position, qrz },
        secret: leave.secret,
      };
    },
  }),
  defineOperation({
    name: 'queue.register_manual',
    auth: 'public',
    summary:
      'Join the queue with name, location and country typed by the caller (when no lookup data exists).',
    input: z
      .object({
        callsign: z.string().max(64),
        name: manualField,
        location: manualField,
        country: manualField,
        position_id: positionIdSchema.optional(),
      })
      .loose(),
    handler: async (ctx, input) => {
      const callsign = requireCallsign(input.callsign);
      checkRegistrationRate(ctx, callsign);
      const leave = newLeaveSecret();
      const result = await ctx.station.register({
        callsign,
        manual: { name: input.name, location: input.location, country: input.country },
        secretHash: leave.hash,
        ...(input.position_id !== undefined ? { positionId: input.position_id } : {}),
      });
      if (result.kind !== 'registered') throw new OpError('INTERNAL_ERROR', 'Registration failed');
      ctx.services.metrics.registered();
      const { timestamp, position, qrz } = result.entry;
      return {
        message: 'Callsign registered successfully',
        entry: { callsign, timestamp, position, qrz },
        secret: leave.secret,
      };
    },
  }),
  defineOperation({
    name: 'queue.leave',
    auth: 'public',
    summary:
      'Leave the queue by yourself, with the `secret` your registration answer carried. ' +
      'Wrong or missing secret: INVALID_SECRET (the place is kept); not queued: NOT_FOUND.',
    input: z
      .object({
        callsign: callsignField,
        secret: z.string().max(256).optional(),
        position_id: positionIdSchema.optional(),
      })
      .loose(),
    handler: async (ctx, input) => {
      const callsign = requireCallsign(input.callsign);
      const left = await ctx.station.leaveQueue(callsign, input.secret ?? '', input.position_id);
      return { message: `${callsign} left the queue`, left: { callsign, position: left.position } };
    },
  }),
  defineOperation({
    name: 'queue.get_status',
    auth: 'public',
    summary:
      "One caller's entry with its live position. Not queued: NOT_FOUND; while the system is off: SYSTEM_INACTIVE.",
    input: z.object({ callsign: callsignField, position_id: positionIdSchema.optional() }).loose(),
    handler: async (ctx, input) => {
      const at = input.position_id;
      const active = at === undefined ? ctx.station.isActive() : ctx.station.positions.isActive(at);
      if (!active) throw new OpError('SYSTEM_INACTIVE', 'System is currently inactive.');
      const parsed = parseCallsign(input.callsign);
      const found = (c: string) =>
        at === undefined ? ctx.station.findQueued(c) : ctx.station.positions.findQueued(at, c);
      const entry = parsed.ok ? found(parsed.callsign) : null;
      if (!entry) throw new OpError('NOT_FOUND', 'Callsign not found in queue');
      return entry;
    },
  }),
  defineOperation({
    name: 'queue.list',
    auth: 'public',
    summary: 'The whole queue: {queue, total, max_size, system_active}; empty while the system is off.',
    input: noInput,
    handler: async (ctx) => ctx.station.queueUpdate(),
  }),
  defineOperation({
    name: 'queue.get_current',
    auth: 'public',
    summary: 'The current QSO, or null (null while the system is off).',
    input: noInput,
    handler: async (ctx) => (ctx.station.isActive() ? ctx.station.getCurrentQso() : null),
  }),
];
