/** One line in the Server section: the nchan relay's state (`admin.get_relay`), refreshed every few seconds. */
import { useEffect, useState } from 'react';
import { getClient } from '../current-client.js';
import { OPS } from '../operations.js';
import { parseRelay, relaySummary, type RelayView } from '../relay-view.js';

const REFRESH_MS = 5000;

export function RelayLine() {
  const [view, setView] = useState<RelayView | null>(null);
  useEffect(() => {
    let stopped = false;
    const load = (): void => {
      const client = getClient();
      if (!client) return;
      client.request<unknown>(OPS.getRelay, {}).then(
        (r) => {
          if (!stopped) setView(parseRelay(r));
        },
        () => undefined,
      );
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  if (!view) return null;
  const bad = view.configured && view.state === 'retrying';
  return (
    <p className={bad ? 'small state-warn' : 'small muted'} data-testid="relay-status" role="status">
      {relaySummary(view)}
    </p>
  );
}
