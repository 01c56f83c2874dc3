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

/** How long ago an ISO time was: "just now", "12 s ago", "3 min ago", "2 h ago", "4 d ago"; '' for a bad time. */
export function ago(iso: string | null | undefined, nowMs: number): string {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const s = Math.max(0, Math.floor((nowMs - then) / 1000));
  if (s < 2) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

/** A byte count in B, KiB, MiB or GiB with one decimal from KiB on. */
export function formatBytes(bytes: number): string {
  const value = Math.max(0, Number.isFinite(bytes) ? bytes : 0);
  if (value < 1024) return `${Math.round(value)} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let scaled = value / 1024;
  let unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  return `${scaled.toFixed(1)} ${units[unit]}`;
}

/** An uptime: "42 s", "5 min", "3 h 07 min", "2 d 4 h". */
export function formatUptime(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(Number.isFinite(totalSeconds) ? totalSeconds : 0));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400)
    return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

/** Milliseconds with sensible precision ("0.42 ms", "3.1 ms", "120 ms"), or "–" when unknown. */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}
