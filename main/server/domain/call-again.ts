import type { CurrentQso } from '../../../shared/protocol/types.js';
import type { StoredQueueEntry } from '../store/store.js';
import { OpError } from '../util/errors.js';
import { isoAt } from '../util/time.js';
import { callerLeft } from './leave.js';
import { callsMade, decideCallAgain, moveBackIndex, orderAt } from './no-show.js';
import type { PositionState } from './position.js';
import type { StationWideState } from './station-wide.js';
import type { CommandContext, NoShowOutcome } from './types.js';
import { recordUndo, type UndoTrack } from './undo.js';

/**
 * "Call again" and "no answer" on one position, inside a Station command: the no-show rule (station-wide, see
 * no-show.ts) applied to the position's current caller.
 */

function currentOrThrow(position: PositionState): CurrentQso {
  const qso = position.qso.get();
  if (!qso) throw new OpError('NOT_FOUND', 'No current QSO: nobody is being called');
  return qso;
}

/**
 * The current caller did not answer the last call: the station calls once more (the count is in the current
 * QSO's metadata, so the caller's page shows it) until the rule's count is reached; then the rule applies.
 */
export async function callAgain(
  position: PositionState,
  wide: StationWideState,
  ctx: CommandContext,
  track?: UndoTrack,
): Promise<NoShowOutcome> {
  const qso = currentOrThrow(position);
  const decision = decideCallAgain(wide.noShow, callsMade(qso.metadata));
  if (decision.kind === 'apply') return applyNoShow(position, wide, ctx, qso, track);
  await position.qso.setCalls(decision.calls);
  return { kind: 'called', callsign: qso.callsign, calls: decision.calls };
}

/** The no-show rule applies to the current caller now. */
export async function noAnswer(
  position: PositionState,
  wide: StationWideState,
  ctx: CommandContext,
  track?: UndoTrack,
): Promise<NoShowOutcome> {
  return applyNoShow(position, wide, ctx, currentOrThrow(position), track);
}

/** Ends the current QSO unlogged and drops the caller or puts them back in the queue, as the rule says. */
async function applyNoShow(
  position: PositionState,
  wide: StationWideState,
  ctx: CommandContext,
  qso: CurrentQso,
  track?: UndoTrack,
): Promise<NoShowOutcome> {
  const { queue } = position;
  const calls = callsMade(qso.metadata);
  let place: number | null = null;
  if (wide.noShow.action === 'move_back') {
    // Queued first, then the QSO dropped: a crash in between leaves the caller in both, which start-up repairs.
    const index = moveBackIndex(queue.length, wide.noShow.places);
    const order =
      index >= queue.length
        ? queue.takeOrder()
        : orderAt(
            queue.all.map((e) => e.order),
            index,
            0,
          );
    const hash = position.qso.leaveHash;
    const stored: StoredQueueEntry = {
      callsign: qso.callsign,
      timestamp: isoAt(ctx.now()),
      order,
      qrz: qso.qrz,
      ...(hash ? { leave_secret_hash: hash } : {}),
    };
    await ctx.store.insertQueueEntry(stored);
    queue.insertAt(index, stored);
    position.publisher.markDirty();
    place = index + 1;
  }
  await position.qso.drop();
  // undone as a cancel is: the caller leaves the queue again (when moved back) and the QSO is current again
  recordUndo(wide.undo, track, { kind: 'cancel', qso }, `No answer from ${qso.callsign}`, position.id);
  ctx.emit('caller_left', callerLeft('no_show', [qso.callsign], place !== null ? { position: place } : {}));
  return place === null
    ? { kind: 'dropped', callsign: qso.callsign, calls }
    : { kind: 'moved_back', callsign: qso.callsign, calls, position: place };
}
