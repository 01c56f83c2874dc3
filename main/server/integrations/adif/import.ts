/**
 * ADIF import (ADI or ADX) into the QSO log: an existing log from another logger, so that dupe marking and
 * the cooldown know those stations.
 *
 * - Records are read with the ADI parser (UTF-8 when the file is valid UTF-8, else Latin-1) or the ADX reader.
 * - A record without a usable CALL or QSO_DATE/TIME_ON is reported with its position (1-based record number)
 *   and skipped; nothing else is lost.
 * - A QSO already in the log (same callsign, same minute of TIME_ON, same band and mode), or twice in the
 *   file, is counted as a duplicate and not added again.
 * - QSOs go in through the Station in batches (one append each), so other commands keep running between
 *   batches; the progress of the running import is there to see (`importProgress`).
 */
import type { LookupInfo, QsoRecord } from '../../../../shared/protocol/types.js';
import { bandForHz, formatMHz } from '../../../../shared/radio.js';
import { buildQsoRecord, modeAndSubmode } from '../../domain/qso-record.js';
import type { Station } from '../../domain/station.js';
import type { StoredQso } from '../../store/store.js';
import { looksLikeAdx, parseAdx } from './adx.js';
import { adifQso, parseAdif, type AdifDocument } from './parse.js';

export const IMPORT_BATCH = 2000;
/** At most this many bad records are listed one by one (all are counted). */
const MAX_LISTED_ERRORS = 100;

export interface ImportProblem {
  /** 1-based number of the record in the file. */
  position: number;
  code: 'ADIF_NO_CALL' | 'ADIF_NO_TIME';
  message: string;
}

export interface ImportProgress {
  state: 'idle' | 'running' | 'done' | 'failed';
  filename: string | null;
  format: 'adi' | 'adx' | null;
  total: number;
  processed: number;
  imported: number;
  duplicates: number;
  bad: number;
  errors: ImportProblem[];
  started_at: string | null;
  finished_at: string | null;
}

type ImportLog = Pick<Station, 'importQsos' | 'getQsos' | 'now' | 'whenLogLoaded'>;

const progressOf = new WeakMap<object, ImportProgress>();

export function importProgress(station: object): ImportProgress {
  return structuredClone(
    progressOf.get(station) ?? {
      state: 'idle',
      filename: null,
      format: null,
      total: 0,
      processed: 0,
      imported: 0,
      duplicates: 0,
      bad: 0,
      errors: [],
      started_at: null,
      finished_at: null,
    },
  );
}

/** The key two logs agree on for the same QSO. */
export function dupeKey(q: Pick<QsoRecord, 'callsign' | 'time_on' | 'band' | 'mode'>): string {
  const minute = Math.floor(Date.parse(q.time_on) / 60_000);
  return `${q.callsign}|${minute}|${(q.band ?? '').toLowerCase()}|${(q.mode ?? '').toUpperCase()}`;
}

const emptyInfo = (callsign: string): LookupInfo => ({
  callsign,
  name: null,
  address: null,
  dxcc_name: null,
  image: null,
  grid: { lat: null, long: null, grid: null },
  error: null,
  dxcc: null,
  source: 'none',
});

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Parses an ADI or ADX file. */
export function readAdifFile(
  content: Uint8Array,
): { ok: true; doc: AdifDocument; format: 'adi' | 'adx' } | { ok: false; code: string; message: string } {
  const head = Buffer.from(content.subarray(0, 512)).toString('utf8');
  if (looksLikeAdx(head)) {
    const r = parseAdx(content);
    return r.ok ? { ok: true, doc: r.value, format: 'adx' } : { ok: false, code: r.code, message: r.message };
  }
  const r = parseAdif(content, { encoding: isValidUtf8(content) ? 'utf8' : 'latin1' });
  return r.ok ? { ok: true, doc: r.value, format: 'adi' } : { ok: false, code: r.code, message: r.message };
}

/** Imports an ADI or ADX file into the QSO log; answers the final progress. */
export async function importAdif(
  station: ImportLog,
  content: Uint8Array,
  filename: string,
  lookup: (callsign: string) => LookupInfo = emptyInfo,
): Promise<ImportProgress> {
  const running = progressOf.get(station);
  if (running?.state === 'running') {
    throw Object.assign(new Error('An ADIF import is already running'), { code: 'IMPORT_RUNNING' });
  }
  const parsed = readAdifFile(content);
  if (!parsed.ok) throw Object.assign(new Error(parsed.message), { code: parsed.code });
  const { doc, format } = parsed;
  const progress: ImportProgress = {
    state: 'running',
    filename,
    format,
    total: doc.records.length,
    processed: 0,
    imported: 0,
    duplicates: 0,
    bad: 0,
    errors: [],
    started_at: new Date(station.now()).toISOString(),
    finished_at: null,
  };
  progressOf.set(station, progress);
  const problem = (p: ImportProblem): void => {
    progress.bad += 1;
    if (progress.errors.length < MAX_LISTED_ERRORS) progress.errors.push(p);
  };
  try {
    await station.whenLogLoaded();
    const known = new Set<string>();
    for (const q of station.getQsos()) known.add(dupeKey(q));
    const isDuplicate = (q: StoredQso): boolean => {
      const key = dupeKey(q);
      if (known.has(key)) return true;
      known.add(key);
      return false;
    };
    const identity = { station_callsign: null, operator: null, station_message: null };
    for (let start = 0; start < doc.records.length; start += IMPORT_BATCH) {
      const batch: StoredQso[] = [];
      const end = Math.min(doc.records.length, start + IMPORT_BATCH);
      for (let i = start; i < end; i += 1) {
        const record = doc.records[i]!;
        const q = adifQso(record);
        if (q === null) {
          problem({ position: i + 1, code: 'ADIF_NO_CALL', message: `Record ${i + 1}: no usable CALL` });
          continue;
        }
        const timeOn = q.timeOn ?? null;
        if (timeOn === null) {
          problem({
            position: i + 1,
            code: 'ADIF_NO_TIME',
            message: `Record ${i + 1} (${q.call}): no valid QSO_DATE and TIME_ON`,
          });
          continue;
        }
        const { mode, submode } = modeAndSubmode(q.mode);
        const qrz = lookup(q.call);
        batch.push(
          buildQsoRecord({
            callsign: q.call,
            time_on: timeOn,
            time_off: q.timeOff !== null && q.timeOff >= timeOn ? q.timeOff : timeOn,
            source: 'adif_import',
            qrz: { ...qrz, name: q.name ?? qrz.name, address: q.qth ?? qrz.address },
            radio: {
              frequency: q.freqHz === null ? null : formatMHz(q.freqHz),
              band: q.band ?? (q.freqHz === null ? null : bandForHz(q.freqHz)),
              mode,
              submode,
              rx_frequency: q.freqRxHz != null ? formatMHz(q.freqRxHz) : null,
            },
            details: {
              rst_sent: q.rstSent,
              rst_rcvd: q.rstRcvd,
              operator: q.operator ?? null,
              station_callsign: q.stationCallsign,
              name: q.name,
              grid: q.gridsquare,
              tx_power: q.txPower ?? null,
              comment: q.comment,
              logged_by: 'adif_import',
              logger_id: null,
            },
            // an imported QSO's reports are the file's; the station's defaults are not invented for it
            identity: {
              ...identity,
              default_reports: {
                cw: { sent: null, rcvd: null },
                phone: { sent: null, rcvd: null },
                digital: { sent: null, rcvd: null },
              },
            },
          }),
        );
      }
      const added = await station.importQsos(batch, isDuplicate);
      progress.imported += added.length;
      progress.duplicates += batch.length - added.length;
      progress.processed = end;
    }
    progress.state = 'done';
  } catch (err) {
    progress.state = 'failed';
    throw err;
  } finally {
    progress.finished_at = new Date(station.now()).toISOString();
  }
  return structuredClone(progress);
}
