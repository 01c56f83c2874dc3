import type { QueueEntry, QueueUpdate } from '../../../shared/protocol/types.js';
import type { StoredQueueEntry } from '../store/store.js';

/**
 * The queue in memory: entries in order, the set of queued callsigns and the next order number. It only holds
 * state; the Station writes the store first and then changes it here.
 */
export class QueueState {
  private entries: StoredQueueEntry[];
  private readonly queued = new Set<string>();
  /** Queued callsigns by operator identity (domain/identity.ts), so the one-place check costs no scan. */
  private readonly byIdentity = new Map<string, Set<string>>();
  private nextOrder: number;

  /** `identityOf` says which callsigns are one operator (the callsign itself by default). */
  constructor(
    entries: StoredQueueEntry[],
    private readonly identityOf: (callsign: string) => string = (c) => c,
  ) {
    this.entries = entries;
    for (const e of entries) this.note(e.callsign);
    this.nextOrder = entries.reduce((max, e) => Math.max(max, e.order), 0) + 1;
  }

  private note(callsign: string): void {
    this.queued.add(callsign);
    const id = this.identityOf(callsign);
    const set = this.byIdentity.get(id);
    if (set) set.add(callsign);
    else this.byIdentity.set(id, new Set([callsign]));
  }

  private forget(callsign: string): void {
    this.queued.delete(callsign);
    const id = this.identityOf(callsign);
    const set = this.byIdentity.get(id);
    set?.delete(callsign);
    if (set?.size === 0) this.byIdentity.delete(id);
  }

  /** A queued callsign of the same operator as `callsign` (itself included), or null. */
  queuedAs(callsign: string): string | null {
    const set = this.byIdentity.get(this.identityOf(callsign));
    if (!set) return null;
    for (const c of set) return c;
    return null;
  }

  get length(): number {
    return this.entries.length;
  }

  /** The stored entries, in order (read only: change them through this class). */
  get all(): readonly StoredQueueEntry[] {
    return this.entries;
  }

  at(index: number): StoredQueueEntry | undefined {
    return this.entries[index];
  }

  has(callsign: string): boolean {
    return this.queued.has(callsign);
  }

  indexOf(callsign: string): number {
    return this.entries.findIndex((e) => e.callsign === callsign);
  }

  /** Takes the next order number for a new entry. */
  takeOrder(): number {
    const order = this.nextOrder;
    this.nextOrder += 1;
    return order;
  }

  push(entry: StoredQueueEntry): number {
    this.entries.push(entry);
    this.note(entry.callsign);
    return this.entries.length - 1;
  }

  /** Puts an entry at `index` (the no-show rule's move-back); its `order` must sort there. */
  insertAt(index: number, entry: StoredQueueEntry): void {
    this.entries.splice(index, 0, entry);
    this.note(entry.callsign);
  }

  /** Puts an entry back at the place its order number gives it (undo of a remove or a clear). */
  insertByOrder(entry: StoredQueueEntry): number {
    const at = this.entries.findIndex((e) => e.order > entry.order);
    const index = at < 0 ? this.entries.length : at;
    this.entries.splice(index, 0, entry);
    this.note(entry.callsign);
    return index;
  }

  removeAt(index: number): StoredQueueEntry {
    const [entry] = this.entries.splice(index, 1);
    this.forget(entry!.callsign);
    return entry!;
  }

  /** Removes this very entry (a registration whose write failed); false when it is no longer queued. */
  release(entry: StoredQueueEntry): boolean {
    const index = this.entries.indexOf(entry);
    if (index < 0) return false;
    this.removeAt(index);
    return true;
  }

  clear(): void {
    this.entries = [];
    this.queued.clear();
    this.byIdentity.clear();
  }

  /** One entry with its live position (1..n) and time in queue. */
  view(index: number, now: number): QueueEntry {
    return entryView(this.entries[index]!, index, now);
  }

  list(now: number): QueueEntry[] {
    return this.entries.map((e, i) => entryView(e, i, now));
  }

  /** The queue as queue_update and /api/queue/list carry it; `limit` caps the entries listed. */
  update(opts: { active: boolean; maxSize: number; now: number; limit: number }): QueueUpdate {
    const all = opts.active ? this.entries : [];
    const shown = all.length > opts.limit ? all.slice(0, opts.limit) : all;
    return {
      queue: shown.map((e, i) => entryView(e, i, opts.now)),
      total: all.length,
      max_size: opts.maxSize,
      system_active: opts.active,
      ...(shown.length < all.length ? { truncated: true } : {}),
    };
  }
}

function entryView(e: StoredQueueEntry, index: number, now: number): QueueEntry {
  return {
    callsign: e.callsign,
    timestamp: e.timestamp,
    position: index + 1,
    qrz: e.qrz,
    time_in_queue: Math.max(0, Math.round((now - Date.parse(e.timestamp)) / 100) / 10),
  };
}
