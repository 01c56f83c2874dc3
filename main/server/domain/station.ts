import { randomUUID } from 'node:crypto';
import { parseCallsign } from '../../../shared/callsign.js';
import type { AnyStationEvent, EventPayloads, StationEventName } from '../../../shared/protocol/events.js';
import type {
  Ban,
  CooldownRule,
  CurrentQso,
  FrequencyState,
  LookupInfo,
  QsoLoggedBy,
  QsoRecord,
  StationIdentity,
  QueueEntry,
  QueueUpdate,
  SplitState,
  WorkedCaller,
} from '../../../shared/protocol/types.js';
import { bandForHz, normalizeMode, parseFrequencyToHz } from '../../../shared/radio.js';
import type { CallsignLookup } from '../lookup/types.js';
import { QsoLogFile } from '../store/qso-log.js';
import {
  Store,
  StoreWriteError,
  sortByTimeOff,
  type StoredQso,
  type StoredQueueEntry,
} from '../store/store.js';
import { OpError } from '../util/errors.js';
import { SerialExecutor } from '../util/serial.js';
import { isoAt, systemClock, type Clock } from '../util/time.js';
import { EventHub } from './event-hub.js';
import {
  STATE_KEYS,
  beamStateSchema,
  cooldownSchema,
  currentQsoSchema,
  frequencyStateSchema,
  loggerIntegrationSchema,
  splitStateSchema,
  systemStateSchema,
  workedViewSchema,
  type BeamState,
  type LoggerIntegrationState,
  type StoredFrequency,
  type StoredSplit,
  type SystemState,
  type WorkedView,
} from './state-schemas.js';
import { workedCallers } from './worked.js';
import { buildQsoRecord, knownDetails, radioAtStart, startRadio, type QsoLogDetails } from './qso-record.js';
import { DEFAULT_IDENTITY, mergeIdentity, type StationIdentityPatch } from './station-identity.js';
import type { z } from 'zod';

export interface StationSettings {
  maxQueueSize: number;
  workedWindowHours: number;
}

export type Logger = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface StationOptions {
  store: Store;
  lookup: CallsignLookup;
  settings: StationSettings;
  /** Persists settings changed by the operator (the config file). */
  saveSettings?: (settings: StationSettings) => Promise<void>;
  /** The station identity (callsign, operator, message, default reports) and where changes are saved. */
  identity?: StationIdentity;
  saveIdentity?: (identity: StationIdentity) => Promise<void>;
  clock?: Clock;
  log?: Logger;
  /** How many subscribers events fan out to (paces queue_update for long queues). */
  audience?: () => number;
  /** How many events the replay buffer keeps. */
  eventBufferSize?: number;
}

export interface RegisterInput {
  callsign: string;
  manual?: { name: string; location: string; country: string };
}

export type RegisterResult =
  { kind: 'registered'; entry: QueueEntry } | { kind: 'requires_manual_data'; callsign: string };

export interface CompleteDetails {
  /** Complete only when the current QSO is with this callsign (checked inside the command, so no race). */
  ifCallsign?: string;
  time_off?: string;
  frequency?: string | null;
  band?: string | null;
  mode?: string | null;
  /** What the source knows beyond the radio (reports, name, grid, logger id...). */
  log?: QsoLogDetails;
}

export interface StartQsoInput {
  callsign: string;
  frequency_mhz?: number | null;
  mode?: string | null;
  /** How the QSO came about; recorded in metadata. */
  started_via: 'operator' | 'logging_software';
  /** Which path logs the QSO this one replaces (`logged_by` of the completed record). */
  logged_by?: QsoLoggedBy;
  extraMetadata?: Record<string, unknown>;
}

export interface RecordQsoInput {
  callsign: string;
  time_on: string;
  time_off: string;
  frequency: string | null;
  band: string | null;
  mode: string | null;
  source: string;
  qrz?: LookupInfo;
  metadata?: Record<string, unknown>;
  /** What the source knows beyond the radio (reports, name, grid, logged_by, logger id...). */
  details?: QsoLogDetails;
}

/** A correction of a logged QSO: the fields given replace the record's. */
export type QsoPatch = Partial<Omit<RecordQsoInput, 'qrz' | 'metadata' | 'details'>> & QsoLogDetails;

export interface WorkResult {
  completed: QsoRecord | null;
  current: CurrentQso | null;
  taken: QueueEntry | null;
  remaining: number;
}

const QUEUE_FLUSH_MAX_DELAY_MS = 100;
/** queue_update events list at most this many entries (with `truncated: true`); the HTTP list has them all. */
export const QUEUE_EVENT_MAX_ENTRIES = 1000;
/** Fan-out budget for queue_update: bytes per second across all subscribers, before updates are spaced out. */
const QUEUE_UPDATE_BUDGET_BYTES_PER_S = 64 * 1024 * 1024;
const QUEUE_UPDATE_MAX_SPACING_MS = 10_000;
/** A rough size of one queue entry on the wire, for the budget. */
const QUEUE_ENTRY_WIRE_BYTES = 600;

/**
 * The Station: the queue, the current QSO, the system state, frequency and split, the QSO log, bans and the
 * re-registration cooldown. It is the single writer: every command runs alone, in order, through a serial
 * executor; it writes the store first and changes memory only when the write succeeded, then emits events.
 * Reads are served from memory.
 */
export class Station {
  readonly events: EventHub;
  private readonly exec = new SerialExecutor();
  private readonly clock: Clock;
  private readonly log: Logger;

  private system: SystemState;
  private frequency: StoredFrequency;
  private split: StoredSplit;
  private beam: BeamState;
  private cooldown: CooldownRule;
  private logger: LoggerIntegrationState;
  private workedView: WorkedView;
  private current: CurrentQso | null;
  private queue: StoredQueueEntry[];
  private readonly queued = new Set<string>();
  private nextOrder: number;
  private qsos: QsoRecord[];
  /** Settles once the whole QSO log is in memory (start-up reads only the recent part before serving). */
  private logLoaded: Promise<void> = Promise.resolve();
  private logComplete = true;
  private readonly lastWorked = new Map<string, number>();
  private readonly bans = new Map<string, Ban>();
  private settings: StationSettings;
  private identity: StationIdentity;

  private queueDirtySince: number | null = null;
  private lastQueueFlushAt = -Infinity;
  private queueFlushScheduled = false;
  private queueFlushTimer: NodeJS.Timeout | null = null;
  /** Registrations written but not yet on disk. */
  private readonly writesInFlight = new Set<Promise<void>>();
  private closed = false;
  private closing = false;

  private constructor(
    private readonly opts: StationOptions,
    loaded: LoadedState,
  ) {
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? (() => undefined);
    this.settings = { ...opts.settings };
    this.identity = structuredClone(opts.identity ?? DEFAULT_IDENTITY);
    this.system = loaded.system;
    this.frequency = loaded.frequency;
    this.split = loaded.split;
    this.beam = loaded.beam;
    this.cooldown = loaded.cooldown;
    this.logger = loaded.logger;
    this.workedView = loaded.worked;
    this.current = loaded.current;
    this.queue = loaded.queue;
    for (const e of this.queue) this.queued.add(e.callsign);
    this.nextOrder = this.queue.reduce((max, e) => Math.max(max, e.order), 0) + 1;
    this.qsos = loaded.qsos;
    for (const q of this.qsos) this.noteWorked(q);
    for (const b of loaded.bans) this.bans.set(b.callsign, b);
    const startSeq = Math.max(this.clock.now(), loaded.seq + 1);
    this.events = new EventHub(this.clock, startSeq, opts.eventBufferSize ?? 2048, (err) =>
      this.log('error', `event listener failed: ${String(err)}`),
    );
  }

  static async open(opts: StationOptions): Promise<Station> {
    const now = (opts.clock ?? systemClock).now();
    const loaded = await loadState(opts.store, opts.log ?? (() => undefined), (cooldown, worked) =>
      recentCutoff(now, opts.settings.workedWindowHours, cooldown, worked),
    );
    opts.store.releaseLoaded();
    const station = new Station(opts, loaded);
    await station.reconcile(loaded.droppedQueue);
    station.loadWholeLog();
    return station;
  }

  /**
   * Reads the whole QSO log in the background and puts it in place of the recent part read at start-up
   * (keeping QSOs logged meanwhile); then checks and, when needed, compacts the file. See store/qso-log.ts.
   */
  private loadWholeLog(): void {
    const file = this.opts.store.qsoLog;
    if (file.sizeAtOpen === 0) return;
    this.logComplete = false;
    const started = performance.now();
    this.logLoaded = (async () => {
      const scan = await file.readAll(() => this.closing);
      if (this.closing) return;
      await this.exec.run(async () => {
        const known = new Set<string>();
        const all = sortByTimeOff(scan.docs).map((d) => {
          const r = toRecord(d);
          known.add(r.id);
          return r;
        });
        const added = this.qsos.filter((q) => !known.has(q.id));
        this.qsos = added.length > 0 ? sortByTimeOff([...all, ...added]) : all;
        this.rebuildLastWorked();
        this.logComplete = true;
      });
      this.emitWorkedList();
      this.log(
        'info',
        `QSO log: ${scan.docs.length} QSOs read in ${Math.round(performance.now() - started)} ms`,
      );
      if (scan.badLines > 0 || QsoLogFile.needsCompaction(scan)) {
        const savedAs = await file.compact(scan, new Date(this.clock.now()));
        if (scan.badLines > 0) {
          this.log(
            'warn',
            `data file ${file.file} was damaged: ${scan.badLines} unreadable line(s) dropped, ${scan.liveLines.size} kept; the original is saved as ${savedAs}`,
          );
        }
      }
    })().catch((err: unknown) => {
      this.logComplete = true;
      this.log('error', `reading the QSO log failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  /** Resolves once the whole QSO log is in memory (search, export, import and corrections wait for it). */
  whenLogLoaded(): Promise<void> {
    return this.logLoaded;
  }

  /** Whether the whole QSO log is in memory yet. */
  isLogComplete(): boolean {
    return this.logComplete;
  }

  // ------------------------------------------------------------------ reads

  now(): number {
    return this.clock.now();
  }

  isActive(): boolean {
    return this.system.active;
  }

  getSystem(): SystemState {
    return { ...this.system };
  }

  getSettings(): StationSettings {
    return { ...this.settings };
  }

  /** What is known about a callsign right now (offline DXCC, cached lookups). */
  resolveLookup(callsign: string): LookupInfo {
    return this.opts.lookup.resolveNow(callsign);
  }

  getIdentity(): StationIdentity {
    return structuredClone(this.identity);
  }

  getFrequency(): FrequencyState & { updated_by: string | null } {
    return { ...this.frequency };
  }

  getSplit(): SplitState & { updated_by: string | null } {
    return { ...this.split };
  }

  getBeam(): BeamState {
    return { ...this.beam };
  }

  getCooldownRule(): CooldownRule {
    return { ...this.cooldown };
  }

  getLoggerIntegration(): LoggerIntegrationState {
    return { ...this.logger };
  }

  getCurrentQso(): CurrentQso | null {
    return this.current ? structuredClone(this.current) : null;
  }

  /** The queue with live positions (1..n) and time in queue. */
  getQueue(): QueueEntry[] {
    const now = this.clock.now();
    return this.queue.map((e, i) => this.entryView(e, i, now));
  }

  /** The queue as the original's queue_update and /api/queue/list carry it; `limit` caps the entries listed. */
  queueUpdate(limit = Infinity): QueueUpdate {
    const all = this.system.active ? this.queue : [];
    const now = this.clock.now();
    const shown = all.length > limit ? all.slice(0, limit) : all;
    return {
      queue: shown.map((e, i) => this.entryView(e, i, now)),
      total: all.length,
      max_size: this.settings.maxQueueSize,
      system_active: this.system.active,
      ...(shown.length < all.length ? { truncated: true } : {}),
    };
  }

  findQueued(callsign: string): QueueEntry | null {
    const index = this.queue.findIndex((e) => e.callsign === callsign);
    return index < 0 ? null : this.entryView(this.queue[index]!, index, this.clock.now());
  }

  getWorkedCallers(): WorkedCaller[] {
    return workedCallers(this.qsos, this.workedView, this.settings.workedWindowHours, this.clock.now());
  }

  /** The QSO log, newest first, optionally filtered by callsign substring and time range. */
  getQsos(filter: { search?: string; since?: string; until?: string; limit?: number } = {}): QsoRecord[] {
    const search = filter.search?.trim().toUpperCase() ?? '';
    const since = filter.since ? Date.parse(filter.since) : -Infinity;
    const until = filter.until ? Date.parse(filter.until) : Infinity;
    const limit = filter.limit ?? Infinity;
    const out: QsoRecord[] = [];
    for (let i = this.qsos.length - 1; i >= 0 && out.length < limit; i -= 1) {
      const q = this.qsos[i]!;
      const off = Date.parse(q.time_off);
      if (off < since) break;
      if (off > until) continue;
      if (search && !q.callsign.includes(search)) continue;
      out.push(q);
    }
    return out;
  }

  qsoCount(): number {
    return this.qsos.length;
  }

  getBans(): Ban[] {
    return [...this.bans.values()].sort((a, b) => a.banned_timestamp.localeCompare(b.banned_timestamp));
  }

  /** QSO rate figures for wait estimates: QSOs completed in the last hour and their average spacing. */
  stats(): { qsos_last_hour: number; average_qso_seconds: number | null } {
    const now = this.clock.now();
    const hourAgo = now - 3_600_000;
    const recent: number[] = [];
    for (let i = this.qsos.length - 1; i >= 0; i -= 1) {
      const off = Date.parse(this.qsos[i]!.time_off);
      if (off < hourAgo) break;
      recent.push(off);
    }
    let average: number | null = null;
    if (recent.length >= 2) {
      const span = (recent[0]! - recent[recent.length - 1]!) / 1000;
      average = Math.round((span / (recent.length - 1)) * 10) / 10;
    }
    return { qsos_last_hour: recent.length, average_qso_seconds: average };
  }

  /** Cooldown check for one callsign. */
  checkCooldown(callsign: string): {
    callsign: string;
    can_register: boolean;
    time_period_minutes: number;
    enabled: boolean;
    last_worked: string | null;
    remaining_seconds: number;
    remaining_minutes: number;
  } {
    const last = this.lastWorked.get(callsign);
    const remainingMs = this.cooldownRemainingMs(callsign);
    return {
      callsign,
      can_register: remainingMs <= 0,
      time_period_minutes: this.cooldown.time_period_minutes,
      enabled: this.cooldown.enabled,
      last_worked: last === undefined ? null : isoAt(last),
      remaining_seconds: Math.max(0, Math.ceil(remainingMs / 1000)),
      remaining_minutes: Math.max(0, Math.ceil(remainingMs / 60_000)),
    };
  }

  /** The whole state as the set of state events a fresh subscriber needs, in a stable order. */
  snapshotEvents(audience: 'public' | 'admin'): { [N in StationEventName]?: EventPayloads[N] } {
    const worked = this.getWorkedCallers();
    const pub = {
      system_status: { active: this.system.active },
      queue_pause_update: { paused: this.system.paused },
      frequency_update: this.publicFrequency(),
      split_update: this.publicSplit(),
      beam_heading_update: { beam_heading: this.beam.beam_heading_visible ? this.beam.beam_heading : null },
      beam_heading_visibility_update: { beam_heading_visible: this.beam.beam_heading_visible },
      current_qso: this.system.active ? this.getCurrentQso() : null,
      queue_update: this.queueUpdate(QUEUE_EVENT_MAX_ENTRIES),
      worked_callers_update: { worked_callers: worked, total: worked.length },
    };
    if (audience === 'public') return pub;
    return {
      ...pub,
      current_qso: this.getCurrentQso(),
      bans_update: { banned_callsigns: this.getBans(), total: this.bans.size },
      cooldown_rule_update: this.getCooldownRule(),
      beam_update: {
        beam_heading: this.beam.beam_heading,
        beam_heading_visible: this.beam.beam_heading_visible,
      },
      settings_update: this.settingsPayload(),
    };
  }

  publicFrequency(): FrequencyState {
    const { frequency, band, mode, last_updated } = this.frequency;
    return { frequency, band, mode, last_updated };
  }

  publicSplit(): SplitState {
    const { split, last_updated } = this.split;
    return { split, last_updated };
  }

  /** Resolves once every command submitted so far has run (tests, shutdown). */
  async idle(): Promise<void> {
    await this.exec.drain();
    await Promise.allSettled([...this.writesInFlight]);
    await this.exec.drain();
    if (this.queueFlushScheduled) await new Promise((resolve) => setImmediate(resolve));
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.logLoaded;
    await this.idle();
    this.flushQueueUpdate();
    this.closed = true;
    try {
      await this.opts.store.putState(STATE_KEYS.seq, this.events.seq);
    } catch (err) {
      this.log('warn', `could not save the event sequence: ${String(err)}`);
    }
  }

  // --------------------------------------------------------------- commands

  /**
   * Registers a caller. The checks and the place in the queue are decided inside one serial command; the entry
   * is then written (registrations arriving together share one append) and the answer given only once it is on
   * disk. Should the write fail, the reserved place is released again and the caller gets STORE_UNAVAILABLE.
   */
  async register(input: RegisterInput): Promise<RegisterResult> {
    const parsed = parseCallsign(input.callsign);
    if (!parsed.ok) throw new OpError(parsed.code, parsed.message);
    const reserved = await this.reserveRegistration(parsed.callsign, parsed.base, input);
    if (reserved.kind !== 'reserved') return reserved;
    const { stored, written, entry } = reserved;
    this.writesInFlight.add(written);
    try {
      await written;
    } catch (err) {
      await this.run(async () => {
        const index = this.queue.indexOf(stored);
        if (index >= 0) {
          this.queue.splice(index, 1);
          this.queued.delete(stored.callsign);
          this.markQueueDirty();
        }
      });
      this.log('error', err instanceof Error ? err.message : String(err));
      throw new OpError(
        'STORE_UNAVAILABLE',
        'The data store cannot be written right now; nothing was changed.',
      );
    } finally {
      this.writesInFlight.delete(written);
    }
    this.markQueueDirty();
    this.scheduleQueueFlush();
    if (!input.manual) this.enrichLater(stored.callsign);
    return { kind: 'registered', entry };
  }

  private reserveRegistration(
    callsign: string,
    base: string,
    input: RegisterInput,
  ): Promise<
    | { kind: 'reserved'; stored: StoredQueueEntry; written: Promise<void>; entry: QueueEntry }
    | { kind: 'requires_manual_data'; callsign: string }
  > {
    const parsed = { callsign, base };
    return this.run(async () => {
      if (!this.system.active) {
        throw new OpError('SYSTEM_INACTIVE', 'System is currently inactive. Registration is not available.');
      }
      if (this.system.paused) {
        throw new OpError('QUEUE_PAUSED', 'The queue is paused. Registration will open again shortly.');
      }
      const ban =
        this.bans.get(callsign) ?? (parsed.base !== callsign ? this.bans.get(parsed.base) : undefined);
      if (ban) throw new OpError('CALLSIGN_BANNED', `Callsign ${callsign} is not allowed to register.`);
      if (this.queued.has(callsign)) throw new OpError('ALREADY_QUEUED', 'Callsign already in queue');
      if (this.current?.callsign === callsign) {
        throw new OpError('ALREADY_QUEUED', `Callsign ${callsign} is being worked right now`);
      }
      const remainingMs = this.cooldownRemainingMs(callsign);
      if (remainingMs > 0) {
        const minutes = Math.ceil(remainingMs / 60_000);
        throw new OpError(
          'COOLDOWN',
          `Callsign ${callsign} was worked recently. It can register again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
          { retry_after_s: Math.ceil(remainingMs / 1000) },
        );
      }
      if (this.queue.length >= this.settings.maxQueueSize) {
        throw new OpError('QUEUE_FULL', `Queue is full. Maximum queue size is ${this.settings.maxQueueSize}`);
      }
      let qrz = this.opts.lookup.resolveNow(callsign);
      if (input.manual) {
        qrz = {
          ...qrz,
          name: input.manual.name,
          address: input.manual.location,
          dxcc_name: input.manual.country,
          source: 'manual',
        };
      } else if (qrz.dxcc === null && qrz.name === null) {
        return { kind: 'requires_manual_data', callsign } as const;
      }
      const now = this.clock.now();
      const stored: StoredQueueEntry = { callsign, timestamp: isoAt(now), order: this.nextOrder, qrz };
      const written = this.opts.store.insertQueueEntry(stored);
      this.nextOrder += 1;
      this.queue.push(stored);
      this.queued.add(callsign);
      const entry = this.entryView(stored, this.queue.length - 1, now);
      return { kind: 'reserved', stored, written, entry } as const;
    });
  }

  removeCallsign(callsign: string): Promise<QueueEntry> {
    return this.run(async () => {
      const index = this.queue.findIndex((e) => e.callsign === callsign);
      if (index < 0) throw new OpError('NOT_FOUND', 'Callsign not found in queue');
      const view = this.entryView(this.queue[index]!, index, this.clock.now());
      await this.removeFromQueue(index);
      return view;
    });
  }

  clearQueue(): Promise<number> {
    return this.run(async () => {
      const count = this.queue.length;
      if (count === 0) return 0;
      await this.opts.store.removeQueueEntries(this.queue);
      this.queue = [];
      this.queued.clear();
      this.markQueueDirty();
      return count;
    });
  }

  /** Completes the current QSO (if any) and makes the head of the queue the current QSO. */
  workNext(actor: string, loggedBy?: QsoLoggedBy): Promise<WorkResult> {
    const details: CompleteDetails = loggedBy ? { log: { logged_by: loggedBy } } : {};
    return this.run(async () => {
      const head = this.queue[0];
      if (!head) {
        const completed = this.current ? await this.finishCurrent(details) : null;
        if (completed) this.emit('current_qso', null);
        return { completed, current: null, taken: null, remaining: 0 };
      }
      return this.takeFromQueue(0, { source: 'queue', worked_by: actor }, details);
    });
  }

  /** Takes a chosen callsign out of the queue (out of order) and makes it the current QSO. */
  workCallsign(
    callsign: string,
    actor: string,
    loggedBy?: QsoLoggedBy,
  ): Promise<WorkResult & { already_current: boolean; original_position: number | null }> {
    return this.run(async () => {
      if (this.current && this.current.callsign === callsign) {
        return {
          completed: null,
          current: this.getCurrentQso(),
          taken: null,
          remaining: this.queue.length,
          already_current: true,
          original_position: null,
        };
      }
      const index = this.queue.findIndex((e) => e.callsign === callsign);
      if (index < 0) throw new OpError('NOT_FOUND', `Callsign ${callsign} not found in queue or current QSO`);
      const result = await this.takeFromQueue(
        index,
        { source: 'queue_specific', bridge_initiated: false, original_position: index + 1, worked_by: actor },
        loggedBy ? { log: { logged_by: loggedBy } } : {},
      );
      return { ...result, already_current: false, original_position: index + 1 };
    });
  }

  /**
   * Starts a QSO with a callsign, typed by the operator or announced by logging software. A queued callsign is
   * taken from the queue; any other becomes a direct QSO. A current QSO with another station is completed first.
   */
  startQso(input: StartQsoInput): Promise<WorkResult & { was_in_queue: boolean; already_current: boolean }> {
    const parsed = parseCallsign(input.callsign);
    if (!parsed.ok) return Promise.reject(new OpError(parsed.code, parsed.message));
    const callsign = parsed.callsign;
    const details: CompleteDetails = input.logged_by ? { log: { logged_by: input.logged_by } } : {};
    return this.run(async () => {
      const metadata: Record<string, unknown> = {
        bridge_initiated: false,
        started_via: input.started_via,
        ...(input.frequency_mhz != null ? { frequency_mhz: input.frequency_mhz } : {}),
        ...(input.mode ? { mode: input.mode } : {}),
        ...input.extraMetadata,
        radio: radioAtStart(this.frequency, this.split.split, input),
      };
      if (this.current && this.current.callsign === callsign) {
        return {
          completed: null,
          current: this.getCurrentQso(),
          taken: null,
          remaining: this.queue.length,
          was_in_queue: false,
          already_current: true,
        };
      }
      const index = this.queue.findIndex((e) => e.callsign === callsign);
      if (index >= 0) {
        const result = await this.takeFromQueue(index, { source: 'queue', ...metadata }, details);
        return { ...result, was_in_queue: true, already_current: false };
      }
      const completed = this.current ? await this.finishCurrent(details) : null;
      const qso: CurrentQso = {
        callsign,
        timestamp: isoAt(this.clock.now()),
        qrz: this.opts.lookup.resolveNow(callsign),
        metadata: { source: 'direct', ...metadata },
      };
      await this.opts.store.putState(STATE_KEYS.currentQso, qso);
      this.current = qso;
      this.emit('current_qso', this.getCurrentQso());
      this.enrichLater(callsign);
      return {
        completed,
        current: this.getCurrentQso(),
        taken: null,
        remaining: this.queue.length,
        was_in_queue: false,
        already_current: false,
      };
    });
  }

  /** Finishes the current QSO and records it in the log as worked. */
  completeQso(
    details: CompleteDetails = {},
  ): Promise<{ completed: QsoRecord | null; qso: CurrentQso | null }> {
    return this.run(async () => {
      const qso = this.getCurrentQso();
      if (!qso) return { completed: null, qso: null };
      if (details.ifCallsign !== undefined && qso.callsign !== details.ifCallsign)
        return { completed: null, qso };
      const completed = await this.finishCurrent(details);
      this.emit('current_qso', null);
      return { completed, qso };
    });
  }

  /** Drops the current QSO without recording it. */
  cancelQso(): Promise<CurrentQso | null> {
    return this.run(async () => {
      const qso = this.getCurrentQso();
      if (!qso) return null;
      await this.opts.store.putState(STATE_KEYS.currentQso, null);
      this.current = null;
      this.emit('current_qso', null);
      return qso;
    });
  }

  /** Records a QSO that did not pass through the queue (worked direct, reported by a logger). */
  recordQso(input: RecordQsoInput): Promise<QsoRecord> {
    const parsed = parseCallsign(input.callsign);
    if (!parsed.ok) return Promise.reject(new OpError(parsed.code, parsed.message));
    return this.run(async () => {
      const stored = buildQsoRecord({
        callsign: parsed.callsign,
        time_on: input.time_on,
        time_off: input.time_off,
        source: input.source,
        qrz: input.qrz ?? this.opts.lookup.resolveNow(parsed.callsign),
        radio: {
          frequency: input.frequency,
          band: input.band,
          mode: input.mode,
          submode: null,
          rx_frequency: null,
        },
        details: knownDetails(input.details ?? {}),
        identity: this.identity,
        ...(input.metadata ? { metadata: input.metadata } : {}),
      });
      const record = await this.insertQso(stored);
      // The queue follows the log: a waiting caller who was just logged leaves the queue as worked, in this
      // same command (so no "next" or registration can come between).
      const index = this.queue.findIndex((e) => e.callsign === record.callsign);
      if (index >= 0) await this.removeFromQueue(index);
      this.emitWorkedAdded(record);
      return record;
    });
  }

  /**
   * Adds QSOs from another log (an ADIF import) in one write. `isDuplicate` runs inside the command, so a QSO
   * logged meanwhile is seen. Imported QSOs are history: they do not take anyone out of the queue.
   */
  importQsos(batch: readonly StoredQso[], isDuplicate: (q: StoredQso) => boolean): Promise<QsoRecord[]> {
    return this.run(async () => {
      const fresh = batch.filter((q) => !isDuplicate(q));
      if (fresh.length === 0) return [];
      const records = (await this.opts.store.insertQsos(fresh)).map(toRecord);
      for (const r of records) {
        this.qsos.push(r);
        this.noteWorked(r);
      }
      sortByTimeOff(this.qsos);
      this.emitWorkedList();
      return records;
    });
  }

  /** Saves a change of the station identity (callsign, operator, message, default reports). */
  setIdentity(patch: StationIdentityPatch): Promise<StationIdentity> {
    return this.run(async () => {
      const next = mergeIdentity(this.identity, patch);
      if (this.opts.saveIdentity) await this.opts.saveIdentity(next);
      this.identity = next;
      this.emit('settings_update', this.settingsPayload());
      return this.getIdentity();
    });
  }

  async updateQso(id: string, patch: QsoPatch): Promise<QsoRecord> {
    await this.logLoaded;
    return this.run(async () => {
      const index = this.qsos.findIndex((q) => q.id === id);
      if (index < 0) throw new OpError('NOT_FOUND', `QSO ${id} not found in the log`);
      const before = this.qsos[index]!;
      let callsign = before.callsign;
      if (patch.callsign !== undefined) {
        const parsed = parseCallsign(patch.callsign);
        if (!parsed.ok) throw new OpError(parsed.code, parsed.message);
        callsign = parsed.callsign;
      }
      const updated: QsoRecord = { ...before, ...patch, callsign, id };
      const { id: _id, ...stored } = updated;
      await this.opts.store.replaceQso(id, stored);
      this.qsos[index] = updated;
      this.qsos.sort((a, b) => a.time_off.localeCompare(b.time_off));
      this.rebuildLastWorked();
      this.emit('qso_log_update', { action: 'updated', qso: updated });
      this.emitWorkedList();
      return updated;
    });
  }

  async deleteQso(id: string): Promise<QsoRecord> {
    await this.logLoaded;
    return this.run(async () => {
      const index = this.qsos.findIndex((q) => q.id === id);
      if (index < 0) throw new OpError('NOT_FOUND', `QSO ${id} not found in the log`);
      const removed = this.qsos[index]!;
      await this.opts.store.removeQso(id);
      this.qsos.splice(index, 1);
      this.rebuildLastWorked();
      this.emit('qso_log_update', { action: 'deleted', id });
      this.emitWorkedList();
      return removed;
    });
  }

  /**
   * Switches the system on or off. Setting the state it already has changes nothing. Switching off clears the
   * queue, drops the current QSO (not recorded, as a cancel) and clears frequency and split, announcing each.
   */
  setActive(
    active: boolean,
    actor: string,
  ): Promise<{ changed: boolean; cleared_count: number; qso_cleared: boolean; status: SystemState }> {
    return this.run(async () => {
      if (this.system.active === active) {
        return { changed: false, cleared_count: 0, qso_cleared: false, status: this.getSystem() };
      }
      const now = isoAt(this.clock.now());
      const cleared = this.queue.length;
      const hadQso = this.current !== null;
      const next: SystemState = { ...this.system, active, last_updated: now, updated_by: actor };
      await this.opts.store.putState(STATE_KEYS.system, next);
      this.system = next;
      this.emit('system_status', { active });
      if (!active) {
        if (cleared > 0) {
          await this.opts.store.removeQueueEntries(this.queue);
          this.queue = [];
          this.queued.clear();
        }
        if (hadQso) {
          await this.opts.store.putState(STATE_KEYS.currentQso, null);
          this.current = null;
          this.emit('current_qso', null);
        }
        if (this.split.split !== null) {
          await this.saveSplit({ split: null, last_updated: now, updated_by: actor });
        }
        if (this.frequency.frequency !== null) {
          await this.saveFrequency({
            frequency: null,
            band: null,
            mode: null,
            last_updated: now,
            updated_by: actor,
          });
        }
      }
      this.markQueueDirty();
      return {
        changed: true,
        cleared_count: active ? 0 : cleared,
        qso_cleared: !active && hadQso,
        status: this.getSystem(),
      };
    });
  }

  setPaused(paused: boolean, actor: string): Promise<{ paused: boolean; changed: boolean }> {
    return this.run(async () => {
      if (this.system.paused === paused) return { paused, changed: false };
      const next = { ...this.system, paused, last_updated: isoAt(this.clock.now()), updated_by: actor };
      await this.opts.store.putState(STATE_KEYS.system, next);
      this.system = next;
      this.emit('queue_pause_update', { paused });
      return { paused, changed: true };
    });
  }

  setFrequency(
    input: { frequency: string; band?: string | null; mode?: string | null },
    actor: string,
  ): Promise<StoredFrequency> {
    return this.run(async () => {
      const hz = parseFrequencyToHz(input.frequency);
      const band = input.band ?? (hz !== null ? bandForHz(hz) : null) ?? null;
      const mode =
        input.mode === undefined
          ? this.frequency.mode
          : input.mode === null
            ? null
            : (normalizeMode(input.mode) ?? input.mode);
      const next: StoredFrequency = {
        frequency: input.frequency,
        band,
        mode,
        last_updated: isoAt(this.clock.now()),
        updated_by: actor,
      };
      if (
        next.frequency === this.frequency.frequency &&
        next.band === this.frequency.band &&
        next.mode === this.frequency.mode
      ) {
        return { ...this.frequency };
      }
      await this.saveFrequency(next);
      return { ...next };
    });
  }

  clearFrequency(actor: string): Promise<StoredFrequency & { cleared: boolean }> {
    return this.run(async () => {
      const had = this.frequency.frequency !== null;
      const next: StoredFrequency = {
        frequency: null,
        band: null,
        mode: null,
        last_updated: isoAt(this.clock.now()),
        updated_by: actor,
      };
      if (had) await this.saveFrequency(next);
      return { ...next, cleared: had };
    });
  }

  setSplit(split: string, actor: string): Promise<StoredSplit> {
    return this.run(async () => {
      const next: StoredSplit = { split, last_updated: isoAt(this.clock.now()), updated_by: actor };
      if (split === this.split.split) return { ...this.split };
      await this.saveSplit(next);
      return { ...next };
    });
  }

  clearSplit(actor: string): Promise<StoredSplit & { cleared: boolean }> {
    return this.run(async () => {
      const had = this.split.split !== null;
      const next: StoredSplit = { split: null, last_updated: isoAt(this.clock.now()), updated_by: actor };
      if (had) await this.saveSplit(next);
      return { ...next, cleared: had };
    });
  }

  setBeamHeading(heading: number | null): Promise<BeamState> {
    return this.run(async () => {
      if (heading === this.beam.beam_heading) return { ...this.beam };
      const next: BeamState = { ...this.beam, beam_heading: heading, last_updated: isoAt(this.clock.now()) };
      await this.saveBeam(next);
      return { ...next };
    });
  }

  setBeamHeadingVisible(visible: boolean): Promise<BeamState> {
    return this.run(async () => {
      if (visible === this.beam.beam_heading_visible) return { ...this.beam };
      const next: BeamState = {
        ...this.beam,
        beam_heading_visible: visible,
        last_updated: isoAt(this.clock.now()),
      };
      await this.saveBeam(next);
      return { ...next };
    });
  }

  setLoggerIntegration(enabled: boolean, actor: string): Promise<LoggerIntegrationState> {
    return this.run(async () => {
      const next = { enabled, last_updated: isoAt(this.clock.now()), updated_by: actor };
      await this.opts.store.putState(STATE_KEYS.logger, next);
      this.logger = next;
      return { ...next };
    });
  }

  /** Bans a callsign; a queued caller with it is removed. With `requireQueued`, refuses one not queued. */
  ban(
    callsign: string,
    reason: string | null,
    actor: string,
    opts: { requireQueued?: boolean } = {},
  ): Promise<{ ban: Ban; removed: QueueEntry | null }> {
    const parsed = parseCallsign(callsign);
    if (!parsed.ok) return Promise.reject(new OpError(parsed.code, parsed.message));
    return this.run(async () => {
      const index = this.queue.findIndex((e) => e.callsign === parsed.callsign);
      if (index < 0 && opts.requireQueued) throw new OpError('NOT_FOUND', 'Callsign not found in queue');
      const ban: Ban = {
        callsign: parsed.callsign,
        reason,
        banned_by: actor,
        banned_timestamp: isoAt(this.clock.now()),
      };
      await this.opts.store.putBan({ ...ban });
      this.bans.set(ban.callsign, ban);
      let removed: QueueEntry | null = null;
      if (index >= 0) {
        removed = this.entryView(this.queue[index]!, index, this.clock.now());
        await this.removeFromQueue(index);
      }
      this.emitBans();
      return { ban, removed };
    });
  }

  unban(callsign: string): Promise<Ban> {
    return this.run(async () => {
      const ban = this.bans.get(callsign);
      if (!ban) throw new OpError('NOT_FOUND', `Callsign ${callsign} is not banned`);
      await this.opts.store.removeBan(callsign);
      this.bans.delete(callsign);
      this.emitBans();
      return ban;
    });
  }

  clearBans(): Promise<number> {
    return this.run(async () => {
      const count = this.bans.size;
      if (count === 0) return 0;
      await this.opts.store.clearBans();
      this.bans.clear();
      this.emitBans();
      return count;
    });
  }

  setCooldownRule(rule: CooldownRule): Promise<CooldownRule> {
    return this.run(async () => {
      await this.opts.store.putState(STATE_KEYS.cooldown, rule);
      this.cooldown = { ...rule };
      this.emit('cooldown_rule_update', this.getCooldownRule());
      return this.getCooldownRule();
    });
  }

  /** Hides every QSO so far from the worked-callers view. The QSO log keeps them. */
  clearWorked(): Promise<number> {
    return this.run(async () => {
      const count = this.getWorkedCallers().length;
      const next: WorkedView = { cleared_at: isoAt(this.clock.now()), ttl_reset_at: null };
      await this.opts.store.putState(STATE_KEYS.worked, next);
      this.workedView = next;
      this.emit('worked_callers_update', { worked_callers: [], total: 0 });
      return count;
    });
  }

  /** Keeps every worked caller now shown visible for one more full window, counted from now. */
  refreshWorkedWindow(): Promise<{ modified_count: number; new_expires_at: string }> {
    return this.run(async () => {
      const now = this.clock.now();
      const next: WorkedView = { ...this.workedView, ttl_reset_at: isoAt(now) };
      await this.opts.store.putState(STATE_KEYS.worked, next);
      this.workedView = next;
      const worked = this.getWorkedCallers();
      this.emit('worked_callers_update', { worked_callers: worked, total: worked.length });
      return {
        modified_count: worked.length,
        new_expires_at: isoAt(now + this.settings.workedWindowHours * 3_600_000),
      };
    });
  }

  updateSettings(patch: Partial<StationSettings>): Promise<StationSettings> {
    return this.run(async () => {
      const next = { ...this.settings, ...patch };
      if (this.opts.saveSettings) await this.opts.saveSettings(next);
      const windowChanged = next.workedWindowHours !== this.settings.workedWindowHours;
      const sizeChanged = next.maxQueueSize !== this.settings.maxQueueSize;
      this.settings = next;
      this.emit('settings_update', this.settingsPayload());
      if (sizeChanged) this.markQueueDirty();
      if (windowChanged) this.emitWorkedList();
      return this.getSettings();
    });
  }

  /** Applies online lookup details that arrived after a registration or QSO start. */
  applyLookup(info: LookupInfo): Promise<void> {
    return this.run(async () => {
      const entry = this.queue.find((e) => e.callsign === info.callsign);
      if (entry) {
        await this.opts.store.updateQueueEntry({ ...entry, qrz: info });
        entry.qrz = info;
        this.markQueueDirty();
      }
      if (this.current && this.current.callsign === info.callsign) {
        const next = { ...this.current, qrz: info };
        await this.opts.store.putState(STATE_KEYS.currentQso, next);
        this.current = next;
        this.emit('current_qso', this.getCurrentQso());
      }
    });
  }

  // ---------------------------------------------------------------- helpers

  private run<T>(command: () => Promise<T>): Promise<T> {
    return this.exec.run(async () => {
      if (this.closed) throw new OpError('STORE_UNAVAILABLE', 'The server is shutting down');
      try {
        return await command();
      } catch (err) {
        if (err instanceof StoreWriteError) {
          this.log('error', err.message);
          throw new OpError(
            'STORE_UNAVAILABLE',
            'The data store cannot be written right now; nothing was changed.',
          );
        }
        throw err;
      } finally {
        this.maybeFlushQueueUpdate();
      }
    });
  }

  private emit<N extends StationEventName>(name: N, data: EventPayloads[N]): void {
    this.events.emit(name, data);
  }

  /**
   * queue_update carries the whole queue, so bursts of commands share one: it is sent when the burst ends
   * (no command waiting) or at the latest after QUEUE_FLUSH_MAX_DELAY_MS of continuous load.
   */
  private markQueueDirty(): void {
    if (this.queueDirtySince === null) this.queueDirtySince = this.clock.now();
  }

  /** After a burst of registrations lands on disk together: one flush once all their answers have gone. */
  private scheduleQueueFlush(): void {
    if (this.queueFlushScheduled) return;
    this.queueFlushScheduled = true;
    setImmediate(() => {
      this.queueFlushScheduled = false;
      this.maybeFlushQueueUpdate(false);
    });
  }

  private maybeFlushQueueUpdate(insideCommand = true): void {
    if (this.queueDirtySince === null || this.queueFlushTimer !== null) return;
    const now = this.clock.now();
    const waiting = this.exec.queued > (insideCommand ? 1 : 0);
    if (waiting && now - this.queueDirtySince < QUEUE_FLUSH_MAX_DELAY_MS) return;
    const due = this.lastQueueFlushAt + this.queueUpdateSpacingMs();
    if (now >= due) {
      this.flushQueueUpdate();
      return;
    }
    this.queueFlushTimer = setTimeout(() => {
      this.queueFlushTimer = null;
      this.flushQueueUpdate();
    }, due - now);
    this.queueFlushTimer.unref();
  }

  /**
   * How long to leave between two queue_update events so that building them and their fan-out stay within
   * budget: none for a queue of up to 100 with few subscribers, growing with the entries listed and with
   * (entries x subscribers), at most 10 s.
   */
  private queueUpdateSpacingMs(): number {
    const listed = Math.min(this.queue.length, QUEUE_EVENT_MAX_ENTRIES);
    // building an update costs about a microsecond per entry: past 100 entries, keep that to a few percent
    const buildMs = listed > 100 ? listed / 10 : 0;
    const audience = this.opts.audience?.() ?? 0;
    const bytes = 200 + listed * QUEUE_ENTRY_WIRE_BYTES;
    const fanoutMs = ((bytes * audience) / QUEUE_UPDATE_BUDGET_BYTES_PER_S) * 1000;
    return Math.min(QUEUE_UPDATE_MAX_SPACING_MS, Math.max(buildMs, fanoutMs));
  }

  private flushQueueUpdate(): void {
    if (this.queueFlushTimer !== null) {
      clearTimeout(this.queueFlushTimer);
      this.queueFlushTimer = null;
    }
    if (this.queueDirtySince === null) return;
    this.queueDirtySince = null;
    this.lastQueueFlushAt = this.clock.now();
    this.emit('queue_update', this.queueUpdate(QUEUE_EVENT_MAX_ENTRIES));
  }

  /** The operator settings as they travel on the wire (snake_case, as in settings_update). */
  settingsPayload(): EventPayloads['settings_update'] {
    return {
      max_queue_size: this.settings.maxQueueSize,
      worked_window_hours: this.settings.workedWindowHours,
      ...this.getIdentity(),
    };
  }

  private entryView(e: StoredQueueEntry, index: number, now: number): QueueEntry {
    return {
      callsign: e.callsign,
      timestamp: e.timestamp,
      position: index + 1,
      qrz: e.qrz,
      time_in_queue: Math.max(0, Math.round((now - Date.parse(e.timestamp)) / 100) / 10),
    };
  }

  /**
   * Callers see the beam heading only while it is shown: the public events carry what a caller may see and are
   * sent only when that changes; operators get the real heading and flag in `beam_update`.
   */
  private async saveBeam(next: BeamState): Promise<void> {
    const before = this.beam;
    await this.opts.store.putState(STATE_KEYS.beam, next);
    this.beam = next;
    const shown = (b: BeamState): number | null => (b.beam_heading_visible ? b.beam_heading : null);
    if (next.beam_heading_visible !== before.beam_heading_visible) {
      this.emit('beam_heading_visibility_update', { beam_heading_visible: next.beam_heading_visible });
    }
    if (shown(next) !== shown(before)) this.emit('beam_heading_update', { beam_heading: shown(next) });
    this.emit('beam_update', {
      beam_heading: next.beam_heading,
      beam_heading_visible: next.beam_heading_visible,
    });
  }

  private async saveFrequency(next: StoredFrequency): Promise<void> {
    await this.opts.store.putState(STATE_KEYS.frequency, next);
    this.frequency = next;
    this.emit('frequency_update', this.publicFrequency());
  }

  private async saveSplit(next: StoredSplit): Promise<void> {
    await this.opts.store.putState(STATE_KEYS.split, next);
    this.split = next;
    this.emit('split_update', this.publicSplit());
  }

  private async removeFromQueue(index: number): Promise<StoredQueueEntry> {
    const entry = this.queue[index]!;
    await this.opts.store.removeQueueEntries([entry]);
    this.queue.splice(index, 1);
    this.queued.delete(entry.callsign);
    this.markQueueDirty();
    return entry;
  }

  /** Completes the current QSO (if any), then moves queue[index] into the current QSO. */
  private async takeFromQueue(
    index: number,
    metadata: Record<string, unknown>,
    details: CompleteDetails = {},
  ): Promise<WorkResult> {
    const entry = this.queue[index]!;
    const taken = this.entryView(entry, index, this.clock.now());
    const completed = this.current ? await this.finishCurrent(details) : null;
    const qso: CurrentQso = {
      callsign: entry.callsign,
      timestamp: isoAt(this.clock.now()),
      qrz: entry.qrz,
      metadata: { radio: radioAtStart(this.frequency, this.split.split), ...metadata },
    };
    // Order matters for crash safety: the new QSO is written before the entry leaves the queue, so a crash in
    // between leaves the caller in both places, which start-up reconciles; never in neither.
    await this.opts.store.putState(STATE_KEYS.currentQso, qso);
    this.current = qso;
    await this.removeFromQueue(index);
    this.emit('current_qso', this.getCurrentQso());
    return { completed, current: this.getCurrentQso(), taken, remaining: this.queue.length };
  }

  /** Records the current QSO in the log and clears it. Emits the worked events, not current_qso. */
  private async finishCurrent(details: CompleteDetails): Promise<QsoRecord> {
    const qso = this.current!;
    // The radio as the QSO started (a QSO from before records kept it: the station's now).
    const radio = startRadio(qso) ?? radioAtStart(this.frequency, this.split.split);
    const stored = buildQsoRecord({
      callsign: qso.callsign,
      time_on: qso.timestamp,
      time_off: details.time_off ?? isoAt(this.clock.now()),
      source: typeof qso.metadata.source === 'string' ? qso.metadata.source : 'queue',
      qrz: qso.qrz,
      radio,
      details: knownDetails({
        frequency: details.frequency,
        band: details.band,
        mode: details.mode,
        ...details.log,
      }),
      identity: this.identity,
      metadata: qso.metadata,
    });
    // The log entry is written first: a crash before the current QSO is cleared is reconciled at start-up
    // (a current QSO already in the log is dropped), so a QSO is never lost and never logged twice.
    const record = await this.insertQso(stored);
    await this.opts.store.putState(STATE_KEYS.currentQso, null);
    this.current = null;
    this.emitWorkedAdded(record);
    return record;
  }

  private async insertQso(stored: StoredQso): Promise<QsoRecord> {
    const inserted = await this.opts.store.insertQso(stored);
    const record = toRecord(inserted);
    // keep the log sorted by time_off; appends are the common case
    const last = this.qsos[this.qsos.length - 1];
    if (!last || last.time_off <= record.time_off) this.qsos.push(record);
    else {
      this.qsos.push(record);
      this.qsos.sort((a, b) => a.time_off.localeCompare(b.time_off));
    }
    this.noteWorked(record);
    return record;
  }

  private emitWorkedAdded(record: QsoRecord): void {
    const worked = this.getWorkedCallers();
    const entry = worked.find((w) => w.callsign === record.callsign);
    if (entry) this.emit('worked_callers_update', { worked_caller: entry, total: worked.length });
    this.emit('qso_log_update', { action: 'added', qso: record });
  }

  private emitWorkedList(): void {
    const worked = this.getWorkedCallers();
    this.emit('worked_callers_update', { worked_callers: worked, total: worked.length });
  }

  private emitBans(): void {
    this.emit('bans_update', { banned_callsigns: this.getBans(), total: this.bans.size });
  }

  private noteWorked(q: QsoRecord): void {
    const off = Date.parse(q.time_off);
    const prev = this.lastWorked.get(q.callsign);
    if (prev === undefined || off > prev) this.lastWorked.set(q.callsign, off);
  }

  private rebuildLastWorked(): void {
    this.lastWorked.clear();
    for (const q of this.qsos) this.noteWorked(q);
  }

  private cooldownRemainingMs(callsign: string): number {
    if (!this.cooldown.enabled || this.cooldown.time_period_minutes <= 0) return 0;
    const last = this.lastWorked.get(callsign);
    if (last === undefined) return 0;
    return last + this.cooldown.time_period_minutes * 60_000 - this.clock.now();
  }

  private enrichLater(callsign: string): void {
    this.opts.lookup
      .enrich(callsign)
      .then(async (info) => {
        if (info && !this.closed) await this.applyLookup(info);
      })
      .catch((err: unknown) => this.log('warn', `lookup of ${callsign} failed: ${String(err)}`));
  }

  /** Repairs what a crash between two writes of one command can leave behind. */
  private async reconcile(dropped: StoredQueueEntry[]): Promise<void> {
    if (dropped.length > 0) {
      await this.opts.store.removeQueueEntries(dropped);
      this.log(
        'warn',
        `start-up: removed ${dropped.length} unusable or repeated queue entr${dropped.length === 1 ? 'y' : 'ies'}`,
      );
    }
    if (!this.current) return;
    const cur = this.current;
    const logged = this.qsos.some((q) => q.callsign === cur.callsign && q.time_on === cur.timestamp);
    if (logged) {
      await this.opts.store.putState(STATE_KEYS.currentQso, null);
      this.current = null;
      this.log(
        'warn',
        `start-up: QSO with ${cur.callsign} was already in the log; cleared it as current QSO`,
      );
      return;
    }
    const index = this.queue.findIndex((e) => e.callsign === cur.callsign);
    if (index >= 0) {
      await this.opts.store.removeQueueEntries([this.queue[index]!]);
      this.queue.splice(index, 1);
      this.queued.delete(cur.callsign);
      this.log(
        'warn',
        `start-up: ${cur.callsign} was both current QSO and queued; removed it from the queue`,
      );
    }
  }
}

/**
 * A stored document as a record: one literal with every field (absent ones null), so that all records share
 * one shape; an object spread here made each record twice the size (measured: 816 against 408 bytes).
 */
export function toRecord(stored: StoredQso): QsoRecord {
  return {
    id: stored._id ?? randomUUID(),
    callsign: stored.callsign,
    time_on: stored.time_on,
    time_off: stored.time_off,
    frequency: stored.frequency ?? null,
    band: stored.band ?? null,
    mode: stored.mode ?? null,
    submode: stored.submode ?? null,
    rx_frequency: stored.rx_frequency ?? null,
    source: stored.source,
    qrz: stored.qrz,
    rst_sent: stored.rst_sent ?? null,
    rst_rcvd: stored.rst_rcvd ?? null,
    operator: stored.operator ?? null,
    station_callsign: stored.station_callsign ?? null,
    name: stored.name ?? null,
    grid: stored.grid ?? null,
    tx_power: stored.tx_power ?? null,
    comment: stored.comment ?? null,
    logged_by: stored.logged_by ?? null,
    logger_id: stored.logger_id ?? null,
  };
}

interface LoadedState {
  system: SystemState;
  frequency: StoredFrequency;
  split: StoredSplit;
  beam: BeamState;
  cooldown: CooldownRule;
  logger: LoggerIntegrationState;
  worked: WorkedView;
  current: CurrentQso | null;
  queue: StoredQueueEntry[];
  droppedQueue: StoredQueueEntry[];
  qsos: QsoRecord[];
  bans: Ban[];
  seq: number;
}

/**
 * How far back the QSOs read before the first request must reach: the worked window (or the window kept open
 * by update-ttl) and the cooldown, whichever is longer, with a minute to spare.
 */
function recentCutoff(now: number, windowHours: number, cooldown: CooldownRule, worked: WorkedView): number {
  const windowMs = windowHours * 3_600_000;
  const resetAt = worked.ttl_reset_at ? Date.parse(worked.ttl_reset_at) : -Infinity;
  const from = Math.min(now - windowMs, resetAt + windowMs > now ? resetAt - windowMs : Infinity);
  const cooldownMs = cooldown.enabled ? cooldown.time_period_minutes * 60_000 : 0;
  return Math.min(from, now - cooldownMs) - 60_000;
}

async function loadState(
  store: Store,
  log: Logger,
  cutoff: (cooldown: CooldownRule, worked: WorkedView) => number,
): Promise<LoadedState> {
  for (const r of store.recoveries) {
    log(
      'warn',
      `data file ${r.file} was damaged: ${r.badLines} unreadable line(s) dropped, ${r.keptLines} kept; the original is saved as ${r.savedAs}`,
    );
  }
  const state = await store.loadState();
  const pick = <S extends z.ZodType>(key: string, schema: S, fallback: z.infer<S>): z.infer<S> => {
    if (!state.has(key)) return fallback;
    const parsed = schema.safeParse(state.get(key));
    if (parsed.success) return parsed.data;
    log('warn', `stored state "${key}" is invalid and was reset to its default`);
    return fallback;
  };
  // A queue document without a callsign or order, or a second one for a callsign, cannot be shown: it is
  // dropped from the file at start-up (reconcile), so that it cannot come back later.
  const seen = new Set<string>();
  const uniqueQueue: StoredQueueEntry[] = [];
  const droppedQueue: StoredQueueEntry[] = [];
  for (const e of await store.loadQueue()) {
    const usable = typeof e.callsign === 'string' && typeof e.order === 'number' && !seen.has(e.callsign);
    if (usable) {
      seen.add(e.callsign);
      uniqueQueue.push(e);
    } else droppedQueue.push(e);
  }
  const cooldown = pick(STATE_KEYS.cooldown, cooldownSchema, { time_period_minutes: 0, enabled: false });
  const worked = pick(STATE_KEYS.worked, workedViewSchema, { cleared_at: null, ttl_reset_at: null });
  const qsos = (await store.loadRecentQsos(cutoff(cooldown, worked))).map(toRecord);
  const seqValue = state.get(STATE_KEYS.seq);
  return {
    system: pick(STATE_KEYS.system, systemStateSchema, {
      active: false,
      paused: false,
      last_updated: null,
      updated_by: 'system',
    }),
    frequency: pick(STATE_KEYS.frequency, frequencyStateSchema, {
      frequency: null,
      band: null,
      mode: null,
      last_updated: null,
      updated_by: null,
    }),
    split: pick(STATE_KEYS.split, splitStateSchema, { split: null, last_updated: null, updated_by: null }),
    beam: pick(STATE_KEYS.beam, beamStateSchema, {
      beam_heading: null,
      beam_heading_visible: false,
      last_updated: null,
    }),
    cooldown,
    logger: pick(STATE_KEYS.logger, loggerIntegrationSchema, {
      enabled: false,
      last_updated: null,
      updated_by: null,
    }),
    worked,
    current: pick(STATE_KEYS.currentQso, currentQsoSchema, null),
    queue: uniqueQueue,
    droppedQueue,
    qsos,
    bans: await store.loadBans(),
    seq: typeof seqValue === 'number' ? seqValue : 0,
  };
}

export type { AnyStationEvent };
