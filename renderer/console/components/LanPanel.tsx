import { Fragment } from 'react';
import { useConsole } from '../store.js';
import { toast } from '../store.js';
import type { ConnectInfo } from '../connect-info.js';
import { QrCode } from './QrCode.js';
import { RelayLine } from './RelayLine.js';
import { ServerFigures } from './ServerFigures.js';

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast('success', `Copied ${text}`);
  } catch {
    toast('error', 'Copying is not allowed here; select the text instead');
  }
}

function openExternally(url: string): void {
  const desktop = window.pileupDesktop;
  if (desktop) void desktop.openExternal(url);
  else window.open(url, '_blank', 'noopener,noreferrer');
}

/** An address that may break after its dots and slashes but keeps host:port together at the end. */
function breakableUrl(url: string) {
  const parts = url.split(/(?<=[./])/);
  return parts.map((part, i) => (
    <Fragment key={i}>
      <span className="nowrap">{part}</span>
      {i < parts.length - 1 && <wbr />}
    </Fragment>
  ));
}

export function LanPanel({ info }: { info: ConnectInfo | null }) {
  const desktop = useConsole((s) => s.desktop);
  if (!info) return <div className="tab-body empty">Loading connect info…</div>;
  return (
    <div className="tab-body" data-testid="lan-panel">
      <h3>Caller page</h3>
      <p className="muted">
        Callers on the same network open one of these addresses, or scan its QR code.{' '}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => useConsole.setState({ dialog: { kind: 'connect' } })}
          aria-keyshortcuts="Q"
          data-testid="connect-full-screen"
        >
          Full screen <kbd className="kbd">Q</kbd>
        </button>
      </p>
      <ul className="lan-list">
        {info.callerUrls.map((entry) => (
          <li key={entry.url} className="lan-item" data-testid="caller-url">
            <QrCode text={entry.url} label={`QR code for ${entry.url}`} />
            <div className="lan-text">
              <div className="lan-url">{breakableUrl(entry.url)}</div>
              <div className="muted">{entry.label}</div>
              <div className="lan-buttons">
                <button type="button" className="btn btn-small" onClick={() => void copy(entry.url)}>
                  Copy
                </button>
                <button type="button" className="btn btn-small" onClick={() => openExternally(entry.url)}>
                  Open{desktop ? ' in browser' : ''}
                </button>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <h3>Logging software</h3>
      <dl className="connect-list" data-testid="logger-info">
        {info.logger.map((item) => (
          <div key={item.label} className="connect-item">
            <dt>{item.label}</dt>
            <dd className="mono">
              {item.value}
              <button
                type="button"
                className="btn btn-tiny"
                onClick={() => void copy(item.value)}
                aria-label={`Copy ${item.label}`}
              >
                Copy
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <h3>Server</h3>
      <p className="muted small">The figures of /api/health and /metrics, refreshed every few seconds.</p>
      <ServerFigures metrics={info.metrics} />
      <RelayLine />
    </div>
  );
}
