/**
 * WSJT-X UDP messages (Network/NetworkMessage.hpp): magic 0xADBCCBDA, schema number, message type, id,
 * then the fields of that type, all in QDataStream big-endian encoding. Also spoken by JTDX, MSHV and
 * programs that relay WSJT-X traffic (JTAlert, GridTracker).
 *
 * Decoded: Heartbeat (0), Status (1), QSO Logged (5), Close (6), Logged ADIF (12).
 * Encoded: Heartbeat (0), Status (1), Clear (3), Highlight Callsign (13).
 * Fields added to a message type in later WSJT-X versions are optional when reading (older senders stop
 * early), and extra trailing bytes are ignored as the protocol requires.
 */
import { accept, reject, type ParseResult } from '../result.js';
import {
  QDataStreamError,
  QDataStreamReader,
  QDataStreamWriter,
  type QDateTimeValue,
} from './qdatastream.js';

export const WSJTX_MAGIC = 0xadbccbda;
export const WSJTX_DEFAULT_PORT = 2237;
/** Schema 3 = QDataStream::Qt_5_4, the one WSJT-X 2.x speaks. Schema 2 differs only in types we do not use. */
export const WSJTX_SCHEMA = 3;
/** WSJT-X datagrams are a few hundred bytes; Logged ADIF a little more. */
export const WSJTX_MAX_BYTES = 16 * 1024;

export const WsjtxType = {
  Heartbeat: 0,
  Status: 1,
  Decode: 2,
  Clear: 3,
  Reply: 4,
  QsoLogged: 5,
  Close: 6,
  Replay: 7,
  HaltTx: 8,
  FreeText: 9,
  WsprDecode: 10,
  Location: 11,
  LoggedAdif: 12,
  HighlightCallsign: 13,
  SwitchConfiguration: 14,
  Configure: 15,
  AnnotationInfo: 16,
} as const;

/** Types we know and deliberately do not act on (decodes arrive dozens per period). */
const IGNORED_TYPES = new Set<number>([2, 3, 4, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18]);

export type WsjtxErrorCode =
  | 'WSJTX_TOO_LARGE'
  | 'WSJTX_BAD_MAGIC'
  | 'WSJTX_UNSUPPORTED_SCHEMA'
  | 'WSJTX_TRUNCATED'
  | 'WSJTX_MALFORMED'
  | 'WSJTX_UNKNOWN_TYPE'
  | 'WSJTX_IGNORED_TYPE';

interface Header {
  schema: number;
  /** The sending instance's unique key, `WSJT-X` unless started with `--rig-name`. */
  id: string;
}

export interface WsjtxHeartbeat extends Header {
  type: 'heartbeat';
  maxSchema: number;
  version: string | null;
  revision: string | null;
}

export interface WsjtxStatus extends Header {
  type: 'status';
  dialFrequencyHz: number;
  mode: string | null;
  dxCall: string | null;
  report: string | null;
  txMode: string | null;
  txEnabled: boolean | null;
  transmitting: boolean | null;
  decoding: boolean | null;
  rxDf: number | null;
  txDf: number | null;
  deCall: string | null;
  deGrid: string | null;
  dxGrid: string | null;
  txWatchdog: boolean | null;
  subMode: string | null;
  fastMode: boolean | null;
  specialOperationMode: number | null;
  frequencyTolerance: number | null;
  trPeriod: number | null;
  configurationName: string | null;
  txMessage: string | null;
}

export interface WsjtxQsoLogged extends Header {
  type: 'qso_logged';
  /** ISO 8601 UTC with `Z`, null if the sender sent a null time. */
  timeOff: string | null;
  dxCall: string | null;
  dxGrid: string | null;
  txFrequencyHz: number;
  mode: string | null;
  reportSent: string | null;
  reportReceived: string | null;
  txPower: string | null;
  comments: string | null;
  name: string | null;
  timeOn: string | null;
  operatorCall: string | null;
  myCall: string | null;
  myGrid: string | null;
  exchangeSent: string | null;
  exchangeReceived: string | null;
  propagationMode: string | null;
}

export interface WsjtxClose extends Header {
  type: 'close';
}

export interface WsjtxLoggedAdif extends Header {
  type: 'logged_adif';
  /** The ADIF text, decoded as Latin-1 (WSJT-X writes it so). */
  adif: string;
  /** The ADIF as sent, for the ADIF parser. */
  adifBytes: Uint8Array;
}

export type WsjtxMessage = WsjtxHeartbeat | WsjtxStatus | WsjtxQsoLogged | WsjtxClose | WsjtxLoggedAdif;

/** Reads a trailing field only if the sender wrote it; a field that starts but is cut short is still an error. */
function optional<T>(r: QDataStreamReader, read: () => T): T | null {
  return r.remaining > 0 ? read() : null;
}

function timeOf(value: QDateTimeValue): string | null {
  return value.iso;
}

function decodeStatus(r: QDataStreamReader, h: Header): WsjtxStatus {
  const dialFrequencyHz = r.quint64();
  const mode = r.utf8();
  const dxCall = r.utf8();
  return {
    type: 'status',
    ...h,
    dialFrequencyHz,
    mode,
    dxCall,
    report: optional(r, () => r.utf8()),
    txMode: optional(r, () => r.utf8()),
    txEnabled: optional(r, () => r.bool()),
    transmitting: optional(r, () => r.bool()),
    decoding: optional(r, () => r.bool()),
    rxDf: optional(r, () => r.quint32()),
    txDf: optional(r, () => r.quint32()),
    deCall: optional(r, () => r.utf8()),
    deGrid: optional(r, () => r.utf8()),
    dxGrid: optional(r, () => r.utf8()),
    txWatchdog: optional(r, () => r.bool()),
    subMode: optional(r, () => r.utf8()),
    fastMode: optional(r, () => r.bool()),
    specialOperationMode: optional(r, () => r.quint8()),
    frequencyTolerance: optional(r, () => r.quint32()),
    trPeriod: optional(r, () => r.quint32()),
    configurationName: optional(r, () => r.utf8()),
    txMessage: optional(r, () => r.utf8()),
  };
}

function decodeQsoLogged(r: QDataStreamReader, h: Header): WsjtxQsoLogged {
  return {
    type: 'qso_logged',
    ...h,
    timeOff: timeOf(r.qdatetime()),
    dxCall: r.utf8(),
    dxGrid: r.utf8(),
    txFrequencyHz: r.quint64(),
    mode: r.utf8(),
    reportSent: r.utf8(),
    reportReceived: r.utf8(),
    txPower: r.utf8(),
    comments: r.utf8(),
    name: r.utf8(),
    timeOn: timeOf(r.qdatetime()),
    operatorCall: optional(r, () => r.utf8()),
    myCall: optional(r, () => r.utf8()),
    myGrid: optional(r, () => r.utf8()),
    exchangeSent: optional(r, () => r.utf8()),
    exchangeReceived: optional(r, () => r.utf8()),
    propagationMode: optional(r, () => r.utf8()),
  };
}

/** Decodes one datagram. Never throws. */
export function decodeWsjtx(datagram: Uint8Array): ParseResult<WsjtxMessage, WsjtxErrorCode> {
  if (datagram.byteLength > WSJTX_MAX_BYTES) {
    return reject('WSJTX_TOO_LARGE', `Datagram of ${datagram.byteLength} bytes exceeds ${WSJTX_MAX_BYTES}`);
  }
  const r = new QDataStreamReader(datagram);
  try {
    if (r.remaining < 4 || r.quint32() !== WSJTX_MAGIC)
      return reject('WSJTX_BAD_MAGIC', 'Not a WSJT-X datagram');
    const schema = r.quint32();
    if (schema < 2)
      return reject('WSJTX_UNSUPPORTED_SCHEMA', `Schema ${schema} is not supported (2 and up are)`);
    const typeNumber = r.quint32();
    const id = r.utf8() ?? '';
    const h: Header = { schema, id };
    switch (typeNumber) {
      case WsjtxType.Heartbeat:
        return accept({
          type: 'heartbeat',
          ...h,
          maxSchema: optional(r, () => r.quint32()) ?? 2,
          version: optional(r, () => r.utf8()),
          revision: optional(r, () => r.utf8()),
        });
      case WsjtxType.Status:
        return accept(decodeStatus(r, h));
      case WsjtxType.QsoLogged:
        return accept(decodeQsoLogged(r, h));
      case WsjtxType.Close:
        return accept({ type: 'close', ...h });
      case WsjtxType.LoggedAdif: {
        const adifBytes = r.byteArray();
        if (adifBytes === null) return reject('WSJTX_MALFORMED', 'Logged ADIF without ADIF text');
        const adif = Buffer.from(adifBytes).toString('latin1');
        return accept({ type: 'logged_adif', ...h, adif, adifBytes });
      }
      default:
        if (IGNORED_TYPES.has(typeNumber))
          return reject('WSJTX_IGNORED_TYPE', `Message type ${typeNumber} is not used`);
        return reject('WSJTX_UNKNOWN_TYPE', `Unknown message type ${typeNumber}`);
    }
  } catch (err) {
    if (err instanceof QDataStreamError) {
      return reject(err.code === 'TRUNCATED' ? 'WSJTX_TRUNCATED' : 'WSJTX_MALFORMED', err.message);
    }
    return reject('WSJTX_MALFORMED', err instanceof Error ? err.message : 'Undecodable datagram');
  }
}

function header(type: number, id: string, schema: number): QDataStreamWriter {
  return new QDataStreamWriter().quint32(WSJTX_MAGIC).quint32(schema).quint32(type).utf8(id);
}

export interface EncodeOptions {
  /** Our id, or for messages addressed to WSJT-X (In), the target instance's id. */
  id: string;
  schema?: number;
}

export function encodeHeartbeat(
  opts: EncodeOptions & { maxSchema?: number; version: string; revision?: string },
): Uint8Array {
  return header(WsjtxType.Heartbeat, opts.id, opts.schema ?? WSJTX_SCHEMA)
    .quint32(opts.maxSchema ?? WSJTX_SCHEMA)
    .utf8(opts.version)
    .utf8(opts.revision ?? '')
    .bytes();
}

export interface Rgb {
  red: number;
  green: number;
  blue: number;
}

/**
 * Highlight Callsign (13): WSJT-X colours the callsign in its Band Activity window.
 * Null colours clear the highlight for that callsign.
 */
export function encodeHighlightCallsign(
  opts: EncodeOptions & {
    callsign: string;
    background: Rgb | null;
    foreground: Rgb | null;
    highlightLast?: boolean;
  },
): Uint8Array {
  return header(WsjtxType.HighlightCallsign, opts.id, opts.schema ?? WSJTX_SCHEMA)
    .utf8(opts.callsign)
    .qcolor(opts.background)
    .qcolor(opts.foreground)
    .bool(opts.highlightLast ?? false)
    .bytes();
}

/** Clear (3), In direction: 0 Band Activity, 1 Rx Frequency, 2 both. */
export function encodeClear(opts: EncodeOptions & { window: 0 | 1 | 2 }): Uint8Array {
  return header(WsjtxType.Clear, opts.id, opts.schema ?? WSJTX_SCHEMA)
    .quint8(opts.window)
    .bytes();
}

/**
 * Status (1) as a WSJT-X-like client would send it: loggers that follow WSJT-X (Log4OM, JTAlert-fed loggers,
 * GridTracker) read `DX call` from it to prefill the callsign of the QSO in progress. Not a logged QSO.
 */
export function encodeStatus(
  opts: EncodeOptions & {
    dialFrequencyHz: number;
    mode: string;
    dxCall: string;
    deCall?: string;
    deGrid?: string;
  },
): Uint8Array {
  return header(WsjtxType.Status, opts.id, opts.schema ?? WSJTX_SCHEMA)
    .quint64(Math.max(0, Math.round(opts.dialFrequencyHz)))
    .utf8(opts.mode)
    .utf8(opts.dxCall)
    .utf8('') // report
    .utf8(opts.mode) // tx mode
    .bool(false) // tx enabled
    .bool(false) // transmitting
    .bool(false) // decoding
    .quint32(0) // rx df
    .quint32(0) // tx df
    .utf8(opts.deCall ?? '')
    .utf8(opts.deGrid ?? '')
    .utf8('') // dx grid
    .bool(false) // tx watchdog
    .utf8('') // sub-mode
    .bool(false) // fast mode
    .quint8(0) // special operation mode
    .quint32(0xffffffff) // frequency tolerance: not applicable
    .quint32(0xffffffff) // T/R period: not applicable
    .utf8('') // configuration name
    .utf8('') // tx message
    .bytes();
}
