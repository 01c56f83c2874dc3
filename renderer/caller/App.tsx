import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { LiveRegion } from '../ui/LiveRegion.js';
import { fetchPublicState } from './api.js';
import { ConnectionNotice } from './components/ConnectionNotice.js';
import { CurrentQsoCard } from './components/CurrentQsoCard.js';
import { Header } from './components/Header.js';
import { QueueList } from './components/QueueList.js';
import { WorkedList } from './components/WorkedList.js';
import { WorldMap } from './components/WorldMap.js';
import { YouPanel } from './components/YouPanel.js';
import { useFarPosition, useNow } from './hooks.js';
import { startLive } from './live.js';
import { fetchStreamUrl } from './relay.js';
import { alertLevel, isEscalation, myStatus, pageTitle, positionAnnouncement, type MyStatus } from './me.js';
import { playAlert, unlockAudio } from './notify.js';
import { initialStore, reduce } from './state.js';
import { loadAlertsOn, loadCallsign, saveAlertsOn, saveCallsign } from './storage.js';
import { averageQsoSeconds, estimateWaitSeconds, formatWait } from './wait.js';

/** How long a fresh registration counts as queued before the live queue confirms it. */
const OPTIMISTIC_MS = 5000;

export function App() {
  const [store, dispatch] = useReducer(reduce, undefined, initialStore);
  const [callsign, setCallsign] = useState<string | null>(loadCallsign);
  const [alertsOn, setAlertsOn] = useState(loadAlertsOn);
  const [justQueued, setJustQueued] = useState<{ callsign: string; position: number; at: number } | null>(
    null,
  );
  const now = useNow(15_000);
  const station = store.station;
  const far = useFarPosition(station, callsign);

  useEffect(
    () =>
      startLive({
        openSource: (url) => new EventSource(url),
        fetchState: fetchPublicState,
        streamUrl: () => fetchStreamUrl(),
        dispatch,
      }),
    [],
  );

  const status: MyStatus = useMemo(() => {
    const real = myStatus(station, callsign, far);
    if (
      real.kind === 'absent' &&
      justQueued &&
      justQueued.callsign === callsign &&
      Date.now() - justQueued.at < OPTIMISTIC_MS
    ) {
      return {
        kind: 'queued',
        position: justQueued.position,
        total: Math.max(station?.queue.total ?? 0, justQueued.position),
      };
    }
    return real;
  }, [station, callsign, justQueued, far]);

  const level = alertLevel(status);
  const previousLevel = useRef(level);
  useEffect(() => {
    if (isEscalation(previousLevel.current, level) && alertsOn && level !== 'none') playAlert(level);
    previousLevel.current = level;
  }, [level, alertsOn]);

  const title = pageTitle(status);
  useEffect(() => {
    document.title = title;
  }, [title]);

  const onQueued = useCallback((queued: string, position: number | null) => {
    saveCallsign(queued);
    setCallsign(queued);
    setJustQueued(position ? { callsign: queued, position, at: Date.now() } : null);
  }, []);
  const onForget = useCallback(() => {
    saveCallsign(null);
    setCallsign(null);
    setJustQueued(null);
  }, []);
  const onAlertsChange = useCallback((on: boolean) => {
    if (on) unlockAudio();
    saveAlertsOn(on);
    setAlertsOn(on);
  }, []);

  const waitText =
    status.kind === 'queued' && station
      ? formatWait(estimateWaitSeconds(status.position, averageQsoSeconds(station, now)))
      : null;
  const active = station?.system.active ?? false;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to your place in the queue
      </a>
      <Header station={station} />
      <ConnectionNotice connection={store.connection} hasData={station !== null} />
      <LiveRegion text={positionAnnouncement(status, callsign)} assertive={level === 'turn'} />
      <main id="main" className="layout" tabIndex={-1}>
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
            onQueued={onQueued}
            onForget={onForget}
            onAlertsChange={onAlertsChange}
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
      <footer className="site-footer muted small">Pileup Buster · an orderly queue for the pileup</footer>
    </>
  );
}
