/**
 * The caller page's knowledge of a camp of operating positions: whether the station runs more than one
 * position (asked of `GET /api/positions` each time the page's stream opens, and told by the stream itself: a
 * `position_update` that creates a second position switches the page to the camp view at once),
 * each position's live state (camp-state.ts, fed by the positions stream), and the band-mode slots the caller has
 * in the log (`?callsign=`, asked again after each of their QSOs).
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { SlotInfo } from '../../shared/protocol/positions.js';
import type { PublicState } from '../../shared/protocol/public-state.js';
import { fetchPositions, fetchPositionState } from './api.js';
import { createsPosition, isCamp } from './camp.js';
import { initialCamp, reduceCamp, type CampStore } from './camp-state.js';
import type { PositionEventMessage } from './live.js';

export interface Camp {
  /** The station runs more than one position: the page follows them all. */
  on: boolean;
  store: CampStore;
  /** The slots the current callsign has in the log; null while unknown (or no callsign). */
  workedSlots: SlotInfo[] | null;
  /** Each time the page's stream (re)opens at a camp: every position's state again. */
  loadSnapshot: () => void;
  /** Each time the page's stream (re)opens at a single-position station: whether positions were defined since. */
  recheck: () => void;
  /**
   * A `position_update` heard while the station runs one position: taken into the positions list (kept from an
   * earlier camp), and a position created makes it a camp.
   */
  noticePositionUpdate: (event: PositionEventMessage) => void;
  /** After one of the caller's QSOs, or a refusal for a slot: the slots again. */
  refreshSlots: () => void;
  onPositionEvent: (event: PositionEventMessage) => void;
}

export function useCamp(callsign: string | null): Camp {
  const [store, dispatch] = useReducer(reduceCamp, undefined, initialCamp);
  const [listed, setListed] = useState(false);
  const [slots, setSlots] = useState<{ callsign: string; slots: SlotInfo[] } | null>(null);
  const callsignRef = useRef(callsign);
  callsignRef.current = callsign;
  const snapshotAbort = useRef<AbortController | null>(null);

  const on = store.camp !== null ? isCamp(store.camp.positions) : listed;

  const loadSnapshot = useCallback(() => {
    snapshotAbort.current?.abort();
    const abort = new AbortController();
    snapshotAbort.current = abort;
    dispatch({ type: 'snapshot_requested' });
    const asked = callsignRef.current;
    void (async () => {
      try {
        const answer = await fetchPositions(asked, abort.signal);
        const states: Record<string, PublicState> = {};
        await Promise.all(
          answer.positions.map(async (p) => {
            states[p.id] = await fetchPositionState(p.id, abort.signal);
          }),
        );
        if (abort.signal.aborted) return;
        setListed(isCamp(answer.positions));
        dispatch({
          type: 'snapshot',
          list: { positions: answer.positions, seq: answer.seq },
          rules: answer.caller_rules,
          states,
        });
        if (asked && answer.worked_slots) setSlots({ callsign: asked, slots: answer.worked_slots });
      } catch {
        // Offline for a moment, or a server without positions: the next open asks again.
      }
    })();
  }, []);

  const recheck = useCallback(() => {
    fetchPositions(null).then(
      (answer) => setListed(isCamp(answer.positions)),
      () => undefined, // offline for a moment: the stream's next open asks again
    );
  }, []);

  // Whether this is a camp at all is asked each time the page's stream opens (recheck, from the page's snapshot
  // handler); in between, the stream says so (noticePositionUpdate), so nothing polls.

  const noticePositionUpdate = useCallback((event: PositionEventMessage) => {
    dispatch({ type: 'event', event });
    if (createsPosition(event.data)) setListed(true);
  }, []);

  const refreshSlots = useCallback(() => {
    const asked = callsignRef.current;
    if (!asked) return;
    fetchPositions(asked).then(
      (answer) => {
        if (answer.worked_slots && callsignRef.current === asked) {
          setSlots({ callsign: asked, slots: answer.worked_slots });
        }
      },
      () => undefined,
    );
  }, []);

  // A new callsign (typed to look, or registered): its slots.
  useEffect(() => {
    if (on && callsign) refreshSlots();
  }, [on, callsign, refreshSlots]);

  const onPositionEvent = useCallback(
    (event: PositionEventMessage) => {
      dispatch({ type: 'event', event });
    },
    [dispatch],
  );

  return {
    on,
    store,
    workedSlots: slots && slots.callsign === callsign ? slots.slots : null,
    loadSnapshot,
    recheck,
    noticePositionUpdate,
    refreshSlots,
    onPositionEvent,
  };
}
