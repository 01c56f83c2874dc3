import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import Datastore from 'nedb-promises';
import type { Ban, LookupInfo } from '../../../shared/protocol/types.js';
import { AppendLog } from './append-log.js';
import { QsoLogFile, type StoredQso } from './qso-log.js';
import { notAFile, recoverDatafile, type DocumentCheck, type RecoveryReport } from './recovery.js';

export type { StoredQso } from './qso-log.js';

/** A queue entry as stored: the order is the registration order. */
export interface StoredQueueEntry {
  _id?: string;
  callsign: string;
  timestamp: string;
  /** Monotonic registration number; ties on equal timestamps are impossible. */
  order: number;
  qrz: LookupInfo;
  /** SHA-256 of the secret that lets this caller leave the queue (absent for older entries). */
  leave_secret_hash?: string;
  /** The operating position whose queue it is (absent: the default position). */
  position_id?: string;
}

export interface StoredBan extends Ban {
  _id?: string;
}

interface StateDoc {
  _id: string;
  value: unknown;
}

/**
 * A data file the station cannot start with. `DATA_FILE_NOT_A_FILE`: something else (a directory...) is where
 * the queue, the state, the bans or the QSO log belong; nothing is moved or created, since starting without
 * them would change what the station does (banned callers let in, callers' places gone): the operator moves it
 * away and starts again. `DATA_FILE_UNREADABLE`: the file could not be read (permissions, I/O).
 */
export class DataFileError extends Error {
  constructor(
    readonly code: 'DATA_FILE_NOT_A_FILE' | 'DATA_FILE_UNREADABLE',
    readonly file: string,
    detail: string,
    cause?: unknown,
  ) {
    super(
      `Cannot open the data file ${file} (${code}): ${detail}`,
      cause === undefined ? undefined : { cause },
    );
    this.name = 'DataFileError';
  }
}

const reason = (err: unknown): string => (err instanceof Error ? err.message : String(err));

async function refuseIfNotAFile(file: string): Promise<void> {
  let what: string | null;
  try {
    what = await notAFile(file);
  } catch (err) {
    throw new DataFileError('DATA_FILE_UNREADABLE', file, reason(err), err);
  }
  if (what === null) return;
  throw new DataFileError(
    'DATA_FILE_NOT_A_FILE',
    file,
    `it is ${what}. Nothing was changed. ` +
      "Move it out of the data directory (or put the station's own file back in its place) and start again.",
  );
}

export const DATAFILES = {
  queue: 'queue.db',
  qsos: 'qsos.db',
  state: 'state.db',
  bans: 'bans.db',
} as const;

/** A ban document as the Station needs it; other lines of bans.db are damaged. */
const isStoredBan: DocumentCheck = (d) =>
  typeof d._id === 'string' &&
  typeof d.callsign === 'string' &&
  d.callsign !== '' &&
  (d.reason === null || d.reason === undefined || typeof d.reason === 'string') &&
  typeof d.banned_by === 'string' &&
  typeof d.banned_timestamp === 'string';

/** A queue entry as the Station needs it. */
const isStoredQueueEntry: DocumentCheck = (d) =>
  typeof d._id === 'string' &&
  typeof d.callsign === 'string' &&
  typeof d.timestamp === 'string' &&
  typeof d.order === 'number' &&
  typeof d.qrz === 'object' &&
  d.qrz !== null &&
  (d.position_id === undefined || typeof d.position_id === 'string');

/** The line that removes a document. */
function deletion(id: string): string {
  return JSON.stringify({ $$deleted: true, _id: id });
}

export function sortByTimeOff<T extends { time_off: string }>(qsos: T[]): T[] {
  return qsos.sort((a, b) => (a.time_off < b.time_off ? -1 : a.time_off > b.time_off ? 1 : 0));
}

export class StoreWriteError extends Error {
  constructor(cause: unknown) {
    super(`The data store could not be written: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StoreWriteError';
  }
}

/** What the data files held at start-up, as NeDB loaded them. */
interface Loaded {
  queue: StoredQueueEntry[];
  state: StateDoc[];
  bans: StoredBan[];
}

/**
 * The embedded store: one data file per collection (queue, QSO log, state, bans), in the data dir, in NeDB's
 * format. Only the Station writes to it, and it reads it only at start-up (it serves reads from memory).
 *
 * NeDB loads each file at start-up (after the damaged-file check), compacting it into one line per document;
 * the documents are handed to the Station and NeDB's copy is let go. Writes do not go through NeDB: each insert,
 * update or removal is one line, `{...doc, _id}` or `{"$$deleted":true,"_id":…}`, exactly as NeDB writes it,
 * appended through the collection's {@link AppendLog} (group commit). A write is on disk before the command that
 * made it is acknowledged, so a killed process loses nothing acknowledged; a write that fails changes nothing,
 * on disk or (the Station writes first) in memory. So there is no second in-memory copy that could drift from
 * the file after a failed write (NeDB changes its copy first and does not undo that when the write fails).
 */
export class Store {
  /** Document ids: a prefix per process and a counter, unique without a random draw per document. */
  private readonly idPrefix = randomBytes(6).toString('base64url');
  private idCounter = 0;
  private readonly logs: Record<keyof typeof DATAFILES, AppendLog>;
  /** The ids of each callsign's ban documents (one, unless a file was edited by hand). */
  private readonly banIds = new Map<string, string[]>();
  private loaded: Loaded | null;

  private constructor(
    readonly dataDir: string,
    loaded: Loaded,
    readonly recoveries: RecoveryReport[],
    /** The QSO log file: read by its own loader (qso-log.ts), not by NeDB, so start-up does not grow with it. */
    readonly qsoLog: QsoLogFile,
  ) {
    this.loaded = loaded;
    for (const b of loaded.bans) {
      if (b._id !== undefined) this.banIds.set(b.callsign, [...(this.banIds.get(b.callsign) ?? []), b._id]);
    }
    const log = (file: string): AppendLog => new AppendLog(path.join(dataDir, file));
    this.logs = {
      queue: log(DATAFILES.queue),
      qsos: log(DATAFILES.qsos),
      state: log(DATAFILES.state),
      bans: log(DATAFILES.bans),
    };
  }

  static async open(dataDir: string): Promise<Store> {
    await fs.mkdir(dataDir, { recursive: true });
    // Before anything is read or created: a data file that is not a file stops start-up, touching nothing.
    for (const file of [DATAFILES.queue, DATAFILES.state, DATAFILES.bans, DATAFILES.qsos]) {
      await refuseIfNotAFile(path.join(dataDir, file));
    }
    const recoveries: RecoveryReport[] = [];
    const load = async <T extends { _id?: string }>(file: string, isValid?: DocumentCheck): Promise<T[]> => {
      const filename = path.join(dataDir, file);
      try {
        const report = await recoverDatafile(filename, new Date(), isValid);
        if (report) recoveries.push(report);
        const ds = Datastore.create({ filename, autoload: false, corruptAlertThreshold: 0 }) as Datastore<T>;
        await ds.load();
        return await ds.find({}).exec();
      } catch (err) {
        throw new DataFileError('DATA_FILE_UNREADABLE', filename, reason(err), err);
      }
    };
    const loaded: Loaded = {
      queue: await load<StoredQueueEntry>(DATAFILES.queue, isStoredQueueEntry),
      state: await load<StateDoc>(DATAFILES.state),
      bans: await load<StoredBan>(DATAFILES.bans, isStoredBan),
    };
    return new Store(dataDir, loaded, recoveries, QsoLogFile.prepare(path.join(dataDir, DATAFILES.qsos)));
  }

  // --- reads (start-up only: the Station serves reads from memory) ---

  /** The documents read at start-up; after the Station has taken them, the store lets them go. */
  private take(): Loaded {
    if (!this.loaded) throw new Error('the data files were already handed over');
    return this.loaded;
  }

  async loadQueue(): Promise<StoredQueueEntry[]> {
    return [...this.take().queue].sort((a, b) => a.order - b.order);
  }

  /** The whole QSO log as it was at open, sorted by time_off (reads the whole file). */
  async loadQsos(): Promise<StoredQso[]> {
    return sortByTimeOff((await this.qsoLog.readAll()).docs);
  }

  /** The QSOs that ended since `cutoffMs` (and those met while reading back to them), sorted by time_off. */
  async loadRecentQsos(cutoffMs: number): Promise<StoredQso[]> {
    return sortByTimeOff(await this.qsoLog.readRecent(cutoffMs));
  }

  async loadBans(): Promise<StoredBan[]> {
    return [...this.take().bans].sort((a, b) => a.banned_timestamp.localeCompare(b.banned_timestamp));
  }

  async loadState(): Promise<Map<string, unknown>> {
    return new Map(this.take().state.map((d) => [d._id, d.value]));
  }

  /** Lets go of the documents read at start-up (the Station has its own). */
  releaseLoaded(): void {
    this.loaded = null;
  }

  // --- writes ---

  private newId(): string {
    return `${this.idPrefix}${(this.idCounter++).toString(36)}`;
  }

  /**
   * Writes a new queue entry, giving it its `_id`. Entries written during one turn of the event loop go out
   * together in one append (group commit); the promise settles once the entry is on disk.
   */
  insertQueueEntry(entry: StoredQueueEntry): Promise<void> {
    entry._id ??= this.newId();
    return this.put('queue', entry);
  }

  /** Rewrites a queue entry (new lookup details): the last line written for an `_id` is the document. */
  updateQueueEntry(entry: StoredQueueEntry): Promise<void> {
    return entry._id === undefined
      ? Promise.reject(new StoreWriteError('queue entry without an id'))
      : this.put('queue', entry);
  }

  removeQueueEntries(entries: readonly StoredQueueEntry[]): Promise<void> {
    return this.remove(
      'queue',
      entries.map((e) => e._id),
    );
  }

  /** Writes a new QSO, giving it its `_id`; answers the document as stored. */
  async insertQso(qso: StoredQso): Promise<StoredQso> {
    const stored = { ...qso, _id: qso._id ?? this.newId() };
    await this.put('qsos', stored);
    return stored;
  }

  /** Writes many new QSOs in one append (an import); answers the documents as stored. */
  async insertQsos(qsos: readonly StoredQso[]): Promise<StoredQso[]> {
    const stored = qsos.map((q) => ({ ...q, _id: q._id ?? this.newId() }));
    await this.append(
      'qsos',
      stored.map((q) => JSON.stringify(q)),
    );
    return stored;
  }

  replaceQso(id: string, qso: StoredQso): Promise<void> {
    return this.put('qsos', { ...qso, _id: id });
  }

  removeQso(id: string): Promise<void> {
    return this.remove('qsos', [id]);
  }

  /** Writes a ban: one document per callsign. */
  async putBan(ban: StoredBan): Promise<void> {
    const [id = this.newId(), ...extra] = this.banIds.get(ban.callsign) ?? [];
    await this.append('bans', [JSON.stringify({ ...ban, _id: id }), ...extra.map(deletion)]);
    this.banIds.set(ban.callsign, [id]);
  }

  /** Removes a callsign's ban; answers whether there was one (1) or not (0). */
  async removeBan(callsign: string): Promise<number> {
    const ids = this.banIds.get(callsign);
    if (!ids) return 0;
    await this.remove('bans', ids);
    this.banIds.delete(callsign);
    return 1;
  }

  async clearBans(): Promise<number> {
    const count = this.banIds.size;
    await this.remove('bans', [...this.banIds.values()].flat());
    this.banIds.clear();
    return count;
  }

  putState(key: string, value: unknown): Promise<void> {
    return this.put('state', { _id: key, value });
  }

  /** Writes what is still waiting; later writes are refused. */
  close(): void {
    for (const log of Object.values(this.logs)) log.close();
  }

  private put(collection: keyof typeof DATAFILES, doc: object): Promise<void> {
    return this.append(collection, [JSON.stringify(doc)]);
  }

  private remove(collection: keyof typeof DATAFILES, ids: readonly (string | undefined)[]): Promise<void> {
    return this.append(collection, ids.filter((id) => id !== undefined).map(deletion));
  }

  private async append(collection: keyof typeof DATAFILES, lines: string[]): Promise<void> {
    try {
      await this.logs[collection].append(lines);
    } catch (err) {
      throw new StoreWriteError(err);
    }
  }

  /** Total size of the data files in bytes. */
  async sizeBytes(): Promise<number> {
    let total = 0;
    for (const file of Object.values(DATAFILES)) {
      try {
        total += (await fs.stat(path.join(this.dataDir, file))).size;
      } catch {
        // absent file: nothing stored yet
      }
    }
    return total;
  }
}
