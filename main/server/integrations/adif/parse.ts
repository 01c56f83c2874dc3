/**
 * ADIF ADI parser: header, records, `<NAME:LENGTH[:TYPE]>data` specifiers, `<EOH>` and `<EOR>`.
 *
 * Works on bytes and counts LENGTH in bytes (see write.ts for why), decoding data as UTF-8. Text between
 * fields is ignored, as the specification allows. If the document starts with `<` it has no header.
 * Every length is checked against the bytes left, so truncated input is a typed rejection.
 */
import { accept, reject, type ParseResult } from '../result.js';
import { degreesFromAdifLocation, isoFromAdif, modeFromAdif } from './fields.js';

export type AdifErrorCode = 'ADIF_TOO_LARGE' | 'ADIF_TRUNCATED' | 'ADIF_MALFORMED';

/** Fields of one record by upper-case name. */
export type AdifRecord = Map<string, string>;

export interface AdifDocument {
  header: AdifRecord;
  records: AdifRecord[];
  /** Fields after the last `<EOR>` that never got one (an unfinished record); not in `records`. */
  unterminatedFields: number;
}

export const ADIF_MAX_BYTES = 64 * 1024 * 1024;
const MAX_SPECIFIER = 96;
const LT = 0x3c;
const GT = 0x3e;

export interface AdifParseOptions {
  /**
   * How data bytes are decoded: `utf8` (the default; lengths in bytes) or `latin1` (WSJT-X's Logged ADIF and
   * older loggers' files; one byte per character, so lengths count characters).
   */
  encoding?: 'utf8' | 'latin1';
}

export function parseAdif(
  input: Uint8Array | string,
  options: AdifParseOptions = {},
): ParseResult<AdifDocument, AdifErrorCode> {
  const bytes =
    typeof input === 'string'
      ? Buffer.from(input, 'utf8')
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const encoding = options.encoding === 'latin1' ? 'latin1' : 'utf8';
  if (bytes.byteLength > ADIF_MAX_BYTES)
    return reject('ADIF_TOO_LARGE', `ADIF of ${bytes.byteLength} bytes is too large`);
  const hasHeader = bytes.byteLength > 0 && bytes[0] !== LT;
  let inHeader = hasHeader;
  const header: AdifRecord = new Map();
  const records: AdifRecord[] = [];
  let current: AdifRecord = new Map();
  let sawEoh = false;
  let i = 0;
  while (i < bytes.byteLength) {
    const lt = bytes.indexOf(LT, i);
    if (lt < 0) break;
    const gt = bytes.indexOf(GT, lt + 1);
    if (gt < 0) {
      if (bytes.byteLength - lt > MAX_SPECIFIER) {
        i = lt + 1;
        continue;
      }
      return reject('ADIF_TRUNCATED', `Unterminated data specifier at byte ${lt}`);
    }
    if (gt - lt > MAX_SPECIFIER) {
      i = lt + 1; // a '<' in free text, not a specifier
      continue;
    }
    const spec = bytes.toString(encoding, lt + 1, gt);
    const upper = spec.trim().toUpperCase();
    if (upper === 'EOH') {
      if (inHeader) {
        for (const [k, v] of current) header.set(k, v);
        current = new Map();
        inHeader = false;
      }
      sawEoh = true;
      i = gt + 1;
      continue;
    }
    if (upper === 'EOR') {
      if (current.size > 0) records.push(current);
      current = new Map();
      i = gt + 1;
      continue;
    }
    const m = /^([A-Za-z][A-Za-z0-9_]*):(\d{1,9})(?::([A-Za-z]))?$/.exec(spec.trim());
    if (m === null) {
      i = lt + 1; // not a specifier; skip the '<'
      continue;
    }
    const name = (m[1] ?? '').toUpperCase();
    const length = Number(m[2]);
    const start = gt + 1;
    if (length > bytes.byteLength - start) {
      return reject(
        'ADIF_TRUNCATED',
        `Field ${name} needs ${length} bytes at byte ${start}, ${bytes.byteLength - start} left`,
      );
    }
    if (!current.has(name)) current.set(name, bytes.toString(encoding, start, start + length));
    i = start + length;
  }
  if (hasHeader && !sawEoh && records.length === 0 && current.size === 0) {
    return reject('ADIF_MALFORMED', 'No <EOH> and no records');
  }
  return accept({ header, records, unterminatedFields: current.size });
}

/** What a QSO record tells us, in the app's terms. */
export interface AdifQso {
  call: string;
  timeOn: string | null;
  timeOff: string | null;
  freqHz: number | null;
  band: string | null;
  /** SUBMODE when present (FT4, USB), else MODE. */
  mode: string | null;
  name: string | null;
  qth: string | null;
  country: string | null;
  dxcc: number | null;
  gridsquare: string | null;
  lat: number | null;
  lon: number | null;
  rstSent: string | null;
  rstRcvd: string | null;
  comment: string | null;
  stationCallsign: string | null;
  /** RX frequency (FREQ_RX) in a split QSO. */
  freqRxHz?: number | null;
  operator?: string | null;
  txPower?: string | null;
  /** The logger's own QSO id, when the file carries ours (APP_PILEUPBUSTER_QSO_ID). */
  appQsoId?: string | null;
}

const CALL_PATTERN = /^[A-Z0-9/]{1,20}$/;

function text(record: AdifRecord, name: string): string | null {
  const value = record.get(name)?.trim();
  return value === undefined || value === '' ? null : value;
}

/** Reads the fields a QSO record needs; null when it has no usable CALL. */
export function adifQso(record: AdifRecord): AdifQso | null {
  const call = text(record, 'CALL')?.toUpperCase() ?? null;
  if (call === null || !CALL_PATTERN.test(call)) return null;
  const mhzOf = (name: string): number | null => {
    const value = text(record, name);
    const n = value !== null && /^\d{1,7}(\.\d{1,9})?$/.test(value) ? Number(value) : null;
    return n === null || n <= 0 ? null : n;
  };
  const mhz = mhzOf('FREQ');
  const rxMhz = mhzOf('FREQ_RX');
  const dxcc = text(record, 'DXCC');
  const dateOn = record.get('QSO_DATE');
  return {
    call,
    timeOn: isoFromAdif(dateOn, record.get('TIME_ON')),
    timeOff: isoFromAdif(record.get('QSO_DATE_OFF') ?? dateOn, record.get('TIME_OFF')),
    freqHz: mhz === null || mhz <= 0 ? null : Math.round(mhz * 1e6),
    band: text(record, 'BAND')?.toLowerCase() ?? null,
    mode: modeFromAdif(record.get('MODE'), record.get('SUBMODE')),
    name: text(record, 'NAME_INTL') ?? text(record, 'NAME'),
    qth: text(record, 'QTH_INTL') ?? text(record, 'QTH'),
    country: text(record, 'COUNTRY_INTL') ?? text(record, 'COUNTRY'),
    dxcc: dxcc !== null && /^\d{1,4}$/.test(dxcc) ? Number(dxcc) : null,
    gridsquare: text(record, 'GRIDSQUARE')?.toUpperCase() ?? null,
    lat: degreesFromAdifLocation(record.get('LAT')),
    lon: degreesFromAdifLocation(record.get('LON')),
    rstSent: text(record, 'RST_SENT'),
    rstRcvd: text(record, 'RST_RCVD'),
    comment: text(record, 'COMMENT_INTL') ?? text(record, 'COMMENT'),
    stationCallsign: text(record, 'STATION_CALLSIGN')?.toUpperCase() ?? null,
    freqRxHz: rxMhz === null ? null : Math.round(rxMhz * 1e6),
    operator: text(record, 'OPERATOR')?.toUpperCase() ?? null,
    txPower: text(record, 'TX_PWR'),
    appQsoId: text(record, 'APP_PILEUPBUSTER_QSO_ID'),
  };
}
