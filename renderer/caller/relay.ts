/**
 * The caller page and the station's relay: when the station publishes through an nchan relay, the public
 * configuration names the relay's event stream (`relay_events_url`) and the page subscribes there instead of
 * to the station's own `/api/events/stream`. Writes and snapshots still go to the station (through the proxy).
 */
import { isRecord } from './wire.js';

export const STATION_STREAM_URL = '/api/events/stream';

/** Where to subscribe: the relay's stream when configured, else the station's own. */
export async function fetchStreamUrl(signal?: AbortSignal): Promise<string> {
  const res = await fetch('/api/public/config', {
    headers: { Accept: 'application/json' },
    cache: 'no-store',
    signal,
  });
  if (!res.ok) return STATION_STREAM_URL;
  const body: unknown = await res.json().catch(() => null);
  const relay = isRecord(body) ? body.relay_events_url : undefined;
  return typeof relay === 'string' && relay !== '' ? relay : STATION_STREAM_URL;
}

/**
 * An event's seq: the SSE id on the station's own stream; on the relay's (whose ids are nchan's, `time:tag`)
 * the `seq` the station put into the message.
 */
export function eventSeq(lastEventId: string, raw: string): number | null {
  if (/^\d+$/.test(lastEventId)) return Number(lastEventId);
  try {
    const body: unknown = JSON.parse(raw);
    const seq = isRecord(body) ? body.seq : undefined;
    return typeof seq === 'number' && Number.isSafeInteger(seq) ? seq : null;
  } catch {
    return null;
  }
}
