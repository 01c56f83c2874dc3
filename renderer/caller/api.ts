/** The HTTP calls the caller page makes. Same origin: the server serves this page. */
import { parsePublicSnapshot } from '../../shared/protocol/public-state.js';
import type { Refusal } from './refusals.js';
import type { PublicState } from './state.js';
import { isRecord, parseRefusal, parseRegisterSuccess, type RegisterOutcome } from './wire.js';

export async function fetchPublicState(signal?: AbortSignal): Promise<PublicState> {
  const res = await fetch('/api/public/state', {
    headers: { Accept: 'application/json' },
    cache: 'no-store',
    signal,
  });
  if (!res.ok) throw new Error(`GET /api/public/state: HTTP ${res.status}`);
  const body: unknown = await res.json();
  const state = parsePublicSnapshot(body);
  if (!state) throw new Error('GET /api/public/state: unexpected body');
  return state;
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

export type LeaveOutcome = { kind: 'left' } | { kind: 'refused'; refusal: Refusal };

/** Leaves the queue with this device's registration secret. */
export async function leaveQueue(callsign: string, secret: string): Promise<LeaveOutcome> {
  let res: Response;
  try {
    res = await fetch('/api/queue/leave', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ callsign, secret }),
    });
  } catch {
    return { kind: 'refused', refusal: { code: 'NETWORK', detail: null, retryAfterS: null, status: 0 } };
  }
  if (res.ok) return { kind: 'left' };
  const body: unknown = await res.json().catch(() => null);
  return { kind: 'refused', refusal: parseRefusal(res.status, body, res.headers.get('Retry-After')) };
}

/** The station's identity as `GET /api/public/config` gives it (nulls when not set or not served). */
export interface StationIdentity {
  station_callsign: string | null;
  station_message: string | null;
}

export async function fetchStationIdentity(signal?: AbortSignal): Promise<StationIdentity> {
  const res = await fetch('/api/public/config', {
    headers: { Accept: 'application/json' },
    cache: 'no-store',
    signal,
  });
  if (!res.ok) throw new Error(`GET /api/public/config: HTTP ${res.status}`);
  const body: unknown = await res.json();
  const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  return isRecord(body)
    ? { station_callsign: text(body.station_callsign), station_message: text(body.station_message) }
    : { station_callsign: null, station_message: null };
}
