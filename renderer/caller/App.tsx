import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { DEFAULT_POSITION_ID } from '../../shared/protocol/positions.js';
import { LiveRegion } from '../ui/LiveRegion.js';
import { fetchPublicState, fetchStationIdentity, leaveQueue, register, type StationIdentity } from './api.js';
import { turnAnnouncement } from './announce.js';
import { followedPosition, placeOf, type PlaceAt } from './camp.js';
import { CallsignForm } from './components/CallsignForm.js';
import { ConnectionNotice } from './components/ConnectionNotice.js';
import { LeaveControl } from './components/LeaveControl.js';
import { PositionCards } from './components/PositionCards.js';
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
import { useFarPositions, useNow } from './hooks.js';
import { joinBlock } from './join.js';
import { startLive } from './live.js';
import { fetchStreamUrl, STATION_STREAM_URL } from './relay.js';
import { alertLevel, isEscalation, myStatus, pageTitle, positionAnnouncement, type MyStatus } from './me.js';
import {
  askNotificationPermission,
  notificationsAvailable,
  playAlert,
  showNotification,
  unlockAudio,
} from './notify.js';
import { refusalMessage, type Refusal } from './refusals.js';
import { initialStore, reduce } from './state.js';
import {
  loadAlertsOn,
  loadCallsign,
  loadDepartureRaw,
  loadNotifyOn,
  loadPositionSecret,
  loadSecret,
  saveAlertsOn,
  saveCallsign,
  saveDepartureRaw,
  saveNotifyOn,
  savePositionSecret,
  saveSecret,
} from './storage.js';
import { useCamp } from './use-camp.js';
import { averageQsoSeconds, estimateWaitSeconds, formatWait, positionAverageQsoSeconds } from './wait.js';

/** The stream that also carries the events of every operating position (at a camp of several). */
const CAMP_STREAM_URL = `${STATION_STREAM_URL}?positions=all`;

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
  const [justQueued, setJustQueued] = useState<{
    callsign: string;
    position: number;
    at: number;
    /** Where (at a camp of several operating positions). */
    positionId: string;
  } | null>(null);
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
  /** At a camp: where the last notice of leaving came from (a rejoin goes back there). */
  const [departedFrom, setDepartedFrom] = useState<string>(DEFAULT_POSITION_ID);
  /** At a camp: the last refusal of a join at each position, in words. */
  const [cardRefusals, setCardRefusals] = useState<Record<string, { refusal: Refusal; text: string }>>({});
  /** Bumped when a position's leave secret is saved (they live in localStorage). */
  const [, setSecretsChanged] = useState(0);
  const counting = departure?.cooldownUntil != null && departure.cooldownUntil > Date.now();
  const now = useNow(counting ? 1000 : 15_000);
  const camp = useCamp(callsign);
  /** What the caller is typing and has not sent: kept when the page swaps one form for the other. */
  const [draft, setDraft] = useState('');

  // At a camp of several operating positions: every position with its live state, the caller's place at each,
  // and the one the caller's corner follows (their turn, else their best place).
  const stateOf = useCallback(
    (id: string) => (id === DEFAULT_POSITION_ID ? store.station : (camp.store.camp?.states[id] ?? null)),
    [store.station, camp.store.camp],
  );
  // Each entry is kept in line with its position's state by the camp reducer (queue, who is worked, radio).
  const positions = camp.on && camp.store.camp ? camp.store.camp.positions : null;
  // The caller's place where a queue is longer than its updates list (at any position).
  const farStates = useMemo(
    () =>
      positions
        ? Object.fromEntries(positions.map((p) => [p.id, stateOf(p.id)]))
        : { [DEFAULT_POSITION_ID]: store.station },
    [positions, stateOf, store.station],
  );
  const far = useFarPositions(farStates, callsign);
  const places = useMemo(() => {
    const at: Record<string, PlaceAt> = {};
    for (const p of positions ?? []) at[p.id] = placeOf(myStatus(stateOf(p.id), callsign, far[p.id] ?? null));
    return at;
  }, [positions, stateOf, callsign, far]);
  const followedId = positions
    ? (followedPosition(positions, places) ??
      (justQueued && justQueued.callsign === callsign ? justQueued.positionId : null))
    : DEFAULT_POSITION_ID;
  /** The state the caller's corner shows: the station's, or at a camp the position they follow (or none). */
  const station = followedId === null ? null : stateOf(followedId);
  const followedName = positions?.find((p) => p.id === followedId)?.name ?? null;
  const nameOf = useCallback((id: string) => positions?.find((p) => p.id === id)?.name ?? id, [positions]);
  const secretAt = (id: string): string | null =>
    id === DEFAULT_POSITION_ID ? secret : loadPositionSecret(callsign, id);

  const callsignRef = useRef(callsign);
  callsignRef.current = callsign;

  const setDeparture = useCallback((d: Departure | null) => {
    saveDepartureRaw(d === null ? null : storedForm(d));
    setDepartureState(d);
  }, []);

  const loadIdentity = useCallback(() => {
    fetchStationIdentity().then(setIdentity, () => undefined);
  }, []);

  const campOn = camp.on;
  const {
    loadSnapshot: loadCampSnapshot,
    onPositionEvent,
    refreshSlots,
    recheck,
    noticePositionUpdate,
  } = camp;
  useEffect(() => {
    const onCallerLeft = (raw: string, positionId: string): void => {
      const d = departureFromMessage(raw, callsignRef.current);
      if (!d) return;
      setDeparture(d);
      setDepartedFrom(positionId);
      // The registration this page was showing is over: never keep showing it as queued.
      setJustQueued(null);
      // The leave secret is kept: an undo by the operator may put this registration back, and a new
      // registration replaces it.
      if (campOn) refreshSlots();
    };
    return startLive({
      openSource: (url) => new EventSource(url),
      fetchState: fetchPublicState,
      // The page follows every position on the station's own stream, so that a position created while it is
      // open shows at once; at a station with one position, a relay's stream instead when there is one (it
      // carries the default position's events and position_update only; at a camp the page reads the station).
      streamUrl: campOn
        ? () => Promise.resolve(CAMP_STREAM_URL)
        : () => fetchStreamUrl().then((url) => (url === STATION_STREAM_URL ? CAMP_STREAM_URL : url)),
      dispatch,
      onSnapshot: () => {
        loadIdentity();
        if (campOn) loadCampSnapshot();
        else recheck();
      },
      onCallerLeft: (raw) => onCallerLeft(raw, DEFAULT_POSITION_ID),
      onPositionEvent: (event) => {
        // One position so far: only a position created matters (it makes this a camp).
        if (!campOn) {
          if (event.name === 'position_update') noticePositionUpdate(event);
        } else if (event.name !== 'caller_left') onPositionEvent(event);
        // The default position's notice comes through onCallerLeft, as on the plain stream.
        else if (event.positionId !== null && event.positionId !== DEFAULT_POSITION_ID)
          onCallerLeft(event.raw, event.positionId);
      },
    });
  }, [
    loadIdentity,
    setDeparture,
    campOn,
    loadCampSnapshot,
    onPositionEvent,
    refreshSlots,
    recheck,
    noticePositionUpdate,
  ]);

  const real: MyStatus = useMemo(
    () => myStatus(station, callsign, followedId === null ? null : (far[followedId] ?? null)),
    [station, callsign, far, followedId],
  );

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
      justQueued.callsign === callsign &&
      justQueued.positionId === followedId
    ) {
      return {
        kind: 'queued',
        position: justQueued.position,
        total: Math.max(station?.queue.total ?? 0, justQueued.position),
      };
    }
    return real;
  }, [real, station, callsign, justQueued, followedId]);

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

  const onQueuedAt = useCallback(
    (positionId: string, queued: string, position: number | null, newSecret: string | null) => {
      saveCallsign(queued);
      setCallsign(queued);
      setJustQueued(position ? { callsign: queued, position, at: Date.now(), positionId } : null);
      setDeparture(null);
      setRejoin({ pending: false, text: null });
      setLeave({ pending: false, error: null });
      setCardRefusals((r) => {
        const { [positionId]: _, ...others } = r;
        return others;
      });
      if (positionId !== DEFAULT_POSITION_ID) {
        if (newSecret !== null) savePositionSecret(queued, positionId, newSecret);
        setSecret(loadSecret(queued));
        setSecretsChanged((n) => n + 1);
      } else if (newSecret !== null) {
        saveSecret(queued, newSecret);
        setSecret(newSecret);
      } else if (loadSecret(queued) === null) setSecret(null);
      else setSecret(loadSecret(queued));
    },
    [setDeparture],
  );
  const onQueued = useCallback(
    (queued: string, position: number | null, newSecret: string | null) =>
      onQueuedAt(DEFAULT_POSITION_ID, queued, position, newSecret),
    [onQueuedAt],
  );
  /** At a camp: the callsign typed to see what it already has and where it can join. */
  const onCallsign = useCallback(
    (typed: string) => {
      if (typed !== callsignRef.current) {
        setDeparture(null);
        setCardRefusals({});
        setSecret(loadSecret(typed));
      }
      saveCallsign(typed);
      setCallsign(typed);
    },
    [setDeparture],
  );
  const onCardRefused = useCallback(
    (positionId: string, refusal: Refusal) => {
      const c = callsignRef.current ?? '';
      const max = positions?.find((p) => p.id === positionId)?.max_size || null;
      const text = refusalMessage(refusal, { callsign: c, maxQueueSize: max, positionName: nameOf });
      setCardRefusals((r) => ({ ...r, [positionId]: { refusal, text } }));
      // The page's picture of the caller's slots was out of date (a QSO logged elsewhere): ask again.
      if (refusal.code === 'SLOT_ALREADY_WORKED') refreshSlots();
    },
    [positions, nameOf, refreshSlots],
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
  const leaveAt = (positionId: string): void => {
    const held = secretAt(positionId);
    if (!callsign || !held) return;
    setLeave({ pending: true, error: null });
    const at = positionId === DEFAULT_POSITION_ID ? undefined : positionId;
    void leaveQueue(callsign, held, at).then((outcome) => {
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
        setDepartedFrom(positionId);
        savePositionSecret(callsign, positionId, null);
        if (positionId === DEFAULT_POSITION_ID) setSecret(null);
        setSecretsChanged((n) => n + 1);
        setCardRefusals({});
      } else {
        const r = outcome.refusal;
        setLeave({
          pending: false,
          error:
            r.code === 'INVALID_SECRET'
              ? 'This device cannot leave the queue for this callsign.'
              : r.code === 'NOT_FOUND'
                ? `${callsign} is no longer in the queue.`
                : refusalMessage(r, { callsign, maxQueueSize: null, positionName: nameOf }),
        });
      }
    });
  };
  const onLeave = (): void => leaveAt(followedId ?? DEFAULT_POSITION_ID);
  const onRejoin = useCallback(() => {
    if (!callsign) return;
    setRejoin({ pending: true, text: null });
    const from = campOn ? departedFrom : DEFAULT_POSITION_ID;
    void register(callsign, from === DEFAULT_POSITION_ID ? undefined : from).then((outcome) => {
      if (outcome.kind === 'registered') {
        onQueuedAt(from, outcome.entry.callsign, outcome.entry.position, outcome.secret);
      } else if (outcome.kind === 'manual') {
        setRejoin({ pending: false, text: 'Please fill in the form below to join.' });
      } else {
        setRejoin({
          pending: false,
          text: refusalMessage(outcome.refusal, {
            callsign,
            maxQueueSize: station?.queue.max_size || null,
            positionName: nameOf,
          }),
        });
        if (outcome.refusal.code === 'ALREADY_QUEUED') onQueuedAt(from, callsign, null, null);
      }
    });
  }, [callsign, onQueuedAt, station, campOn, departedFrom, nameOf]);

  const average = (state: typeof station): number | null =>
    state === null ? null : positions ? positionAverageQsoSeconds(state, now) : averageQsoSeconds(state, now);
  const waitText =
    status.kind === 'queued' && station
      ? formatWait(estimateWaitSeconds(status.position, average(station)))
      : null;
  /** A card's estimated wait: for the caller's place there, else for one more in its queue. */
  const waitAt = (id: string): string | null => {
    const place = places[id];
    if (place?.kind === 'turn') return null;
    const view = positions?.find((p) => p.id === id);
    const at = place?.kind === 'queued' ? place.position : (view?.queue_length ?? 0) + 1;
    return formatWait(estimateWaitSeconds(at, average(stateOf(id))));
  };
  const leaveElsewhere = (ids: string[]) =>
    callsign &&
    ids.map((id) => (
      <LeaveControl
        key={id}
        callsign={callsign}
        hasSecret={secretAt(id) !== null}
        pending={leave.pending}
        error={leave.error}
        onLeave={() => leaveAt(id)}
        label={`Leave the queue at ${nameOf(id)}`}
      />
    ));
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
      <ConnectionNotice connection={store.connection} hasData={store.station !== null} />
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
            form={
              positions && !following ? (
                <CallsignForm
                  key={callsign ?? ''}
                  initialCallsign={callsign ?? draft}
                  onDraft={setDraft}
                  onCallsign={onCallsign}
                />
              ) : undefined
            }
            positionName={positions && following ? followedName : null}
            draft={draft}
            onDraft={setDraft}
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
            hasSecret={secretAt(followedId ?? DEFAULT_POSITION_ID) !== null}
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
          {positions && (
            <PositionCards
              positions={positions}
              ctx={{ callsign, workedSlots: camp.workedSlots, rules: camp.store.rules, places }}
              waitOf={waitAt}
              refusals={cardRefusals}
              onQueued={onQueuedAt}
              onRefused={onCardRefused}
              leave={leaveElsewhere}
            />
          )}
          {(!positions || station) && (
            <CurrentQsoCard
              qso={station?.current_qso ?? null}
              active={active}
              mine={status.kind === 'turn'}
              now={now}
            />
          )}
          {station && <QueueList queue={station.queue} mine={callsign} paused={station.system.paused} />}
        </div>
        <div className="column column-side">
          <WorldMap
            worked={store.station?.worked.worked_callers ?? []}
            current={active ? (station?.current_qso ?? null) : null}
          />
          {store.station && (
            <WorkedList
              worked={store.station.worked.worked_callers}
              total={store.station.worked.total}
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
