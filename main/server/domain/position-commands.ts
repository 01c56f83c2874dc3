import type { LookupInfo, QueueEntry } from '../../../shared/protocol/types.js';
import { OpError } from '../util/errors.js';
import { isoAt } from '../util/time.js';
import { callerLeft, leaveSecretMatches } from './leave.js';
import { removeFromQueue, type PositionState } from './position.js';
import { STATE_KEYS, type SystemState } from './state-schemas.js';
import type { StationWideState } from './station-wide.js';
import type { CommandContext } from './types.js';
import { recordUndo, type UndoTrack } from './undo.js';

/**
 * The commands on one position's queue and system switch, run inside a Station command: each writes the store
 * first, then changes memory, then announces.
 */

function indexOrThrow(position: PositionState, callsign: string): number {
  const index = position.queue.indexOf(callsign);
  if (index < 0) throw new OpError('NOT_FOUND', 'Callsign not found in queue');
  return index;
}

/** The operator takes a caller out of the queue (undoable). */
export async function removeCallsign(
  position: PositionState,
  wide: StationWideState,
  ctx: CommandContext,
  callsign: string,
  track?: UndoTrack,
): Promise<QueueEntry> {
  const index = indexOrThrow(position, callsign);
  const view = position.queue.view(index, ctx.now());
  const removed = await removeFromQueue(position, ctx, index);
  recordUndo(wide.undo, track, { kind: 'remove', entries: [removed] }, `Remove ${callsign}`, position.id);
  ctx.emit('caller_left', callerLeft('removed', [callsign]));
  return view;
}

/** The caller leaves the queue by themselves, with the secret their registration answer carried. */
export async function leaveQueue(
  position: PositionState,
  ctx: CommandContext,
  callsign: string,
  secret: string,
): Promise<QueueEntry> {
  const index = indexOrThrow(position, callsign);
  if (!leaveSecretMatches(position.queue.at(index)!.leave_secret_hash, secret)) {
    throw new OpError('INVALID_SECRET', 'Only the device that registered this callsign can leave for it.');
  }
  const view = position.queue.view(index, ctx.now());
  await removeFromQueue(position, ctx, index);
  ctx.emit('caller_left', callerLeft('left', [callsign]));
  return view;
}

/** Empties the queue (undoable); answers how many callers it held. */
export async function clearQueue(
  position: PositionState,
  wide: StationWideState,
  ctx: CommandContext,
  track?: UndoTrack,
): Promise<number> {
  const { queue } = position;
  const count = queue.length;
  if (count === 0) return 0;
  const entries = [...queue.all];
  await ctx.store.removeQueueEntries(queue.all);
  queue.clear();
  position.publisher.markDirty();
  recordUndo(wide.undo, track, { kind: 'clear', entries }, `Clear the queue (${count})`, position.id);
  ctx.emit(
    'caller_left',
    callerLeft(
      'cleared',
      entries.map((e) => e.callsign),
    ),
  );
  return count;
}

/**
 * Switches the position on or off. Setting the state it already has changes nothing. Switching off clears the
 * queue, drops the current QSO (not recorded, as a cancel) and clears frequency and split, announcing each; the
 * undo journal forgets the position's actions (nothing before it can be undone there).
 */
export async function setActive(
  position: PositionState,
  wide: StationWideState,
  ctx: CommandContext,
  active: boolean,
  actor: string,
): Promise<{ changed: boolean; cleared_count: number; qso_cleared: boolean; status: SystemState }> {
  const { queue } = position;
  if (position.system.active === active) {
    return { changed: false, cleared_count: 0, qso_cleared: false, status: { ...position.system } };
  }
  const now = isoAt(ctx.now());
  const cleared = queue.length;
  const current = position.qso.callsign;
  const leaving = [...(current ? [current] : []), ...queue.all.map((e) => e.callsign)];
  let dropped = false;
  const next: SystemState = { ...position.system, active, last_updated: now, updated_by: actor };
  await ctx.store.putState(STATE_KEYS.system, next);
  position.system = next;
  ctx.emit('system_status', { active });
  if (!active) {
    wide.undo.clearPosition(position.id);
    if (cleared > 0) {
      await ctx.store.removeQueueEntries(queue.all);
      queue.clear();
    }
    dropped = await position.qso.drop();
    await position.radio.clearAll(actor, now);
    if (leaving.length > 0) ctx.emit('caller_left', callerLeft('off_air', leaving));
  }
  position.publisher.markDirty();
  return {
    changed: true,
    cleared_count: active ? 0 : cleared,
    qso_cleared: dropped,
    status: { ...position.system },
  };
}

/** Pauses the position's queue (no registrations) or opens it again. */
export async function setPaused(
  position: PositionState,
  ctx: CommandContext,
  paused: boolean,
  actor: string,
): Promise<{ paused: boolean; changed: boolean }> {
  if (position.system.paused === paused) return { paused, changed: false };
  const next = { ...position.system, paused, last_updated: isoAt(ctx.now()), updated_by: actor };
  await ctx.store.putState(STATE_KEYS.system, next);
  position.system = next;
  ctx.emit('queue_pause_update', { paused });
  return { paused, changed: true };
}

/** Applies online lookup details to the queued caller and the current QSO with that callsign. */
export async function applyLookup(
  position: PositionState,
  ctx: CommandContext,
  info: LookupInfo,
): Promise<void> {
  const entry = position.queue.at(position.queue.indexOf(info.callsign));
  if (entry) {
    await ctx.store.updateQueueEntry({ ...entry, qrz: info });
    entry.qrz = info;
    position.publisher.markDirty();
  }
  await position.qso.applyLookup(info);
}
