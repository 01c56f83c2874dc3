import { useEffect, useMemo, useRef, useState } from 'react';
import { fetchQueuePosition } from './api.js';
import { needsFarPosition, type FarPosition } from './me.js';
import type { PublicState } from './state.js';

/** The current time, refreshed every `intervalMs` while `enabled`. */
export function useNow(intervalMs: number, enabled = true): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!enabled) return;
    setNow(new Date());
    const id = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs, enabled]);
  return now;
}

/** How often a caller beyond the listed entries asks the server for their place, at most. */
export const FAR_POSITION_INTERVAL_MS = 10_000;

/**
 * The caller's place at each position whose queue is longer than its updates list and does not list them
 * (`needsFarPosition`): asked of the server (`GET /api/queue/status/{callsign}?position_id=`) when that queue
 * changes, at most every {@link FAR_POSITION_INTERVAL_MS} per position. `states` holds each position's state
 * (one entry, the default position, at a station of one position).
 */
export function useFarPositions(
  states: Readonly<Record<string, PublicState | null>>,
  callsign: string | null,
): Readonly<Record<string, FarPosition>> {
  const [far, setFar] = useState<Record<string, FarPosition>>({});
  const lastAsked = useRef(new Map<string, number>());
  const needed = callsign
    ? Object.keys(states).filter((id) => needsFarPosition(states[id] ?? null, callsign))
    : [];
  const neededRef = useRef(needed);
  neededRef.current = needed;
  const ids = needed.join(',');
  // a change of one of those queues asks again (each state's seq moves with its events)
  const seqs = needed.map((id) => states[id]?.seq ?? 0).join(',');
  useEffect(() => {
    if (!callsign || neededRef.current.length === 0) return;
    const timers = neededRef.current.map((id) => {
      const wait = Math.max(0, (lastAsked.current.get(id) ?? 0) + FAR_POSITION_INTERVAL_MS - Date.now());
      // A later queue change moves the timer, not its deadline; an answer in flight is not thrown away.
      return setTimeout(() => {
        lastAsked.current.set(id, Date.now());
        fetchQueuePosition(callsign, undefined, id).then(
          (position) =>
            setFar((prev) => {
              const next = { ...prev };
              if (position === null) delete next[id];
              else next[id] = { callsign, position };
              return next;
            }),
          () => undefined, // offline for a moment: the next queue change asks again
        );
      }, wait);
    });
    return () => timers.forEach((t) => clearTimeout(t));
  }, [ids, seqs, callsign]);
  // only the positions that still need it, and only for this callsign
  return useMemo(() => {
    const out: Record<string, FarPosition> = {};
    for (const id of ids === '' ? [] : ids.split(',')) {
      const at = far[id];
      if (at && at.callsign === callsign) out[id] = at;
    }
    return out;
  }, [far, ids, callsign]);
}
