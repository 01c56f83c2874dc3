import type { z } from 'zod';
import type { CurrentQso } from '../../../../shared/protocol/types.js';
import type { StoredPosition } from '../../store/positions-file.js';
import type { StoredQueueEntry } from '../../store/store.js';
import {
  STATE_KEYS,
  beamStateSchema,
  currentLeaveSchema,
  currentQsoSchema,
  frequencyStateSchema,
  splitStateSchema,
  systemStateSchema,
  type BeamState,
  type CurrentLeave,
  type StoredFrequency,
  type StoredSplit,
  type SystemState,
} from '../state-schemas.js';
import type { Logger } from '../types.js';
import { DEFAULT_POSITION_ID, type PositionRadio } from './position.js';
import type { PositionedEntry } from './move.js';

/** What a position other than the default one starts from, read from its document in positions.db. */
export interface StoredPositionStart {
  system: SystemState;
  frequency: StoredFrequency;
  split: StoredSplit;
  beam: BeamState;
  current: CurrentQso | null;
  /** The current caller's leave-secret hash (STATE_KEYS.currentLeave, scoped to the position). */
  currentLeave: CurrentLeave;
}

/**
 * A position's state documents, checked by the same schemas as the default position's in state.db; a document
 * that does not pass is reset to its default and the log says so (the damaged file itself is set aside by the
 * store's recovery before this).
 */
export function startOfStoredPosition(doc: StoredPosition, log: Logger): StoredPositionStart {
  const pick = <S extends z.ZodType>(key: string, schema: S, fallback: z.infer<S>): z.infer<S> => {
    if (!(key in doc.state)) return fallback;
    const parsed = schema.safeParse(doc.state[key]);
    if (parsed.success) return parsed.data;
    log('warn', `stored state "${key}" of position "${doc._id}" is invalid and was reset to its default`);
    return fallback;
  };
  return {
    system: pick(STATE_KEYS.system, systemStateSchema, {
      active: false,
      paused: false,
      last_updated: null,
      updated_by: 'system',
    }),
    frequency: pick(STATE_KEYS.frequency, frequencyStateSchema, {
      frequency: null,
      band: null,
      mode: null,
      last_updated: null,
      updated_by: null,
    }),
    split: pick(STATE_KEYS.split, splitStateSchema, { split: null, last_updated: null, updated_by: null }),
    beam: pick(STATE_KEYS.beam, beamStateSchema, {
      beam_heading: null,
      beam_heading_visible: false,
      last_updated: null,
    }),
    current: pick(STATE_KEYS.currentQso, currentQsoSchema, null),
    currentLeave: pick(STATE_KEYS.currentLeave, currentLeaveSchema, null),
  };
}

/** The state documents of a new position, from what the operator gave at creation. */
export function initialStateOf(radio: PositionRadio, actor: string, at: string): Record<string, unknown> {
  const system: SystemState = {
    active: radio.active,
    paused: radio.paused,
    last_updated: at,
    updated_by: actor,
  };
  const frequency: StoredFrequency = {
    frequency: radio.frequency,
    band: radio.band,
    mode: radio.mode,
    last_updated: radio.frequency === null && radio.band === null && radio.mode === null ? null : at,
    updated_by: actor,
  };
  const split: StoredSplit = {
    split: radio.split,
    last_updated: radio.split === null ? null : at,
    updated_by: actor,
  };
  const beam: BeamState = {
    beam_heading: radio.beam_heading,
    beam_heading_visible: radio.beam_heading !== null,
    last_updated: radio.beam_heading === null ? null : at,
  };
  return {
    [STATE_KEYS.system]: system,
    [STATE_KEYS.frequency]: frequency,
    [STATE_KEYS.split]: split,
    [STATE_KEYS.beam]: beam,
    [STATE_KEYS.currentQso]: null,
  };
}

/**
 * The queue entries of each position, by their `position_id` (none: the default position). Entries of a
 * position that is no longer defined (a positions.db that lost it) wait at the default position: nobody is
 * dropped. Duplicates are per position: one operator may wait in several queues when the rules allow it.
 */
export function queuesByPosition(
  entries: readonly PositionedEntry[],
  known: ReadonlySet<string>,
  log: Logger,
): Map<string, StoredQueueEntry[]> {
  const byPosition = new Map<string, StoredQueueEntry[]>();
  let orphans = 0;
  for (const e of entries) {
    let id = e.position_id ?? DEFAULT_POSITION_ID;
    if (!known.has(id)) {
      orphans += 1;
      id = DEFAULT_POSITION_ID;
    }
    const list = byPosition.get(id);
    if (list) list.push(e);
    else byPosition.set(id, [e]);
  }
  if (orphans > 0) {
    log(
      'warn',
      `start-up: ${orphans} queue entr${orphans === 1 ? 'y' : 'ies'} of positions no longer defined wait at the default position`,
    );
  }
  return byPosition;
}
