/**
 * Online lookup results cached in the store (`lookups.db` in the data dir, nedb) with a time to live:
 * found records for `ttlMs` (default 7 days), "not found" answers for `negativeTtlMs` (default 1 day).
 * Keyed by service and callsign, so switching services does not mix their data.
 */
import { join } from 'node:path';
import Datastore from 'nedb-promises';
import type { OnlineDetails, OnlineResult, OnlineService } from './online.js';

export const DEFAULT_TTL_MS = 7 * 24 * 3600_000;
export const DEFAULT_NEGATIVE_TTL_MS = 24 * 3600_000;

export interface CacheOptions {
  /** Data directory; null keeps the cache in memory (tests, headless runs without a data dir). */
  dataDir: string | null;
  ttlMs?: number;
  negativeTtlMs?: number;
  now?: () => number;
}

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

  private constructor(db: Datastore<CacheDoc>, options: CacheOptions) {
    this.db = db;
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.negativeTtlMs = options.negativeTtlMs ?? DEFAULT_NEGATIVE_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  static async open(options: CacheOptions): Promise<LookupCache> {
    const db = Datastore.create(
      options.dataDir === null
        ? { inMemoryOnly: true }
        : { filename: join(options.dataDir, 'lookups.db'), autoload: false },
    ) as unknown as Datastore<CacheDoc>;
    await db.load();
    const cache = new LookupCache(db, options);
    await cache.prune();
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
  }

  /** Nothing to flush: nedb appends every write to the file at once. */
  async close(): Promise<void> {
    await Promise.resolve();
  }
}
