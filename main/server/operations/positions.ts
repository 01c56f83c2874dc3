import { z } from 'zod';
import type { PublicState } from '../../../shared/protocol/public-state.js';
import { callerRulesSchema } from '../domain/positions/caller-rules.js';
import {
  createPositionSchema,
  deletePositionSchema,
  positionIdSchema,
  updatePositionSchema,
} from '../domain/positions/position.js';
import { callsignField, defineOperation } from './define.js';
import { requireCallsign } from './queue.js';

/**
 * Operating positions (multi-station operation, domain/positions/): several positions on one server, each with
 * its own band, mode, queue and current QSO. Protocol v2 only; the original's protocols see the default
 * position. The operations that register or work a caller take an optional `position_id` (queue.ts,
 * admin-queue.ts).
 */

/** The optional `position_id` of the operations that register or work a caller (absent: the default position). */
export const positionIdField = positionIdSchema.optional();

export const positionOperations = [
  defineOperation({
    name: 'positions.list',
    auth: 'public',
    summary:
      'Every operating position (the default one first): name, frequency, band, mode, split, beam, on/off and ' +
      'pause, queue length and maximum, who is being worked; with `callsign`, also the band-mode slots that ' +
      'caller already has in the log; `seq`: the event seq the list reflects.',
    input: z
      .union([z.object({ callsign: callsignField.optional() }).loose(), z.null(), z.undefined()])
      .transform((v) => ({ callsign: v?.callsign })),
    handler: async (ctx, input) => {
      const positions = ctx.station.positions.list();
      const rules = ctx.station.positions.callerRules();
      const seq = ctx.station.events.seq;
      if (input.callsign === undefined) return { positions, caller_rules: rules, seq };
      const callsign = requireCallsign(input.callsign);
      return {
        positions,
        caller_rules: rules,
        seq,
        callsign,
        worked_slots: ctx.station.positions.workedSlots(callsign),
      };
    },
  }),
  defineOperation({
    name: 'positions.get_queue',
    auth: 'public',
    summary: "One position's queue: {queue, total, max_size, system_active} (empty while it is off).",
    input: z.object({ position_id: positionIdSchema }).loose(),
    handler: async (ctx, input) => ctx.station.positions.queue(input.position_id),
  }),
  defineOperation({
    name: 'positions.get_state',
    auth: 'public',
    summary:
      "One position's public state, the shape of public.get_state (system, frequency, split, beam, current " +
      'QSO, queue, worked, its QSO rate), with the event seq it reflects.',
    input: z.object({ position_id: positionIdSchema }).loose(),
    handler: async (ctx, input): Promise<PublicState> => ctx.station.positions.publicState(input.position_id),
  }),
  defineOperation({
    name: 'admin.create_position',
    auth: 'admin',
    summary:
      'Create an operating position: `name` (unique), optionally `id` (else made from the name), frequency, ' +
      'band, mode, split, beam_heading, active, paused. Then position_update.',
    input: createPositionSchema,
    handler: async (ctx, input) => ({ position: await ctx.station.positions.create(input, ctx.actor) }),
  }),
  defineOperation({
    name: 'admin.update_position',
    auth: 'admin',
    summary:
      'Change a position: name, frequency (null clears), band, mode, split (null clears), beam_heading, ' +
      'active (off clears its queue, as admin.set_status does), paused. Then position_update.',
    input: updatePositionSchema,
    handler: async (ctx, input) => ({ position: await ctx.station.positions.update(input, ctx.actor) }),
  }),
  defineOperation({
    name: 'admin.delete_position',
    auth: 'admin',
    summary:
      'Delete a position. The default position cannot be deleted (DEFAULT_POSITION_UNDELETABLE); one with ' +
      'callers waiting or a QSO in progress is refused (POSITION_NOT_EMPTY). Then position_update with null.',
    input: deletePositionSchema,
    handler: async (ctx, input) => ctx.station.positions.delete(input.position_id),
  }),
  defineOperation({
    name: 'admin.move_caller',
    auth: 'admin',
    summary:
      'Move a waiting caller to another position: they keep their registration time (wait time) and leave ' +
      'secret, and go to the end of its queue or to `place` (1-based).',
    input: z
      .object({
        callsign: callsignField,
        to_position_id: positionIdSchema,
        from_position_id: positionIdSchema.optional(),
        place: z.number().int().min(1).optional(),
      })
      .strict(),
    handler: async (ctx, input) => {
      const moved = await ctx.station.positions.moveCaller({
        ...input,
        callsign: requireCallsign(input.callsign),
      });
      return { message: `${moved.callsign} moved to ${moved.to_position_id}`, ...moved };
    },
  }),
  defineOperation({
    name: 'admin.set_caller_rules',
    auth: 'admin',
    summary:
      'The rules for callers across positions: `allow_dupes` (join for a slot already in the log) and ' +
      '`max_queues_per_caller` (default 1). They apply while more than one position exists.',
    input: callerRulesSchema.strict(),
    handler: async (ctx, input) => ({ caller_rules: await ctx.station.positions.setCallerRules(input) }),
  }),
];
