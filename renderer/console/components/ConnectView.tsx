import { useEffect, useState } from 'react';
import type { ConnectInfo } from '../connect-info.js';
import { getClient } from '../current-client.js';
import { OPS } from '../operations.js';
import { Modal } from './Modal.js';
import { QrCode } from './QrCode.js';

/** The station callsign from the settings (absent on a server without station identity settings). */
async function stationCallsign(): Promise<string | null> {
  try {
    const settings = await getClient()?.request<unknown>(OPS.getSettings, {});
    if (typeof settings === 'object' && settings !== null && 'station_callsign' in settings) {
      return typeof settings.station_callsign === 'string' ? settings.station_callsign : null;
    }
  } catch {
    // shown without it
  }
  return null;
}

/** The caller-page address that callers can reach: a LAN interface first, this computer only as a last resort. */
function bestUrl(info: ConnectInfo | null): string | null {
  if (!info) return null;
  const lan = info.callerUrls.find((u) => !/\/\/(127\.|localhost|\[::1\])/.test(u.url));
  return (lan ?? info.callerUrls[0])?.url ?? null;
}

/** Full screen, for a crowd: a large QR code, the address in large type, the station callsign. Q or Esc. */
export function ConnectView({ info, onClose }: { info: ConnectInfo | null; onClose: () => void }) {
  const [call, setCall] = useState<string | null>(null);
  useEffect(() => {
    void stationCallsign().then(setCall);
  }, []);
  const url = bestUrl(info);
  const others = info?.callerUrls.filter((u) => u.url !== url) ?? [];
  return (
    <Modal title={call ? `Work ${call}: join the queue` : 'Join the queue'} onClose={onClose} fullScreen>
      <div className="connect-view" data-testid="connect-view">
        {url ? (
          <>
            <QrCode text={url} label={`QR code for ${url}`} pixels={512} />
            <div className="connect-view-text">
              <p className="connect-view-lead">Scan the code or open</p>
              <p className="connect-view-url" data-testid="connect-url">
                {url}
              </p>
              {others.length > 0 && <p className="muted">Also: {others.map((u) => u.url).join(' · ')}</p>}
            </div>
          </>
        ) : (
          <p className="muted">Loading connect info…</p>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Close <kbd className="kbd">Esc</kbd>
        </button>
      </div>
    </Modal>
  );
}
