/** The HTTP calls the caller page makes. Same origin: the server serves this page. */
import type { PublicState } from './state.js';
import {
  isPublicState,
  isRecord,
  normalizeState,
  parseRefusal,
  parseRegisterSuccess,
  type RegisterOutcome,
} from './wire.js';

export async function fetchPublicState(signal?: AbortSignal): Promise<PublicState> {
  const res = await fetch('/api/public/state', {
    headers: { Accept: 'application/json' },
    cache: 'no-store',
    signal,
  });
  if (!res.ok) throw new Error(`GET /api/public/state: HTTP ${res.status}`);
  const body: unknown = await res.json();
  if (!isPublicState(body)) throw new Error('GET /api/public/state: unexpected body');
  return normalizeState(body);
}

/** Where a callsign stands in the queue, or null when it is not queued. */
export async function fetchQueuePosition(callsign: string, signal?: AbortSignal): Promise<number | null> {
  const res = await fetch(`/api/queue/status/${encodeURIComponent(callsign)}`, {
    headers: { Accept: 'application/json' },
    cache: 'no-store',
    signal,
  });
  if (res.status === 404 || res.status === 503) return null;
  if (!res.ok) throw new Error(`GET /api/queue/status: HTTP ${res.status}`);
  const body: unknown = await res.json();
  const position = isRecord(body) ? body.position : undefined;
  return typeof position === 'number' && position >= 1 ? position : null;
}

export interface ManualDetails {
  name: string;
  location: string;
  country: string;
}

async function post(
  path: string,
  payload: Record<string, string>,
  callsign: string,
): Promise<RegisterOutcome> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(payload),
    });
  } catch {
    return { kind: 'refused', refusal: { code: 'NETWORK', detail: null, retryAfterS: null, status: 0 } };
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok)
    return { kind: 'refused', refusal: parseRefusal(res.status, body, res.headers.get('Retry-After')) };
  return parseRegisterSuccess(isRecord(body) ? body : null, callsign);
}

export function register(callsign: string): Promise<RegisterOutcome> {
  return post('/api/queue/register', { callsign }, callsign);
}

export function registerManual(callsign: string, details: ManualDetails): Promise<RegisterOutcome> {
  return post('/api/queue/register-manual', { callsign, ...details }, callsign);
}
