import { promises as fs } from 'node:fs';
import path from 'node:path';
import Datastore from 'nedb-promises';
import type { Ban, LookupInfo, QsoRecord } from '../../../shared/protocol/types.js';
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
 */
export class Store {
  private readonly pendingInserts: {
    entry: StoredQueueEntry;
    resolve: () => void;
    reject: (err: unknown) => void;
  }[] = [];

  private constructor(
    readonly dataDir: string,
    private readonly db: Datastores,
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
    return new Store(dataDir, db, recoveries);
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
   * Writes a queue entry. Entries submitted within one turn of the event loop are appended to the data file
   * with a single write (group commit); each promise settles when its entry is on disk (or the write failed).
   * Any other write submits the waiting entries first, so NeDB applies every write in submission order.
   */
  insertQueueEntry(entry: StoredQueueEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pendingInserts.push({ entry, resolve, reject });
      if (this.pendingInserts.length === 1) setImmediate(() => this.submitPendingInserts());
    });
  }

  private submitPendingInserts(): void {
    const batch = this.pendingInserts.splice(0);
    if (batch.length === 0) return;
    this.db.queue.insert(batch.map((b) => b.entry)).then(
      () => {
        for (const b of batch) b.resolve();
      },
      (err: unknown) => {
        const failure = new StoreWriteError(err);
        for (const b of batch) b.reject(failure);
      },
    );
  }

  async updateQueueLookup(callsign: string, qrz: LookupInfo): Promise<void> {
    await this.write(() => this.db.queue.update({ callsign }, { $set: { qrz } }));
  }

  async removeQueueEntry(callsign: string): Promise<void> {
    await this.write(() => this.db.queue.remove({ callsign }, { multi: true }));
  }

  async clearQueue(): Promise<number> {
    return this.write(() => this.db.queue.remove({}, { multi: true }));
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

  /** Rewrites every data file in its compact form (crash-safe: temp file then rename). */
  async compact(): Promise<void> {
    this.submitPendingInserts();
    for (const ds of Object.values(this.db)) {
      await (ds as unknown as { compactDatafileAsync(): Promise<void> }).compactDatafileAsync();
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

  private async write<T>(op: () => Promise<T>): Promise<T> {
    this.submitPendingInserts();
    try {
      return await op();
    } catch (err) {
      throw new StoreWriteError(err);
    }
  }
}
