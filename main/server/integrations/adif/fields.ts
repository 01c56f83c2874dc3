/**
 * ADIF 3.1 data types used by the writer and the parser: dates, times, MODE/SUBMODE, locations.
 */
import { ADIF_SUBMODE_PARENT, MODE_ALIASES, RIG_DATA_MODES } from '../../../../shared/radio.js';

/** `2024-03-06T13:00:30.000Z` -> `{ date: '20240306', time: '130030' }` (ADIF Date and Time, UTC). */
export function adifDateTime(iso: string): { date: string; time: string } | null {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return null;
  const s = new Date(ms).toISOString();
  return { date: s.slice(0, 10).replaceAll('-', ''), time: s.slice(11, 19).replaceAll(':', '') };
}

/** ADIF Date (`YYYYMMDD`) and Time (`HHMM` or `HHMMSS`), UTC, to ISO 8601 with `Z`; null when invalid. */
export function isoFromAdif(date: string | undefined, time: string | undefined): string | null {
  if (date === undefined || !/^\d{8}$/.test(date)) return null;
  const t = time ?? '0000';
  if (!/^\d{4}(\d{2})?$/.test(t)) return null;
  const [y, mo, d] = [Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6, 8))];
  const [h, mi, s] = [
    Number(t.slice(0, 2)),
    Number(t.slice(2, 4)),
    t.length === 6 ? Number(t.slice(4, 6)) : 0,
  ];
  if (h > 23 || mi > 59 || s > 59 || y < 1930) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return check.toISOString();
}

/** Maps a mode as the app knows it to ADIF MODE and SUBMODE (USB -> SSB/USB, FT4 -> MFSK/FT4); null if unknown. */
export function adifMode(mode: string | null | undefined): { mode: string; submode: string | null } | null {
  if (mode === null || mode === undefined) return null;
  const upper = mode.trim().toUpperCase();
  if (upper === '' || RIG_DATA_MODES.has(upper) || !/^[A-Z0-9-]{1,20}$/.test(upper)) return null;
  const parent = ADIF_SUBMODE_PARENT[upper];
  if (parent !== undefined) return { mode: parent, submode: upper };
  // the mode table's rig spellings of plain ADIF modes (USB and LSB are submodes, taken above)
  return { mode: MODE_ALIASES[upper] ?? upper, submode: null };
}

/** The mode a record means: SUBMODE when present (FT4, USB), else MODE. */
export function modeFromAdif(mode: string | undefined, submode: string | undefined): string | null {
  const sub = submode?.trim().toUpperCase();
  if (sub !== undefined && sub !== '') return sub;
  const main = mode?.trim().toUpperCase();
  return main === undefined || main === '' ? null : main;
}

/**
 * ADIF Location: `XDDD MM.MMM` where X is N/S (latitude) or E/W (longitude), DDD zero-padded degrees,
 * MM.MMM minutes with three decimals. 53.3498 -> `N053 20.988`; -6.2603 -> `W006 15.618`.
 */
export function adifLocation(degrees: number, axis: 'lat' | 'lon'): string | null {
  const limit = axis === 'lat' ? 90 : 180;
  if (!Number.isFinite(degrees) || Math.abs(degrees) > limit) return null;
  const hemisphere = axis === 'lat' ? (degrees < 0 ? 'S' : 'N') : degrees < 0 ? 'W' : 'E';
  const thousandths = Math.round(Math.abs(degrees) * 60_000); // minutes × 1000
  const deg = Math.floor(thousandths / 60_000);
  const min = (thousandths - deg * 60_000) / 1000;
  return `${hemisphere}${String(deg).padStart(3, '0')} ${min.toFixed(3).padStart(6, '0')}`;
}

/** Parses an ADIF Location back to signed decimal degrees; null when malformed. */
export function degreesFromAdifLocation(text: string | undefined): number | null {
  if (text === undefined) return null;
  const m = /^([NSEW])(\d{3}) (\d{2}\.\d{3})$/i.exec(text.trim());
  if (m === null) return null;
  const [, hemi = 'N', deg = '0', min = '0'] = m;
  const minutes = Number(min);
  if (minutes >= 60) return null;
  const value = Number(deg) + minutes / 60;
  const limit = /[NS]/i.test(hemi) ? 90 : 180;
  if (value > limit) return null;
  return /[SW]/i.test(hemi) ? -value : value;
}

export const GRIDSQUARE_PATTERN = /^[A-R]{2}(\d{2}([A-X]{2}(\d{2})?)?)?$/i;
