/**
 * Reading the QSO log file (`qsos.db`, NeDB's format: one JSON document per line, the last line for an `_id`
 * wins, `{"$$deleted":true,"_id":…}` removes one) without NeDB, so that start-up does not grow with the log:
 *
 * - `prepare` (start-up, synchronous, reads one byte): notes the file's size and makes sure it ends with a
 *   newline, so that a torn last line stays one unreadable line and the next append starts a fresh one.
 * - `readRecent` (before the first request): reads the file backwards from its end, a chunk at a time, until a
 *   whole chunk holds only QSOs that ended before the cutoff (the worked window or the cooldown, whichever is
 *   longer). Imported QSOs (`source: "adif_import"`), written in bulk with old times, do not stop the reading.
 *   Every document whose last line lies in what was read is known exactly, so the recent QSOs are right.
 * - `readAll` (in the background after the server listens): streams the file once, 1 MiB at a time, with
 *   the event loop free between chunks; counts unreadable lines and superseded ones.
 * - `compact` (after `readAll`, only when the file has unreadable lines or more dead lines than live ones):
 *   writes the live lines to a new file while the server runs, then, in one synchronous step (so no append
 *   can come between), adds what was appended meanwhile and renames it into place. A file with unreadable
 *   lines is first copied aside as `qsos.db.corrupt-<time>`.
 */
import { closeSync, fstatSync, openSync, readSync, writeSync, renameSync, promises as fs } from 'node:fs';
import { createReadStream } from 'node:fs';
import type { QsoRecord } from '../../../shared/protocol/types.js';

/** A QSO as the log file stores it (store.ts re-exports it). */
export interface StoredQso extends Omit<QsoRecord, 'id'> {
  _id?: string;
  metadata?: Record<string, unknown>;
}

const CHUNK = 1024 * 1024;
const NEWLINE = 0x0a;

export interface QsoLogScan {
  /** Live documents, in file order of their last line. */
  docs: StoredQso[];
  /** Bytes of the file that were read (its size when the scan started). */
  size: number;
  lines: number;
  badLines: number;
  /** Lines superseded by a later line for the same `_id`, and deletion lines. */
  deadLines: number;
  /** Line numbers (0-based) of the live documents, for compaction. */
  liveLines: Set<number>;
}

type Parsed = { kind: 'doc'; id: string; doc: StoredQso } | { kind: 'deleted'; id: string } | { kind: 'bad' };

function parseLine(line: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: 'bad' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'bad' };
  const v = value as Record<string, unknown>;
  if (typeof v._id !== 'string') return { kind: 'bad' };
  if (v.$$deleted === true) return { kind: 'deleted', id: v._id };
  return { kind: 'doc', id: v._id, doc: v as unknown as StoredQso };
}

/**
 * Memory for a million QSOs: the same short values (band, mode, reports, "queue", the country) and the same
 * DXCC entity and empty grid recur in nearly every document, so one copy of each is shared. (Records are never
 * changed in place: corrections replace the record.)
 */
class Interner {
  private readonly strings = new Map<string, string>();
  private readonly objects = new Map<string, object>();

  text<T>(value: T): T {
    if (typeof value !== 'string' || value.length > 32) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    if (this.strings.size < 50_000) this.strings.set(value, value);
    return value;
  }

  shared<T extends object>(key: string, value: T): T {
    const known = this.objects.get(key);
    if (known !== undefined) return known as T;
    if (this.objects.size < 10_000) this.objects.set(key, value);
    return value;
  }
}

const SHORT_FIELDS = [
  'frequency',
  'band',
  'mode',
  'submode',
  'rx_frequency',
  'source',
  'rst_sent',
  'rst_rcvd',
  'operator',
  'station_callsign',
  'tx_power',
  'logged_by',
  'grid',
] as const;

function compactDoc(doc: StoredQso, pool: Interner): StoredQso {
  const d = doc as unknown as Record<string, unknown>;
  for (const k of SHORT_FIELDS) if (typeof d[k] === 'string') d[k] = pool.text(d[k]);
  const qrz = doc.qrz as unknown as Record<string, unknown> | undefined;
  if (qrz !== undefined && qrz !== null && typeof qrz === 'object') {
    if (qrz.callsign === doc.callsign) qrz.callsign = doc.callsign;
    qrz.source = pool.text(qrz.source);
    qrz.dxcc_name = pool.text(qrz.dxcc_name);
    qrz.error = pool.text(qrz.error);
    const grid = qrz.grid as Record<string, unknown> | null | undefined;
    if (grid && grid.lat === null && grid.long === null && grid.grid === null) {
      qrz.grid = pool.shared('grid:none', grid);
    }
    const dxcc = qrz.dxcc as Record<string, unknown> | null | undefined;
    if (dxcc && typeof dxcc === 'object') {
      const key = `dxcc:${String(dxcc.adif)}|${String(dxcc.entity)}|${String(dxcc.prefix)}|${String(dxcc.cq_zone)}|${String(dxcc.itu_zone)}|${String(dxcc.continent)}|${String(dxcc.lat)}|${String(dxcc.lon)}|${String(dxcc.utc_offset)}`;
      qrz.dxcc = pool.shared(key, dxcc);
    }
  }
  return doc;
}

/** Whether a document can be a QSO of the log (older files may hold anything). */
function usable(doc: StoredQso): boolean {
  return (
    typeof doc.callsign === 'string' && typeof doc.time_off === 'string' && typeof doc.time_on === 'string'
  );
}

export class QsoLogFile {
  /** The file's size when the store opened it: what the background reading covers. */
  readonly sizeAtOpen: number;

  private constructor(
    readonly file: string,
    size: number,
  ) {
    this.sizeAtOpen = size;
  }

  /** Notes the size and ends a torn last line (see the module comment). */
  static prepare(file: string): QsoLogFile {
    let fd: number;
    try {
      fd = openSync(file, 'r+');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new QsoLogFile(file, 0);
      throw err;
    }
    try {
      let size = fstatSync(fd).size;
      if (size > 0) {
        const last = Buffer.alloc(1);
        readSync(fd, last, 0, 1, size - 1);
        if (last[0] !== NEWLINE) {
          writeSync(fd, Buffer.from('\n'), 0, 1, size);
          size += 1;
        }
      }
      return new QsoLogFile(file, size);
    } finally {
      closeSync(fd);
    }
  }

  /** The QSOs that ended at or after `cutoffMs` (and any others met on the way), reading from the end. */
  async readRecent(cutoffMs: number): Promise<StoredQso[]> {
    if (this.sizeAtOpen === 0) return [];
    const handle = await fs.open(this.file, 'r');
    const seen = new Set<string>();
    const kept: StoredQso[] = [];
    const pool = new Interner();
    try {
      let end = this.sizeAtOpen;
      let carry: Buffer = Buffer.alloc(0);
      while (end > 0) {
        const start = Math.max(0, end - CHUNK);
        const buf = Buffer.alloc(end - start);
        await handle.read(buf, 0, buf.length, start);
        const data = carry.length > 0 ? Buffer.concat([buf, carry]) : buf;
        // the first (partial) line of this chunk belongs with the next chunk back, unless at the file start
        let from = 0;
        if (start > 0) {
          const nl = data.indexOf(NEWLINE);
          if (nl < 0) {
            carry = data;
            end = start;
            continue;
          }
          carry = data.subarray(0, nl + 1);
          from = nl + 1;
        } else carry = Buffer.alloc(0);
        const lines = data.toString('utf8', from).split('\n');
        let live = 0;
        let recent = 0;
        for (let i = lines.length - 1; i >= 0; i -= 1) {
          const line = lines[i]!;
          if (line.trim() === '') continue;
          const p = parseLine(line);
          if (p.kind === 'bad' || seen.has(p.id)) continue;
          seen.add(p.id);
          if (p.kind === 'deleted' || !usable(p.doc)) continue;
          kept.push(compactDoc(p.doc, pool));
          if (p.doc.source === 'adif_import') continue;
          live += 1;
          if (Date.parse(p.doc.time_off) >= cutoffMs) recent += 1;
        }
        end = start;
        if (live > 0 && recent === 0) break;
      }
    } finally {
      await handle.close();
    }
    return kept.reverse();
  }

  /** Reads the whole file as it was at open, a chunk at a time. `stopped` ends the reading early (shutdown). */
  async readAll(stopped: () => boolean = () => false): Promise<QsoLogScan> {
    const byId = new Map<string, { doc: StoredQso; line: number }>();
    const pool = new Interner();
    const deletedLines: number[] = [];
    let lines = 0;
    let bad = 0;
    let dead = 0;
    if (this.sizeAtOpen > 0) {
      const stream = createReadStream(this.file, {
        start: 0,
        end: this.sizeAtOpen - 1,
        highWaterMark: CHUNK,
      });
      let carry: Buffer | null = null;
      const take = (line: string): void => {
        const n = lines;
        lines += 1;
        if (line.trim() === '') return;
        const p = parseLine(line);
        if (p.kind === 'bad') {
          bad += 1;
          return;
        }
        const before = byId.get(p.id);
        if (before !== undefined) {
          dead += 1;
          byId.delete(p.id);
        }
        if (p.kind === 'deleted') {
          dead += 1;
          deletedLines.push(n);
          return;
        }
        byId.set(p.id, { doc: compactDoc(p.doc, pool), line: n });
      };
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (stopped()) {
          stream.destroy();
          break;
        }
        const data: Buffer = carry !== null ? Buffer.concat([carry, chunk]) : chunk;
        const lastNl = data.lastIndexOf(NEWLINE);
        if (lastNl < 0) {
          carry = data;
          continue;
        }
        carry = lastNl + 1 < data.length ? data.subarray(lastNl + 1) : null;
        let start = 0;
        for (;;) {
          const nl = data.indexOf(NEWLINE, start);
          if (nl < 0 || nl > lastNl) break;
          take(data.toString('utf8', start, nl));
          start = nl + 1;
        }
      }
      if (carry !== null && carry.length > 0) take(carry.toString('utf8'));
    }
    const docs: StoredQso[] = [];
    const liveLines = new Set<number>();
    for (const { doc, line } of byId.values()) {
      liveLines.add(line);
      if (usable(doc)) docs.push(doc);
    }
    return { docs, size: this.sizeAtOpen, lines, badLines: bad, deadLines: dead, liveLines };
  }

  /** Whether a scan calls for a compaction (unreadable lines, or more dead lines than live ones). */
  static needsCompaction(scan: QsoLogScan): boolean {
    return scan.badLines > 0 || (scan.deadLines > 1000 && scan.deadLines > scan.liveLines.size);
  }

  /**
   * Rewrites the file with its live lines only (see the module comment). Returns where a damaged original was
   * kept, or null.
   */
  async compact(scan: QsoLogScan, now: Date = new Date()): Promise<string | null> {
    let savedAs: string | null = null;
    if (scan.badLines > 0) {
      savedAs = `${this.file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
      await fs.copyFile(this.file, savedAs);
    }
    const tmp = `${this.file}.compacting`;
    const out = await fs.open(tmp, 'w', 0o644);
    try {
      const stream = createReadStream(this.file, { start: 0, end: scan.size - 1, highWaterMark: CHUNK });
      let carry: Buffer | null = null;
      let n = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async (): Promise<void> => {
        if (pending.length === 0) return;
        const data = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        await out.write(data);
      };
      const take = (line: Buffer): void => {
        if (scan.liveLines.has(n)) {
          pending.push(line, Buffer.from('\n'));
          pendingBytes += line.length + 1;
        }
        n += 1;
      };
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const data: Buffer = carry !== null ? Buffer.concat([carry, chunk]) : chunk;
        let start = 0;
        for (;;) {
          const nl = data.indexOf(NEWLINE, start);
          if (nl < 0) break;
          take(data.subarray(start, nl));
          start = nl + 1;
        }
        carry = start < data.length ? data.subarray(start) : null;
        if (pendingBytes > CHUNK) await flush();
      }
      if (carry !== null && carry.length > 0) take(carry);
      await flush();
    } finally {
      await out.close();
    }
    // One synchronous step: what was appended since the scan, then the rename (appends are synchronous too).
    const fd = openSync(this.file, 'r');
    const tfd = openSync(tmp, 'a');
    try {
      const size = fstatSync(fd).size;
      const rest = Buffer.alloc(Math.max(0, size - scan.size));
      if (rest.length > 0) {
        readSync(fd, rest, 0, rest.length, scan.size);
        writeSync(tfd, rest);
      }
    } finally {
      closeSync(fd);
      closeSync(tfd);
    }
    renameSync(tmp, this.file);
    return savedAs;
  }
}
