import { z } from 'zod';
import { bandForHz, normalizeMode, parseFrequencyToHz } from '../../../../shared/radio.js';
import { DEFAULT_POSITION_ID } from '../../../../shared/protocol/positions.js';
import { OpError } from '../../util/errors.js';

/**
 * Operating positions: one server for a whole DXpedition camp, each position its own band, mode, queue and
 * current QSO. The default position is the station as it was before positions existed: the original's HTTP
 * API, SSE and both WebSocket protocols see it, and it cannot be deleted.
 */
export { DEFAULT_POSITION_ID };
export type { PositionView } from '../../../../shared/protocol/positions.js';
export const DEFAULT_POSITION_NAME = 'Main';
/** A camp of 12 stations with room to spare; each position costs a queue and a few state documents. */
export const MAX_POSITIONS = 32;

/** A position id: short, lower-case, stable once created (loggers and consoles are configured with it). */
export const positionIdSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/,
    'lower-case letters, digits and inner "-", 1-32 characters',
  );

export const positionNameSchema = z.string().trim().min(1).max(60);

/** How a position is defined: what the operator names and tunes. Its queue and QSO live beside it. */
export interface PositionDefinition {
  id: string;
  name: string;
  created_at: string;
}

/** The radio and on-air state of one position (the default position keeps its own in state.db). */
export interface PositionRadio {
  frequency: string | null;
  band: string | null;
  mode: string | null;
  split: string | null;
  beam_heading: number | null;
  active: boolean;
  paused: boolean;
}

export const EMPTY_RADIO: PositionRadio = Object.freeze({
  frequency: null,
  band: null,
  mode: null,
  split: null,
  beam_heading: null,
  active: false,
  paused: false,
});

const freeText = z.string().trim().min(1).max(64);

/** What `admin.create_position` takes. */
export const createPositionSchema = z
  .object({
    name: positionNameSchema,
    id: positionIdSchema.optional(),
    frequency: freeText.nullish(),
    band: z.string().trim().max(16).nullish(),
    mode: z.string().trim().max(16).nullish(),
    split: freeText.nullish(),
    beam_heading: z.number().min(0).max(360).nullish(),
    active: z.boolean().optional(),
    paused: z.boolean().optional(),
  })
  .strict();
export type CreatePositionInput = z.infer<typeof createPositionSchema>;

/** What `admin.update_position` takes: the id and the fields to change (null clears). */
export const updatePositionSchema = createPositionSchema
  .omit({ id: true, name: true })
  .extend({ position_id: positionIdSchema, name: positionNameSchema.optional() })
  .strict();
export type UpdatePositionInput = z.infer<typeof updatePositionSchema>;

export const deletePositionSchema = z.object({ position_id: positionIdSchema }).strict();

/** Radio fields as stored: band derived from the frequency when not given, mode in its normal spelling. */
export function radioFrom(
  input: Omit<CreatePositionInput, 'name' | 'id'>,
  base: PositionRadio,
): PositionRadio {
  const next: PositionRadio = { ...base };
  if (input.frequency !== undefined) {
    next.frequency = input.frequency ?? null;
    if (input.band === undefined) {
      const hz = next.frequency === null ? null : parseFrequencyToHz(next.frequency);
      next.band = hz === null ? null : bandForHz(hz);
    }
  }
  if (input.band !== undefined) next.band = input.band === null || input.band === '' ? null : input.band;
  if (input.mode !== undefined) {
    next.mode = input.mode === null || input.mode === '' ? null : (normalizeMode(input.mode) ?? input.mode);
  }
  if (input.split !== undefined) next.split = input.split ?? null;
  if (input.beam_heading !== undefined) next.beam_heading = input.beam_heading ?? null;
  if (input.active !== undefined) next.active = input.active;
  if (input.paused !== undefined) next.paused = input.paused;
  return next;
}

/** "Run 1 - 20m CW" -> "run-1-20m-cw"; a name with nothing usable gives "position". */
export function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '');
  return slug === '' ? 'position' : slug;
}

/** The id a new position gets: the one asked for, or its name's slug made unique with -2, -3, ... */
export function newPositionId(taken: ReadonlySet<string>, name: string, asked?: string): string {
  if (asked !== undefined) {
    if (taken.has(asked)) throw new OpError('POSITION_ID_TAKEN', `A position with id "${asked}" exists`);
    return asked;
  }
  const base = slugOf(name);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const id = `${base.slice(0, 32 - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(id)) return id;
  }
}

/** Refuses a create that would pass the maximum or reuse a name (names are compared case-insensitively). */
export function checkCreate(existing: readonly PositionDefinition[], name: string): void {
  if (existing.length >= MAX_POSITIONS) {
    throw new OpError('TOO_MANY_POSITIONS', `At most ${MAX_POSITIONS} positions can be defined`);
  }
  checkNameFree(existing, name);
}

export function checkNameFree(existing: readonly PositionDefinition[], name: string, self?: string): void {
  const key = name.trim().toLowerCase();
  const other = existing.find((p) => p.id !== self && p.name.trim().toLowerCase() === key);
  if (other) throw new OpError('POSITION_NAME_TAKEN', `Position "${other.name}" already has that name`);
}

/** The position with this id, or POSITION_NOT_FOUND. */
export function requirePosition<P>(positions: ReadonlyMap<string, P>, id: string): P {
  const p = positions.get(id);
  if (!p) throw new OpError('POSITION_NOT_FOUND', `No position with id "${id}"`);
  return p;
}

/**
 * A position can be deleted when it is not the default one and nobody waits or is worked there: its callers
 * are moved (admin.move_caller) or the queue cleared first, so nothing is dropped by accident.
 */
export function checkDelete(id: string, waiting: number, current: string | null): void {
  if (id === DEFAULT_POSITION_ID) {
    throw new OpError('DEFAULT_POSITION_UNDELETABLE', 'The default position cannot be deleted');
  }
  if (waiting > 0 || current !== null) {
    throw new OpError(
      'POSITION_NOT_EMPTY',
      `Position "${id}" still has ${waiting} caller${waiting === 1 ? '' : 's'} waiting${current ? ` and a QSO with ${current}` : ''}: move them or clear the queue first`,
      { waiting, current_callsign: current },
    );
  }
}
