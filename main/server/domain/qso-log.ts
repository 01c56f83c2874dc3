import type { QsoRecord } from '../../../shared/protocol/types.js';
import { DEFAULT_POSITION_ID } from '../../../shared/protocol/positions.js';
import { sortByTimeOff } from '../store/store.js';

export interface QsoFilter {
  search?: string;
  since?: string;
  until?: string;
  limit?: number;
}

/** Told of every change of the log: QSOs added, or any other change (edit, deletion, the whole log read). */
export interface QsoLogWatcher {
  added(records: readonly QsoRecord[]): void;
  changed(): void;
}

/** The QSO log in memory, kept sorted by time_off. It only holds state; the Station writes the store first. */
export class QsoLog {
  private readonly watchers: QsoLogWatcher[] = [];

  constructor(private records: QsoRecord[]) {}

  /** Follows the log's changes (indexes kept beside it, such as the worked band-mode slots). */
  watch(watcher: QsoLogWatcher): void {
    this.watchers.push(watcher);
  }

  /** Puts the whole log (read in the background) in place of the recent part, keeping records added since. */
  replaceAll(all: QsoRecord[]): void {
    const known = new Set<string>();
    for (const r of all) known.add(r.id);
    const added = this.records.filter((q) => !known.has(q.id));
    this.records = added.length > 0 ? sortByTimeOff([...all, ...added]) : all;
    for (const w of this.watchers) w.changed();
  }

  /** Adds many records (an import) and sorts once. */
  addMany(records: readonly QsoRecord[]): void {
    for (const r of records) this.records.push(r);
    sortByTimeOff(this.records);
    for (const w of this.watchers) w.added(records);
  }

  get all(): readonly QsoRecord[] {
    return this.records;
  }

  get count(): number {
    return this.records.length;
  }

  indexOf(id: string): number {
    return this.records.findIndex((q) => q.id === id);
  }

  at(index: number): QsoRecord | undefined {
    return this.records[index];
  }

  add(record: QsoRecord): void {
    // appends are the common case
    const last = this.records[this.records.length - 1];
    this.records.push(record);
    if (last && last.time_off > record.time_off) this.sort();
    for (const w of this.watchers) w.added([record]);
  }

  replaceAt(index: number, record: QsoRecord): void {
    this.records[index] = record;
    this.sort();
    for (const w of this.watchers) w.changed();
  }

  removeAt(index: number): QsoRecord {
    const removed = this.records.splice(index, 1)[0]!;
    for (const w of this.watchers) w.changed();
    return removed;
  }

  /** Newest first, optionally filtered by callsign substring and time range. */
  query(filter: QsoFilter = {}): QsoRecord[] {
    const search = filter.search?.trim().toUpperCase() ?? '';
    const since = filter.since ? Date.parse(filter.since) : -Infinity;
    const until = filter.until ? Date.parse(filter.until) : Infinity;
    const limit = filter.limit ?? Infinity;
    const out: QsoRecord[] = [];
    for (let i = this.records.length - 1; i >= 0 && out.length < limit; i -= 1) {
      const q = this.records[i]!;
      const off = Date.parse(q.time_off);
      if (off < since) break;
      if (off > until) continue;
      if (search && !q.callsign.includes(search)) continue;
      out.push(q);
    }
    return out;
  }

  /**
   * QSO rate figures for wait estimates: QSOs completed in the last hour and their average spacing; with
   * `positionId`, only the QSOs worked at that operating position (a QSO without one is the default position's).
   */
  stats(now: number, positionId?: string): { qsos_last_hour: number; average_qso_seconds: number | null } {
    const hourAgo = now - 3_600_000;
    const recent: number[] = [];
    for (let i = this.records.length - 1; i >= 0; i -= 1) {
      const record = this.records[i]!;
      const off = Date.parse(record.time_off);
      if (off < hourAgo) break;
      if (positionId !== undefined && (record.position_id ?? DEFAULT_POSITION_ID) !== positionId) continue;
      recent.push(off);
    }
    let average: number | null = null;
    if (recent.length >= 2) {
      const span = (recent[0]! - recent[recent.length - 1]!) / 1000;
      average = Math.round((span / (recent.length - 1)) * 10) / 10;
    }
    return { qsos_last_hour: recent.length, average_qso_seconds: average };
  }

  private sort(): void {
    sortByTimeOff(this.records);
  }
}
