import type { QsoRecord, WorkedCaller } from '../../../shared/protocol/types.js';
import type { WorkedView } from './state-schemas.js';

/**
 * The worked-callers view: one entry per callsign over the QSOs of the last `windowHours` (the log itself keeps
 * every QSO). `qsos` must be sorted by `time_off` ascending. Newest first.
 */
export function workedCallers(
  qsos: readonly QsoRecord[],
  view: WorkedView,
  windowHours: number,
  nowMs: number,
): WorkedCaller[] {
  const windowMs = windowHours * 3_600_000;
  const clearedAt = view.cleared_at ? Date.parse(view.cleared_at) : -Infinity;
  const resetAt = view.ttl_reset_at ? Date.parse(view.ttl_reset_at) : -Infinity;
  const resetActive = resetAt + windowMs > nowMs;
  const cutoff = Math.max(clearedAt, resetActive ? clearedAt : nowMs - windowMs);

  const byCallsign = new Map<string, WorkedCaller>();
  for (let i = qsos.length - 1; i >= 0; i -= 1) {
    const qso = qsos[i]!;
    const off = Date.parse(qso.time_off);
    if (off <= cutoff) break;
    const existing = byCallsign.get(qso.callsign);
    if (existing) {
      existing.times_worked += 1;
      existing.first_worked = qso.time_off;
      continue;
    }
    byCallsign.set(qso.callsign, {
      callsign: qso.callsign,
      name: qso.qrz.name,
      location: qso.qrz.address,
      country: qso.qrz.dxcc_name ?? qso.qrz.dxcc?.entity ?? null,
      qrz_image: qso.qrz.image,
      grid: qso.qrz.grid,
      worked_timestamp: qso.time_off,
      first_worked: qso.time_off,
      times_worked: 1,
      band: qso.band,
      mode: qso.mode,
      dxcc: qso.qrz.dxcc,
    });
  }
  return [...byCallsign.values()];
}
