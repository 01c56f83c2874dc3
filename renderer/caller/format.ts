/** Display helpers for the caller page. Pure. */
import { bandForHz, formatMHz, parseFrequencyToHz } from '../../shared/radio.js';
import type { DxccInfo, FrequencyState, GridInfo, LookupInfo } from '../../shared/protocol/types.js';

export interface FrequencyView {
  /** "14.195 MHz", or the operator's text as typed when it is not a number. */
  frequency: string | null;
  band: string | null;
  mode: string | null;
}

export function describeFrequency(state: FrequencyState): FrequencyView {
  const text = state.frequency?.trim() ?? '';
  const hz = text === '' ? null : parseFrequencyToHz(text);
  return {
    frequency: text === '' ? null : hz !== null ? `${formatMHz(hz)} MHz` : text,
    band: state.band ?? (hz !== null ? bandForHz(hz) : null),
    mode: state.mode ?? null,
  };
}

/** "just now", "5 min ago", "2 h ago", "3 d ago". */
export function relativeTime(iso: string, now: Date): string {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return '';
  const s = Math.max(0, (now.getTime() - then) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

/** The country or DXCC entity for a lookup. */
export function countryOf(qrz: Pick<LookupInfo, 'dxcc_name' | 'dxcc'> | null | undefined): string | null {
  if (!qrz) return null;
  return qrz.dxcc_name ?? qrz.dxcc?.entity ?? null;
}

export interface LatLon {
  lat: number;
  lon: number;
}

/** The lookup's grid coordinates when it has them, else the DXCC entity's centre, else null. */
export function coordinatesOf(
  grid: GridInfo | null | undefined,
  dxcc: DxccInfo | null | undefined,
): LatLon | null {
  if (grid && typeof grid.lat === 'number' && typeof grid.long === 'number')
    return { lat: grid.lat, lon: grid.long };
  if (dxcc && Number.isFinite(dxcc.lat) && Number.isFinite(dxcc.lon)) return { lat: dxcc.lat, lon: dxcc.lon };
  return null;
}

/** Only http(s) image URLs are shown; anything else (javascript:, data: from a caller) is dropped. */
export function safeImageUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, 'http://invalid.local/');
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * "Beam: 045°" when the operator shows the beam heading to callers and one is set; else null. Whole degrees,
 * three digits, 0 to 359 (360 is north, shown as 000).
 */
export function beamText(beam: {
  beam_heading: number | null;
  beam_heading_visible: boolean;
}): string | null {
  if (!beam.beam_heading_visible || beam.beam_heading === null || !Number.isFinite(beam.beam_heading))
    return null;
  const degrees = ((Math.round(beam.beam_heading) % 360) + 360) % 360;
  return `Beam: ${String(degrees).padStart(3, '0')}°`;
}
