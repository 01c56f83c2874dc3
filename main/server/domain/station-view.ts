import type { EventPayloads } from '../../../shared/protocol/events.js';
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
  StationIdentity,
  WorkedCaller,
} from '../../../shared/protocol/types.js';
import type { Clock } from '../util/time.js';
import { queueUpdateOf, type PositionState } from './position.js';
import type { QsoFilter } from './qso-log.js';
import {
  publicFrequency,
  publicSplit,
  settingsPayload,
  snapshotEvents,
  type SnapshotEvents,
} from './snapshot.js';
import { workedNow, type StationWideState } from './station-wide.js';
import type { BeamState, LoggerIntegrationState, SystemState } from './state-schemas.js';
import type { CallsignLookup, CooldownCheck, StationSettings } from './types.js';
import type { UndoTicket } from './undo.js';

/**
 * The Station's reads, answered from its state in memory: the operating position's (system, queue, current
 * QSO, radio) and the station-wide (QSO log, moderation, settings, identity, no-show rule, undo journal).
 * Nothing here changes state; the state objects come back as copies (QSO records as the log holds them, not to
 * be changed by the caller). The Station adds the commands on top of it.
 */
export abstract class StationView {
  protected abstract readonly position: PositionState;
  protected abstract readonly wide: StationWideState;
  protected abstract readonly clock: Clock;
  protected abstract readonly lookup: CallsignLookup;

  now(): number {
    return this.clock.now();
  }

  /** What is known about a callsign right now (offline DXCC, cached lookups). */
  resolveLookup(callsign: string): LookupInfo {
    return this.lookup.resolveNow(callsign);
  }

  // ----------------------------------------------------------- the position

  isActive(): boolean {
    return this.position.system.active;
  }

  getSystem(): SystemState {
    return { ...this.position.system };
  }

  getFrequency(): FrequencyState & { updated_by: string | null } {
    return this.position.radio.getFrequency();
  }

  getSplit(): SplitState & { updated_by: string | null } {
    return this.position.radio.getSplit();
  }

  getBeam(): BeamState {
    return this.position.radio.getBeam();
  }

  publicFrequency(): FrequencyState {
    return publicFrequency(this.position);
  }

  publicSplit(): SplitState {
    return publicSplit(this.position);
  }

  getCurrentQso(): CurrentQso | null {
    return this.position.qso.get();
  }

  /** The queue with live positions (1..n) and time in queue. */
  getQueue(): QueueEntry[] {
    return this.position.queue.list(this.clock.now());
  }

  /** The queue as the original's queue_update and /api/queue/list carry it; `limit` caps the entries listed. */
  queueUpdate(limit = Infinity): QueueUpdate {
    return queueUpdateOf(this.position, this.wide, this.clock.now(), limit);
  }

  findQueued(callsign: string): QueueEntry | null {
    const index = this.position.queue.indexOf(callsign);
    return index < 0 ? null : this.position.queue.view(index, this.clock.now());
  }

  // --------------------------------------------------------- station-wide

  getSettings(): StationSettings {
    return { ...this.wide.settings };
  }

  getIdentity(): StationIdentity {
    return structuredClone(this.wide.identity);
  }

  /** The operator settings as they travel on the wire (snake_case, as in settings_update). */
  settingsPayload(): EventPayloads['settings_update'] {
    return settingsPayload(this.wide.settings, this.wide.identity);
  }

  getLoggerIntegration(): LoggerIntegrationState {
    return { ...this.wide.logger };
  }

  getNoShowRule(): NoShowRule {
    return { ...this.wide.noShow };
  }

  getCooldownRule(): CooldownRule {
    return this.wide.moderation.getCooldownRule();
  }

  /** Cooldown check for one callsign. */
  checkCooldown(callsign: string): CooldownCheck {
    return this.wide.moderation.checkCooldown(callsign);
  }

  getBans(): Ban[] {
    return this.wide.moderation.getBans();
  }

  getWorkedCallers(): WorkedCaller[] {
    return workedNow(this.wide, this.clock.now());
  }

  /** The QSO log, newest first, optionally filtered by callsign substring and time range. */
  getQsos(filter: QsoFilter = {}): QsoRecord[] {
    return this.wide.qsos.query(filter);
  }

  qsoCount(): number {
    return this.wide.qsos.count;
  }

  /** QSO rate figures for wait estimates: QSOs completed in the last hour and their average spacing. */
  stats(): { qsos_last_hour: number; average_qso_seconds: number | null } {
    return this.wide.qsos.stats(this.clock.now());
  }

  /** The actions that can be undone now, newest last. */
  undoable(): UndoTicket[] {
    return this.wide.undo.list();
  }

  /** The whole state as the set of state events a fresh subscriber needs, in a stable order. */
  snapshotEvents(audience: 'public' | 'admin'): SnapshotEvents {
    return snapshotEvents(this.position, this.wide, this.clock.now(), audience);
  }
}
