/**
 * The undo journal: what the last queue and QSO commands changed, kept for a while so that the operator can take
 * it back (admin.undo). A cancelled or removed caller goes back to the place they had (their registration order),
 * a cleared queue comes back whole, a completed QSO leaves the log and is the current QSO again, and "work next"
 * puts the caller back at the head and the QSO it completed back in progress.
 *
 * The journal holds plain state; `applyUndo` checks that the undo still makes sense against the Station's state
 * now and changes it only through the callbacks the Station gives it (which write the store and emit events).
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_POSITION_ID } from '../../../shared/protocol/positions.js';
import type { CurrentQso, QsoRecord } from '../../../shared/protocol/types.js';
import type { StoredQueueEntry } from '../store/store.js';
import { OpError } from '../util/errors.js';
import { isoAt, type Clock } from '../util/time.js';

/** How long an action can be undone. The console offers it for at least 10 s; Ctrl+Z works for this long. */
export const UNDO_WINDOW_MS = 60_000;
/** How many actions are kept. */
export const UNDO_DEPTH = 20;

export type UndoAction =
  | { kind: 'cancel'; qso: CurrentQso }
  | { kind: 'remove'; entries: StoredQueueEntry[] }
  | { kind: 'clear'; entries: StoredQueueEntry[] }
  | { kind: 'complete'; record: QsoRecord; qso: CurrentQso }
  | {
      kind: 'work';
      /** The QSO that work next started. */
      started: CurrentQso;
      /** The queue entry it was taken from. */
      taken: StoredQueueEntry;
      /** The QSO in progress that work next completed first, with its log record. */
      completed: { record: QsoRecord; qso: CurrentQso } | null;
    };

export type UndoKind = UndoAction['kind'];

/** What an undoable command answers with, so that a client can offer Undo for exactly that action. */
export interface UndoTicket {
  undo_id: string;
  /** "Cancel QSO with DL1ABC", "Remove EA8/DL1ABC", ... */
  undo_label: string;
  undo_expires_at: string;
  /** The operating position the action was taken at; absent: the default position. */
  position_id?: string;
}

/** Filled by a command that was asked to report its undo ticket. */
export interface UndoTrack {
  ticket: UndoTicket | null;
}

export const newUndoTrack = (): UndoTrack => ({ ticket: null });

interface JournalEntry {
  id: string;
  label: string;
  action: UndoAction;
  expires: number;
  /** The operating position the action was taken at (its undo changes that position). */
  positionId: string;
}

function ticketOf(e: JournalEntry): UndoTicket {
  return {
    undo_id: e.id,
    undo_label: e.label,
    undo_expires_at: isoAt(e.expires),
    ...(e.positionId !== DEFAULT_POSITION_ID ? { position_id: e.positionId } : {}),
  };
}

export class UndoJournal {
  private entries: JournalEntry[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly windowMs = UNDO_WINDOW_MS,
    private readonly depth = UNDO_DEPTH,
  ) {}

  record(action: UndoAction, label: string, positionId: string = DEFAULT_POSITION_ID): UndoTicket {
    this.prune();
    const entry: JournalEntry = {
      id: randomUUID(),
      label,
      action: structuredClone(action),
      expires: this.clock.now() + this.windowMs,
      positionId,
    };
    this.entries.push(entry);
    if (this.entries.length > this.depth) this.entries.shift();
    return ticketOf(entry);
  }

  /**
   * The entry for `id` (at whichever position), or without it the latest one at `positionId` (the default
   * position when not given). Throws NOT_FOUND when there is none (or it expired).
   */
  find(id?: string, positionId: string = DEFAULT_POSITION_ID): JournalEntry {
    this.prune();
    const entry =
      id === undefined
        ? this.entries.findLast((e) => e.positionId === positionId)
        : this.entries.find((e) => e.id === id);
    if (!entry) {
      throw new OpError(
        'NOT_FOUND',
        id === undefined
          ? 'Nothing to undo'
          : `That action can no longer be undone (undo is kept for ${Math.round(this.windowMs / 1000)} s)`,
      );
    }
    return entry;
  }

  forget(id: string): void {
    this.entries = this.entries.filter((e) => e.id !== id);
  }

  clear(): void {
    this.entries = [];
  }

  /** Forgets the actions taken at one position (it was switched off, or deleted). */
  clearPosition(positionId: string): void {
    this.entries = this.entries.filter((e) => e.positionId !== positionId);
  }

  /** The ticket of a journal entry (as its command answered it). */
  ticketOf(entry: JournalEntry): UndoTicket {
    return ticketOf(entry);
  }

  /** Open undo tickets, newest last (`position_id` on those of a position other than the default one). */
  list(): UndoTicket[] {
    this.prune();
    return this.entries.map(ticketOf);
  }

  private prune(): void {
    const now = this.clock.now();
    this.entries = this.entries.filter((e) => e.expires > now);
  }
}

/**
 * Journals an action taken at `positionId` (the default position when not given) and, when the command was
 * asked for it, hands its ticket to `track`.
 */
export function recordUndo(
  journal: UndoJournal,
  track: UndoTrack | undefined,
  action: UndoAction,
  label: string,
  positionId?: string,
): void {
  const ticket = journal.record(action, label, positionId);
  if (track) track.ticket = ticket;
}

/**
 * What "work next" (or working a chosen caller) did, as an undoable action: the caller taken from the queue and
 * the QSO completed first, if any. Null when it did neither.
 */
export function workUndo(
  previous: CurrentQso | null,
  taken: StoredQueueEntry | undefined,
  result: { completed: QsoRecord | null; current: CurrentQso | null },
): { action: UndoAction; label: string } | null {
  const completed = result.completed && previous ? { record: result.completed, qso: previous } : null;
  if (result.current && taken) {
    const label = completed
      ? `Log ${completed.qso.callsign} and work ${taken.callsign}`
      : `Work ${taken.callsign}`;
    return { action: { kind: 'work', started: result.current, taken, completed }, label };
  }
  if (completed)
    return { action: { kind: 'complete', ...completed }, label: `Log ${completed.qso.callsign}` };
  return null;
}

/** The Station's state as an undo needs to see it. */
export interface UndoState {
  active: boolean;
  current: CurrentQso | null;
  /** Whether the callsign waits in this position's queue. */
  isQueued(callsign: string): boolean;
  /**
   * Where the caller waits at other positions when the queue limit forbids putting them back here, or null
   * (always null with one position): such a caller is not put back, so the rule holds.
   */
  waitsElsewhere(callsign: string): string | null;
  hasQso(id: string): boolean;
}

/** The changes an undo may make; each writes the store first and emits the events. */
export interface UndoEffects {
  /** Puts entries back into the queue at the place their registration order gives them. */
  restoreQueueEntries(entries: StoredQueueEntry[]): Promise<void>;
  removeQueued(callsign: string): Promise<void>;
  deleteQso(id: string): Promise<void>;
  setCurrent(qso: CurrentQso | null): Promise<void>;
}

const sameQso = (a: CurrentQso | null, b: CurrentQso): boolean =>
  a !== null && a.callsign === b.callsign && a.timestamp === b.timestamp;

function busy(current: CurrentQso): OpError {
  return new OpError(
    'CONFLICT',
    `Cannot undo while the QSO with ${current.callsign} is in progress: complete or cancel it first`,
  );
}

/** Undoes one action; answers what was done, in words. Throws CONFLICT when the state has moved on. */
export async function applyUndo(action: UndoAction, state: UndoState, fx: UndoEffects): Promise<string> {
  if (!state.active) throw new OpError('SYSTEM_INACTIVE', 'The system is off: nothing can be undone');
  switch (action.kind) {
    case 'cancel': {
      if (state.current) throw busy(state.current);
      if (state.isQueued(action.qso.callsign)) await fx.removeQueued(action.qso.callsign);
      await fx.setCurrent(action.qso);
      return `QSO with ${action.qso.callsign} is current again`;
    }
    case 'remove':
    case 'clear': {
      const back = action.entries.filter(
        (e) =>
          !state.isQueued(e.callsign) &&
          state.waitsElsewhere(e.callsign) === null &&
          state.current?.callsign !== e.callsign,
      );
      if (back.length === 0) {
        throw new OpError('CONFLICT', 'Nothing to put back: those callers are queued or worked again');
      }
      await fx.restoreQueueEntries(back);
      return back.length === 1
        ? `${back[0]!.callsign} is back in the queue`
        : `${back.length} callers are back in the queue`;
    }
    case 'complete': {
      if (state.current) throw busy(state.current);
      if (!state.hasQso(action.record.id)) {
        throw new OpError('CONFLICT', `The QSO with ${action.record.callsign} is no longer in the log`);
      }
      if (state.isQueued(action.qso.callsign)) await fx.removeQueued(action.qso.callsign);
      await fx.deleteQso(action.record.id);
      await fx.setCurrent(action.qso);
      return `QSO with ${action.qso.callsign} taken out of the log; it is current again`;
    }
    case 'work': {
      if (!sameQso(state.current, action.started)) {
        throw new OpError(
          'CONFLICT',
          `Cannot undo: the QSO with ${action.started.callsign} is no longer the current QSO`,
        );
      }
      const previous = action.completed;
      if (previous && !state.hasQso(previous.record.id)) {
        throw new OpError('CONFLICT', `The QSO with ${previous.record.callsign} is no longer in the log`);
      }
      // A caller who has joined as many other queues as the rules allow since (being worked does not count) is
      // not put back here: they wait there, and the rule holds.
      const elsewhere = state.waitsElsewhere(action.taken.callsign);
      const taken =
        elsewhere === null
          ? `${action.taken.callsign} is back at their place`
          : `${action.taken.callsign} waits at ${elsewhere} now, so is not put back here`;
      // the caller goes back first (a crash in between leaves them both queued and current, which start-up
      // reconciles; never in neither)
      if (elsewhere === null) await fx.restoreQueueEntries([action.taken]);
      if (previous) {
        // the QSO before is current again: its caller, queued here again meanwhile, leaves the queue (as for
        // the undo of a complete); never both current and queued
        if (state.isQueued(previous.qso.callsign)) await fx.removeQueued(previous.qso.callsign);
        await fx.deleteQso(previous.record.id);
        await fx.setCurrent(previous.qso);
        return `${taken}; the QSO with ${previous.qso.callsign} is current again`;
      }
      await fx.setCurrent(null);
      return elsewhere === null ? `${taken} in the queue` : taken;
    }
  }
}
