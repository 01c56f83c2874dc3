import { noShowRuleSchema } from '../domain/no-show.js';
import type { NoShowOutcome } from '../domain/types.js';
import { newUndoTrack, type UndoTrack } from '../domain/undo.js';
import { defineOperation, noInput } from './define.js';
import { positionInput } from './position-input.js';

const ordinal = (n: number): string => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
};

function answer(r: NoShowOutcome, track: UndoTrack): Record<string, unknown> {
  // a dropped or moved-back caller can be put back (admin.undo), as after a cancel
  return { ...outcome(r), ...(track.ticket ? { ...track.ticket } : {}) };
}

function outcome(r: NoShowOutcome): Record<string, unknown> {
  switch (r.kind) {
    case 'called':
      return {
        message: `Calling ${r.callsign} again: ${ordinal(r.calls)} call`,
        outcome: 'called',
        callsign: r.callsign,
        calls: r.calls,
        position: null,
      };
    case 'dropped':
      return {
        message: `${r.callsign} did not answer ${r.calls} call${r.calls === 1 ? '' : 's'}: dropped (not logged)`,
        outcome: 'dropped',
        callsign: r.callsign,
        calls: r.calls,
        position: null,
      };
    case 'moved_back':
      return {
        message: `${r.callsign} did not answer: moved back to #${r.position} in the queue`,
        outcome: 'moved_back',
        callsign: r.callsign,
        calls: r.calls,
        position: r.position,
      };
  }
}

/** The no-show rule: call the current caller again, give up on them, and the rule itself. */
export const adminNoShowOperations = [
  defineOperation({
    name: 'admin.call_again',
    auth: 'admin',
    summary:
      'The current caller did not answer: call again (their page shows "2nd call"). Once the no-show ' +
      "rule's number of calls went unanswered, the rule applies instead (dropped or moved back, not logged). " +
      'Answers {message, outcome: "called"|"dropped"|"moved_back", callsign, calls, position} and, when the rule ' +
      'applied, the undo ticket {undo_id, undo_label, undo_expires_at}; no QSO: NOT_FOUND.',
    input: positionInput,
    handler: async (ctx, input) => {
      const track = newUndoTrack();
      return answer(await ctx.station.callAgain(track, input.position_id), track);
    },
  }),
  defineOperation({
    name: 'admin.no_answer',
    auth: 'admin',
    summary:
      'The current caller does not answer: apply the no-show rule now (dropped or moved back, not logged). ' +
      'Answers as admin.call_again; no QSO: NOT_FOUND.',
    input: positionInput,
    handler: async (ctx, input) => {
      const track = newUndoTrack();
      return answer(await ctx.station.noAnswer(track, input.position_id), track);
    },
  }),
  defineOperation({
    name: 'admin.get_no_show_rule',
    auth: 'admin',
    summary: 'The no-show rule: {calls (default 3), action: "drop"|"move_back", places (default 3)}.',
    input: noInput,
    handler: async (ctx) => ctx.station.getNoShowRule(),
  }),
  defineOperation({
    name: 'admin.set_no_show_rule',
    auth: 'admin',
    summary:
      'Set the no-show rule: {calls?: 1..20, action?: "drop"|"move_back", places?: 1..1000}; missing fields keep their value.',
    input: noShowRuleSchema.partial().loose(),
    handler: async (ctx, input) => {
      const now = ctx.station.getNoShowRule();
      return ctx.station.setNoShowRule({
        calls: input.calls ?? now.calls,
        action: input.action ?? now.action,
        places: input.places ?? now.places,
      });
    },
  }),
];
