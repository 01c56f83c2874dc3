/** The estimated wait: position × the average QSO duration. Pure. */
import type { PublicState } from './state.js';

/** Gaps longer than this between two worked stations are breaks, not QSOs. */
const MAX_QSO_GAP_S = 20 * 60;
const WINDOW_S = 60 * 60;

/**
 * Average QSO duration in seconds; null if unknown. The live worked list wins once it has two or more gaps in the
 * last hour (it follows every QSO, while the server's stats are from the last snapshot); else the stats; else a
 * single gap.
 */
export function averageQsoSeconds(station: PublicState, now: Date): number | null {
  const gaps = workedGaps(station, now);
  const fromStats = station.stats.average_qso_seconds;
  if (gaps.length >= 2) return gaps.reduce((a, b) => a + b, 0) / gaps.length;
  if (fromStats !== null && Number.isFinite(fromStats) && fromStats > 0) return fromStats;
  return gaps.length === 1 ? (gaps[0] ?? null) : null;
}

function workedGaps(station: PublicState, now: Date): number[] {
  const since = now.getTime() - WINDOW_S * 1000;
  const times = station.worked.worked_callers
    .map((w) => Date.parse(w.worked_timestamp))
    .filter((t) => Number.isFinite(t) && t >= since)
    .sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const gap = ((times[i] ?? 0) - (times[i - 1] ?? 0)) / 1000;
    if (gap > 0 && gap <= MAX_QSO_GAP_S) gaps.push(gap);
  }
  return gaps;
}

/**
 * At a camp of several positions: the position's own average (its state's stats) first, since the worked list
 * is the whole camp's and its gaps are shorter than one position's QSOs; else as above.
 */
export function positionAverageQsoSeconds(state: PublicState, now: Date): number | null {
  const own = state.stats.average_qso_seconds;
  if (own !== null && Number.isFinite(own) && own > 0) return own;
  return averageQsoSeconds(state, now);
}

export function estimateWaitSeconds(position: number, averageSeconds: number | null): number | null {
  if (averageSeconds === null || position < 1) return null;
  return position * averageSeconds;
}

/** "about N min", or null when unknown. */
export function formatWait(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  const minutes = Math.max(1, Math.round(seconds / 60));
  return `about ${minutes} min`;
}
