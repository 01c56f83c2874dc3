import { describe, expect, it } from 'vitest';
import type { CurrentQso, QsoRecord } from '../../../shared/protocol/types.js';
import type { StoredQueueEntry } from '../store/store.js';
import { emptyLookup } from './no-lookup.js';
import { newUndoTrack, recordUndo, UndoJournal, workUndo } from './undo.js';

const qso = (callsign: string): CurrentQso => ({
  callsign,
  timestamp: '2026-05-01T12:00:00.000Z',
  qrz: emptyLookup(callsign),
  metadata: {},
});
const entry = (callsign: string): StoredQueueEntry => ({
  callsign,
  timestamp: '2026-05-01T11:59:00.000Z',
  order: 1,
  qrz: qso(callsign).qrz,
});
const record = { id: 'q1', callsign: 'W1AW' } as QsoRecord;

describe('workUndo', () => {
  it('work next from the queue with nothing in progress: the caller can go back', () => {
    const undo = workUndo(null, entry('K1ABC'), { completed: null, current: qso('K1ABC') });
    expect(undo?.label).toBe('Work K1ABC');
    expect(undo?.action).toMatchObject({ kind: 'work', taken: { callsign: 'K1ABC' }, completed: null });
  });

  it('work next that logged the QSO in progress first: both are undone together', () => {
    const undo = workUndo(qso('W1AW'), entry('K1ABC'), { completed: record, current: qso('K1ABC') });
    expect(undo?.label).toBe('Log W1AW and work K1ABC');
    expect(undo?.action).toMatchObject({
      kind: 'work',
      completed: { record: { id: 'q1' }, qso: { callsign: 'W1AW' } },
    });
  });

  it('work next on an empty queue that only logged the QSO in progress: a complete', () => {
    const undo = workUndo(qso('W1AW'), undefined, { completed: record, current: null });
    expect(undo).toEqual({
      action: { kind: 'complete', record, qso: qso('W1AW') },
      label: 'Log W1AW',
    });
  });

  it('nothing done: nothing to undo', () => {
    expect(workUndo(null, undefined, { completed: null, current: null })).toBeNull();
  });
});

describe('recordUndo', () => {
  it('journals the action and hands the ticket to the track when one is given', () => {
    const journal = new UndoJournal({ now: () => 0 });
    const track = newUndoTrack();
    recordUndo(journal, track, { kind: 'cancel', qso: qso('W1AW') }, 'Cancel the QSO with W1AW');
    recordUndo(journal, undefined, { kind: 'remove', entries: [entry('K1ABC')] }, 'Remove K1ABC');
    expect(track.ticket?.undo_label).toBe('Cancel the QSO with W1AW');
    expect(journal.list().map((t) => t.undo_label)).toEqual(['Cancel the QSO with W1AW', 'Remove K1ABC']);
    expect(journal.list()[0]!.undo_id).toBe(track.ticket?.undo_id);
  });
});

describe('the journal by operating position', () => {
  it('records the position; without an id the latest at the position asked (default when none) is found', () => {
    const journal = new UndoJournal({ now: () => 0 });
    const atRun2 = journal.record({ kind: 'remove', entries: [entry('K1ABC')] }, 'Remove K1ABC', 'run-2');
    const atDefault = journal.record({ kind: 'cancel', qso: qso('W1AW') }, 'Cancel the QSO with W1AW');
    const later = journal.record({ kind: 'cancel', qso: qso('G4XYZ') }, 'Cancel G4XYZ', 'run-2');
    expect(atRun2.position_id).toBe('run-2');
    expect(atDefault).not.toHaveProperty('position_id');
    expect(journal.find().id).toBe(atDefault.undo_id);
    expect(journal.find(undefined, 'run-2').id).toBe(later.undo_id);
    expect(journal.find(atRun2.undo_id).positionId).toBe('run-2');
    expect(() => journal.find(undefined, 'cw')).toThrow('Nothing to undo');
    expect(journal.list().map((t) => t.position_id ?? 'default')).toEqual(['run-2', 'default', 'run-2']);
  });

  it("forgets one position's actions and keeps the others'", () => {
    const journal = new UndoJournal({ now: () => 0 });
    journal.record({ kind: 'remove', entries: [entry('K1ABC')] }, 'Remove K1ABC', 'run-2');
    journal.record({ kind: 'cancel', qso: qso('W1AW') }, 'Cancel the QSO with W1AW');
    journal.clearPosition('run-2');
    expect(journal.list().map((t) => t.undo_label)).toEqual(['Cancel the QSO with W1AW']);
  });
});
