/**
 * Online lookup results cached in the store (`lookups.db` in the data dir, nedb) with a time to live:
 * found records for `ttlMs` (default 7 days), "not found" answers for `negativeTtlMs` (default 1 day).
 * Keyed by service and callsign, so switching services does not mix their data.
 */
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import Datastore from 'nedb-promises';
import { recoverDatafile, setAside, type DocumentCheck } from '../store/recovery.js';
import type { OnlineDetails, OnlineResult, OnlineService } from './online.js';

export const DEFAULT_TTL_MS = 7 * 24 * 3600_000;
export const DEFAULT_NEGATIVE_TTL_MS = 24 * 3600_000;

export interface CacheOptions {
  /** Data directory; null keeps the cache in memory (tests, headless runs without a data dir). */
  dataDir: string | null;
  ttlMs?: number;
  negativeTtlMs?: number;
  now?: () => number;
  /** Where a damaged cache file is reported. */
  log?: (level: 'warn' | 'error', message: string) => void;
}

export const LOOKUP_CACHE_FILE = 'lookups.db';

/** A cache line as this cache writes it; anything else in lookups.db is damage. */
const isCacheDoc: DocumentCheck = (d) =>
  typeof d._id === 'string' &&
  typeof d.callsign === 'string' &&
  typeof d.found === 'boolean' &&
  typeof d.fetched_at === 'string' &&
  typeof d.expires_at === 'string' &&
  (d.details === null || (typeof d.details === 'object' && !Array.isArray(d.details))) &&
  (d.message === null || typeof d.message === 'string');

interface CacheDoc {
  _id: string;
  service: OnlineService;
  callsign: string;
  found: boolean;
  details: OnlineDetails | null;
  message: string | null;
  fetched_at: string;
  expires_at: string;
}

export interface CachedResult {
  result: OnlineResult;
  fetchedAt: string;
}

export class LookupCache {
  private readonly db: Datastore<CacheDoc>;
  private readonly ttlMs: number;
  private readonly negativeTtlMs: number;
  private readonly now: () => number;

  /** The cache file, or null in memory. */
  private filename: string | null = null;

  private constructor(db: Datastore<CacheDoc>, options: CacheOptions) {
    this.db = db;
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.negativeTtlMs = options.negativeTtlMs ?? DEFAULT_NEGATIVE_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * Opens the cache. A damaged lookups.db is recovered like every data file (the damaged copy kept aside as
   * `lookups.db.corrupt-<time>`, the readable entries kept); one that cannot be read at all is set aside and
   * the cache starts empty, or in memory if even that fails. The cache never stops the server.
   */
  static async open(options: CacheOptions): Promise<LookupCache> {
    const log = options.log ?? (() => undefined);
    const memory = (): Datastore<CacheDoc> => Datastore.create({ inMemoryOnly: true });
    let db: Datastore<CacheDoc>;
    let onDisk = false;
    if (options.dataDir === null) {
      db = memory();
      await db.load();
    } else {
      const filename = join(options.dataDir, LOOKUP_CACHE_FILE);
      const openFile = async (): Promise<Datastore<CacheDoc>> => {
        const report = await recoverDatafile(filename, new Date(), isCacheDoc);
        if (report) {
          log(
            'warn',
            `data file ${filename} was damaged: ${report.badLines} unreadable line(s) dropped, ${report.keptLines} kept; the original is saved as ${report.savedAs}`,
          );
        }
        const file = Datastore.create({
          filename,
          autoload: false,
          corruptAlertThreshold: 0,
        }) as unknown as Datastore<CacheDoc>;
        await file.load();
        return file;
      };
      try {
        db = await openFile();
        onDisk = true;
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        try {
          const savedAs = await setAside(filename);
          log(
            'warn',
            `data file ${filename} could not be read (${why}); it is saved as ${savedAs}, the cache starts empty`,
          );
          db = await openFile();
          onDisk = true;
        } catch (again) {
          log(
            'error',
            `data file ${filename} could not be read (${why}; ${again instanceof Error ? again.message : String(again)}); lookups are cached in memory only`,
          );
          db = memory();
          await db.load();
        }
      }
    }
    const cache = new LookupCache(db, options);
    if (options.dataDir !== null && onDisk) cache.filename = join(options.dataDir, LOOKUP_CACHE_FILE);
    await cache
      .prune()
      .catch((err: unknown) => log('warn', `could not prune the lookup cache: ${String(err)}`));
    return cache;
  }

  private static id(service: OnlineService, callsign: string): string {
    return `${service}:${callsign.toUpperCase()}`;
  }

  async get(service: OnlineService, callsign: string): Promise<CachedResult | null> {
    const doc = await this.db.findOne({ _id: LookupCache.id(service, callsign) });
    if (doc === null) return null;
    if (Date.parse(doc.expires_at) <= this.now()) {
      await this.db.remove({ _id: doc._id }, { multi: false });
      return null;
    }
    const result: OnlineResult =
      doc.found && doc.details !== null
        ? { found: true, details: doc.details }
        : { found: false, message: doc.message ?? 'Not found' };
    return { result, fetchedAt: doc.fetched_at };
  }

  async put(service: OnlineService, callsign: string, result: OnlineResult): Promise<void> {
    const now = this.now();
    const ttl = result.found ? this.ttlMs : this.negativeTtlMs;
    const doc: CacheDoc = {
      _id: LookupCache.id(service, callsign),
      service,
      callsign: callsign.toUpperCase(),
      found: result.found,
      details: result.found ? result.details : null,
      message: result.found ? null : result.message,
      fetched_at: new Date(now).toISOString(),
      expires_at: new Date(now + ttl).toISOString(),
    };
    await this.db.update({ _id: doc._id }, doc, { upsert: true });
  }

  /** Drops expired entries and compacts the file. */
  async prune(): Promise<number> {
    const removed = await this.db.remove(
      { expires_at: { $lte: new Date(this.now()).toISOString() } },
      { multi: true },
    );
    await this.compact();
    return removed;
  }

  async size(): Promise<number> {
    return this.db.count({});
  }

  async clear(): Promise<void> {
    await this.db.remove({}, { multi: true });
    await this.compact();
  }

  private async compact(): Promise<void> {
    // nedb-promises' typings lack compactDatafile; the underlying @seald-io/nedb has the async form.
    const inner = (this.db as unknown as { __original?: { compactDatafileAsync?: () => Promise<void> } })
      .__original;
    await inner?.compactDatafileAsync?.();
    // compaction rewrites the file with the default mode; the cache holds names and addresses
    if (this.filename !== null) await chmod(this.filename, 0o600).catch(() => undefined);
  }

  /** Nothing to flush: nedb appends every write to the file at once. */
  async close(): Promise<void> {
    await Promise.resolve();
  }
}
