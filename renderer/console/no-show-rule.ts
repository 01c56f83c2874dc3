/**
 * The no-show rule in the console's Settings: the form's text fields, checked before they are sent through
 * `admin.set_no_show_rule`, and the rule said in words. The limits are the server's (domain/no-show.ts).
 */
import type { NoShowRule } from '../../shared/protocol/types.js';

export const NO_SHOW_DEFAULT: NoShowRule = { calls: 3, action: 'drop', places: 3 };
export const NO_SHOW_LIMITS = { calls: { min: 1, max: 20 }, places: { min: 1, max: 1000 } } as const;

export interface NoShowDraft {
  calls: string;
  action: NoShowRule['action'];
  places: string;
}

export function draftFrom(rule: NoShowRule): NoShowDraft {
  return { calls: String(rule.calls), action: rule.action, places: String(rule.places) };
}

/** A rule the server takes, as it arrives (a malformed payload gives null). */
export function ruleFrom(data: unknown): NoShowRule | null {
  if (typeof data !== 'object' || data === null) return null;
  const { calls, action, places } = data as Record<string, unknown>;
  if (typeof calls !== 'number' || typeof places !== 'number') return null;
  if (action !== 'drop' && action !== 'move_back') return null;
  return { calls, action, places };
}

function whole(text: string, name: string, limits: { min: number; max: number }): number | string {
  const value = text.trim();
  if (!/^\d+$/.test(value) || Number(value) < limits.min || Number(value) > limits.max) {
    return `${name}: a whole number from ${limits.min} to ${limits.max}`;
  }
  return Number(value);
}

/** The rule the draft asks for, or the reason it cannot be sent. */
export function parseDraft(
  draft: NoShowDraft,
): { ok: true; rule: NoShowRule } | { ok: false; error: string } {
  const calls = whole(draft.calls, 'Calls without an answer', NO_SHOW_LIMITS.calls);
  if (typeof calls === 'string') return { ok: false, error: calls };
  const places = whole(draft.places, 'Places back', NO_SHOW_LIMITS.places);
  if (typeof places === 'string') return { ok: false, error: places };
  return { ok: true, rule: { calls, action: draft.action, places } };
}

/** "After 3 calls without an answer the caller is dropped from the queue (not logged)." */
export function describeRule(rule: NoShowRule): string {
  const calls = `${rule.calls} call${rule.calls === 1 ? '' : 's'}`;
  const then =
    rule.action === 'drop'
      ? 'dropped from the queue'
      : `moved back ${rule.places} place${rule.places === 1 ? '' : 's'} in the queue`;
  return `After ${calls} without an answer the caller is ${then} (not logged).`;
}

export function sameRule(a: NoShowRule, b: NoShowRule): boolean {
  return a.calls === b.calls && a.action === b.action && a.places === b.places;
}
