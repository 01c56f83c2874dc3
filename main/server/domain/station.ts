import { parseCallsign } from '../../../shared/callsign.js';
import { DEFAULT_IDENTITY_RULE, identityOf, sameOperator, type IdentityRule } from './identity.js';
import { hasLookupData } from './manual-registration.js';
import type { AnyStationEvent, EventPayloads, StationEventName } from '../../../shared/protocol/events.js';
import type {
  Ban,
  CooldownRule,
  CurrentQso,
  FrequencyState,
  LookupInfo,
  NoShowRule,
  QsoRecord,
  QueueEntry,
  QueueUpdate,
  SplitState,
  WorkedCaller,
} from '../../../shared/protocol/types.js';
import {
  Store,
  StoreWriteError,
  sortByTimeOff,
  type StoredQso,
  type StoredQueueEntry,
} from '../store/store.js';
import { QsoLogFile } from '../store/qso-log.js';
import type { QsoLoggedBy, StationIdentity } from '../../../shared/protocol/types.js';
import { DEFAULT_IDENTITY, mergeIdentity, type StationIdentityPatch } from './station-identity.js';
import type { QsoPatch } from './types.js';
import { OpError } from '../util/errors.js';
import { SerialExecutor } from '../util/serial.js';
import { isoAt, systemClock, type Clock } from '../util/time.js';
import { EventHub } from './event-hub.js';
import { callerLeft, leaveSecretMatches } from './leave.js';
import { loadState, reconcile, recentCutoff, toRecord, type LoadedState } from './load.js';
import { callsMade, decideCallAgain, moveBackIndex, orderAt } from './no-show.js';
import { Moderation } from './moderation.js';
import { QsoLifecycle } from './qso-lifecycle.js';
import { QsoLog, type QsoFilter } from './qso-log.js';
import { QueueState } from './queue.js';
import { QueueUpdatePublisher } from './queue-publisher.js';
import { RadioState } from './radio-state.js';
import {
  STATE_KEYS,
  type BeamState,
  type LoggerIntegrationState,
  type StoredFrequency,
  type StoredSplit,
  type SystemState,
  type WorkedView,
} from './state-schemas.js';
import type {
  CallsignLookup,
  CompleteDetails,
  CooldownCheck,
  Logger,
  NoShowOutcome,
  RecordQsoInput,
  RegisterInput,
  RegisterResult,
  StartQsoInput,
  StationSettings,
  WorkResult,
} from './types.js';
import { workedCallers } from './worked.js';
import { applyUndo, UndoJournal, type UndoAction, type UndoTicket, type UndoTrack } from './undo.js';

export type {
  CompleteDetails,
  CooldownCheck,
  Logger,
  RecordQsoInput,
  RegisterInput,
  RegisterResult,
  StartQsoInput,
  StationSettings,
  WorkResult,
} from './types.js';

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
  /**
   * How long the transports want between two queue_update events listing this many entries (their fan-out
   * budget); see queue-publisher.ts.
   */
  queueUpdateSpacingMs?: (listedEntries: number) => number;
  /** How many events the replay buffer keeps. */
  eventBufferSize?: number;
  /** Which callsigns are one operator for the cooldown and the duplicate check (default: the base call). */
  identityRule?: IdentityRule;
}

/** queue_update events list at most this many entries (with `truncated: true`); the HTTP list has them all. */
export const QUEUE_EVENT_MAX_ENTRIES = 1000;

/**
 * The Station: the place every command passes through, one at a time. It runs each command alone, in order,
 * through a serial executor; the command writes the store first, changes memory only when the write succeeded,
 * then emits events. The pieces of state (queue, QSO log, radio, moderation) and the queue-update publisher
 * stand in their own modules; reads are served from memory.
 */
export class Station {
  readonly events: EventHub;
  private readonly exec = new SerialExecutor();
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly store: Store;

  private system: SystemState;
  private logger: LoggerIntegrationState;
  private workedView: WorkedView;
  private readonly qso: QsoLifecycle;
  private readonly queue: QueueState;
  private readonly qsos: QsoLog;
  private readonly radio: RadioState;
  private readonly moderation: Moderation;
  private readonly publisher: QueueUpdatePublisher;
  private settings: StationSettings;
  private noShow: NoShowRule;
  private readonly undoJournal: UndoJournal;
  private identity: StationIdentity;
  /** Settles once the whole QSO log is in memory (start-up reads only the recent part before serving). */
  private logLoaded: Promise<void> = Promise.resolve();
  private logComplete = true;
  private closing = false;

  /** Registrations written but not yet on disk. */
  private readonly writesInFlight = new Set<Promise<void>>();
  private closed = false;

  private constructor(
    private readonly opts: StationOptions,
    loaded: LoadedState,
    start: { queue: QueueState; qsos: QsoLog; current: CurrentQso | null },
  ) {
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? (() => undefined);
    this.store = opts.store;
    this.settings = { ...opts.settings };
    this.identity = structuredClone(opts.identity ?? DEFAULT_IDENTITY);
    this.system = loaded.system;
    this.logger = loaded.logger;
    this.workedView = loaded.worked;
    this.noShow = loaded.noShow;
    this.queue = start.queue;
    this.qsos = start.qsos;
    const now = (): number => this.clock.now();
    const putState = (key: string, value: unknown): Promise<void> => this.store.putState(key, value);
    const emit = <N extends StationEventName>(name: N, data: EventPayloads[N]): void => this.emit(name, data);
    this.radio = new RadioState(loaded, { putState, now, emit });
    this.moderation = new Moderation(
      { bans: loaded.bans, cooldown: loaded.cooldown, qsos: this.qsos.all },
      {
        identityRule: opts.identityRule ?? DEFAULT_IDENTITY_RULE,
        putBan: (ban) => this.store.putBan(ban),
        removeBan: (callsign) => this.store.removeBan(callsign),
        clearBans: () => this.store.clearBans(),
        putState,
        now,
        emitBans: (payload) => this.emit('bans_update', payload),
        emitCooldownRule: (payload) => this.emit('cooldown_rule_update', payload),
      },
    );
    this.undoJournal = new UndoJournal(this.clock);
    this.qso = new QsoLifecycle(start.current, {
      store: this.store,
      queue: this.queue,
      qsos: this.qsos,
      radio: this.radio,
      moderation: this.moderation,
      now,
      emit,
      removeFromQueue: (index) => this.removeFromQueue(index),
      resolveNow: (callsign) => opts.lookup.resolveNow(callsign),
      identity: () => this.identity,
      enrichLater: (callsign) => this.enrichLater(callsign),
      workedCallers: () => this.getWorkedCallers(),
      initialLeave: loaded.currentLeave,
    });
    this.publisher = new QueueUpdatePublisher({
      now,
      waitingCommands: () => this.exec.queued,
      listedEntries: () => Math.min(this.queue.length, QUEUE_EVENT_MAX_ENTRIES),
      publish: () => this.emit('queue_update', this.queueUpdate(QUEUE_EVENT_MAX_ENTRIES)),
      fanoutSpacingMs: opts.queueUpdateSpacingMs,
    });
    const startSeq = Math.max(this.clock.now(), loaded.seq + 1);
    this.events = new EventHub(this.clock, startSeq, opts.eventBufferSize ?? 2048, (err) =>
      this.log('error', `event listener failed: ${String(err)}`),
    );
  }

  static async open(opts: StationOptions): Promise<Station> {
    const log = opts.log ?? (() => undefined);
    const startedAt = (opts.clock ?? systemClock).now();
    const loaded = await loadState(opts.store, log, (cooldown, worked) =>
      recentCutoff(startedAt, opts.settings.workedWindowHours, cooldown, worked),
    );
    opts.store.releaseLoaded();
    const rule = opts.identityRule ?? DEFAULT_IDENTITY_RULE;
    const queue = new QueueState(loaded.queue, (callsign) => identityOf(callsign, rule));
    const qsos = new QsoLog(loaded.qsos);
    const current = await reconcile(
      { current: loaded.current, queue, qsos, dropped: loaded.droppedQueue },
      opts.store,
      log,
    );
    const station = new Station(opts, loaded, { queue, qsos, current });
    station.loadWholeLog();
    return station;
  }

  /**
   * Reads the whole QSO log in the background and puts it in place of the recent part read at start-up
   * (keeping QSOs logged meanwhile); then checks and, when needed, compacts the file. See store/qso-log.ts.
   */
  private loadWholeLog(): void {
    const file = this.store.qsoLog;
    if (file.sizeAtOpen === 0) return;
    this.logComplete = false;
    const started = performance.now();
    this.logLoaded = (async () => {
      const scan = await file.readAll(() => this.closing);
      if (this.closing) return;
      await this.exec.run(async () => {
        this.qsos.replaceAll(sortByTimeOff(scan.docs).map(toRecord));
        this.moderation.rebuildLastWorked(this.qsos.all);
        this.logComplete = true;
      });
      const worked = this.getWorkedCallers();
      this.emit('worked_callers_update', { worked_callers: worked, total: worked.length });
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

  /** What is known about a callsign right now (offline DXCC, cached lookups). */
  resolveLookup(callsign: string): LookupInfo {
    return this.opts.lookup.resolveNow(callsign);
  }

  getIdentity(): StationIdentity {
    return structuredClone(this.identity);
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

  /**
   * Adds QSOs from another log (an ADIF import) in one write. `isDuplicate` runs inside the command, so a QSO
   * logged meanwhile is seen. The queue follows the log as it does for a logger's QSO: a waiting caller with an
   * imported QSO leaves the queue as worked, in the same command.
   */
  importQsos(batch: readonly StoredQso[], isDuplicate: (q: StoredQso) => boolean): Promise<QsoRecord[]> {
    return this.run(async () => {
      const fresh = batch.filter((q) => !isDuplicate(q));
      if (fresh.length === 0) return [];
      const records = (await this.store.insertQsos(fresh)).map(toRecord);
      this.qsos.addMany(records);
      for (const r of records) this.moderation.noteWorked(r);
      await this.qso.takeLoggedFromQueue(records);
      const worked = this.getWorkedCallers();
      this.emit('worked_callers_update', { worked_callers: worked, total: worked.length });
      return records;
    });
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

  getFrequency(): FrequencyState & { updated_by: string | null } {
    return this.radio.getFrequency();
  }

  getSplit(): SplitState & { updated_by: string | null } {
    return this.radio.getSplit();
  }

  getBeam(): BeamState {
    return this.radio.getBeam();
  }

  getCooldownRule(): CooldownRule {
    return this.moderation.getCooldownRule();
  }

  getLoggerIntegration(): LoggerIntegrationState {
    return { ...this.logger };
  }

  getCurrentQso(): CurrentQso | null {
    return this.qso.get();
  }

  /** The queue with live positions (1..n) and time in queue. */
  getQueue(): QueueEntry[] {
    return this.queue.list(this.clock.now());
  }

  /** The queue as the original's queue_update and /api/queue/list carry it; `limit` caps the entries listed. */
  queueUpdate(limit = Infinity): QueueUpdate {
    return this.queue.update({
      active: this.system.active,
      maxSize: this.settings.maxQueueSize,
      now: this.clock.now(),
      limit,
    });
  }

  findQueued(callsign: string): QueueEntry | null {
    const index = this.queue.indexOf(callsign);
    return index < 0 ? null : this.queue.view(index, this.clock.now());
  }

  getWorkedCallers(): WorkedCaller[] {
    return workedCallers(this.qsos.all, this.workedView, this.settings.workedWindowHours, this.clock.now());
  }

  /** The QSO log, newest first, optionally filtered by callsign substring and time range. */
  getQsos(filter: QsoFilter = {}): QsoRecord[] {
    return this.qsos.query(filter);
  }

  qsoCount(): number {
    return this.qsos.count;
  }

  getBans(): Ban[] {
    return this.moderation.getBans();
  }

  /** QSO rate figures for wait estimates: QSOs completed in the last hour and their average spacing. */
  stats(): { qsos_last_hour: number; average_qso_seconds: number | null } {
    return this.qsos.stats(this.clock.now());
  }

  /** Cooldown check for one callsign. */
  checkCooldown(callsign: string): CooldownCheck {
    return this.moderation.checkCooldown(callsign);
  }

  /** The whole state as the set of state events a fresh subscriber needs, in a stable order. */
  snapshotEvents(audience: 'public' | 'admin'): { [N in StationEventName]?: EventPayloads[N] } {
    const worked = this.getWorkedCallers();
    const beam = this.radio.getBeam();
    const pub = {
      system_status: { active: this.system.active },
      queue_pause_update: { paused: this.system.paused },
      frequency_update: this.publicFrequency(),
      split_update: this.publicSplit(),
      beam_heading_update: { beam_heading: this.radio.shownBeamHeading() },
      beam_heading_visibility_update: { beam_heading_visible: beam.beam_heading_visible },
      current_qso: this.system.active ? this.getCurrentQso() : null,
      queue_update: this.queueUpdate(QUEUE_EVENT_MAX_ENTRIES),
      worked_callers_update: { worked_callers: worked, total: worked.length },
    };
    if (audience === 'public') return pub;
    return {
      ...pub,
      current_qso: this.getCurrentQso(),
      bans_update: { banned_callsigns: this.getBans(), total: this.moderation.banCount },
      cooldown_rule_update: this.getCooldownRule(),
      beam_update: { beam_heading: beam.beam_heading, beam_heading_visible: beam.beam_heading_visible },
      settings_update: this.settingsPayload(),
      no_show_rule_update: this.getNoShowRule(),
    };
  }

  publicFrequency(): FrequencyState {
    return this.radio.publicFrequency();
  }

  publicSplit(): SplitState {
    return this.radio.publicSplit();
  }

  /** The operator settings as they travel on the wire (snake_case, as in settings_update). */
  settingsPayload(): EventPayloads['settings_update'] {
    return {
      max_queue_size: this.settings.maxQueueSize,
      worked_window_hours: this.settings.workedWindowHours,
      ...this.getIdentity(),
    };
  }

  /** Resolves once every command submitted so far has run (tests, shutdown). */
  async idle(): Promise<void> {
    await this.exec.drain();
    await Promise.allSettled([...this.writesInFlight]);
    await this.exec.drain();
    if (this.publisher.scheduled) await new Promise((resolve) => setImmediate(resolve));
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.logLoaded;
    await this.idle();
    this.publisher.flush();
    this.closed = true;
    try {
      await this.store.putState(STATE_KEYS.seq, this.events.seq);
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
        if (this.queue.release(stored)) this.publisher.markDirty();
      });
      this.log('error', err instanceof Error ? err.message : String(err));
      throw new OpError(
        'STORE_UNAVAILABLE',
        'The data store cannot be written right now; nothing was changed.',
      );
    } finally {
      this.writesInFlight.delete(written);
    }
    this.publisher.markDirty();
    this.publisher.scheduleFlush();
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
      if (this.moderation.banFor(callsign, parsed.base))
        throw new OpError('CALLSIGN_BANNED', `Callsign ${callsign} is not allowed to register.`);
      if (this.queue.has(callsign)) throw new OpError('ALREADY_QUEUED', 'Callsign already in queue');
      if (this.qso.callsign === callsign) {
        throw new OpError('ALREADY_QUEUED', `Callsign ${callsign} is being worked right now`);
      }
      this.checkSameOperator(callsign);
      const remainingMs = this.moderation.cooldownRemainingMs(callsign);
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
      if (input.manual && hasLookupData(qrz)) {
        throw new OpError(
          'CONFLICT',
          `${callsign} is known to the lookup: register it with /api/queue/register (manual details are only for callsigns nothing is known about)`,
        );
      }
      if (input.manual) {
        qrz = {
          ...qrz,
          name: input.manual.name,
          address: input.manual.location,
          dxcc_name: input.manual.country,
          source: 'manual',
        };
      } else if (!hasLookupData(qrz)) {
        return { kind: 'requires_manual_data', callsign } as const;
      }
      const now = this.clock.now();
      const order = this.queue.takeOrder();
      const stored: StoredQueueEntry = {
        callsign,
        timestamp: isoAt(now),
        order,
        qrz,
        ...(input.secretHash ? { leave_secret_hash: input.secretHash } : {}),
      };
      const written = this.store.insertQueueEntry(stored);
      const entry = this.queue.view(this.queue.push(stored), now);
      return { kind: 'reserved', stored, written, entry } as const;
    });
  }

  /** One operator holds one place: W1AW/P may not queue while W1AW is queued or being worked. */
  private checkSameOperator(callsign: string): void {
    const rule = this.opts.identityRule ?? DEFAULT_IDENTITY_RULE;
    const queued = this.queue.queuedAs(callsign);
    if (queued) throw new OpError('ALREADY_QUEUED', `${callsign} is already in the queue as ${queued}`);
    const current = this.qso.callsign;
    if (current && sameOperator([current], callsign, rule)) {
      throw new OpError('ALREADY_QUEUED', `${callsign} is being worked right now as ${current}`);
    }
  }

  removeCallsign(callsign: string, track?: UndoTrack): Promise<QueueEntry> {
    return this.run(async () => {
      const index = this.queue.indexOf(callsign);
      if (index < 0) throw new OpError('NOT_FOUND', 'Callsign not found in queue');
      const view = this.queue.view(index, this.clock.now());
      const removed = await this.removeFromQueue(index);
      this.journal(track, { kind: 'remove', entries: [removed] }, `Remove ${callsign}`);
      this.emit('caller_left', callerLeft('removed', [callsign]));
      return view;
    });
  }

  /** The caller leaves the queue by themselves, with the secret their registration answer carried. */
  leaveQueue(callsign: string, secret: string): Promise<QueueEntry> {
    return this.run(async () => {
      const index = this.queue.indexOf(callsign);
      if (index < 0) throw new OpError('NOT_FOUND', 'Callsign not found in queue');
      if (!leaveSecretMatches(this.queue.at(index)!.leave_secret_hash, secret)) {
        throw new OpError(
          'INVALID_SECRET',
          'Only the device that registered this callsign can leave for it.',
        );
      }
      const view = this.queue.view(index, this.clock.now());
      await this.removeFromQueue(index);
      this.emit('caller_left', callerLeft('left', [callsign]));
      return view;
    });
  }

  clearQueue(track?: UndoTrack): Promise<number> {
    return this.run(async () => {
      const count = this.queue.length;
      if (count === 0) return 0;
      const entries = [...this.queue.all];
      await this.store.removeQueueEntries(this.queue.all);
      this.queue.clear();
      this.publisher.markDirty();
      this.journal(track, { kind: 'clear', entries }, `Clear the queue (${count})`);
      this.emit(
        'caller_left',
        callerLeft(
          'cleared',
          entries.map((e) => e.callsign),
        ),
      );
      return count;
    });
  }

  getNoShowRule(): NoShowRule {
    return { ...this.noShow };
  }

  setNoShowRule(rule: NoShowRule): Promise<NoShowRule> {
    return this.run(async () => {
      await this.store.putState(STATE_KEYS.noShow, rule);
      this.noShow = { ...rule };
      this.emit('no_show_rule_update', this.getNoShowRule());
      return this.getNoShowRule();
    });
  }

  /**
   * "Call again": the current caller did not answer the last call. The station calls once more (the count is in
   * the current QSO's metadata, so the caller's page shows it) until the no-show rule's count is reached; then
   * the rule applies.
   */
  callAgain(track?: UndoTrack): Promise<NoShowOutcome> {
    return this.run(async () => {
      const qso = this.qso.get();
      if (!qso) throw new OpError('NOT_FOUND', 'No current QSO: nobody is being called');
      const decision = decideCallAgain(this.noShow, callsMade(qso.metadata));
      if (decision.kind === 'apply') return this.applyNoShow(qso, track);
      await this.qso.setCalls(decision.calls);
      return { kind: 'called', callsign: qso.callsign, calls: decision.calls };
    });
  }

  /** "No answer": the no-show rule applies to the current caller now. */
  noAnswer(track?: UndoTrack): Promise<NoShowOutcome> {
    return this.run(async () => {
      const qso = this.qso.get();
      if (!qso) throw new OpError('NOT_FOUND', 'No current QSO: nobody is being called');
      return this.applyNoShow(qso, track);
    });
  }

  /** Ends the current QSO unlogged and drops the caller or puts them back in the queue, as the rule says. */
  private async applyNoShow(qso: CurrentQso, track?: UndoTrack): Promise<NoShowOutcome> {
    const calls = callsMade(qso.metadata);
    let position: number | null = null;
    if (this.noShow.action === 'move_back') {
      // Queued first, then the QSO dropped: a crash in between leaves the caller in both, which start-up repairs.
      const index = moveBackIndex(this.queue.length, this.noShow.places);
      const atEnd = index >= this.queue.length;
      const order = atEnd
        ? this.queue.takeOrder()
        : orderAt(
            this.queue.all.map((e) => e.order),
            index,
            0,
          );
      const hash = this.qso.leaveHash;
      const stored: StoredQueueEntry = {
        callsign: qso.callsign,
        timestamp: isoAt(this.clock.now()),
        order,
        qrz: qso.qrz,
        ...(hash ? { leave_secret_hash: hash } : {}),
      };
      await this.store.insertQueueEntry(stored);
      this.queue.insertAt(index, stored);
      this.publisher.markDirty();
      position = index + 1;
    }
    await this.qso.drop();
    // undone as a cancel is: the caller leaves the queue again (when moved back) and the QSO is current again
    this.journal(track, { kind: 'cancel', qso }, `No answer from ${qso.callsign}`);
    this.emit('caller_left', callerLeft('no_show', [qso.callsign], position !== null ? { position } : {}));
    return position === null
      ? { kind: 'dropped', callsign: qso.callsign, calls }
      : { kind: 'moved_back', callsign: qso.callsign, calls, position };
  }

  /** Completes the current QSO (if any) and makes the head of the queue the current QSO. */
  workNext(actor: string, track?: UndoTrack, loggedBy?: QsoLoggedBy): Promise<WorkResult> {
    return this.run(async () => {
      const previous = this.qso.get();
      const head = this.queue.at(0);
      const result = await this.qso.workNext(actor, loggedBy);
      this.journalWork(track, previous, head, result);
      return result;
    });
  }

  /** Takes a chosen callsign out of the queue (out of order) and makes it the current QSO. */
  workCallsign(
    callsign: string,
    actor: string,
    track?: UndoTrack,
    loggedBy?: QsoLoggedBy,
  ): Promise<WorkResult & { already_current: boolean; original_position: number | null }> {
    return this.run(async () => {
      const previous = this.qso.get();
      const taken = this.queue.at(this.queue.indexOf(callsign));
      const result = await this.qso.workCallsign(callsign, actor, loggedBy);
      if (!result.already_current) this.journalWork(track, previous, taken, result);
      return result;
    });
  }

  /** Undoes the action `undoId` names, or the latest one (see domain/undo.ts). */
  undo(undoId?: string): Promise<{ message: string; undone: UndoTicket }> {
    return this.run(async () => {
      const entry = this.undoJournal.find(undoId);
      const message = await applyUndo(
        entry.action,
        {
          active: this.system.active,
          current: this.qso.get(),
          isQueued: (callsign) => this.queue.has(callsign),
          hasQso: (id) => this.qsos.indexOf(id) >= 0,
        },
        {
          restoreQueueEntries: async (entries) => {
            for (const e of entries) {
              const stored = { ...e };
              await this.store.insertQueueEntry(stored);
              this.queue.insertByOrder(stored);
            }
            this.publisher.markDirty();
          },
          removeQueued: async (callsign) => {
            const index = this.queue.indexOf(callsign);
            if (index >= 0) await this.removeFromQueue(index);
          },
          deleteQso: async (id) => {
            await this.qso.deleteQso(id);
          },
          setCurrent: (qso) => this.qso.restore(qso),
        },
      );
      this.undoJournal.forget(entry.id);
      return {
        message,
        undone: { undo_id: entry.id, undo_label: entry.label, undo_expires_at: isoAt(entry.expires) },
      };
    });
  }

  /** The actions that can be undone now, newest last. */
  undoable(): UndoTicket[] {
    return this.undoJournal.list();
  }

  /**
   * Starts a QSO with a callsign, typed by the operator or announced by logging software. A queued callsign is
   * taken from the queue; any other becomes a direct QSO. A current QSO with another station is completed first.
   */
  startQso(input: StartQsoInput): Promise<WorkResult & { was_in_queue: boolean; already_current: boolean }> {
    const parsed = parseCallsign(input.callsign);
    if (!parsed.ok) return Promise.reject(new OpError(parsed.code, parsed.message));
    return this.run(() => this.qso.startQso(parsed.callsign, input));
  }

  /** Finishes the current QSO and records it in the log as worked. */
  completeQso(
    details: CompleteDetails = {},
    track?: UndoTrack,
  ): Promise<{ completed: QsoRecord | null; qso: CurrentQso | null }> {
    return this.run(async () => {
      const r = await this.qso.completeQso(details);
      if (r.completed && r.qso) {
        this.journal(track, { kind: 'complete', record: r.completed, qso: r.qso }, `Log ${r.qso.callsign}`);
      }
      return r;
    });
  }

  /** Drops the current QSO without recording it. */
  cancelQso(track?: UndoTrack): Promise<CurrentQso | null> {
    return this.run(async () => {
      const qso = await this.qso.cancelQso();
      if (qso) this.journal(track, { kind: 'cancel', qso }, `Cancel the QSO with ${qso.callsign}`);
      return qso;
    });
  }

  private journal(track: UndoTrack | undefined, action: UndoAction, label: string): void {
    const ticket = this.undoJournal.record(action, label);
    if (track) track.ticket = ticket;
  }

  /** Remembers what work next (or working a chosen caller) did, for undo. */
  private journalWork(
    track: UndoTrack | undefined,
    previous: CurrentQso | null,
    taken: StoredQueueEntry | undefined,
    result: WorkResult,
  ): void {
    const completed = result.completed && previous ? { record: result.completed, qso: previous } : null;
    if (result.current && taken) {
      const label = completed
        ? `Log ${completed.qso.callsign} and work ${taken.callsign}`
        : `Work ${taken.callsign}`;
      this.journal(track, { kind: 'work', started: result.current, taken, completed }, label);
    } else if (completed) {
      this.journal(track, { kind: 'complete', ...completed }, `Log ${completed.qso.callsign}`);
    }
  }

  /** Records a QSO that did not pass through the queue (worked direct, reported by a logger). */
  recordQso(input: RecordQsoInput): Promise<QsoRecord> {
    const parsed = parseCallsign(input.callsign);
    if (!parsed.ok) return Promise.reject(new OpError(parsed.code, parsed.message));
    return this.run(() => this.qso.recordQso(parsed.callsign, input));
  }

  async updateQso(id: string, patch: QsoPatch): Promise<QsoRecord> {
    await this.logLoaded;
    return this.run(() => this.qso.updateQso(id, patch));
  }

  async deleteQso(id: string): Promise<QsoRecord> {
    await this.logLoaded;
    return this.run(() => this.qso.deleteQso(id));
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
      const current = this.qso.callsign;
      const leaving = [...(current ? [current] : []), ...this.queue.all.map((e) => e.callsign)];
      let dropped = false;
      const next: SystemState = { ...this.system, active, last_updated: now, updated_by: actor };
      await this.store.putState(STATE_KEYS.system, next);
      this.system = next;
      this.emit('system_status', { active });
      if (!active) {
        this.undoJournal.clear();
        if (cleared > 0) {
          await this.store.removeQueueEntries(this.queue.all);
          this.queue.clear();
        }
        dropped = await this.qso.drop();
        await this.radio.clearAll(actor, now);
        if (leaving.length > 0) this.emit('caller_left', callerLeft('off_air', leaving));
      }
      this.publisher.markDirty();
      return {
        changed: true,
        cleared_count: active ? 0 : cleared,
        qso_cleared: dropped,
        status: this.getSystem(),
      };
    });
  }

  setPaused(paused: boolean, actor: string): Promise<{ paused: boolean; changed: boolean }> {
    return this.run(async () => {
      if (this.system.paused === paused) return { paused, changed: false };
      const next = { ...this.system, paused, last_updated: isoAt(this.clock.now()), updated_by: actor };
      await this.store.putState(STATE_KEYS.system, next);
      this.system = next;
      this.emit('queue_pause_update', { paused });
      return { paused, changed: true };
    });
  }

  setFrequency(
    input: { frequency: string; band?: string | null; mode?: string | null },
    actor: string,
  ): Promise<StoredFrequency> {
    return this.run(() => this.radio.setFrequency(input, actor));
  }

  clearFrequency(actor: string): Promise<StoredFrequency & { cleared: boolean }> {
    return this.run(() => this.radio.clearFrequency(actor));
  }

  setSplit(split: string, actor: string): Promise<StoredSplit> {
    return this.run(() => this.radio.setSplit(split, actor));
  }

  clearSplit(actor: string): Promise<StoredSplit & { cleared: boolean }> {
    return this.run(() => this.radio.clearSplit(actor));
  }

  setBeamHeading(heading: number | null): Promise<BeamState> {
    return this.run(() => this.radio.setBeamHeading(heading));
  }

  setBeamHeadingVisible(visible: boolean): Promise<BeamState> {
    return this.run(() => this.radio.setBeamHeadingVisible(visible));
  }

  setLoggerIntegration(enabled: boolean, actor: string): Promise<LoggerIntegrationState> {
    return this.run(async () => {
      const next = { enabled, last_updated: isoAt(this.clock.now()), updated_by: actor };
      await this.store.putState(STATE_KEYS.logger, next);
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
      const index = this.queue.indexOf(parsed.callsign);
      if (index < 0 && opts.requireQueued) throw new OpError('NOT_FOUND', 'Callsign not found in queue');
      const ban = await this.moderation.ban(parsed.callsign, reason, actor);
      let removed: QueueEntry | null = null;
      if (index >= 0) {
        removed = this.queue.view(index, this.clock.now());
        await this.removeFromQueue(index);
      }
      this.moderation.announceBans();
      if (removed) this.emit('caller_left', callerLeft('banned', [removed.callsign]));
      return { ban, removed };
    });
  }

  unban(callsign: string): Promise<Ban> {
    return this.run(async () => {
      const ban = await this.moderation.unban(callsign);
      if (!ban) throw new OpError('NOT_FOUND', `Callsign ${callsign} is not banned`);
      return ban;
    });
  }

  clearBans(): Promise<number> {
    return this.run(() => this.moderation.clearBans());
  }

  setCooldownRule(rule: CooldownRule): Promise<CooldownRule> {
    return this.run(() => this.moderation.setCooldownRule(rule));
  }

  /** Hides every QSO so far from the worked-callers view. The QSO log keeps them. */
  clearWorked(): Promise<number> {
    return this.run(async () => {
      const count = this.getWorkedCallers().length;
      const next: WorkedView = { cleared_at: isoAt(this.clock.now()), ttl_reset_at: null };
      await this.store.putState(STATE_KEYS.worked, next);
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
      await this.store.putState(STATE_KEYS.worked, next);
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
      if (sizeChanged) this.publisher.markDirty();
      if (windowChanged) {
        const worked = this.getWorkedCallers();
        this.emit('worked_callers_update', { worked_callers: worked, total: worked.length });
      }
      return this.getSettings();
    });
  }

  /** Applies online lookup details that arrived after a registration or QSO start. */
  applyLookup(info: LookupInfo): Promise<void> {
    return this.run(async () => {
      const entry = this.queue.at(this.queue.indexOf(info.callsign));
      if (entry) {
        await this.store.updateQueueEntry({ ...entry, qrz: info });
        entry.qrz = info;
        this.publisher.markDirty();
      }
      await this.qso.applyLookup(info);
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
        this.publisher.maybeFlush();
      }
    });
  }

  private emit<N extends StationEventName>(name: N, data: EventPayloads[N]): void {
    this.events.emit(name, data);
  }

  private async removeFromQueue(index: number): Promise<StoredQueueEntry> {
    const entry = this.queue.at(index)!;
    await this.store.removeQueueEntries([entry]);
    this.queue.removeAt(index);
    this.publisher.markDirty();
    return entry;
  }

  private enrichLater(callsign: string): void {
    this.opts.lookup
      .enrich(callsign)
      .then(async (info) => {
        if (info && !this.closed) await this.applyLookup(info);
      })
      .catch((err: unknown) => this.log('warn', `lookup of ${callsign} failed: ${String(err)}`));
  }
}

export type { AnyStationEvent };
