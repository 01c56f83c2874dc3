/**
 * Dupe marking, as loggers do it: a caller already in the QSO log is a dupe on this band and mode (worked here
 * already) or worked before on another band or mode. Pure; the queue panel shows the mark and the previous QSO.
 */
import type { QsoRecord } from '../../shared/protocol/types.js';
import { utcDateTime } from './format.js';

export interface DupeMark {
  /** 'dupe': worked on this band and mode; 'worked': worked, but on another band or mode. */
  kind: 'dupe' | 'worked';
  /** The latest earlier QSO that decided the mark. */
  previous: QsoRecord;
  /** How many QSOs with this callsign the log holds. */
  count: number;
}

const same = (a: string | null, b: string | null): boolean =>
  (a ?? '').toUpperCase() === (b ?? '').toUpperCase();

/** Indexes the log (newest first, as the console keeps it) by callsign. */
export function indexLog(log: readonly QsoRecord[]): Map<string, QsoRecord[]> {
  const byCall = new Map<string, QsoRecord[]>();
  for (const qso of log) {
    const list = byCall.get(qso.callsign);
    if (list) list.push(qso);
    else byCall.set(qso.callsign, [qso]);
  }
  return byCall;
}

/** The mark for a callsign given the station's band and mode now, or null when it was never worked. */
export function dupeMark(
  byCall: ReadonlyMap<string, readonly QsoRecord[]>,
  callsign: string,
  band: string | null,
  mode: string | null,
): DupeMark | null {
  const qsos = byCall.get(callsign);
  if (!qsos || qsos.length === 0) return null;
  const here = qsos.find((q) => same(q.band, band) && same(q.mode, mode));
  if (here && band !== null) return { kind: 'dupe', previous: here, count: qsos.length };
  return { kind: 'worked', previous: qsos[0]!, count: qsos.length };
}

/** The hover text: "Worked 2026-12-02 01:09Z on 20m SSB (2 QSOs)". */
export function dupeTitle(mark: DupeMark): string {
  const q = mark.previous;
  const where = [q.band, q.mode].filter(Boolean).join(' ');
  const label = mark.kind === 'dupe' ? 'Dupe: worked on this band and mode' : 'Worked before';
  const count = mark.count > 1 ? ` (${mark.count} QSOs)` : '';
  return `${label}: ${utcDateTime(q.time_off)}${where ? ` on ${where}` : ''}${count}`;
}
