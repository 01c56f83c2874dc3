/**
 * "Send to logger": when a QSO starts, tell the operator's logging software who is being worked, with a message
 * that means exactly that. (The original sent a WSJT-X "QSO Logged" (type 5) carrying ADIF text, which claims a
 * finished QSO with invented reports and which real WSJT-X listeners misparse.)
 */
import { BANDS, bandForHz } from '../../../shared/radio.js';
import type { SendToLoggerFormat } from './config.js';
import { encodeLookupInfo } from './n1mm/encode.js';
import { encodeHighlightCallsign, encodeStatus, type Rgb } from './wsjtx/codec.js';

export const OUR_ID = 'PileupBuster';

export interface QsoStart {
  callsign: string;
  /** ISO 8601 UTC. */
  timestamp: string;
  freqHz: number | null;
  mode: string | null;
  name: string | null;
  /** DXCC prefix (e.g. DL) and continent, when known. */
  countryPrefix: string | null;
  continent: string | null;
  /** Our station identity, when set (N1MM+ mycall/operator, WSJT-X's DE call). */
  stationCallsign?: string | null;
  operator?: string | null;
}

export interface WsjtxPeer {
  /** WSJT-X's id (`WSJT-X` unless renamed with --rig-name); messages to it must carry it. */
  id: string;
  schema: number;
}

export const HIGHLIGHT_BACKGROUND: Rgb = { red: 255, green: 255, blue: 0 };
export const HIGHLIGHT_FOREGROUND: Rgb = { red: 0, green: 0, blue: 0 };

/** N1MM's band notation: the lower edge in MHz (1.8, 3.5, 7, 14, 50, 144). */
export function n1mmBandMhz(hz: number): string | null {
  const name = bandForHz(hz);
  const band = BANDS.find((b) => b.name === name);
  if (band === undefined) return null;
  const mhz = band.lowHz / 1e6;
  return String(mhz >= 5 ? Math.floor(mhz) : mhz);
}

/**
 * Whether the peer acts on Highlight Callsign. JTDX reads the message type but has no handler for it (its UDP
 * server is one-way for highlights), so nothing would be shown; it identifies itself with the id `JTDX`.
 */
export function peerShowsHighlights(peer: WsjtxPeer): boolean {
  return !/^jtdx/i.test(peer.id);
}

/** Highlight (or, with `clear`, un-highlight) a callsign in WSJT-X's Band Activity window. */
export function highlightDatagram(peer: WsjtxPeer, callsign: string, clear = false): Uint8Array {
  return encodeHighlightCallsign({
    id: peer.id,
    schema: Math.min(peer.schema, 3),
    callsign,
    background: clear ? null : HIGHLIGHT_BACKGROUND,
    foreground: clear ? null : HIGHLIGHT_FOREGROUND,
    highlightLast: false,
  });
}

/** The datagram for a QSO start in one of the formats sent to a configured host:port. */
export function qsoStartDatagram(
  format: Exclude<SendToLoggerFormat, 'wsjtx_highlight'>,
  qso: QsoStart,
): Uint8Array {
  switch (format) {
    case 'wsjtx_status':
      return encodeStatus({
        id: OUR_ID,
        dialFrequencyHz: qso.freqHz ?? 0,
        mode: qso.mode ?? '',
        dxCall: qso.callsign,
        ...(qso.stationCallsign ? { deCall: qso.stationCallsign } : {}),
      });
    case 'n1mm_lookupinfo':
      return encodeLookupInfo({
        app: OUR_ID,
        callsign: qso.callsign,
        timestamp: qso.timestamp,
        freqHz: qso.freqHz,
        bandMhz: qso.freqHz === null ? null : n1mmBandMhz(qso.freqHz),
        mode: qso.mode,
        name: qso.name,
        countryPrefix: qso.countryPrefix,
        continent: qso.continent,
        myCall: qso.stationCallsign ?? null,
        operator: qso.operator ?? null,
      });
    case 'json': {
      // The shape of the original bridge's WebSocket message, so scripts written for it keep working.
      const data: Record<string, unknown> = {
        callsign: qso.callsign,
        timestamp: qso.timestamp,
        source: 'pileup_buster',
      };
      if (qso.freqHz !== null) data.frequency_mhz = qso.freqHz / 1e6;
      if (qso.mode !== null) data.mode = qso.mode;
      return new Uint8Array(Buffer.from(JSON.stringify({ type: 'qso_start', data }), 'utf8'));
    }
  }
}
