import { useConsole } from './store.js';
import { useShortcuts } from './keyboard.js';
import { useConnectInfo } from './connect-info.js';
import { Header } from './components/Header.js';
import { CurrentQsoPanel } from './components/CurrentQsoPanel.js';
import { QueuePanel } from './components/QueuePanel.js';
import { StationPanel } from './components/StationPanel.js';
import { TabsPanel } from './components/TabsPanel.js';
import { DialogHost } from './components/Dialogs.js';
import { Toasts } from './components/Toasts.js';
import { LoginForm } from './components/LoginForm.js';
import { ConnectView } from './components/ConnectView.js';
import { focusConsole } from './hooks.js';
import { WatchAllPanel } from './components/WatchAllPanel.js';
import { isWatchingAll } from './working-position.js';

function Console() {
  const info = useConnectInfo();
  const connection = useConsole((s) => s.connection);
  const typing = useConsole((s) => s.typing);
  const connectView = useConsole((s) => s.dialog?.kind === 'connect');
  const watchAll = useConsole(isWatchingAll);
  const offline = connection !== 'open';
  return (
    <div id="console-root" className={`console${offline ? ' offline' : ''}`} tabIndex={-1}>
      <Header counts={info?.counts ?? null} />
      {offline && (
        <div className="notice notice-danger banner-line" role="alert" data-testid="offline-banner">
          <b>Disconnected: actions paused.</b> Reconnecting to the server by itself; nothing is sent until it
          is back, and the screen may be out of date.
        </div>
      )}
      {typing && (
        <div className="typing-pill" role="status" data-testid="shortcuts-paused">
          Shortcuts paused: typing in a field (<kbd className="kbd">Esc</kbd>)
        </div>
      )}
      {connectView && (
        <ConnectView
          info={info}
          onClose={() => {
            useConsole.setState({ dialog: null });
            requestAnimationFrame(focusConsole);
          }}
        />
      )}
      {watchAll ? (
        <main className="grid watch-layout">
          <WatchAllPanel />
          <TabsPanel info={info} />
        </main>
      ) : (
        <main className="grid">
          <CurrentQsoPanel />
          <StationPanel />
          <div className="side-column">
            <QueuePanel />
            <TabsPanel info={info} />
          </div>
        </main>
      )}
    </div>
  );
}

export function App() {
  const session = useConsole((s) => s.session);
  useShortcuts(session === 'ready');
  return (
    <>
      {session === 'ready' ? (
        <Console />
      ) : session === 'starting' ? (
        <main className="login-page">
          <p className="muted" role="status">
            Connecting to the server…
          </p>
        </main>
      ) : (
        <LoginForm />
      )}
      <DialogHost />
      <Toasts />
    </>
  );
}
