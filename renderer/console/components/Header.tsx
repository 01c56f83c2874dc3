import { useConsole } from '../store.js';
import { useNow } from '../hooks.js';
import { qsosLastHour, utcClock } from '../format.js';
import { toggleTheme } from '../theme.js';
import { logout } from '../session.js';
import type { ConnectionCounts } from '../connect-info.js';
import { PositionPicker } from './PositionPicker.js';
import { isWatchingAll } from '../working-position.js';

const CONNECTION_TEXT = {
  open: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected',
} as const;

export function Header({ counts }: { counts: ConnectionCounts | null }) {
  const now = useNow(1000);
  const live = useConsole((s) => s.live);
  const connection = useConsole((s) => s.connection);
  const theme = useConsole((s) => s.theme);
  const desktop = useConsole((s) => s.desktop);
  const username = useConsole((s) => s.username);
  const watchAll = useConsole(isWatchingAll);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <h1 className="brand-name">Pileup Buster</h1>
      </div>
      <PositionPicker />
      <div className="status-row" role="status" aria-label="Station status">
        {!watchAll && (
          <span className={`pill ${live.active ? 'pill-on' : 'pill-off'}`} data-testid="system-pill">
            {live.active ? 'ON AIR' : 'OFF'}
          </span>
        )}
        {!watchAll && live.active && live.paused && (
          <span className="pill pill-paused" data-testid="paused-pill">
            PAUSED
          </span>
        )}
        <span className={`conn conn-${connection}`} data-testid="connection">
          <span className="conn-dot" aria-hidden="true" />
          {CONNECTION_TEXT[connection]}
        </span>
        {counts && (
          <span className="counts" data-testid="connection-counts">
            <span title="Caller pages connected">
              <b>{counts.callers}</b> <span className="count-word">callers</span>
            </span>
            <span title="Logging programs connected">
              <b>{counts.loggers}</b> <span className="count-word">loggers</span>
            </span>
            <span title="Operator consoles connected">
              <b>{counts.consoles}</b> <span className="count-word">consoles</span>
            </span>
          </span>
        )}
        <span className="rate" title="QSOs completed in the last hour" data-testid="qso-rate">
          <b>{qsosLastHour(live.log, now) ?? live.qsosLastHour ?? 0}</b> QSOs/h
        </span>
      </div>
      <div className="topbar-right">
        <time className="clock" aria-label="UTC time">
          {utcClock(now)}
          <small>UTC</small>
        </time>
        <button type="button" className="btn btn-ghost" onClick={toggleTheme} aria-keyshortcuts="T">
          {theme === 'dark' ? 'Light' : 'Dark'} <kbd className="kbd">T</kbd>
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => useConsole.setState({ dialog: { kind: 'help' } })}
          aria-keyshortcuts="?"
        >
          Shortcuts <kbd className="kbd">?</kbd>
        </button>
        {!desktop && username && (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => void logout()}
            title={`Signed in as ${username}`}
          >
            Log out
          </button>
        )}
      </div>
    </header>
  );
}
