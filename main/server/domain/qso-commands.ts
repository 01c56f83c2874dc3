import type { CurrentQso, QsoLoggedBy, QsoRecord } from '../../../shared/protocol/types.js';
import { OpError } from '../util/errors.js';
import { removeFromQueue, restoreQueueEntries, type PositionState } from './position.js';
import type { StationWideState } from './station-wide.js';
import type { CommandContext, CompleteDetails, WorkResult } from './types.js';
import { applyUndo, recordUndo, workUndo, type UndoTicket, type UndoTrack } from './undo.js';

/**
 * The undoable QSO commands on one position, run inside a Station command: the position's QSO lifecycle does
 * the work, the station-wide undo journal remembers it (domain/undo.ts).
 */

/** Completes the current QSO (if any) and makes the head of the queue the current QSO. */
export async function workNext(
  position: PositionState,
  wide: StationWideState,
  actor: string,
  track?: UndoTrack,
  loggedBy?: QsoLoggedBy,
): Promise<WorkResult> {
  const previous = position.qso.get();
  const head = position.queue.at(0);
  const result = await position.qso.workNext(actor, loggedBy);
  const undoable = workUndo(previous, head, result);
  if (undoable) recordUndo(wide.undo, track, undoable.action, undoable.label, position.id);
  return result;
}

/** Takes a chosen callsign out of the queue (out of order) and makes it the current QSO. */
export async function workCallsign(
  position: PositionState,
  wide: StationWideState,
  callsign: string,
  actor: string,
  track?: UndoTrack,
  loggedBy?: QsoLoggedBy,
): Promise<WorkResult & { already_current: boolean; original_position: number | null }> {
  const previous = position.qso.get();
  const taken = position.queue.at(position.queue.indexOf(callsign));
  const result = await position.qso.workCallsign(callsign, actor, loggedBy);
  const undoable = result.already_current ? null : workUndo(previous, taken, result);
  if (undoable) recordUndo(wide.undo, track, undoable.action, undoable.label, position.id);
  return result;
}

/** Finishes the current QSO and records it in the log as worked. */
export async function completeQso(
  position: PositionState,
  wide: StationWideState,
  details: CompleteDetails = {},
  track?: UndoTrack,
): Promise<{ completed: QsoRecord | null; qso: CurrentQso | null }> {
  const r = await position.qso.completeQso(details);
  if (r.completed && r.qso) {
    recordUndo(
      wide.undo,
      track,
      { kind: 'complete', record: r.completed, qso: r.qso },
      `Log ${r.qso.callsign}`,
      position.id,
    );
  }
  return r;
}

/** Drops the current QSO without recording it. */
export async function cancelQso(
  position: PositionState,
  wide: StationWideState,
  track?: UndoTrack,
): Promise<CurrentQso | null> {
  const qso = await position.qso.cancelQso();
  if (qso) {
    recordUndo(wide.undo, track, { kind: 'cancel', qso }, `Cancel the QSO with ${qso.callsign}`, position.id);
  }
  return qso;
}

/**
 * Undoes the action `undoId` names (at whichever position it was taken), or the latest one at `positionId` (the
 * default position when not given), on the position it was taken at (see domain/undo.ts). CONFLICT when that
 * position no longer exists.
 */
export async function undo(
  at: (positionId: string) => { position: PositionState; ctx: CommandContext },
  wide: StationWideState,
  undoId?: string,
  positionId?: string,
  /**
   * Where a caller waits at other positions when the queue limit forbids putting them back at `positionId`
   * (Camp.waitsElsewhere), or null: such a caller is not put back.
   */
  waitsElsewhere: (positionId: string, callsign: string) => string | null = () => null,
): Promise<{ message: string; undone: UndoTicket }> {
  const entry = wide.undo.find(undoId, positionId);
  let target: { position: PositionState; ctx: CommandContext };
  try {
    target = at(entry.positionId);
  } catch (err) {
    if (!(err instanceof OpError) || err.code !== 'POSITION_NOT_FOUND') throw err;
    wide.undo.forget(entry.id);
    throw new OpError('CONFLICT', `Cannot undo: position ${entry.positionId} no longer exists`);
  }
  const { position, ctx } = target;
  const message = await applyUndo(
    entry.action,
    {
      active: position.system.active,
      current: position.qso.get(),
      isQueued: (callsign) => position.queue.has(callsign),
      waitsElsewhere: (callsign) => waitsElsewhere(position.id, callsign),
      hasQso: (id) => wide.qsos.indexOf(id) >= 0,
    },
    {
      restoreQueueEntries: (entries) => restoreQueueEntries(position, ctx, entries),
      removeQueued: async (callsign) => {
        const index = position.queue.indexOf(callsign);
        if (index >= 0) await removeFromQueue(position, ctx, index);
      },
      deleteQso: async (id) => {
        await position.qso.deleteQso(id);
      },
      setCurrent: (qso) => position.qso.restore(qso),
    },
  );
  wide.undo.forget(entry.id);
  const ticket = wide.undo.ticketOf(entry);
  return { message, undone: ticket };
}

/**
 * The same commands at any position (`t`, resolved by the Station); each is journaled for undo with the
 * position it was taken at.
 */
export interface QsoTarget {
  position: PositionState;
  isDefault: boolean;
}

export function workNextAt(
  t: QsoTarget,
  wide: StationWideState,
  actor: string,
  track?: UndoTrack,
  loggedBy?: QsoLoggedBy,
): Promise<WorkResult> {
  return workNext(t.position, wide, actor, track, loggedBy);
}

export function workCallsignAt(
  t: QsoTarget,
  wide: StationWideState,
  callsign: string,
  actor: string,
  track?: UndoTrack,
  loggedBy?: QsoLoggedBy,
): Promise<WorkResult & { already_current: boolean; original_position: number | null }> {
  return workCallsign(t.position, wide, callsign, actor, track, loggedBy);
}

export function completeQsoAt(
  t: QsoTarget,
  wide: StationWideState,
  details: CompleteDetails = {},
  track?: UndoTrack,
): Promise<{ completed: QsoRecord | null; qso: CurrentQso | null }> {
  return completeQso(t.position, wide, details, track);
}

export function cancelQsoAt(
  t: QsoTarget,
  wide: StationWideState,
  track?: UndoTrack,
): Promise<CurrentQso | null> {
  return cancelQso(t.position, wide, track);
}
