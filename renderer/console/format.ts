/** Formatting helpers for the console: durations, UTC clock, file names. Pure. */

/** Seconds as `m:ss`, or `h:mm:ss` from one hour on. Negative input counts as zero. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(Number.isFinite(totalSeconds) ? totalSeconds : 0));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Whole seconds elapsed from an ISO timestamp to `nowMs`; 0 for a bad or future timestamp. */
export function secondsSince(iso: string | null | undefined, nowMs: number): number {
  if (!iso) return 0;
  const start = Date.parse(iso);
  if (Number.isNaN(start)) return 0;
  return Math.max(0, Math.floor((nowMs - start) / 1000));
}

/** `HH:MM:SS` UTC for the header clock. */
export function utcClock(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(11, 19);
}

/** `YYYY-MM-DD HH:MMZ` for log rows. */
export function utcDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const text = new Date(ms).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)}Z`;
}

/** `HH:MMZ` for compact rows. */
export function utcTime(iso: string | null | undefined): string {
  return utcDateTime(iso).slice(11);
}

/**
 * File name of an ADIF export: `pileup-buster-<CALL>-<YYYYMMDD>-<HHMM>Z.adi`. Characters that are not safe in
 * file names (a portable callsign's `/`) become `-`; without a station callsign the part is left out.
 */
export function adifFileName(nowMs: number, stationCallsign?: string | null): string {
  const iso = new Date(nowMs).toISOString();
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
  const call = (stationCallsign ?? '')
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return call ? `pileup-buster-${call}-${stamp}.adi` : `pileup-buster-${stamp}.adi`;
}

/** QSOs that ended in the hour before `nowMs`, counted from the log; null while the log is empty (not loaded). */
export function qsosLastHour(log: ReadonlyArray<{ time_off: string }>, nowMs: number): number | null {
  if (log.length === 0) return null;
  const since = nowMs - 3_600_000;
  return log.filter((qso) => {
    const end = Date.parse(qso.time_off);
    return end >= since && end <= nowMs + 60_000;
  }).length;
}
