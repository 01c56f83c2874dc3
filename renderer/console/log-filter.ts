/** Search and time filter of the worked log. Pure. */
import type { QsoRecord } from '../../shared/protocol/types.js';

export type LogWindow = 'hour' | 'today' | 'day' | 'week' | 'all';

export const LOG_WINDOWS: ReadonlyArray<{ value: LogWindow; label: string }> = [
  { value: 'hour', label: 'Last hour' },
  { value: 'today', label: 'Today (UTC)' },
  { value: 'day', label: 'Last 24 h' },
  { value: 'week', label: 'Last 7 days' },
  { value: 'all', label: 'All' },
];

/** Earliest `time_off` (ms) a QSO may have to be shown, or null for no limit. */
export function windowStart(window: LogWindow, nowMs: number): number | null {
  switch (window) {
    case 'hour':
      return nowMs - 3_600_000;
    case 'day':
      return nowMs - 86_400_000;
    case 'week':
      return nowMs - 7 * 86_400_000;
    case 'today': {
      const now = new Date(nowMs);
      return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    }
    case 'all':
      return null;
  }
}

function haystack(qso: QsoRecord): string {
  return [
    qso.callsign,
    qso.qrz?.name,
    qso.qrz?.dxcc?.entity,
    qso.qrz?.dxcc_name,
    qso.band,
    qso.mode,
    qso.frequency,
  ]
    .filter((part): part is string => typeof part === 'string')
    .join(' ')
    .toUpperCase();
}

/**
 * QSOs matching the search text (every word must appear in callsign, name, DXCC entity, band, mode or
 * frequency; case-insensitive) and ending inside the time window.
 */
export function filterLog(
  log: readonly QsoRecord[],
  search: string,
  window: LogWindow,
  nowMs: number,
): QsoRecord[] {
  const start = windowStart(window, nowMs);
  const words = search.trim().toUpperCase().split(/\s+/).filter(Boolean);
  return log.filter((qso) => {
    if (start !== null) {
      const end = Date.parse(qso.time_off);
      if (Number.isNaN(end) || end < start) return false;
    }
    if (words.length === 0) return true;
    const text = haystack(qso);
    return words.every((word) => text.includes(word));
  });
}
