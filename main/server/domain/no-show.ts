/**
 * The no-show rule, as WSJT-X's Fox does it: the operator calls the current caller again ("call again") and,
 * after a set number of calls without an answer, the caller is dropped or put back a set number of places.
 * "No answer" applies the rule at once. Pure: the Station stores the rule and applies the decision.
 */
import { z } from 'zod';
import type { NoShowRule } from '../../../shared/protocol/types.js';

export const DEFAULT_NO_SHOW_RULE: NoShowRule = { calls: 3, action: 'drop', places: 3 };

export const noShowRuleSchema = z.object({
  calls: z.number().int().min(1).max(20),
  action: z.enum(['drop', 'move_back']),
  places: z.number().int().min(1).max(1000),
});

/** Where the current QSO keeps how many times the station called (public: callers see "2nd call"). */
export const CALLS_KEY = 'calls';

/** How many times the station has called the current caller: 1 when the QSO starts. */
export function callsMade(metadata: Record<string, unknown>): number {
  const n = metadata[CALLS_KEY];
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : 1;
}

/**
 * "Call again": the last call got no answer. Below the rule's count the station calls once more (`call`, with
 * the new count); once `rule.calls` calls went unanswered the rule applies (`apply`).
 */
export function decideCallAgain(
  rule: NoShowRule,
  calls: number,
): { kind: 'call'; calls: number } | { kind: 'apply' } {
  return calls >= rule.calls ? { kind: 'apply' } : { kind: 'call', calls: calls + 1 };
}

/**
 * The 0-based index a caller moved back `places` goes to, in a queue of `length` others: `places` callers now
 * waiting are called before them (fewer when fewer wait).
 */
export function moveBackIndex(length: number, places: number): number {
  return Math.max(0, Math.min(length, places));
}

/**
 * An `order` value that sorts between the neighbours of `index` (queue orders are increasing numbers, not
 * necessarily integers), so the queue keeps its order after a restart.
 */
export function orderAt(orders: readonly number[], index: number, nextOrder: number): number {
  if (index >= orders.length) return nextOrder;
  const after = orders[index]!;
  const before = index > 0 ? orders[index - 1]! : after - 1;
  return (before + after) / 2;
}
