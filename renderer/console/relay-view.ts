/** The console's reading of `admin.get_relay`: one line saying whether the nchan relay gets the events. */
import { num, record, str } from './json.js';

export interface RelayView {
  configured: boolean;
  state: 'starting' | 'connected' | 'retrying' | 'stopped' | null;
  eventsUrl: string | null;
  lastPublishAt: string | null;
  lastError: string | null;
  subscribers: number | null;
  published: number;
  gaps: number;
}

const STATES = ['starting', 'connected', 'retrying', 'stopped'] as const;

export function parseRelay(result: unknown): RelayView {
  const r = record(result);
  const status = record(r.status);
  const settings = record(r.settings);
  const state = str(status.state);
  return {
    configured: r.configured === true,
    state: (STATES as readonly string[]).includes(state ?? '') ? (state as RelayView['state']) : null,
    eventsUrl: str(settings.events_url),
    lastPublishAt: str(status.last_publish_at),
    lastError: str(status.last_error),
    subscribers: num(status.subscribers),
    published: num(status.published) ?? 0,
    gaps: num(status.gaps) ?? 0,
  };
}

/** The line shown: short, with what the operator needs to act on. */
export function relaySummary(view: RelayView, now: number = Date.now()): string {
  if (!view.configured) return 'No relay: callers subscribe to this server directly.';
  const ago = (iso: string | null): string => {
    if (!iso) return 'never';
    const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
    return s < 60 ? `${s} s ago` : `${Math.round(s / 60)} min ago`;
  };
  const watchers = view.subscribers === null ? '' : ` · ${view.subscribers} watching`;
  switch (view.state) {
    case 'connected':
      return `Relay connected · last publish ${ago(view.lastPublishAt)}${watchers}`;
    case 'retrying':
      return `Relay unreachable (${view.lastError ?? 'no answer'}) · retrying; callers resync when it is back`;
    case 'starting':
      return 'Relay starting…';
    default:
      return 'Relay stopped';
  }
}
