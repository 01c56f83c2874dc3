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

function Console() {
  const info = useConnectInfo();
  const connection = useConsole((s) => s.connection);
  return (
    <div id="console-root" className="console" tabIndex={-1}>
      <Header counts={info?.counts ?? null} />
      {connection !== 'open' && (
        <div className="notice notice-warning banner-line" role="alert" data-testid="offline-banner">
          Connection to the server lost. Reconnecting; the screen may be out of date.
        </div>
      )}
      <main className="grid">
        <CurrentQsoPanel />
        <StationPanel />
        <QueuePanel />
        <TabsPanel info={info} />
      </main>
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
