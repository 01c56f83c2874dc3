/**
 * The queue follows the log: which waiting callers a set of newly logged QSOs (an ADIF import, a logger's QSO)
 * takes out of the queue, each with the newest of their QSOs for the notice their page shows. Pure.
 */
import type { QsoRecord } from '../../../shared/protocol/types.js';

export function loggedQueuedCallers(
  records: readonly QsoRecord[],
  isQueued: (callsign: string) => boolean,
): QsoRecord[] {
  const newest = new Map<string, QsoRecord>();
  for (const r of records) {
    if (!isQueued(r.callsign)) continue;
    const seen = newest.get(r.callsign);
    if (!seen || r.time_on > seen.time_on) newest.set(r.callsign, r);
  }
  return [...newest.values()];
}
