import type { StoredQueueEntry } from '../../store/store.js';
import { OpError } from '../../util/errors.js';
import { orderAt } from '../no-show.js';
import type { QueueState } from '../queue.js';
import { checkSlotNeeded, type CallerRules } from './caller-rules.js';
import { DEFAULT_POSITION_ID } from './position.js';
import type { Slot, WorkedSlots } from './slots.js';

/** A queue entry with the position it waits at (absent: the default position, as in older data files). */
export type PositionedEntry = StoredQueueEntry & { position_id?: string };

/** What a move of one caller from one position's queue to another's will do, decided before any write. */
export interface MovePlan {
  /** The caller's index in the source queue. */
  fromIndex: number;
  /** The entry as it will be stored: the same document (same `_id`), at the target, with a new order. */
  entry: PositionedEntry;
  /** The 0-based index it takes in the target queue. */
  toIndex: number;
}

/**
 * Plans moving `callsign` from `source` to `target` (admin.move_caller).
 *
 * The caller keeps their registration time (`timestamp`, so their wait time keeps counting: they did nothing
 * to lose it), their lookup details and their leave secret. They go to the end of the target queue, or to the
 * 1-based `place` given. The move is one rewrite of the caller's queue document (same `_id`, new position and
 * order), so a crash leaves them in exactly one queue. Refused: not waiting at the source (NOT_FOUND), the same
 * operator already waiting or being worked at the target (ALREADY_QUEUED), the target's slot already in the
 * log for them (SLOT_ALREADY_WORKED, unless dupes are allowed: a move must not make a dupe the caller could
 * not make by registering), the target full (QUEUE_FULL). The queue limit is not checked: a move keeps the
 * number of queues the caller waits in.
 */
export function planMove(opts: {
  source: QueueState;
  target: QueueState;
  targetId: string;
  callsign: string;
  targetMaxSize: number;
  /** Who is being worked at the target, and whether two callsigns are one operator. */
  targetCurrent: string | null;
  sameOperator: (a: string, b: string) => boolean;
  targetSlot: Slot | null;
  worked: WorkedSlots;
  rules: CallerRules;
  place?: number;
}): MovePlan {
  const { source, target, callsign } = opts;
  if (source === target) throw new OpError('CONFLICT', `${callsign} already waits at ${opts.targetId}`);
  const fromIndex = source.indexOf(callsign);
  if (fromIndex < 0) throw new OpError('NOT_FOUND', 'Callsign not found in queue');
  const already = target.queuedAs(callsign);
  if (already !== null) {
    throw new OpError(
      'ALREADY_QUEUED',
      `${callsign} is already in the queue of ${opts.targetId} as ${already}`,
    );
  }
  if (opts.targetCurrent !== null && opts.sameOperator(opts.targetCurrent, callsign)) {
    throw new OpError(
      'ALREADY_QUEUED',
      `${callsign} is being worked at ${opts.targetId} as ${opts.targetCurrent}`,
    );
  }
  checkSlotNeeded(opts.worked, callsign, opts.targetSlot, opts.rules);
  if (target.length >= opts.targetMaxSize) {
    throw new OpError(
      'QUEUE_FULL',
      `Queue of ${opts.targetId} is full. Maximum queue size is ${opts.targetMaxSize}`,
    );
  }
  const toIndex =
    opts.place === undefined ? target.length : Math.max(0, Math.min(target.length, opts.place - 1));
  const order =
    toIndex >= target.length
      ? target.takeOrder()
      : orderAt(
          target.all.map((e) => e.order),
          toIndex,
          0,
        );
  const { position_id: _from, ...kept } = source.at(fromIndex)! as PositionedEntry;
  const entry: PositionedEntry =
    opts.targetId === DEFAULT_POSITION_ID
      ? { ...kept, order }
      : { ...kept, order, position_id: opts.targetId };
  return { fromIndex, entry, toIndex };
}

/** Applies a plan to memory, once its write succeeded (inside the same serial command as the plan). */
export function applyMove(plan: MovePlan, source: QueueState, target: QueueState): void {
  source.removeAt(source.indexOf(plan.entry.callsign));
  target.insertAt(plan.toIndex, plan.entry);
}
