import { parseCallsign } from '../../../shared/callsign.js';
import type { AnyStationEvent } from '../../../shared/protocol/events.js';
import type {
  Ban,
  CooldownRule,
  CurrentQso,
  LookupInfo,
  NoShowRule,
  QsoLoggedBy,
  QsoRecord,
  QueueEntry,
  StationIdentity,
} from '../../../shared/protocol/types.js';
import type { StoredQso } from '../store/store.js';
import { OpError } from '../util/errors.js';
import type { Clock } from '../util/time.js';
import { callAgain, noAnswer } from './call-again.js';
import type { EventHub } from './event-hub.js';
import type { WholeLogLoader } from './log-loading.js';
import type { PositionState } from './position.js';
import * as positionCommands from './position-commands.js';
import * as qsoCommands from './qso-commands.js';
import { registerCaller } from './register-command.js';
import { runCommand, type CommandRunnerDeps } from './command-runner.js';
import type { Camp } from './positions/camp.js';
import { DEFAULT_POSITION_ID } from './positions/position.js';
import * as campCommands from './positions/commands.js';
import { StationPositions } from './positions/station-positions.js';
import {
  type BeamState,
  type LoggerIntegrationState,
  type StoredFrequency,
  type StoredSplit,
  type SystemState,
} from './state-schemas.js';
import {
  assembleStation,
  loadStationStart,
  type StationOptions,
  type StationStart,
} from './station-assembly.js';
import type { StationIdentityPatch } from './station-identity.js';
import { StationLifecycle } from './station-lifecycle.js';
import { StationView } from './station-view.js';
import type { StationWideState } from './station-wide.js';
import * as wideCommands from './station-wide-commands.js';
import type {
  CallsignLookup,
  CommandContext,
  CompleteDetails,
  Logger,
  NoShowOutcome,
  QsoPatch,
  RecordQsoInput,
  RegisterInput,
  RegisterResult,
  StartQsoInput,
  StationSettings,
  WorkResult,
} from './types.js';
import type { UndoTicket, UndoTrack } from './undo.js';

export type * from './types.js';
export type { StationOptions } from './station-assembly.js';
export { QUEUE_EVENT_MAX_ENTRIES } from './position.js';

/**
 * The Station: the place every command passes through, one at a time. It runs each command alone, in order,
 * through a serial executor; the command writes the store first, changes memory only when the write succeeded,
 * then emits events. Its state is its operating positions (`camp`; `position` is the default one: queue,
 * current QSO, system, radio; docs/positions.md) and what the whole station shares (`wide`: QSO log, moderation, settings, identity, no-show rule, undo journal);
 * the commands' logic stands in modules that take that state, the reads are StationView's, and the parts are
 * built in station-assembly.ts.
 */
export class Station extends StationView {
  readonly events: EventHub;
  protected readonly position: PositionState;
  protected readonly wide: StationWideState;
  protected readonly clock: Clock;
  protected readonly lookup: CallsignLookup;
  private readonly runner: CommandRunnerDeps;
  private readonly log: Logger;
  private readonly ctx: CommandContext;
  private readonly wholeLog: WholeLogLoader;
  private readonly enrichLater: (callsign: string) => void;
  /** Every operating position; `position` is its default one. */
  private readonly camp: Camp<PositionState>;
  private readonly contexts: Map<string, CommandContext>;
  /** The operating positions: their reads and commands (domain/positions/). */
  readonly positions: StationPositions;
  private readonly life = new StationLifecycle();

  private constructor(
    private readonly opts: StationOptions,
    start: StationStart,
  ) {
    super();
    const parts = assembleStation(opts, start, {
      applyLookup: (info) => this.applyLookup(info),
      closed: () => this.life.closed,
      closing: () => this.life.closing,
    });
    this.lookup = opts.lookup;
    this.clock = parts.clock;
    this.log = parts.log;
    this.runner = {
      exec: parts.exec,
      log: parts.log,
      closed: () => this.life.closed,
      afterEach: () => {
        for (const p of this.camp.all()) p.publisher.maybeFlush();
      },
    };
    this.events = parts.events;
    this.ctx = parts.ctx;
    this.wide = parts.wide;
    this.position = parts.position;
    this.wholeLog = parts.wholeLog;
    this.enrichLater = parts.enrichLater;
    this.camp = parts.camp;
    this.contexts = parts.contexts;
    this.life.attach(parts);
    this.positions = new StationPositions(
      (command) => this.run(command),
      { ...parts, contexts: parts.contexts },
      (id) => this.at(id),
      parts.clock,
    );
  }

  /** A position and its command context (the default position when no id is given; else POSITION_NOT_FOUND). */
  private at(positionId?: string): { position: PositionState; ctx: CommandContext; isDefault: boolean } {
    if (positionId === undefined || positionId === DEFAULT_POSITION_ID) {
      return { position: this.position, ctx: this.ctx, isDefault: true };
    }
    const position = this.camp.get(positionId);
    return { position, ctx: this.contexts.get(positionId)!, isDefault: false };
  }

  static async open(opts: StationOptions): Promise<Station> {
    return new Station(opts, await loadStationStart(opts));
  }

  /** Resolves once the whole QSO log is in memory (search, export, import and corrections wait for it). */
  whenLogLoaded(): Promise<void> {
    return this.wholeLog.loaded;
  }

  /** Whether the whole QSO log is in memory yet. */
  isLogComplete(): boolean {
    return this.wholeLog.complete;
  }

  /** Resolves once every command submitted so far has run (tests, shutdown). */
  idle(): Promise<void> {
    return this.life.idle();
  }

  close(): Promise<void> {
    return this.life.close();
  }

  // --------------------------------------------------------------- commands

  /** Registers a caller (domain/register-command.ts): answered once the entry is on disk. */
  register(input: RegisterInput): Promise<RegisterResult> {
    return registerCaller(input, {
      at: (id) => this.at(id),
      wide: this.wide,
      camp: this.camp,
      resolveNow: (c) => this.lookup.resolveNow(c),
      run: (command) => this.run(command),
      inFlight: this.life.writesInFlight,
      log: this.log,
      enrichLater: this.enrichLater,
    });
  }

  removeCallsign(callsign: string, track?: UndoTrack, positionId?: string): Promise<QueueEntry> {
    return this.run(() => {
      const { position, ctx } = this.at(positionId);
      return positionCommands.removeCallsign(position, this.wide, ctx, callsign, track);
    });
  }

  /** The caller leaves the queue by themselves, with the secret their registration answer carried. */
  leaveQueue(callsign: string, secret: string, positionId?: string): Promise<QueueEntry> {
    return this.run(() => {
      const { position, ctx } = this.at(positionId);
      return positionCommands.leaveQueue(position, ctx, callsign, secret);
    });
  }

  clearQueue(track?: UndoTrack, positionId?: string): Promise<number> {
    return this.run(() => {
      const { position, ctx } = this.at(positionId);
      return positionCommands.clearQueue(position, this.wide, ctx, track);
    });
  }

  /** "Call again": the current caller did not answer; calls once more or applies the no-show rule. */
  callAgain(track?: UndoTrack, positionId?: string): Promise<NoShowOutcome> {
    return this.run(() => {
      const { position, ctx } = this.at(positionId);
      return callAgain(position, this.wide, ctx, track);
    });
  }

  /** "No answer": the no-show rule applies to the current caller now. */
  noAnswer(track?: UndoTrack, positionId?: string): Promise<NoShowOutcome> {
    return this.run(() => {
      const { position, ctx } = this.at(positionId);
      return noAnswer(position, this.wide, ctx, track);
    });
  }

  /** Completes the current QSO (if any) and makes the head of the queue the current QSO. */
  workNext(
    actor: string,
    track?: UndoTrack,
    loggedBy?: QsoLoggedBy,
    positionId?: string,
  ): Promise<WorkResult> {
    return this.run(() => qsoCommands.workNextAt(this.at(positionId), this.wide, actor, track, loggedBy));
  }

  /** Takes a chosen callsign out of the queue (out of order) and makes it the current QSO. */
  workCallsign(
    callsign: string,
    actor: string,
    track?: UndoTrack,
    loggedBy?: QsoLoggedBy,
    positionId?: string,
  ): Promise<WorkResult & { already_current: boolean; original_position: number | null }> {
    return this.run(() =>
      qsoCommands.workCallsignAt(this.at(positionId), this.wide, callsign, actor, track, loggedBy),
    );
  }

  /**
   * Undoes the action `undoId` names (at whichever position), or the latest one at `positionId` (the default
   * position when not given); see domain/undo.ts.
   */
  undo(undoId?: string, positionId?: string): Promise<{ message: string; undone: UndoTicket }> {
    return this.run(() =>
      qsoCommands.undo(
        (id) => this.at(id),
        this.wide,
        undoId,
        positionId,
        (at, callsign) => this.camp.waitsElsewhere(at, callsign),
      ),
    );
  }

  /**
   * Starts a QSO with a callsign, typed by the operator or announced by logging software. A queued callsign is
   * taken from the queue; any other becomes a direct QSO. A current QSO with another station is completed first.
   */
  startQso(
    input: StartQsoInput,
    positionId?: string,
  ): Promise<WorkResult & { was_in_queue: boolean; already_current: boolean }> {
    const parsed = parseCallsign(input.callsign);
    if (!parsed.ok) return Promise.reject(new OpError(parsed.code, parsed.message));
    return this.run(() => this.at(positionId).position.qso.startQso(parsed.callsign, input));
  }

  /** Finishes the current QSO and records it in the log as worked. */
  completeQso(
    details: CompleteDetails = {},
    track?: UndoTrack,
    positionId?: string,
  ): Promise<{ completed: QsoRecord | null; qso: CurrentQso | null }> {
    return this.run(() => qsoCommands.completeQsoAt(this.at(positionId), this.wide, details, track));
  }

  /** Drops the current QSO without recording it. */
  cancelQso(track?: UndoTrack, positionId?: string): Promise<CurrentQso | null> {
    return this.run(() => qsoCommands.cancelQsoAt(this.at(positionId), this.wide, track));
  }

  /** Records a QSO that did not pass through the queue (worked direct, reported by a logger). */
  recordQso(input: RecordQsoInput, positionId?: string): Promise<QsoRecord> {
    const parsed = parseCallsign(input.callsign);
    if (!parsed.ok) return Promise.reject(new OpError(parsed.code, parsed.message));
    return this.run(() => this.at(positionId).position.qso.recordQso(parsed.callsign, input));
  }

  async updateQso(id: string, patch: QsoPatch): Promise<QsoRecord> {
    await this.wholeLog.loaded;
    return this.run(() => this.position.qso.updateQso(id, patch));
  }

  async deleteQso(id: string): Promise<QsoRecord> {
    await this.wholeLog.loaded;
    return this.run(() => this.position.qso.deleteQso(id));
  }

  /**
   * Adds QSOs from another log (an ADIF import) in one write; `isDuplicate` runs inside the command. The queue
   * follows the log as for a logger's QSO: a waiting caller with an imported QSO leaves the queue as worked.
   */
  importQsos(batch: readonly StoredQso[], isDuplicate: (q: StoredQso) => boolean): Promise<QsoRecord[]> {
    return this.run(async () => {
      const records = await wideCommands.importQsos(this.wide, this.ctx, batch, isDuplicate);
      await this.position.qso.takeLoggedFromQueue(records);
      return records;
    });
  }

  /** Switches the system on or off; off clears the queue, the current QSO, frequency and split. */
  setActive(
    active: boolean,
    actor: string,
    positionId?: string,
  ): Promise<{ changed: boolean; cleared_count: number; qso_cleared: boolean; status: SystemState }> {
    return this.run(() => {
      const { position, ctx } = this.at(positionId);
      return positionCommands.setActive(position, this.wide, ctx, active, actor);
    });
  }

  setPaused(
    paused: boolean,
    actor: string,
    positionId?: string,
  ): Promise<{ paused: boolean; changed: boolean }> {
    return this.run(() => {
      const { position, ctx } = this.at(positionId);
      return positionCommands.setPaused(position, ctx, paused, actor);
    });
  }

  setFrequency(
    input: { frequency: string; band?: string | null; mode?: string | null },
    actor: string,
    positionId?: string,
  ): Promise<StoredFrequency> {
    return this.run(() => this.at(positionId).position.radio.setFrequency(input, actor));
  }

  clearFrequency(actor: string, positionId?: string): Promise<StoredFrequency & { cleared: boolean }> {
    return this.run(() => this.at(positionId).position.radio.clearFrequency(actor));
  }

  setSplit(split: string, actor: string, positionId?: string): Promise<StoredSplit> {
    return this.run(() => this.at(positionId).position.radio.setSplit(split, actor));
  }

  clearSplit(actor: string, positionId?: string): Promise<StoredSplit & { cleared: boolean }> {
    return this.run(() => this.at(positionId).position.radio.clearSplit(actor));
  }

  setBeamHeading(heading: number | null, positionId?: string): Promise<BeamState> {
    return this.run(() => this.at(positionId).position.radio.setBeamHeading(heading));
  }

  setBeamHeadingVisible(visible: boolean, positionId?: string): Promise<BeamState> {
    return this.run(() => this.at(positionId).position.radio.setBeamHeadingVisible(visible));
  }

  /** Applies online lookup details that arrived after a registration or QSO start. */
  applyLookup(info: LookupInfo): Promise<void> {
    return this.run(async () => {
      for (const p of this.camp.all()) await positionCommands.applyLookup(p, this.at(p.id).ctx, info);
    });
  }

  /** Saves a change of the station identity (callsign, operator, message, default reports). */
  setIdentity(patch: StationIdentityPatch): Promise<StationIdentity> {
    return this.run(() => wideCommands.setIdentity(this.wide, this.ctx, patch, this.opts.saveIdentity));
  }

  updateSettings(patch: Partial<StationSettings>): Promise<StationSettings> {
    return this.run(() =>
      wideCommands.updateSettings(this.wide, this.ctx, patch, {
        save: this.opts.saveSettings,
        queueLimitChanged: () => {
          for (const p of this.camp.all()) p.publisher.markDirty();
        },
      }),
    );
  }

  setNoShowRule(rule: NoShowRule): Promise<NoShowRule> {
    return this.run(() => wideCommands.setNoShowRule(this.wide, this.ctx, rule));
  }

  setLoggerIntegration(enabled: boolean, actor: string): Promise<LoggerIntegrationState> {
    return this.run(() => wideCommands.setLoggerIntegration(this.wide, this.ctx, enabled, actor));
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
    const { position, wide, ctx } = this;
    return this.run(async () => {
      const r = await wideCommands.ban(position, wide, ctx, parsed.callsign, reason, actor, opts);
      await campCommands.removeBannedElsewhere(this.camp, this.contexts, parsed.callsign);
      return r;
    });
  }

  unban(callsign: string): Promise<Ban> {
    return this.run(() => wideCommands.unban(this.wide, callsign));
  }

  clearBans(): Promise<number> {
    return this.run(() => this.wide.moderation.clearBans());
  }

  setCooldownRule(rule: CooldownRule): Promise<CooldownRule> {
    return this.run(() => this.wide.moderation.setCooldownRule(rule));
  }

  /** Hides every QSO so far from the worked-callers view. The QSO log keeps them. */
  clearWorked(): Promise<number> {
    return this.run(() => wideCommands.clearWorked(this.wide, this.ctx));
  }

  /** Keeps every worked caller now shown visible for one more full window, counted from now. */
  refreshWorkedWindow(): Promise<{ modified_count: number; new_expires_at: string }> {
    return this.run(() => wideCommands.refreshWorkedWindow(this.wide, this.ctx));
  }

  // ---------------------------------------------------------------- helpers

  /** Runs a command alone, in order (domain/command-runner.ts). */
  private run<T>(command: () => Promise<T>): Promise<T> {
    return runCommand(this.runner, command);
  }
}

export type { AnyStationEvent };
