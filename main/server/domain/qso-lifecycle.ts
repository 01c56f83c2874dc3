import type { EventPayloads, StationEventName } from '../../../shared/protocol/events.js';
import type { CurrentQso, LookupInfo, QsoRecord, WorkedCaller } from '../../../shared/protocol/types.js';
import { parseCallsign } from '../../../shared/callsign.js';
import type { Store, StoredQso, StoredQueueEntry } from '../store/store.js';
import { OpError } from '../util/errors.js';
import { isoAt } from '../util/time.js';
import { callerLeft } from './leave.js';
import { toRecord } from './load.js';
import { CALLS_KEY } from './no-show.js';
import type { Moderation } from './moderation.js';
import type { QsoLog } from './qso-log.js';
import type { QueueState } from './queue.js';
import type { RadioState } from './radio-state.js';
import { STATE_KEYS, type CurrentLeave } from './state-schemas.js';
import type { CompleteDetails, QsoPatch, RecordQsoInput, StartQsoInput, WorkResult } from './types.js';
import type { QsoLoggedBy, StationIdentity } from '../../../shared/protocol/types.js';
import { buildQsoRecord, knownDetails, radioAtStart, startRadio } from './qso-record.js';
import { loggedQueuedCallers } from './queue-follows-log.js';

export interface QsoLifecycleDeps {
  store: Pick<Store, 'putState' | 'insertQso' | 'replaceQso' | 'removeQso'>;
  queue: QueueState;
  qsos: QsoLog;
  radio: Pick<RadioState, 'getFrequency' | 'getSplit'>;
  identity(): StationIdentity;
  moderation: Pick<Moderation, 'noteWorked' | 'rebuildLastWorked' | 'cooldownRemainingMs'>;
  now(): number;
  emit<N extends StationEventName>(name: N, data: EventPayloads[N]): void;
  /** Takes queue[index] out of the queue (store first). */
  removeFromQueue(index: number): Promise<StoredQueueEntry>;
  /** What is known about a callsign right away (offline DXCC, cache). */
  resolveNow(callsign: string): LookupInfo;
  /** Asks the online lookups about a callsign; their answer comes back as a command. */
  enrichLater(callsign: string): void;
  workedCallers(): WorkedCaller[];
  /** The current caller's leave-secret hash as stored (start-up). */
  initialLeave?: CurrentLeave;
}

/**
 * The current QSO and the QSO log's commands: work the next caller or a chosen one, start, complete, cancel,
 * record, edit and delete QSOs. Each writes the store first, then changes memory, then announces. The Station
 * runs these one at a time inside its commands; a new QSO that replaces a current one completes it first.
 */
export class QsoLifecycle {
  private current: CurrentQso | null;
  /**
   * The leave secret's hash of the caller taken from the queue as the current QSO, stored (STATE_KEYS.currentLeave)
   * so that a caller moved back by the no-show rule or put back by an undo keeps it, across a restart too. It
   * names its callsign: it applies only while that callsign is the current QSO.
   */
  private leave: CurrentLeave;

  constructor(
    current: CurrentQso | null,
    private readonly deps: QsoLifecycleDeps,
  ) {
    this.current = current;
    this.leave = deps.initialLeave ?? null;
  }

  /** The current QSO (a copy). */
  get(): CurrentQso | null {
    return this.current ? structuredClone(this.current) : null;
  }

  /** The callsign being worked now, if any. */
  get callsign(): string | null {
    return this.current?.callsign ?? null;
  }

  /** The current caller's leave-secret hash (when they came from the queue with one). */
  get leaveHash(): string | undefined {
    return this.current && this.leave?.callsign === this.current.callsign ? this.leave.hash : undefined;
  }

  /** Stores the leave-secret hash of the caller about to become the current QSO (none: forgets the last one). */
  private async keepLeaveHash(callsign: string, hash: string | undefined): Promise<void> {
    const next: CurrentLeave = hash ? { callsign, hash } : null;
    if (next?.callsign === this.leave?.callsign && next?.hash === this.leave?.hash) return;
    await this.deps.store.putState(STATE_KEYS.currentLeave, next);
    this.leave = next;
  }

  /** Records one more call of the current caller (the no-show count, public in its metadata). */
  async setCalls(calls: number): Promise<void> {
    if (!this.current) return;
    const next: CurrentQso = { ...this.current, metadata: { ...this.current.metadata, [CALLS_KEY]: calls } };
    await this.deps.store.putState(STATE_KEYS.currentQso, next);
    this.current = next;
    this.deps.emit('current_qso', this.get());
  }

  /** Drops the current QSO without logging it (deactivation); false when there was none. */
  async drop(): Promise<boolean> {
    if (!this.current) return false;
    await this.deps.store.putState(STATE_KEYS.currentQso, null);
    this.current = null;
    this.deps.emit('current_qso', null);
    return true;
  }

  /** Makes `qso` the current QSO again, or none (undo); store first, then announced. */
  async restore(qso: CurrentQso | null): Promise<void> {
    await this.deps.store.putState(STATE_KEYS.currentQso, qso);
    this.current = qso ? structuredClone(qso) : null;
    this.deps.emit('current_qso', this.get());
  }

  /** Applies online lookup details that arrived for the callsign being worked. */
  async applyLookup(info: LookupInfo): Promise<void> {
    if (!this.current || this.current.callsign !== info.callsign) return;
    const next = { ...this.current, qrz: info };
    await this.deps.store.putState(STATE_KEYS.currentQso, next);
    this.current = next;
    this.deps.emit('current_qso', this.get());
  }

  /** Completes the current QSO (if any) and makes the head of the queue the current QSO. */
  async workNext(actor: string, loggedBy?: QsoLoggedBy): Promise<WorkResult> {
    const details: CompleteDetails = loggedBy ? { log: { logged_by: loggedBy } } : {};
    const head = this.deps.queue.at(0);
    if (!head) {
      const completed = this.current ? await this.finishCurrent(details) : null;
      if (completed) this.deps.emit('current_qso', null);
      return { completed, current: null, taken: null, remaining: 0 };
    }
    return this.takeFromQueue(0, { source: 'queue', worked_by: actor }, details);
  }

  /** The radio now, as a QSO starting now takes it (explicit values win). */
  private radioNow(explicit: { frequency_mhz?: number | null; mode?: string | null } = {}) {
    return radioAtStart(this.deps.radio.getFrequency(), this.deps.radio.getSplit().split, explicit);
  }

  /** Takes a chosen callsign out of the queue (out of order) and makes it the current QSO. */
  async workCallsign(
    callsign: string,
    actor: string,
    loggedBy?: QsoLoggedBy,
  ): Promise<WorkResult & { already_current: boolean; original_position: number | null }> {
    if (this.current && this.current.callsign === callsign) {
      return {
        completed: null,
        current: this.get(),
        taken: null,
        remaining: this.deps.queue.length,
        already_current: true,
        original_position: null,
      };
    }
    const index = this.deps.queue.indexOf(callsign);
    if (index < 0) throw new OpError('NOT_FOUND', `Callsign ${callsign} not found in queue or current QSO`);
    const result = await this.takeFromQueue(
      index,
      { source: 'queue_specific', bridge_initiated: false, original_position: index + 1, worked_by: actor },
      loggedBy ? { log: { logged_by: loggedBy } } : {},
    );
    return { ...result, already_current: false, original_position: index + 1 };
  }

  /**
   * Starts a QSO with a callsign, typed by the operator or announced by logging software. A queued callsign is
   * taken from the queue; any other becomes a direct QSO. A current QSO with another station is completed first.
   */
  async startQso(
    callsign: string,
    input: StartQsoInput,
  ): Promise<WorkResult & { was_in_queue: boolean; already_current: boolean }> {
    const metadata: Record<string, unknown> = {
      bridge_initiated: false,
      started_via: input.started_via,
      ...(input.frequency_mhz != null ? { frequency_mhz: input.frequency_mhz } : {}),
      ...(input.mode ? { mode: input.mode } : {}),
      ...input.extraMetadata,
      radio: this.radioNow(input),
    };
    const details: CompleteDetails = input.logged_by ? { log: { logged_by: input.logged_by } } : {};
    if (this.current && this.current.callsign === callsign) {
      return {
        completed: null,
        current: this.get(),
        taken: null,
        remaining: this.deps.queue.length,
        was_in_queue: false,
        already_current: true,
      };
    }
    const index = this.deps.queue.indexOf(callsign);
    if (index >= 0) {
      const result = await this.takeFromQueue(index, { source: 'queue', ...metadata }, details);
      return { ...result, was_in_queue: true, already_current: false };
    }
    const completed = this.current ? await this.finishCurrent(details) : null;
    const qso: CurrentQso = {
      callsign,
      timestamp: isoAt(this.deps.now()),
      qrz: this.deps.resolveNow(callsign),
      metadata: { source: 'direct', ...metadata },
    };
    await this.deps.store.putState(STATE_KEYS.currentQso, qso);
    this.current = qso;
    this.deps.emit('current_qso', this.get());
    this.deps.enrichLater(callsign);
    return {
      completed,
      current: this.get(),
      taken: null,
      remaining: this.deps.queue.length,
      was_in_queue: false,
      already_current: false,
    };
  }

  /** Finishes the current QSO and records it in the log as worked. */
  async completeQso(
    details: CompleteDetails = {},
  ): Promise<{ completed: QsoRecord | null; qso: CurrentQso | null }> {
    const qso = this.get();
    if (!qso) return { completed: null, qso: null };
    if (details.ifCallsign !== undefined && qso.callsign !== details.ifCallsign)
      return { completed: null, qso };
    const completed = await this.finishCurrent(details);
    this.deps.emit('current_qso', null);
    return { completed, qso };
  }

  /** Drops the current QSO without recording it. */
  async cancelQso(): Promise<CurrentQso | null> {
    const qso = this.get();
    if (!qso) return null;
    await this.deps.store.putState(STATE_KEYS.currentQso, null);
    this.current = null;
    this.deps.emit('current_qso', null);
    this.deps.emit('caller_left', callerLeft('cancelled', [qso.callsign]));
    return qso;
  }

  /** Records a QSO that did not pass through the queue (worked direct, reported by a logger). */
  async recordQso(callsign: string, input: RecordQsoInput): Promise<QsoRecord> {
    const stored = buildQsoRecord({
      callsign,
      time_on: input.time_on,
      time_off: input.time_off,
      source: input.source,
      qrz: input.qrz ?? this.deps.resolveNow(callsign),
      radio: {
        frequency: input.frequency,
        band: input.band,
        mode: input.mode,
        submode: null,
        rx_frequency: null,
      },
      details: knownDetails(input.details ?? {}),
      identity: this.deps.identity(),
      ...(input.metadata ? { metadata: input.metadata } : {}),
    });
    const record = await this.insertQso(stored);
    // The queue follows the log: a waiting caller who was just logged leaves the queue as worked, in this
    // same command (so no "next" or registration can come between).
    const index = this.deps.queue.indexOf(record.callsign);
    if (index >= 0) await this.deps.removeFromQueue(index);
    this.emitWorkedAdded(record);
    return record;
  }

  async updateQso(id: string, patch: QsoPatch): Promise<QsoRecord> {
    const index = this.deps.qsos.indexOf(id);
    if (index < 0) throw new OpError('NOT_FOUND', `QSO ${id} not found in the log`);
    const before = this.deps.qsos.at(index)!;
    let callsign = before.callsign;
    if (patch.callsign !== undefined) {
      const parsed = parseCallsign(patch.callsign);
      if (!parsed.ok) throw new OpError(parsed.code, parsed.message);
      callsign = parsed.callsign;
    }
    const updated: QsoRecord = { ...before, ...patch, callsign, id };
    const { id: _id, ...stored } = updated;
    await this.deps.store.replaceQso(id, stored);
    this.deps.qsos.replaceAt(index, updated);
    this.deps.moderation.rebuildLastWorked(this.deps.qsos.all);
    this.deps.emit('qso_log_update', { action: 'updated', qso: updated });
    this.emitWorkedList();
    return updated;
  }

  async deleteQso(id: string): Promise<QsoRecord> {
    const index = this.deps.qsos.indexOf(id);
    if (index < 0) throw new OpError('NOT_FOUND', `QSO ${id} not found in the log`);
    const removed = this.deps.qsos.at(index)!;
    await this.deps.store.removeQso(id);
    this.deps.qsos.removeAt(index);
    this.deps.moderation.rebuildLastWorked(this.deps.qsos.all);
    this.deps.emit('qso_log_update', { action: 'deleted', id });
    this.emitWorkedList();
    return removed;
  }

  private async takeFromQueue(
    index: number,
    metadata: Record<string, unknown>,
    details: CompleteDetails = {},
  ): Promise<WorkResult> {
    const entry = this.deps.queue.at(index)!;
    const taken = this.deps.queue.view(index, this.deps.now());
    const completed = this.current ? await this.finishCurrent(details) : null;
    const qso: CurrentQso = {
      callsign: entry.callsign,
      timestamp: isoAt(this.deps.now()),
      qrz: entry.qrz,
      metadata: { radio: this.radioNow(), ...metadata },
    };
    // Order matters for crash safety: the new QSO (and its caller's leave secret) is written before the entry
    // leaves the queue, so a crash in between leaves the caller in both places, which start-up reconciles;
    // never in neither.
    await this.keepLeaveHash(entry.callsign, entry.leave_secret_hash);
    await this.deps.store.putState(STATE_KEYS.currentQso, qso);
    this.current = qso;
    await this.deps.removeFromQueue(index);
    this.deps.emit('current_qso', this.get());
    return { completed, current: this.get(), taken, remaining: this.deps.queue.length };
  }

  /** Records the current QSO in the log and clears it. Emits the worked events, not current_qso. */
  private async finishCurrent(details: CompleteDetails): Promise<QsoRecord> {
    const qso = this.current!;
    // The radio as the QSO started (a QSO from before records kept it: the station's now).
    const radio = startRadio(qso) ?? this.radioNow();
    const stored = buildQsoRecord({
      callsign: qso.callsign,
      time_on: qso.timestamp,
      time_off: details.time_off ?? isoAt(this.deps.now()),
      source: typeof qso.metadata.source === 'string' ? qso.metadata.source : 'queue',
      qrz: qso.qrz,
      radio,
      details: knownDetails({
        frequency: details.frequency,
        band: details.band,
        mode: details.mode,
        ...details.log,
      }),
      identity: this.deps.identity(),
      metadata: qso.metadata,
    });
    // The log entry is written first: a crash before the current QSO is cleared is reconciled at start-up
    // (a current QSO already in the log is dropped), so a QSO is never lost and never logged twice.
    const record = await this.insertQso(stored);
    await this.deps.store.putState(STATE_KEYS.currentQso, null);
    this.current = null;
    this.emitWorkedAdded(record);
    return record;
  }

  private async insertQso(stored: StoredQso): Promise<QsoRecord> {
    const record = toRecord(await this.deps.store.insertQso(stored));
    this.deps.qsos.add(record);
    this.deps.moderation.noteWorked(record);
    return record;
  }

  /** The queue follows the log for QSOs added together (an ADIF import), as recordQso does for one. */
  async takeLoggedFromQueue(records: readonly QsoRecord[]): Promise<void> {
    for (const record of loggedQueuedCallers(records, (c) => this.deps.queue.indexOf(c) >= 0)) {
      await this.deps.removeFromQueue(this.deps.queue.indexOf(record.callsign));
      this.emitWorkedLeft(record);
    }
  }

  private emitWorkedAdded(record: QsoRecord): void {
    const worked = this.deps.workedCallers();
    const entry = worked.find((w) => w.callsign === record.callsign);
    if (entry) this.deps.emit('worked_callers_update', { worked_caller: entry, total: worked.length });
    this.deps.emit('qso_log_update', { action: 'added', qso: record });
    this.emitWorkedLeft(record);
  }

  /** Tells the caller their QSO is in the log (and whether the cooldown lets them rejoin). */
  private emitWorkedLeft(record: QsoRecord): void {
    const coolMs = this.deps.moderation.cooldownRemainingMs(record.callsign);
    this.deps.emit(
      'caller_left',
      callerLeft('worked', [record.callsign], {
        qso: record,
        rejoin: coolMs <= 0,
        ...(coolMs > 0 ? { retryAfterS: Math.ceil(coolMs / 1000) } : {}),
      }),
    );
  }

  private emitWorkedList(): void {
    const worked = this.deps.workedCallers();
    this.deps.emit('worked_callers_update', { worked_callers: worked, total: worked.length });
  }
}
