import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { LiveRegion } from '../ui/LiveRegion.js';
import { fetchPublicState, fetchStationIdentity, leaveQueue, register, type StationIdentity } from './api.js';
import { turnAnnouncement } from './announce.js';
import { ConnectionNotice } from './components/ConnectionNotice.js';
import { CurrentQsoCard } from './components/CurrentQsoCard.js';
import { Header } from './components/Header.js';
import { QueueList } from './components/QueueList.js';
import { TurnBar } from './components/TurnBar.js';
import { WorkedList } from './components/WorkedList.js';
import { WorldMap } from './components/WorldMap.js';
import { YouPanel } from './components/YouPanel.js';
import {
  callsOf,
  departureFromMessage,
  departureMessage,
  parseStoredDeparture,
  storedDeparture as storedForm,
  type Departure,
} from './departure.js';
import { describeFrequency } from './format.js';
import { useFarPosition, useNow } from './hooks.js';
import { joinBlock } from './join.js';
import { startLive } from './live.js';
import { fetchStreamUrl } from './relay.js';
import { alertLevel, isEscalation, myStatus, pageTitle, positionAnnouncement, type MyStatus } from './me.js';
import {
  askNotificationPermission,
  notificationsAvailable,
  playAlert,
  showNotification,
  unlockAudio,
} from './notify.js';
import { refusalMessage } from './refusals.js';
import { initialStore, reduce } from './state.js';
import {
  loadAlertsOn,
  loadCallsign,
  loadDepartureRaw,
  loadNotifyOn,
  loadSecret,
  saveAlertsOn,
  saveCallsign,
  saveDepartureRaw,
  saveNotifyOn,
  saveSecret,
} from './storage.js';
import { averageQsoSeconds, estimateWaitSeconds, formatWait } from './wait.js';

/** How long a fresh registration counts as queued before the live queue confirms it. */
const OPTIMISTIC_MS = 5000;

function storedDeparture(callsign: string | null): Departure | null {
  const d = parseStoredDeparture(loadDepartureRaw());
  return d && d.callsign === callsign ? d : null;
}

export function App() {
  const [store, dispatch] = useReducer(reduce, undefined, initialStore);
  const [callsign, setCallsign] = useState<string | null>(loadCallsign);
  const [alertsOn, setAlertsOn] = useState(loadAlertsOn);
  const [notifyOn, setNotifyOn] = useState(() => loadNotifyOn() && notificationsAvailable());
  const [justQueued, setJustQueued] = useState<{ callsign: string; position: number; at: number } | null>(
    null,
  );
  const [departure, setDepartureState] = useState<Departure | null>(() => storedDeparture(loadCallsign()));
  const [secret, setSecret] = useState<string | null>(() => loadSecret(loadCallsign()));
  const [identity, setIdentity] = useState<StationIdentity>({
    station_callsign: null,
    station_message: null,
  });
  const [leave, setLeave] = useState<{ pending: boolean; error: string | null }>({
    pending: false,
    error: null,
  });
  const [rejoin, setRejoin] = useState<{ pending: boolean; text: string | null }>({
    pending: false,
    text: null,
  });
  const [queueOpened, setQueueOpened] = useState(false);
  const counting = departure?.cooldownUntil != null && departure.cooldownUntil > Date.now();
  const now = useNow(counting ? 1000 : 15_000);
  const station = store.station;
  const far = useFarPosition(station, callsign);

  const callsignRef = useRef(callsign);
  callsignRef.current = callsign;

  const setDeparture = useCallback((d: Departure | null) => {
    saveDepartureRaw(d === null ? null : storedForm(d));
    setDepartureState(d);
  }, []);

  const loadIdentity = useCallback(() => {
    fetchStationIdentity().then(setIdentity, () => undefined);
  }, []);

  useEffect(
    () =>
      startLive({
        openSource: (url) => new EventSource(url),
        fetchState: fetchPublicState,
        streamUrl: () => fetchStreamUrl(),
        dispatch,
        onSnapshot: loadIdentity,
        onCallerLeft: (raw) => {
          const d = departureFromMessage(raw, callsignRef.current);
          if (!d) return;
          setDeparture(d);
          // The registration this page was showing is over: never keep showing it as queued.
          setJustQueued(null);
          // The leave secret is kept: an undo by the operator may put this registration back, and a new
          // registration replaces it.
        },
      }),
    [loadIdentity, setDeparture],
  );

  const real: MyStatus = useMemo(() => myStatus(station, callsign, far), [station, callsign, far]);

  // A fresh registration shows as queued for a few seconds, until the live queue confirms it; the display ends
  // when its time runs out (a timer), when the queue confirms it, or when a notice says the caller left.
  useEffect(() => {
    if (!justQueued) return;
    if (real.kind === 'queued' || real.kind === 'turn') {
      setJustQueued(null);
      return;
    }
    const timer = setTimeout(
      () => setJustQueued(null),
      Math.max(0, justQueued.at + OPTIMISTIC_MS - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [justQueued, real.kind]);

  const status: MyStatus = useMemo(() => {
    if (
      (real.kind === 'absent' || real.kind === 'worked') &&
      justQueued &&
      justQueued.callsign === callsign
    ) {
      return {
        kind: 'queued',
        position: justQueued.position,
        total: Math.max(station?.queue.total ?? 0, justQueued.position),
      };
    }
    return real;
  }, [real, station, callsign, justQueued]);

  // When a new turn begins, an older notice (cancelled, moved back) no longer applies; nor does a notice that the
  // caller left once they are back in the queue (the operator undid the removal, the clear or the no-show), apart
  // from "moved back", which says where they wait now. Only the moment it begins: the notice that ends a turn
  // ("You're in the log") arrives just before the current QSO is cleared.
  const previousKind = useRef(status.kind);
  useEffect(() => {
    const before = previousKind.current;
    previousKind.current = status.kind;
    if (!departure) return;
    if (status.kind === 'turn' && before !== 'turn') setDeparture(null);
    const movedBack = departure.reason === 'no_show' && departure.position !== null;
    if (status.kind === 'queued' && before !== 'queued' && before !== 'turn' && !movedBack)
      setDeparture(null);
  }, [status.kind, departure, setDeparture]);

  const freq = station && station.system.active ? describeFrequency(station.frequency) : null;
  const split = (station?.system.active && station.split.split?.trim()) || null;
  const calls = status.kind === 'turn' ? callsOf(station?.current_qso?.metadata) : 1;
  const level = alertLevel(status);
  const radio = { frequency: freq, split, calls };
  const turnText = turnAnnouncement(status, callsign, radio);

  const previousLevel = useRef(level);
  useEffect(() => {
    if (isEscalation(previousLevel.current, level) && level !== 'none') {
      if (alertsOn) playAlert(level);
      if (notifyOn && turnText)
        showNotification(level === 'turn' ? 'Your turn: call now!' : "You're next", turnText);
    }
    previousLevel.current = level;
  }, [level, alertsOn, notifyOn, turnText]);

  const title = pageTitle(status);
  useEffect(() => {
    document.title = title;
  }, [title]);

  const block = joinBlock(
    station,
    departure?.cooldownUntil != null
      ? { callsign: departure.callsign, until: departure.cooldownUntil, now: now.getTime() }
      : null,
  );
  const following = status.kind === 'queued' || status.kind === 'turn';
  const previousBlock = useRef(block);
  useEffect(() => {
    if (previousBlock.current !== null && block === null && station && !following) setQueueOpened(true);
    if (block !== null || following) setQueueOpened(false);
    previousBlock.current = block;
  }, [block, station, following]);

  const onQueued = useCallback(
    (queued: string, position: number | null, newSecret: string | null) => {
      saveCallsign(queued);
      setCallsign(queued);
      setJustQueued(position ? { callsign: queued, position, at: Date.now() } : null);
      setDeparture(null);
      setRejoin({ pending: false, text: null });
      setLeave({ pending: false, error: null });
      if (newSecret !== null) {
        saveSecret(queued, newSecret);
        setSecret(newSecret);
      } else if (loadSecret(queued) === null) setSecret(null);
      else setSecret(loadSecret(queued));
    },
    [setDeparture],
  );
  const onForget = useCallback(() => {
    saveCallsign(null);
    setCallsign(null);
    setJustQueued(null);
    setDeparture(null);
    setSecret(null);
  }, [setDeparture]);
  const onAlertsChange = useCallback((on: boolean) => {
    if (on) unlockAudio();
    saveAlertsOn(on);
    setAlertsOn(on);
  }, []);
  const onNotifyChange = useCallback((on: boolean) => {
    if (!on) {
      saveNotifyOn(false);
      setNotifyOn(false);
      return;
    }
    void askNotificationPermission().then((granted) => {
      saveNotifyOn(granted);
      setNotifyOn(granted);
    });
  }, []);
  const onLeave = useCallback(() => {
    if (!callsign || !secret) return;
    setLeave({ pending: true, error: null });
    void leaveQueue(callsign, secret).then((outcome) => {
      if (outcome.kind === 'left') {
        setLeave({ pending: false, error: null });
        setJustQueued(null);
        setDeparture({
          callsign,
          reason: 'left',
          rejoin: true,
          qso: null,
          position: null,
          cooldownUntil: null,
        });
        saveSecret(callsign, null);
        setSecret(null);
      } else {
        const r = outcome.refusal;
        setLeave({
          pending: false,
          error:
            r.code === 'INVALID_SECRET'
              ? 'This device cannot leave the queue for this callsign.'
              : r.code === 'NOT_FOUND'
                ? `${callsign} is no longer in the queue.`
                : refusalMessage(r, { callsign, maxQueueSize: null }),
        });
      }
    });
  }, [callsign, secret, setDeparture]);
  const onRejoin = useCallback(() => {
    if (!callsign) return;
    setRejoin({ pending: true, text: null });
    void register(callsign).then((outcome) => {
      if (outcome.kind === 'registered') {
        onQueued(outcome.entry.callsign, outcome.entry.position, outcome.secret);
      } else if (outcome.kind === 'manual') {
        setRejoin({ pending: false, text: 'Please fill in the form below to join.' });
      } else {
        setRejoin({
          pending: false,
          text: refusalMessage(outcome.refusal, { callsign, maxQueueSize: station?.queue.max_size || null }),
        });
        if (outcome.refusal.code === 'ALREADY_QUEUED') onQueued(callsign, null, null);
      }
    });
  }, [callsign, onQueued, station]);

  const waitText =
    status.kind === 'queued' && station
      ? formatWait(estimateWaitSeconds(status.position, averageQsoSeconds(station, now)))
      : null;
  const active = station?.system.active ?? false;
  const workedEntry =
    status.kind === 'worked'
      ? (station?.worked.worked_callers.find((w) => w.callsign === callsign) ?? null)
      : null;

  const announcement =
    turnText ??
    (departure && !following ? departureMessage(departure) : null) ??
    (queueOpened ? 'The queue is open: you can join now.' : null) ??
    positionAnnouncement(status, callsign);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to your place in the queue
      </a>
      <Header station={station} identity={identity} />
      <ConnectionNotice connection={store.connection} hasData={station !== null} />
      <LiveRegion text={announcement} assertive={level === 'turn'} />
      <main id="main" className={`layout${level !== 'none' ? ' has-turn-bar' : ''}`} tabIndex={-1}>
        <div className="column column-main">
          {station && !active && (
            <p className="notice" data-testid="off-air-note">
              The station is off the air. You can join the queue when it is back on.
            </p>
          )}
          {station && active && station.system.paused && (
            <p className="notice" data-testid="paused-note">
              The queue is paused: no new registrations for now.
            </p>
          )}
          <YouPanel
            callsign={callsign}
            status={status}
            waitText={waitText}
            maxQueueSize={station?.queue.max_size || null}
            alertsOn={alertsOn}
            now={now}
            calls={calls}
            departure={departure}
            worked={workedEntry ? { band: workedEntry.band, mode: workedEntry.mode } : null}
            block={block}
            queueOpened={queueOpened}
            hasSecret={secret !== null}
            leave={leave}
            rejoin={rejoin}
            notify={{ available: notificationsAvailable(), on: notifyOn }}
            onQueued={onQueued}
            onForget={onForget}
            onAlertsChange={onAlertsChange}
            onNotifyChange={onNotifyChange}
            onLeave={onLeave}
            onRejoin={onRejoin}
          />
          <CurrentQsoCard
            qso={station?.current_qso ?? null}
            active={active}
            mine={status.kind === 'turn'}
            now={now}
          />
          {station && <QueueList queue={station.queue} mine={callsign} paused={station.system.paused} />}
        </div>
        <div className="column column-side">
          <WorldMap
            worked={station?.worked.worked_callers ?? []}
            current={active ? (station?.current_qso ?? null) : null}
          />
          {station && (
            <WorkedList
              worked={station.worked.worked_callers}
              total={station.worked.total}
              mine={callsign}
              now={now}
            />
          )}
        </div>
      </main>
      <footer className={`site-footer muted small${level !== 'none' ? ' has-turn-bar' : ''}`}>
        Pileup Buster · an orderly queue for the pileup
      </footer>
      {level !== 'none' && (
        <TurnBar level={level} callsign={callsign} frequency={freq} split={split} calls={calls} />
      )}
    </>
  );
}
