import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import Datastore from 'nedb-promises';
import type { Ban, LookupInfo, QsoRecord } from '../../../shared/protocol/types.js';
import { AppendLog } from './append-log.js';
import { recoverDatafile, type RecoveryReport } from './recovery.js';

/** A queue entry as stored: the order is the registration order. */
export interface StoredQueueEntry {
  _id?: string;
  callsign: string;
  timestamp: string;
  /** Monotonic registration number; ties on equal timestamps are impossible. */
  order: number;
  qrz: LookupInfo;
}

export interface StoredQso extends Omit<QsoRecord, 'id'> {
  _id?: string;
  metadata?: Record<string, unknown>;
}

export interface StoredBan extends Ban {
  _id?: string;
}

interface StateDoc {
  _id: string;
  value: unknown;
}

export type Datastores = {
  queue: Datastore<StoredQueueEntry>;
  qsos: Datastore<StoredQso>;
  state: Datastore<StateDoc>;
  bans: Datastore<StoredBan>;
};

export const DATAFILES = {
  queue: 'queue.db',
  qsos: 'qsos.db',
  state: 'state.db',
  bans: 'bans.db',
} as const;

/** One document as a data-file line (NeDB's format; the stored documents hold only JSON values). */
function serializeDoc(doc: object): string {
  return JSON.stringify(doc);
}

export class StoreWriteError extends Error {
  constructor(cause: unknown) {
    super(`The data store could not be written: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StoreWriteError';
  }
}

/**
 * The embedded store: one NeDB datastore per collection, in the data dir. Only the Station writes to it.
 * Every write is appended to the data file before the command that made it is acknowledged, so a killed
 * process loses nothing that was acknowledged.
 *
 * The queue is the hot collection (a pileup registers hundreds of callers a second). Its data file keeps NeDB's
 * format and is loaded (and compacted) by NeDB at start-up, but its writes bypass NeDB: each insert, update or
 * removal is one line appended through an {@link AppendLog} (group commit, file kept open). NeDB's copy of the
 * queue is therefore only the one read at start-up; the Station's memory and the file are the truth.
 */
export class Store {
  /** Queue document ids: a prefix per process and a counter, unique without a random draw per entry. */
  private readonly queueIdPrefix = randomBytes(6).toString('base64url');
  private queueIdCounter = 0;

  private constructor(
    readonly dataDir: string,
    private readonly db: Datastores,
    private readonly queueLog: AppendLog,
    readonly recoveries: RecoveryReport[],
  ) {}

  static async open(dataDir: string): Promise<Store> {
    await fs.mkdir(dataDir, { recursive: true });
    const recoveries: RecoveryReport[] = [];
    const open = async <T extends { _id?: string }>(file: string): Promise<Datastore<T>> => {
      const filename = path.join(dataDir, file);
      try {
        const report = await recoverDatafile(filename);
        if (report) recoveries.push(report);
        const ds = Datastore.create({ filename, autoload: false, corruptAlertThreshold: 0 }) as Datastore<T>;
        await ds.load();
        return ds;
      } catch (err) {
        throw new Error(
          `Cannot open the data file ${filename}: ${err instanceof Error ? err.message : String(err)}`,
          { cause: err },
        );
      }
    };
    const db: Datastores = {
      queue: await open<StoredQueueEntry>(DATAFILES.queue),
      qsos: await open<StoredQso>(DATAFILES.qsos),
      state: await open<StateDoc>(DATAFILES.state),
      bans: await open<StoredBan>(DATAFILES.bans),
    };
    return new Store(dataDir, db, new AppendLog(path.join(dataDir, DATAFILES.queue)), recoveries);
  }

  // --- reads (start-up only; the Station serves reads from memory) ---

  async loadQueue(): Promise<StoredQueueEntry[]> {
    return this.db.queue.find({}).sort({ order: 1 }).exec();
  }

  async loadQsos(): Promise<StoredQso[]> {
    return this.db.qsos.find({}).sort({ time_off: 1 }).exec();
  }

  async loadBans(): Promise<StoredBan[]> {
    return this.db.bans.find({}).sort({ banned_timestamp: 1 }).exec();
  }

  async loadState(): Promise<Map<string, unknown>> {
    const docs = await this.db.state.find({}).exec();
    return new Map(docs.map((d) => [d._id, d.value]));
  }

  // --- writes ---

  /**
   * Writes a new queue entry, giving it its `_id`. Entries written while another queue write is in progress go
   * out together in one append (group commit); the promise settles once the entry is on disk.
   */
  insertQueueEntry(entry: StoredQueueEntry): Promise<void> {
    entry._id ??= `${this.queueIdPrefix}${(this.queueIdCounter++).toString(36)}`;
    return this.appendQueue([serializeDoc(entry)]);
  }

  /** Rewrites a queue entry (new lookup details): NeDB keeps the last line written for an `_id`. */
  updateQueueEntry(entry: StoredQueueEntry): Promise<void> {
    if (entry._id === undefined) return Promise.reject(new StoreWriteError('queue entry without an id'));
    return this.appendQueue([serializeDoc(entry)]);
  }

  /** Removes queue entries (a removal line per entry). */
  removeQueueEntries(entries: readonly StoredQueueEntry[]): Promise<void> {
    const lines: string[] = [];
    for (const e of entries)
      if (e._id !== undefined) lines.push(JSON.stringify({ $$deleted: true, _id: e._id }));
    return this.appendQueue(lines);
  }

  private async appendQueue(lines: string[]): Promise<void> {
    try {
      await this.queueLog.append(lines);
    } catch (err) {
      throw new StoreWriteError(err);
    }
  }

  async insertQso(qso: StoredQso): Promise<StoredQso> {
    return this.write(() => this.db.qsos.insert(qso));
  }

  async replaceQso(id: string, qso: StoredQso): Promise<void> {
    await this.write(() => this.db.qsos.update({ _id: id }, { ...qso, _id: id }));
  }

  async removeQso(id: string): Promise<void> {
    await this.write(() => this.db.qsos.remove({ _id: id }, {}));
  }

  async putBan(ban: StoredBan): Promise<void> {
    await this.write(() => this.db.bans.update({ callsign: ban.callsign }, ban, { upsert: true }));
  }

  async removeBan(callsign: string): Promise<number> {
    return this.write(() => this.db.bans.remove({ callsign }, { multi: true }));
  }

  async clearBans(): Promise<number> {
    return this.write(() => this.db.bans.remove({}, { multi: true }));
  }

  async putState(key: string, value: unknown): Promise<void> {
    await this.write(() => this.db.state.update({ _id: key }, { _id: key, value }, { upsert: true }));
  }

  /** Writes the queue lines still waiting; later queue writes are refused. */
  close(): void {
    this.queueLog.close();
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

  private async write<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      throw new StoreWriteError(err);
    }
  }
}
