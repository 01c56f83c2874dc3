/**
 * Defining operating positions in the console (multi-station operation), as pure functions: the caller rules of
 * a payload and in words; the position form (create and edit) turned into the operations' input; the place of a
 * move; the server's refusals in words. The list of positions itself is the shared camp reducer's
 * (shared/protocol/positions-state.ts), kept in the console's store (`useConsole.camp`); the actions are in
 * position-actions.ts; the components (PositionsSettings, MoveCallerDialog) use all three.
 */
import {
  DEFAULT_POSITION_ID,
  type CallerRulesInfo,
  type PositionView,
} from '../../shared/protocol/positions.js';

export { DEFAULT_POSITION_ID };
export type { CallerRulesInfo, PositionView };

/** As the server limits them (domain/positions/position.ts, caller-rules.ts). */
export const POSITION_LIMITS = { nameMax: 60, maxPositions: 32, idMax: 32 } as const;
const ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The caller rules of a payload (`caller_rules_update`, or `{caller_rules}` of positions.list), or null. */
export function rulesFrom(value: unknown): CallerRulesInfo | null {
  const rules = isRecord(value) && isRecord(value.caller_rules) ? value.caller_rules : value;
  if (!isRecord(rules)) return null;
  const max = finite(rules.max_queues_per_caller);
  if (typeof rules.allow_dupes !== 'boolean' || max === null || max < 1) return null;
  return { allow_dupes: rules.allow_dupes, max_queues_per_caller: max };
}

/** "Run 2 - 40m FT8 (40m FT8, 3 waiting)": a position as a choice in a list. */
export function positionLabel(p: PositionView): string {
  const slot = [p.band, p.mode].filter(Boolean).join(' ');
  const waiting = `${p.queue_length} waiting`;
  const parts = [slot, p.active ? waiting : 'off'].filter(Boolean);
  return `${p.name} (${parts.join(', ')})`;
}

/** The positions a caller waiting at `fromId` can be moved to. */
export function moveTargets(positions: readonly PositionView[] | null, fromId: string): PositionView[] {
  return (positions ?? []).filter((p) => p.id !== fromId);
}

/** Whether the console offers anything about positions beyond "how to add one": more than the default exists. */
export function hasCamp(positions: readonly PositionView[] | null): boolean {
  return (positions?.length ?? 0) > 1;
}

// ----- the caller rules in words --------------------------------------------------------------------

/** What each rule means for callers (docs/positions.md, "The caller rules"). */
export function describeRules(rules: CallerRulesInfo): { dupes: string; queues: string } {
  const dupes = rules.allow_dupes
    ? 'Dupes allowed: a caller may join a position whose band and mode they already have in the log.'
    : 'No dupes: a caller is refused a position whose band and mode they already have in the log, and told ' +
      'which slots they have, so they join a position they still need.';
  const n = rules.max_queues_per_caller;
  const queues =
    n === 1
      ? 'One queue at a time: a caller waiting at one position must leave that queue before joining another. ' +
        'Being worked does not count, so they can line up for the next band during the QSO.'
      : `Up to ${n} queues at a time: a caller may wait at ${n} positions at once; one more is refused. ` +
        'Being worked does not count.';
  return { dupes, queues };
}

export interface RulesDraft {
  allowDupes: boolean;
  maxQueues: string;
}

export function rulesDraftOf(rules: CallerRulesInfo): RulesDraft {
  return { allowDupes: rules.allow_dupes, maxQueues: String(rules.max_queues_per_caller) };
}

/** The draft as admin.set_caller_rules takes it; at most N queues, 1 to the number of positions possible. */
export function parseRulesDraft(
  draft: RulesDraft,
): { ok: true; rules: CallerRulesInfo } | { ok: false; error: string } {
  const max = Number(draft.maxQueues.trim());
  if (!/^\d+$/.test(draft.maxQueues.trim()) || max < 1 || max > POSITION_LIMITS.maxPositions) {
    return {
      ok: false,
      error: `Queues per caller must be a whole number from 1 to ${POSITION_LIMITS.maxPositions}`,
    };
  }
  return { ok: true, rules: { allow_dupes: draft.allowDupes, max_queues_per_caller: max } };
}

// ----- the position form ----------------------------------------------------------------------------

export interface PositionDraft {
  name: string;
  /** Only when creating: empty = made from the name. */
  id: string;
  frequency: string;
  band: string;
  mode: string;
  split: string;
  beam: string;
  active: boolean;
}

export const EMPTY_DRAFT: PositionDraft = {
  name: '',
  id: '',
  frequency: '',
  band: '',
  mode: '',
  split: '',
  beam: '',
  active: true,
};

export function draftOf(p: PositionView): PositionDraft {
  return {
    name: p.name,
    id: p.id,
    frequency: p.frequency ?? '',
    band: p.band ?? '',
    mode: p.mode ?? '',
    split: p.split ?? '',
    beam: p.beam_heading === null ? '' : String(p.beam_heading),
    active: p.active,
  };
}

/** The form's fields by the operations' names, for refusals that name a field. */
export type PositionField = 'name' | 'id' | 'frequency' | 'band' | 'mode' | 'split' | 'beam_heading';

export const FIELD_LABELS: Record<PositionField, string> = {
  name: 'Name',
  id: 'Id',
  frequency: 'Frequency',
  band: 'Band',
  mode: 'Mode',
  split: 'Split',
  beam_heading: 'Beam heading',
};

export interface DraftProblem {
  ok: false;
  error: string;
  field: PositionField;
}

export interface CreateInput {
  name: string;
  id?: string;
  frequency?: string;
  band?: string;
  mode?: string;
  split?: string;
  beam_heading?: number;
  active: boolean;
}

export interface UpdateInput {
  position_id: string;
  name?: string;
  frequency?: string | null;
  band?: string | null;
  mode?: string | null;
  split?: string | null;
  beam_heading?: number | null;
  active?: boolean;
}

function checkCommon(draft: PositionDraft): DraftProblem | number | null {
  const name = draft.name.trim();
  if (name === '')
    return { ok: false, error: 'Give the position a name, e.g. "Run 2 - 40m FT8"', field: 'name' };
  if (name.length > POSITION_LIMITS.nameMax) {
    return { ok: false, error: `Name: at most ${POSITION_LIMITS.nameMax} characters`, field: 'name' };
  }
  const beam = draft.beam.trim();
  if (beam === '') return null;
  const heading = Number(beam);
  if (!Number.isFinite(heading) || heading < 0 || heading > 360) {
    return { ok: false, error: 'Beam heading: a number from 0 to 360', field: 'beam_heading' };
  }
  return heading;
}

/** The form as admin.create_position takes it (empty fields left out), or what is wrong with it. */
export function createInputOf(draft: PositionDraft): { ok: true; data: CreateInput } | DraftProblem {
  const common = checkCommon(draft);
  if (common !== null && typeof common === 'object') return common;
  const id = draft.id.trim();
  if (id !== '' && !ID_PATTERN.test(id)) {
    return {
      ok: false,
      error:
        'Id: lower-case letters, digits and inner "-", at most 32 characters (or empty: made from the name)',
      field: 'id',
    };
  }
  const data: CreateInput = { name: draft.name.trim(), active: draft.active };
  if (id !== '') data.id = id;
  for (const key of ['frequency', 'band', 'mode', 'split'] as const) {
    const value = draft[key].trim();
    if (value !== '') data[key] = key === 'mode' ? value.toUpperCase() : value;
  }
  if (typeof common === 'number') data.beam_heading = common;
  return { ok: true, data };
}

/**
 * What changed in the form, as admin.update_position takes it (an emptied field clears it: null), or what is
 * wrong with it. `changed` is false when nothing did.
 */
export function updateInputOf(
  draft: PositionDraft,
  was: PositionView,
): { ok: true; data: UpdateInput; changed: boolean } | DraftProblem {
  const common = checkCommon(draft);
  if (common !== null && typeof common === 'object') return common;
  const data: UpdateInput = { position_id: was.id };
  const name = draft.name.trim();
  if (name !== was.name) data.name = name;
  const fields = [
    ['frequency', was.frequency],
    ['band', was.band],
    ['mode', was.mode],
    ['split', was.split],
  ] as const;
  for (const [key, before] of fields) {
    const raw = draft[key].trim();
    const value = key === 'mode' ? raw.toUpperCase() : raw;
    if (value === (before ?? '')) continue;
    data[key] = value === '' ? null : value;
  }
  const heading = typeof common === 'number' ? common : null;
  if (heading !== was.beam_heading) data.beam_heading = heading;
  if (draft.active !== was.active) data.active = draft.active;
  return { ok: true, data, changed: Object.keys(data).length > 1 };
}

// ----- moving a caller ------------------------------------------------------------------------------

/** The place typed in the move dialog: empty = the end of the target's queue; else 1 to its length + 1. */
export function placeOf(
  textValue: string,
  targetLength: number,
): { ok: true; place: number | undefined } | { ok: false; error: string } {
  const t = textValue.trim();
  if (t === '') return { ok: true, place: undefined };
  const place = Number(t);
  const last = targetLength + 1;
  if (!/^\d+$/.test(t) || place < 1 || place > last) {
    return { ok: false, error: `Place: a whole number from 1 to ${last}, or empty for the end of the queue` };
  }
  return { ok: true, place };
}

// ----- the server's refusals in words ---------------------------------------------------------------

export interface RefusalContext {
  /** The position concerned (its name). */
  position?: string;
  callsign?: string;
  /** The target position of a move (its name). */
  target?: string;
}

/** The field a VALIDATION_ERROR names ("Invalid input (beam_heading): ..."), when it is one of the form's. */
export function validationField(message: string): PositionField | null {
  const m = /^Invalid input \(([a-z_]+)[^)]*\)/.exec(message);
  const field = m?.[1];
  return field !== undefined && field in FIELD_LABELS ? (field as PositionField) : null;
}

/** What a refusal of a position operation means and what to do, in words. */
export function refusalText(code: string | null, message: string, context: RefusalContext = {}): string {
  const position = context.position ? `"${context.position}"` : 'This position';
  const who = context.callsign ?? 'The caller';
  const target = context.target ? `"${context.target}"` : 'the other position';
  switch (code) {
    case 'POSITION_NAME_TAKEN': {
      // the server names the position that has it: 'Position "Run 2 - 40m FT8" already has that name'
      const holder = /Position "([^"]+)"/.exec(message)?.[1];
      return `${holder ? `The position "${holder}"` : 'Another position'} already has this name (names are compared without case): choose another name.`;
    }
    case 'POSITION_ID_TAKEN':
      return 'A position with this id exists: choose another id, or leave it empty to have one made from the name.';
    case 'TOO_MANY_POSITIONS':
      return `At most ${POSITION_LIMITS.maxPositions} positions can be defined: delete one no longer in use first.`;
    case 'POSITION_NOT_EMPTY': {
      // the server says what is left: "Position "run-2" still has 2 callers waiting and a QSO with K1ABC: ..."
      const left = /still has ([^:]+)/.exec(message)?.[1];
      return `${position} cannot be deleted while ${left ? `it still has ${left}` : 'callers wait there or a QSO is in progress'}: move its callers to another position (Move to position… in the queue), or clear its queue and end its QSO, then delete it.`;
    }
    case 'DEFAULT_POSITION_UNDELETABLE':
      return 'The default position cannot be deleted: it is the station the original web app, SSE and scripts see. Rename it instead.';
    case 'POSITION_NOT_FOUND':
      return `${position} no longer exists (deleted on another console).`;
    case 'VALIDATION_ERROR': {
      const field = validationField(message);
      const detail = message.replace(/^Invalid input(?: \([^)]*\))?: /, '');
      return field ? `${FIELD_LABELS[field]}: ${detail}` : message;
    }
    case 'ALREADY_QUEUED':
      return `${who} already waits or is being worked at ${target} (${message}).`;
    case 'SLOT_ALREADY_WORKED':
      return `${message}. Moving them would make a dupe: turn on "Allow dupes" in the caller rules to move them anyway.`;
    case 'QUEUE_FULL':
      return `The queue of ${target} is full (${message}): make room there or raise the max queue size.`;
    case 'NOT_FOUND':
      return `${who} no longer waits here (worked, removed or left meanwhile).`;
    default:
      return message;
  }
}
