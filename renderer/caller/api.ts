/** The HTTP calls the caller page makes. Same origin: the server serves this page. */
import { DEFAULT_POSITION_ID } from '../../shared/protocol/positions.js';
import { parsePublicSnapshot } from '../../shared/protocol/public-state.js';
import { parsePositionsAnswer, type PositionsAnswer } from './camp-wire.js';
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

/** One operating position's public state (`GET /api/positions/{id}/state`), as the default one's above. */
export async function fetchPositionState(positionId: string, signal?: AbortSignal): Promise<PublicState> {
  const path = `/api/positions/${encodeURIComponent(positionId)}/state`;
  const res = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store', signal });
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
  const state = parsePublicSnapshot(await res.json());
  if (!state) throw new Error(`GET ${path}: unexpected body`);
  return state;
}

/** Where a callsign stands in the queue, or null when it is not queued. */
export async function fetchQueuePosition(
  callsign: string,
  signal?: AbortSignal,
  positionId: string = DEFAULT_POSITION_ID,
): Promise<number | null> {
  const at = positionId === DEFAULT_POSITION_ID ? '' : `?position_id=${encodeURIComponent(positionId)}`;
  const res = await fetch(`/api/queue/status/${encodeURIComponent(callsign)}${at}`, {
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

/** `positionId`: join that operating position's queue (absent: the default position, as the original). */
const at = (positionId: string | undefined): Record<string, string> =>
  positionId === undefined ? {} : { position_id: positionId };

export function register(callsign: string, positionId?: string): Promise<RegisterOutcome> {
  return post('/api/queue/register', { callsign, ...at(positionId) }, callsign);
}

export function registerManual(
  callsign: string,
  details: ManualDetails,
  positionId?: string,
): Promise<RegisterOutcome> {
  return post('/api/queue/register-manual', { callsign, ...details, ...at(positionId) }, callsign);
}

export type LeaveOutcome = { kind: 'left' } | { kind: 'refused'; refusal: Refusal };

/** Leaves the queue (of the default position, or of `positionId`) with this device's registration secret. */
export async function leaveQueue(
  callsign: string,
  secret: string,
  positionId?: string,
): Promise<LeaveOutcome> {
  let res: Response;
  try {
    res = await fetch('/api/queue/leave', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ callsign, secret, ...at(positionId) }),
    });
  } catch {
    return { kind: 'refused', refusal: { code: 'NETWORK', detail: null, retryAfterS: null, status: 0 } };
  }
  if (res.ok) return { kind: 'left' };
  const body: unknown = await res.json().catch(() => null);
  return { kind: 'refused', refusal: parseRefusal(res.status, body, res.headers.get('Retry-After')) };
}

/** Every operating position and the caller rules; with `callsign`, the band-mode slots it has in the log. */
export async function fetchPositions(
  callsign: string | null,
  signal?: AbortSignal,
): Promise<PositionsAnswer> {
  const query = callsign ? `?callsign=${encodeURIComponent(callsign)}` : '';
  const res = await fetch(`/api/positions${query}`, {
    headers: { Accept: 'application/json' },
    cache: 'no-store',
    signal,
  });
  if (!res.ok) throw new Error(`GET /api/positions: HTTP ${res.status}`);
  const answer = parsePositionsAnswer(await res.json());
  if (!answer) throw new Error('GET /api/positions: unexpected body');
  return answer;
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
