/**
 * A camp of operating positions for the end-to-end tests and the screenshots: three positions on three bands,
 * created over protocol v2 with the typed client, callers waiting at two of them, and a QSO with the caller
 * (EI6JGB) already in the log on 20m CW.
 */
import { WebSocket } from 'ws';
import { PileupClient, v2UrlFor } from '../../packages/client/src/index.js';
import { adminRequest, type E2eServer } from './server.js';

export const CALLER = 'EI6JGB';

async function post(s: E2eServer, path: string, body: unknown): Promise<Response> {
  return fetch(new URL(path, s.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Registers a callsign as another caller would (at a position, if given), answering the manual details. */
export async function registerElsewhere(s: E2eServer, callsign: string, positionId?: string): Promise<void> {
  const at = positionId ? { position_id: positionId } : {};
  let res = await post(s, '/api/queue/register', { callsign, ...at });
  if (!res.ok) throw new Error(`register ${callsign}: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { requires_manual_data?: boolean };
  if (body.requires_manual_data) {
    res = await post(s, '/api/queue/register-manual', {
      callsign,
      name: 'Op',
      location: 'Town',
      country: 'Land',
      ...at,
    });
    if (!res.ok) throw new Error(`register-manual ${callsign}: HTTP ${res.status} ${await res.text()}`);
  }
}

/**
 * A camp of three positions on three bands; a QSO with the caller already in the log on 20m CW.
 * Returns the operator's v2 connection (close it when done).
 */
export async function seedCamp(s: E2eServer): Promise<PileupClient> {
  const op = new PileupClient({ url: v2UrlFor(s.url), WebSocket, reconnect: false });
  await op.connect();
  await op.auth({ username: s.admin.username, password: s.admin.password });
  await adminRequest(s, 'POST', '/api/admin/rate-limit', { time_period_minutes: 0 });
  await op.request('admin.update_position', {
    position_id: 'default',
    name: 'Run 1 - 20m CW',
    frequency: '14.025',
    mode: 'CW',
    active: true,
  });
  await op.request('admin.create_position', {
    name: 'Run 2 - 40m FT8',
    id: 'run-2',
    frequency: '7.074',
    mode: 'FT8',
    active: true,
  });
  await op.request('admin.create_position', {
    name: 'Run 3 - 15m SSB',
    id: 'run-3',
    frequency: '21.295',
    mode: 'SSB',
    active: true,
  });
  // The caller was worked on 20m CW earlier.
  await registerElsewhere(s, CALLER);
  await op.request('admin.next_qso', {});
  await op.request('admin.complete_qso', {});
  // Others wait at both runs.
  await registerElsewhere(s, 'W1AW');
  await registerElsewhere(s, 'DL1ABC', 'run-2');
  await registerElsewhere(s, 'G4XYZ', 'run-2');
  return op;
}
