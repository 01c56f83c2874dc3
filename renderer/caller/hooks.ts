import { useEffect, useRef, useState } from 'react';
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
 * The caller's place when they are further back than a long queue's updates list: asked of the server when the
 * queue changes, at most every {@link FAR_POSITION_INTERVAL_MS}.
 */
export function useFarPosition(station: PublicState | null, callsign: string | null): FarPosition | null {
  const [far, setFar] = useState<FarPosition | null>(null);
  const lastAsked = useRef(0);
  const needed = needsFarPosition(station, callsign);
  const queue = station?.queue;
  useEffect(() => {
    if (!needed || !callsign) return;
    const wait = Math.max(0, lastAsked.current + FAR_POSITION_INTERVAL_MS - Date.now());
    // A later queue change moves the timer, not its deadline; an answer in flight is not thrown away.
    const timer = setTimeout(() => {
      lastAsked.current = Date.now();
      fetchQueuePosition(callsign).then(
        (position) => setFar(position === null ? null : { callsign, position }),
        () => undefined, // offline for a moment: the next queue change asks again
      );
    }, wait);
    return () => clearTimeout(timer);
  }, [needed, callsign, queue]);
  return needed ? far : null;
}
