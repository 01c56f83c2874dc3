/**
 * What a logger's message means for the Station, apart from any socket: N1MM+ (and its compatible loggers) and
 * WSJT-X (and JTDX, MSHV) messages, already decoded, become one command each, which the IntegrationManager
 * carries out (radio readings to the RadioFollower, QSOs to the QsoSync). rigctld's readings are radio readings
 * already (manager.ts).
 *
 *   N1MM+ RadioInfo, WSJT-X Status                    -> radio (frequency, band, mode)
 *   N1MM+ contactinfo, WSJT-X QSO Logged / Logged ADIF -> logged (complete the current QSO, or record it)
 *   N1MM+ contactreplace / contactdelete              -> replaced / deleted
 */
import { n1mmDetails, wsjtxAdifDetails, wsjtxDetails } from './logger-details.js';
import { adifQso, parseAdif } from './adif/parse.js';
import type { N1mmMessage } from './n1mm/parse.js';
import type { DeletedQso, LoggedQso, ReplacedQso } from './qso-sync.js';
import type { RadioReading } from './radio-follow.js';
import { OUR_ID } from './send-to-logger.js';
import type { WsjtxMessage } from './wsjtx/codec.js';

export type LoggerCommand =
  | { kind: 'radio'; reading: RadioReading }
  | { kind: 'logged'; qso: LoggedQso }
  | { kind: 'replaced'; qso: ReplacedQso }
  | { kind: 'deleted'; qso: DeletedQso }
  /** The message was understood but cannot be used (recorded as the integration's last error). */
  | { kind: 'error'; code: string; message: string };

/**
 * An N1MM+ broadcast as a command, or null when it means nothing here. `radioNr` follows one radio (SO2R);
 * null follows the active (transmitting) one.
 */
export function fromN1mm(
  message: N1mmMessage,
  radioNr: number | null,
  positions?: Readonly<Record<string, string>>,
): LoggerCommand | null {
  const positionId = positionOfStation(message, positions);
  if (message.type === 'radio_info') {
    // A station mapped to another position moves that position's radio, never the default one's. A radio
    // mapped by `StationName:RadioNr` is followed as it is; otherwise the radio number (SO2R) rules apply.
    const byRadio =
      positions !== undefined &&
      message.stationName !== null &&
      message.radioNr !== null &&
      positions[`${message.stationName}:${message.radioNr}`] !== undefined;
    if (!byRadio) {
      if (radioNr !== null && message.radioNr !== null && message.radioNr !== radioNr) return null;
      if (radioNr === null && message.activeRadioNr !== null && message.radioNr !== null) {
        if (message.radioNr !== message.activeRadioNr) return null;
      }
    }
    const hz = message.txFreqHz ?? message.freqHz;
    return hz === null
      ? null
      : {
          kind: 'radio',
          reading: { source: 'n1mm', freqHz: hz, mode: message.mode, ...atPosition(positionId) },
        };
  }
  if (message.app === OUR_ID) return null; // our own lookupinfo echoed back never gets here, but be sure
  const origin = 'n1mm' as const;
  if (message.type === 'contact_delete') {
    return {
      kind: 'deleted',
      qso: { origin, externalId: message.id, callsign: message.call, timestamp: message.timestamp },
    };
  }
  const qso: LoggedQso = {
    origin,
    app: message.app,
    callsign: message.call,
    timeOn: message.timestamp,
    timeOff: message.timestamp,
    freqHz: message.freqHz,
    mode: message.mode,
    externalId: message.id,
    details: n1mmDetails(message),
    ...(positionId !== undefined ? { positionId } : {}),
  };
  if (message.type === 'contact_replace') {
    return {
      kind: 'replaced',
      qso: { ...qso, oldCallsign: message.oldCall, oldTimestamp: message.oldTimestamp },
    };
  }
  return { kind: 'logged', qso };
}

const atPosition = (positionId: string | undefined): { positionId?: string } =>
  positionId !== undefined ? { positionId } : {};

/** The position an N1MM+ station works: by `StationName:RadioNr`, then by StationName. */
function positionOfStation(
  message: N1mmMessage,
  positions: Readonly<Record<string, string>> | undefined,
): string | undefined {
  if (positions === undefined || message.stationName === null) return undefined;
  const radio =
    'radioNr' in message && message.radioNr !== null
      ? positions[`${message.stationName}:${message.radioNr}`]
      : undefined;
  return radio ?? positions[message.stationName];
}

/** A WSJT-X message as a command, or null when it means nothing here (heartbeats, decodes, our own echo). */
export function fromWsjtx(
  message: WsjtxMessage,
  positionOf: (clientId: string) => string | undefined = () => undefined,
): LoggerCommand | null {
  if (message.id === OUR_ID) return null; // our own Status, sent to a port we also listen on
  const origin = 'wsjtx' as const;
  const positionId = positionOf(message.id);
  const at = positionId !== undefined ? { positionId } : {};
  switch (message.type) {
    case 'status':
      // An instance mapped to another position moves that position's radio, never the default one's.
      if (message.dialFrequencyHz <= 0) return null;
      return {
        kind: 'radio',
        reading: { source: 'wsjtx', freqHz: message.dialFrequencyHz, mode: message.mode, ...at },
      };
    case 'qso_logged':
      if (message.dxCall === null || message.dxCall.trim() === '') return null;
      return {
        kind: 'logged',
        qso: {
          origin,
          app: message.id,
          callsign: message.dxCall.trim().toUpperCase(),
          timeOn: message.timeOn,
          timeOff: message.timeOff,
          freqHz: message.txFrequencyHz > 0 ? message.txFrequencyHz : null,
          mode: message.mode,
          externalId: null,
          details: wsjtxDetails(message),
          ...at,
        },
      };
    case 'logged_adif': {
      // WSJT-X writes its Logged ADIF in Latin-1, lengths counted in characters.
      const doc = parseAdif(message.adifBytes, { encoding: 'latin1' });
      if (!doc.ok) return { kind: 'error', code: doc.code, message: doc.message };
      const record = doc.value.records[0];
      const qso = record === undefined ? null : adifQso(record);
      if (qso === null)
        return { kind: 'error', code: 'ADIF_NO_QSO', message: 'Logged ADIF without a usable CALL' };
      return {
        kind: 'logged',
        qso: {
          origin,
          app: message.id,
          callsign: qso.call,
          timeOn: qso.timeOn,
          timeOff: qso.timeOff,
          freqHz: qso.freqHz,
          mode: qso.mode,
          externalId: null,
          details: wsjtxAdifDetails(qso),
          ...at,
        },
      };
    }
    default:
      return null;
  }
}
