/**
 * Keeps the QSO log in step with what the logging software logged:
 * - a logged QSO completes the current QSO when the callsign matches, else it is recorded as worked direct;
 * - a replaced QSO (N1MM+ contactreplace) updates our record; a deleted one (contactdelete) removes it.
 *
 * The logger's own QSO id (N1MM+ `ID`) is remembered against ours; after a restart, a QSO is found by callsign
 * and time instead. Work is serialised, so a delete that follows a log entry is always applied after it.
 * WSJT-X reports each QSO twice (QSO Logged and Logged ADIF); the second report is recognised and skipped.
 */
import { bandForHz, formatMHz } from '../../../shared/radio.js';
import type { QsoRecord } from '../../../shared/protocol/types.js';
import { modeAndSubmode, type QsoLogDetails } from '../domain/qso-record.js';
import type { Station } from '../domain/station.js';
import { SerialExecutor } from '../util/serial.js';
import { radioMode } from './radio-follow.js';

export type QsoOrigin = 'n1mm' | 'wsjtx';

export interface LoggedQso {
  origin: QsoOrigin;
  /** The program that sent it (`N1MM`, `DXLog`, `WSJT-X`...), for the record's metadata. */
  app: string | null;
  callsign: string;
  timeOn: string | null;
  timeOff: string | null;
  freqHz: number | null;
  mode: string | null;
  /** The logger's id for this QSO, when it has one. */
  externalId: string | null;
  /** What else the logger logged (reports, name, grid, power, comment, operator, station callsign, RX). */
  details?: QsoLogDetails;
  /** The operating position the logger works (its mapping in the configuration); absent: the default one. */
  positionId?: string;
}

export interface ReplacedQso extends LoggedQso {
  /** Older N1MM-compatible loggers name the replaced QSO by its old call and time. */
  oldCallsign: string | null;
  oldTimestamp: string | null;
}

export interface DeletedQso {
  origin: QsoOrigin;
  externalId: string | null;
  callsign: string | null;
  timestamp: string | null;
}

export type SyncOutcome =
  | { action: 'completed' | 'recorded' | 'updated' | 'deleted'; qso: QsoRecord }
  | { action: 'duplicate' | 'not_found'; qso: null };

type QsoLog = Pick<
  Station,
  | 'getCurrentQso'
  | 'completeQso'
  | 'recordQso'
  | 'updateQso'
  | 'deleteQso'
  | 'getQsos'
  | 'now'
  | 'whenLogLoaded'
  | 'positions'
>;

/** How far apart a logger's QSO time and ours may be and still be the same QSO. */
const MATCH_WINDOW_MS = 5 * 60_000;
const DUPLICATE_WINDOW_MS = 10 * 60_000;
const MAX_REMEMBERED = 20_000;

export class QsoSync {
  private readonly exec = new SerialExecutor();
  private readonly ids = new Map<string, string>();
  private readonly recent = new Map<string, { at: number; id: string | null }>();

  constructor(private readonly log: QsoLog) {}

  /** Resolves when everything submitted so far is done. */
  drain(): Promise<void> {
    return this.exec.drain();
  }

  logged(qso: LoggedQso): Promise<SyncOutcome> {
    return this.exec.run(() => this.applyLogged(qso));
  }

  replaced(qso: ReplacedQso): Promise<SyncOutcome> {
    return this.exec.run(async () => {
      await this.log.whenLogLoaded(); // an older QSO is found only once the whole log is read
      const id =
        this.lookupId(qso.origin, qso.externalId) ??
        this.findByLoggerId(qso) ??
        (qso.oldCallsign !== null ? this.findByTime(qso.oldCallsign, qso.oldTimestamp) : null) ??
        this.findByTime(qso.callsign, qso.timeOn ?? qso.timeOff);
      if (id === null) return this.applyLogged(qso); // never saw it: the logger has it, so the log gets it
      const updated = await this.log.updateQso(id, this.details(qso, { callsign: qso.callsign }));
      this.remember(qso.origin, qso.externalId, updated.id);
      return { action: 'updated', qso: updated };
    });
  }

  deleted(ref: DeletedQso): Promise<SyncOutcome> {
    return this.exec.run(async () => {
      await this.log.whenLogLoaded();
      const id =
        this.lookupId(ref.origin, ref.externalId) ??
        this.findByLoggerId(ref) ??
        (ref.callsign !== null ? this.findByTime(ref.callsign, ref.timestamp) : null);
      if (id === null) return { action: 'not_found', qso: null };
      const removed = await this.log.deleteQso(id);
      if (ref.externalId !== null) this.ids.delete(`${ref.origin}:${ref.externalId}`);
      return { action: 'deleted', qso: removed };
    });
  }

  private async applyLogged(qso: LoggedQso): Promise<SyncOutcome> {
    const known = this.lookupId(qso.origin, qso.externalId) ?? this.findByLoggerId(qso);
    if (known !== null && this.log.getQsos().some((q) => q.id === known)) {
      const updated = await this.log.updateQso(known, this.details(qso, { callsign: qso.callsign }));
      return { action: 'updated', qso: updated };
    }
    const now = this.log.now();
    const at = Date.parse(qso.timeOff ?? qso.timeOn ?? '') || now;
    const dupKey = `${qso.origin}|${qso.callsign}|${Math.floor(at / 60_000)}`;
    this.forgetOld(now);
    const seen = this.recent.get(dupKey);
    if (seen !== undefined) {
      // The same QSO reported again (WSJT-X's Logged ADIF after QSO Logged, a re-sent QSO Logged): its details
      // (reports, name, grid, comment...) update the record already made
      if (seen.id !== null && this.log.getQsos().some((q) => q.id === seen.id)) {
        // (its radio stays as first reported: WSJT-X's two reports can differ by the audio offset)
        await this.log.updateQso(seen.id, this.loggerDetails(qso));
      }
      return { action: 'duplicate', qso: null };
    }
    const entry: { at: number; id: string | null } = { at: now, id: null };
    this.recent.set(dupKey, entry);

    const current =
      qso.positionId === undefined
        ? this.log.getCurrentQso()
        : this.log.positions.currentQso(qso.positionId, true);
    if (current !== null && current.callsign === qso.callsign) {
      const { completed } = await this.log.completeQso(
        {
          ifCallsign: qso.callsign,
          ...(qso.timeOff !== null ? { time_off: qso.timeOff } : {}),
          ...this.radioDetails(qso),
          log: this.loggerDetails(qso),
        },
        undefined,
        qso.positionId,
      );
      if (completed !== null && completed.callsign === qso.callsign) {
        entry.id = completed.id;
        this.remember(qso.origin, qso.externalId, completed.id);
        return { action: 'completed', qso: completed };
      }
    }
    const nowIso = new Date(now).toISOString();
    const record = await this.log.recordQso(
      {
        callsign: qso.callsign,
        time_on: qso.timeOn ?? qso.timeOff ?? nowIso,
        time_off: qso.timeOff ?? qso.timeOn ?? nowIso,
        frequency: qso.freqHz === null ? null : formatMHz(qso.freqHz),
        band: qso.freqHz === null ? null : bandForHz(qso.freqHz),
        mode: radioMode(qso.mode) ?? qso.mode,
        source: 'direct',
        metadata: {
          source: 'direct',
          started_via: 'logging_software',
          logging_source: qso.origin,
          logging_app: qso.app,
          external_id: qso.externalId,
        },
        details: this.loggerDetails(qso),
      },
      qso.positionId,
    );
    entry.id = record.id;
    this.remember(qso.origin, qso.externalId, record.id);
    return { action: 'recorded', qso: record };
  }

  /** Frequency, band and mode for completing a QSO; only what the logger knows, so ours fills the rest. */
  private radioDetails(qso: LoggedQso): { frequency?: string; band?: string | null; mode?: string } {
    const mode = radioMode(qso.mode) ?? qso.mode;
    return {
      ...(qso.freqHz !== null ? { frequency: formatMHz(qso.freqHz), band: bandForHz(qso.freqHz) } : {}),
      ...(mode !== null ? { mode } : {}),
    };
  }

  private details(qso: LoggedQso, base: { callsign: string }) {
    return {
      ...base,
      ...this.radioDetails(qso),
      ...this.loggerDetails(qso),
      ...(qso.timeOn !== null && qso.origin === 'wsjtx' ? { time_on: qso.timeOn } : {}),
    };
  }

  /** The logger's details, with where the record came from and the logger's own id. */
  private loggerDetails(qso: LoggedQso): QsoLogDetails {
    const { submode } = modeAndSubmode(qso.mode);
    return {
      ...qso.details,
      ...(submode !== null ? { submode } : {}),
      logged_by: qso.origin,
      ...(qso.externalId !== null ? { logger_id: qso.externalId } : {}),
    };
  }

  /** After a restart the id map is empty: the record that carries the logger's id. */
  private findByLoggerId(qso: {
    origin: QsoOrigin;
    externalId: string | null;
    callsign: string | null;
  }): string | null {
    if (qso.externalId === null) return null;
    const hit = this.log
      .getQsos(qso.callsign !== null ? { search: qso.callsign } : {})
      .find((q) => q.logger_id === qso.externalId && q.logged_by === qso.origin);
    return hit?.id ?? null;
  }

  private lookupId(origin: QsoOrigin, externalId: string | null): string | null {
    if (externalId === null) return null;
    return this.ids.get(`${origin}:${externalId}`) ?? null;
  }

  private remember(origin: QsoOrigin, externalId: string | null, id: string): void {
    if (externalId === null) return;
    const key = `${origin}:${externalId}`;
    this.ids.delete(key);
    this.ids.set(key, id);
    if (this.ids.size > MAX_REMEMBERED) {
      const oldest = this.ids.keys().next();
      if (!oldest.done) this.ids.delete(oldest.value);
    }
  }

  private forgetOld(now: number): void {
    for (const [key, { at }] of this.recent) {
      if (now - at > DUPLICATE_WINDOW_MS) this.recent.delete(key);
    }
  }

  /** The newest QSO with this callsign whose start or end is within the match window of `timestamp`. */
  private findByTime(callsign: string, timestamp: string | null): string | null {
    const at = timestamp === null ? NaN : Date.parse(timestamp);
    const candidates = this.log.getQsos({ search: callsign }).filter((q) => q.callsign === callsign);
    if (Number.isNaN(at)) return null;
    const hit = candidates.find(
      (q) =>
        Math.abs(Date.parse(q.time_on) - at) <= MATCH_WINDOW_MS ||
        Math.abs(Date.parse(q.time_off) - at) <= MATCH_WINDOW_MS,
    );
    return hit?.id ?? null;
  }
}
