/**
 * Building QSO records. A QSO takes its radio details (frequency, band, mode, submode, split RX frequency) when
 * it starts, keeping what was set explicitly; a later change of the station frequency does not touch it.
 * Reports default from the station's `default_reports` for the mode's kind; operator and station callsign from
 * the station identity; name and grid from what the logger sent, else from the lookup. Every source fills
 * what it knows (`QsoLogDetails`), and `logged_by` says which path logged it.
 */
import { z } from 'zod';
import type { CurrentQso, LookupInfo, QsoLoggedBy, StationIdentity } from '../../../shared/protocol/types.js';
import { bandForHz, formatMHz, normalizeMode, parseFrequencyToHz } from '../../../shared/radio.js';
import type { StoredQso } from '../store/store.js';
import { defaultReports } from './station-identity.js';

/** The radio at QSO start, kept in the current QSO's metadata (`radio`). */
export interface QsoRadio {
  frequency: string | null;
  band: string | null;
  mode: string | null;
  submode: string | null;
  rx_frequency: string | null;
}

export const qsoRadioSchema = z.object({
  frequency: z.string().nullable(),
  band: z.string().nullable(),
  mode: z.string().nullable(),
  submode: z.string().nullable(),
  rx_frequency: z.string().nullable(),
});

/** What a source knows about a QSO it logs; anything left out is taken from the QSO or the station. */
export interface QsoLogDetails {
  time_on?: string;
  time_off?: string;
  frequency?: string | null;
  band?: string | null;
  mode?: string | null;
  submode?: string | null;
  rx_frequency?: string | null;
  rst_sent?: string | null;
  rst_rcvd?: string | null;
  operator?: string | null;
  station_callsign?: string | null;
  name?: string | null;
  grid?: string | null;
  tx_power?: string | null;
  comment?: string | null;
  logged_by?: QsoLoggedBy | null;
  logger_id?: string | null;
}

/** Modes whose sideband the app's mode (SSB) does not keep: they become the ADIF SUBMODE. */
const SIDEBANDS = new Set(['USB', 'LSB']);

/** A mode as given (USB, cw, FT8) in the app's terms plus its submode: USB -> SSB + USB. */
export function modeAndSubmode(raw: string | null | undefined): {
  mode: string | null;
  submode: string | null;
} {
  if (raw === null || raw === undefined || raw.trim() === '') return { mode: null, submode: null };
  const upper = raw.trim().toUpperCase();
  const mode = normalizeMode(upper) ?? upper;
  return { mode, submode: SIDEBANDS.has(upper) ? upper : null };
}

/**
 * The split RX frequency as MHz text: an absolute frequency in the same band as the TX frequency ("14.210"),
 * or an offset in kHz from it ("up 5", "5 up", "+5", "down 2"). Anything else (a range, free text): null.
 */
export function splitRxFrequency(split: string | null, txHz: number | null): string | null {
  if (split === null || split.trim() === '') return null;
  const text = split.trim();
  const absolute = parseFrequencyToHz(text);
  if (
    absolute !== null &&
    (txHz === null || bandForHz(absolute) === bandForHz(txHz)) &&
    bandForHz(absolute)
  ) {
    return formatMHz(absolute);
  }
  if (txHz === null) return null;
  const m = /^(up|dn|down|\+|-)?\s*(\d{1,3}(?:\.\d{1,3})?)\s*(?:khz|k)?\s*(up|dn|down)?$/i.exec(text);
  if (m === null || (m[1] === undefined && m[3] === undefined)) return null;
  const dir = (m[1] ?? m[3] ?? '').toLowerCase();
  const khz = Number(m[2]);
  const sign = dir === '-' || dir === 'dn' || dir === 'down' ? -1 : 1;
  return formatMHz(txHz + sign * Math.round(khz * 1000));
}

/**
 * The radio a QSO starts on: explicit frequency and mode win over the station's; the split is the station's
 * (an explicit frequency outside the station's band drops it, it belonged to the other band).
 */
export function radioAtStart(
  station: { frequency: string | null; band: string | null; mode: string | null },
  split: string | null,
  explicit: { frequency_mhz?: number | null; mode?: string | null } = {},
): QsoRadio {
  let frequency = station.frequency;
  let band = station.band;
  if (explicit.frequency_mhz != null && explicit.frequency_mhz > 0) {
    const hz = Math.round(explicit.frequency_mhz * 1e6);
    frequency = formatMHz(hz);
    band = bandForHz(hz);
  }
  const { mode, submode } = explicit.mode
    ? modeAndSubmode(explicit.mode)
    : { mode: station.mode, submode: null };
  const txHz = frequency === null ? null : parseFrequencyToHz(frequency);
  const sameBand = txHz === null || station.band === null || bandForHz(txHz) === station.band;
  return { frequency, band, mode, submode, rx_frequency: sameBand ? splitRxFrequency(split, txHz) : null };
}

/** The radio recorded in a current QSO, or null for one started before records kept it. */
export function startRadio(qso: CurrentQso): QsoRadio | null {
  const parsed = qsoRadioSchema.safeParse(qso.metadata.radio);
  return parsed.success ? parsed.data : null;
}

const pick = <T>(given: T | undefined, fallback: T): T => (given !== undefined ? given : fallback);

/** The full record for a QSO with `callsign`, from its start radio, the source's details and the station. */
export function buildQsoRecord(input: {
  callsign: string;
  time_on: string;
  time_off: string;
  source: string;
  qrz: LookupInfo;
  radio: QsoRadio;
  details: QsoLogDetails;
  identity: StationIdentity;
  metadata?: Record<string, unknown>;
}): StoredQso {
  const d = input.details;
  const mode = pick(d.mode, input.radio.mode);
  const reports = defaultReports(input.identity, mode);
  const grid = input.qrz.grid.grid;
  return {
    callsign: input.callsign,
    time_on: pick(d.time_on, input.time_on),
    time_off: pick(d.time_off, input.time_off),
    frequency: pick(d.frequency, input.radio.frequency),
    band: pick(d.band, input.radio.band),
    mode,
    submode: pick(d.submode, d.mode !== undefined ? modeAndSubmode(d.mode).submode : input.radio.submode),
    rx_frequency: pick(d.rx_frequency, input.radio.rx_frequency),
    rst_sent: pick(d.rst_sent, reports.sent),
    rst_rcvd: pick(d.rst_rcvd, reports.rcvd),
    operator: pick(d.operator, input.identity.operator),
    station_callsign: pick(d.station_callsign, input.identity.station_callsign),
    name: pick(d.name, input.qrz.name),
    grid: pick(d.grid, grid === null || grid.trim() === '' ? null : grid.trim().toUpperCase()),
    tx_power: pick(d.tx_power, null),
    comment: pick(d.comment, null),
    logged_by: pick(d.logged_by, null),
    logger_id: pick(d.logger_id, null),
    source: input.source,
    qrz: input.qrz,
    ...(input.metadata ? { metadata: input.metadata } : {}),
  };
}

/** Drops the keys whose value is undefined (a patch of what a source knows). */
export function knownDetails(details: QsoLogDetails): QsoLogDetails {
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
}
