/**
 * N1MM Logger+ external UDP broadcasts (XML, default port 12060), also sent by DXLog, Log4OM, TR4W, not1mm and others.
 *
 * Units as broadcast: `Freq`/`TXFreq` (RadioInfo) and `rxfreq`/`txfreq` (contacts) are in tens of Hz
 * (`1420000` = 14.200 MHz); `band` is in MHz (`14`, `3.5`); `timestamp` is UTC `YYYY-MM-DD HH:MM:SS`.
 * Element names are matched case-insensitively.
 */
import { accept, reject, type ParseResult } from '../result.js';
import { parseFlatXml } from './xml.js';

export const N1MM_DEFAULT_PORT = 12060;
/** Real packets are about 1.5 kB; anything far larger is not from a logger. */
export const N1MM_MAX_BYTES = 32 * 1024;

export type N1mmErrorCode =
  | 'N1MM_TOO_LARGE'
  | 'N1MM_MALFORMED'
  | 'N1MM_DTD_FORBIDDEN'
  | 'N1MM_UNKNOWN_TYPE'
  | 'N1MM_IGNORED_TYPE'
  | 'N1MM_MISSING_FIELD'
  | 'N1MM_BAD_FIELD';

export interface N1mmRadioInfo {
  type: 'radio_info';
  app: string | null;
  stationName: string | null;
  radioNr: number | null;
  /** Receive frequency in Hz; null when the logger has no radio (it sends 0). */
  freqHz: number | null;
  txFreqHz: number | null;
  mode: string | null;
  opCall: string | null;
  isRunning: boolean | null;
  isTransmitting: boolean | null;
  isSplit: boolean | null;
  focusRadioNr: number | null;
  activeRadioNr: number | null;
  radioName: string | null;
}

export interface N1mmContact {
  type: 'contact_info' | 'contact_replace';
  app: string | null;
  contestName: string | null;
  contestNr: number | null;
  /** QSO time, ISO 8601 UTC with `Z`. */
  timestamp: string;
  myCall: string | null;
  operator: string | null;
  /** The `band` element as sent: MHz, e.g. `14` or `3.5`. */
  bandMhz: string | null;
  rxFreqHz: number | null;
  txFreqHz: number | null;
  /** Best frequency of the QSO: transmit, else receive. */
  freqHz: number | null;
  mode: string | null;
  /** Worked callsign, upper case. */
  call: string;
  countryPrefix: string | null;
  continent: string | null;
  zone: string | null;
  snt: string | null;
  rcv: string | null;
  sntNr: string | null;
  rcvNr: string | null;
  gridsquare: string | null;
  name: string | null;
  qth: string | null;
  comment: string | null;
  power: string | null;
  exchange1: string | null;
  section: string | null;
  radioNr: number | null;
  stationName: string | null;
  /** N1MM's unique QSO id (`ID`), the key for replace and delete. */
  id: string | null;
  isOriginal: boolean | null;
  /** Older loggers identify the replaced QSO by its old call and time instead of `ID`. */
  oldCall: string | null;
  oldTimestamp: string | null;
}

export interface N1mmContactDelete {
  type: 'contact_delete';
  app: string | null;
  timestamp: string | null;
  call: string | null;
  contestNr: number | null;
  stationName: string | null;
  id: string | null;
}

export type N1mmMessage = N1mmRadioInfo | N1mmContact | N1mmContactDelete;

/** Broadcasts we recognise but do not act on. */
const IGNORED_ROOTS = new Set([
  'appinfo',
  'lookupinfo',
  'spot',
  'dynamicresults',
  'score',
  /** not1mm's score broadcast (its own root, not N1MM+'s `dynamicresults`). */
  'scoreinfo',
  'n1mmrotor',
  'externalbroadcast',
  'contestdata',
]);

const CALL_PATTERN = /^[A-Z0-9/]{1,20}$/;

class FieldError extends Error {
  constructor(
    readonly code: 'N1MM_MISSING_FIELD' | 'N1MM_BAD_FIELD',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The station (computer) a contact was logged on: `StationName`, or `NetBiosName` when that is empty (as
 * multi-op dashboards read it), so positions can be mapped by either name.
 */
function stationOf(f: Fields): string | null {
  return f.text('StationName') ?? f.text('NetBiosName');
}

class Fields {
  constructor(private readonly map: Map<string, string>) {}

  text(name: string): string | null {
    const value = this.map.get(name.toLowerCase());
    return value === undefined || value === '' ? null : value;
  }

  int(name: string): number | null {
    const value = this.text(name);
    if (value === null) return null;
    if (!/^-?\d{1,9}$/.test(value))
      throw new FieldError('N1MM_BAD_FIELD', `${name} is not an integer: ${value}`);
    return Number(value);
  }

  bool(name: string): boolean | null {
    const value = this.text(name)?.toLowerCase() ?? null;
    if (value === null) return null;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    throw new FieldError('N1MM_BAD_FIELD', `${name} is not a boolean: ${value}`);
  }

  /** Tens of Hz to Hz; 0 (no radio) is null. */
  freq(name: string): number | null {
    const value = this.text(name);
    if (value === null) return null;
    if (!/^\d{1,12}(\.\d{1,6})?$/.test(value)) {
      throw new FieldError('N1MM_BAD_FIELD', `${name} is not a frequency in tens of Hz: ${value}`);
    }
    const hz = Math.round(Number(value) * 10);
    return hz > 0 ? hz : null;
  }

  timestamp(name: string): string | null {
    const value = this.text(name);
    if (value === null) return null;
    const iso = n1mmTimestampToIso(value);
    if (iso === null) throw new FieldError('N1MM_BAD_FIELD', `${name} is not a UTC timestamp: ${value}`);
    return iso;
  }

  call(name: string): string | null {
    const value = this.text(name);
    if (value === null) return null;
    const call = value.trim().toUpperCase();
    if (!CALL_PATTERN.test(call))
      throw new FieldError('N1MM_BAD_FIELD', `${name} is not a callsign: ${value}`);
    return call;
  }
}

/** `2020-01-17 16:43:38` (UTC, as N1MM sends it; `T`, fractions and `Z` tolerated) to ISO 8601 with `Z`. */
export function n1mmTimestampToIso(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?Z?$/.exec(text.trim());
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(
    Number,
  ) as [number, number, number, number, number, number];
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const d = new Date(t);
  if (
    d.getUTCFullYear() !== year ||
    d.getUTCMonth() !== month - 1 ||
    d.getUTCDate() !== day ||
    d.getUTCHours() !== hour ||
    d.getUTCMinutes() !== minute ||
    second > 59
  ) {
    return null;
  }
  return d.toISOString();
}

function radioInfo(f: Fields): N1mmRadioInfo {
  if (f.text('Freq') === null) throw new FieldError('N1MM_MISSING_FIELD', 'RadioInfo without Freq');
  return {
    type: 'radio_info',
    app: f.text('app'),
    stationName: f.text('StationName'),
    radioNr: f.int('RadioNr'),
    freqHz: f.freq('Freq'),
    txFreqHz: f.freq('TXFreq'),
    mode: f.text('Mode'),
    opCall: f.text('OpCall'),
    isRunning: f.bool('IsRunning'),
    isTransmitting: f.bool('IsTransmitting'),
    isSplit: f.bool('IsSplit'),
    focusRadioNr: f.int('FocusRadioNr'),
    activeRadioNr: f.int('ActiveRadioNr'),
    radioName: f.text('RadioName'),
  };
}

function contact(f: Fields, type: N1mmContact['type']): N1mmContact {
  const call = f.call('call');
  if (call === null) throw new FieldError('N1MM_MISSING_FIELD', `${type} without call`);
  const timestamp = f.timestamp('timestamp');
  if (timestamp === null) throw new FieldError('N1MM_MISSING_FIELD', `${type} without timestamp`);
  const rxFreqHz = f.freq('rxfreq');
  const txFreqHz = f.freq('txfreq');
  return {
    type,
    app: f.text('app'),
    contestName: f.text('contestname'),
    contestNr: f.int('contestnr'),
    timestamp,
    myCall: f.text('mycall'),
    operator: f.text('operator'),
    bandMhz: f.text('band'),
    rxFreqHz,
    txFreqHz,
    freqHz: txFreqHz ?? rxFreqHz,
    mode: f.text('mode'),
    call,
    countryPrefix: f.text('countryprefix'),
    continent: f.text('continent'),
    zone: f.text('zone'),
    snt: f.text('snt'),
    rcv: f.text('rcv'),
    sntNr: f.text('sntnr'),
    rcvNr: f.text('rcvnr'),
    gridsquare: f.text('gridsquare'),
    name: f.text('name'),
    qth: f.text('qth'),
    comment: f.text('comment'),
    power: f.text('power'),
    exchange1: f.text('exchange1'),
    section: f.text('section'),
    radioNr: f.int('radionr'),
    stationName: stationOf(f),
    id: f.text('ID'),
    isOriginal: f.bool('IsOriginal'),
    oldCall: f.call('oldcall'),
    oldTimestamp: f.timestamp('oldtimestamp'),
  };
}

function contactDelete(f: Fields): N1mmContactDelete {
  const result: N1mmContactDelete = {
    type: 'contact_delete',
    app: f.text('app'),
    timestamp: f.timestamp('timestamp'),
    call: f.call('call'),
    contestNr: f.int('contestnr'),
    stationName: stationOf(f),
    id: f.text('ID'),
  };
  if (result.id === null && (result.call === null || result.timestamp === null)) {
    throw new FieldError('N1MM_MISSING_FIELD', 'contactdelete needs ID, or call and timestamp');
  }
  return result;
}

const decoder = new TextDecoder('utf-8');

/** Decodes one datagram. Never throws. */
export function parseN1mm(datagram: Uint8Array | string): ParseResult<N1mmMessage, N1mmErrorCode> {
  const size = typeof datagram === 'string' ? Buffer.byteLength(datagram) : datagram.byteLength;
  if (size > N1MM_MAX_BYTES)
    return reject('N1MM_TOO_LARGE', `Datagram of ${size} bytes exceeds ${N1MM_MAX_BYTES}`);
  const text = typeof datagram === 'string' ? datagram : decoder.decode(datagram);
  const doc = parseFlatXml(text);
  if (!doc.ok) {
    return reject(doc.code === 'XML_DTD_FORBIDDEN' ? 'N1MM_DTD_FORBIDDEN' : 'N1MM_MALFORMED', doc.message);
  }
  const root = doc.value.root.toLowerCase();
  const fields = new Fields(doc.value.fields);
  try {
    switch (root) {
      case 'radioinfo':
        return accept(radioInfo(fields));
      case 'contactinfo':
        return accept(contact(fields, 'contact_info'));
      case 'contactreplace':
        return accept(contact(fields, 'contact_replace'));
      case 'contactdelete':
        return accept(contactDelete(fields));
      default:
        if (IGNORED_ROOTS.has(root)) return reject('N1MM_IGNORED_TYPE', `<${doc.value.root}> is not used`);
        return reject('N1MM_UNKNOWN_TYPE', `Unknown broadcast <${doc.value.root.slice(0, 64)}>`);
    }
  } catch (err) {
    if (err instanceof FieldError) return reject(err.code, err.message);
    return reject('N1MM_MALFORMED', err instanceof Error ? err.message : 'Undecodable packet');
  }
}
