/**
 * Operating positions for end-to-end tests: created over protocol v2 (the positions' operations have no HTTP
 * twin), callers registered at a position over HTTP as a caller's page does it.
 */
import { PileupClient, v2UrlFor } from '@pileup-buster/client';
import { WebSocket } from 'ws';
import type { E2eServer } from './server.js';

export interface PositionDef {
  /** Absent: the default position (renamed and tuned). */
  id?: string;
  name: string;
  frequency: string;
  mode: string;
}

/** A camp of three: the default position as "Run 1 - 20m CW", then run-2 (40m FT8) and run-3 (15m SSB). */
export const CAMP: readonly PositionDef[] = [
  { name: 'Run 1 - 20m CW', frequency: '14.025', mode: 'CW' },
  { id: 'run-2', name: 'Run 2 - 40m FT8', frequency: '7.074', mode: 'FT8' },
  { id: 'run-3', name: 'Run 3 - 15m SSB', frequency: '21.250', mode: 'SSB' },
];

/** Signs in over protocol v2 as the operator, runs `work`, and closes. */
export async function asOperator<T>(server: E2eServer, work: (c: PileupClient) => Promise<T>): Promise<T> {
  const c = new PileupClient({
    url: v2UrlFor(server.url),
    WebSocket: WebSocket,
  });
  await c.connect();
  try {
    await c.auth({ username: server.admin.username, password: server.admin.password });
    return await work(c);
  } finally {
    c.close();
  }
}

/** Defines the positions, each on the air. */
export async function createCamp(server: E2eServer, defs: readonly PositionDef[] = CAMP): Promise<void> {
  await asOperator(server, async (c) => {
    for (const def of defs) {
      const radio = { name: def.name, frequency: def.frequency, mode: def.mode, active: true };
      if (def.id) await c.request('admin.create_position', { ...radio, id: def.id });
      else await c.request('admin.update_position', { ...radio, position_id: 'default' });
    }
  });
}

/** A caller joins a position's queue (with made-up details when the server knows nothing of the callsign). */
export async function joinAt(server: E2eServer, callsign: string, positionId: string): Promise<void> {
  const post = (p: string, body: unknown) =>
    fetch(`${server.url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const position = positionId === 'default' ? {} : { position_id: positionId };
  const res = await post('/api/queue/register', { callsign, ...position });
  const body = (await res.json()) as { requires_manual_data?: boolean };
  if (res.status === 200 && !body.requires_manual_data) return;
  const manual = await post('/api/queue/register-manual', {
    callsign,
    name: 'Op',
    location: 'Town',
    country: 'Land',
    ...position,
  });
  if (manual.status !== 200)
    throw new Error(`${callsign} not queued at ${positionId}: ${await manual.text()}`);
}
