import { z } from 'zod';
import type { CallerRulesInfo } from '../../../../shared/protocol/positions.js';
import { OpError } from '../../util/errors.js';
import { MAX_POSITIONS } from './position.js';
import { describeSlots, slotKey, type Slot, type WorkedSlots } from './slots.js';

/**
 * The rules for callers across positions, as pure functions over plain state. The Station runs them inside
 * its one serial command runner, so they hold under concurrent registrations from any transport.
 *
 * - A caller needs a slot: joining the queue of a position whose band-mode slot the caller (by operator
 *   identity: W1AW/P is W1AW) already has in the QSO log is refused with SLOT_ALREADY_WORKED, unless the
 *   operator allows dupes. A position without a known band or mode refuses nobody for a slot.
 * - A caller waits in at most `max_queues_per_caller` queues at a time (1 by default): one more is refused
 *   with ALREADY_QUEUED_ELSEWHERE, naming where they wait. Being worked at one position does not count: the
 *   QSO ends soon, and the caller may already line up for the next band.
 */
export type CallerRules = CallerRulesInfo;

export const DEFAULT_CALLER_RULES: CallerRules = Object.freeze({
  allow_dupes: false,
  max_queues_per_caller: 1,
});

export const callerRulesSchema = z.object({
  allow_dupes: z.boolean(),
  max_queues_per_caller: z.number().int().min(1).max(MAX_POSITIONS),
});

/** What the rules need to know about one position. */
export interface Seat {
  id: string;
  /** A queued callsign of the same operator as `callsign` (itself included) at this position, or null. */
  queuedAs(callsign: string): string | null;
}

/** Where an operator waits: the position and the callsign they registered there. */
export interface Place {
  position_id: string;
  callsign: string;
}

/** Every queue the operator behind `callsign` waits in, in the order of `seats`. */
export function placesOf(seats: Iterable<Seat>, callsign: string): Place[] {
  const places: Place[] = [];
  for (const seat of seats) {
    const as = seat.queuedAs(callsign);
    if (as !== null) places.push({ position_id: seat.id, callsign: as });
  }
  return places;
}

/**
 * The queues elsewhere that fill the operator's allowance, when one more at `targetId` would be more queues
 * than the rules allow; null when there is room (a registration, a move or an undo putting them back).
 */
export function queuesAtLimit(
  places: readonly Place[],
  targetId: string,
  rules: CallerRules,
): Place[] | null {
  const elsewhere = places.filter((p) => p.position_id !== targetId);
  return elsewhere.length < rules.max_queues_per_caller ? null : elsewhere;
}

/** Refuses a join that would put the operator in more queues than the rules allow. */
export function checkQueueLimit(places: readonly Place[], targetId: string, rules: CallerRules): void {
  const elsewhere = queuesAtLimit(places, targetId, rules);
  if (elsewhere === null) return;
  const where = elsewhere.map((p) => `${p.position_id} (as ${p.callsign})`).join(', ');
  throw new OpError(
    'ALREADY_QUEUED_ELSEWHERE',
    rules.max_queues_per_caller === 1
      ? `Already waiting at ${where}: leave that queue first to join another`
      : `Already waiting in ${elsewhere.length} queues (${where}): at most ${rules.max_queues_per_caller} at a time`,
    { positions: elsewhere.map((p) => p.position_id) },
  );
}

/** Refuses a join for a slot the operator already has in the log (unless dupes are allowed). */
export function checkSlotNeeded(
  worked: WorkedSlots,
  callsign: string,
  slot: Slot | null,
  rules: CallerRules,
): void {
  if (rules.allow_dupes || slot === null || !worked.has(callsign, slot)) return;
  const have = worked.of(callsign);
  throw new OpError(
    'SLOT_ALREADY_WORKED',
    `${callsign} is already in the log on ${slotKey(slot)} (in the log on: ${describeSlots(have)})`,
    { slot, worked_slots: have },
  );
}

/**
 * The cross-position checks of a registration at `targetId`, in their order: the queue limit, then the slot.
 * The checks of the target position itself (active, paused, already queued there, full) stay the Station's.
 */
export function checkJoin(opts: {
  seats: Iterable<Seat>;
  targetId: string;
  slot: Slot | null;
  callsign: string;
  worked: WorkedSlots;
  rules: CallerRules;
}): void {
  checkQueueLimit(placesOf(opts.seats, opts.callsign), opts.targetId, opts.rules);
  checkSlotNeeded(opts.worked, opts.callsign, opts.slot, opts.rules);
}
