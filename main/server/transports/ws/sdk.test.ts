/** The client SDK (@pileup-buster/client) against the real server: auth, requests, typed events, resync, logout. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { PileupClient, PileupRequestError, v2UrlFor } from '@pileup-buster/client';
import type { V2EventMap } from '../../../../shared/protocol/v2.js';
import { fakeLookup } from '../../testing/fake-lookup.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../../testing/test-server.js';
import { webSocketAttach } from './attach.js';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ lookup: fakeLookup(), attach: [webSocketAttach] });
});

afterAll(async () => {
  await t.close();
});

function nextEvent<K extends keyof V2EventMap>(
  client: PileupClient,
  name: K,
  pred: (d: V2EventMap[K]) => boolean,
): Promise<V2EventMap[K]> {
  return new Promise((resolve) => {
    const off = client.on(name, (data) => {
      if (!pred(data)) return;
      off();
      resolve(data);
    });
  });
}

it('works against the real server: auth, requests, typed events, errors, logout', async () => {
  const client = new PileupClient({ url: v2UrlFor(t.url), WebSocket });
  await client.connect();
  expect(client.state).toBe('open');
  const auth = await client.auth({ username: TEST_ADMIN.username, password: TEST_ADMIN.password });
  expect(auth.subscribed).toBe(true);
  expect(client.token).toBe(auth.token);

  const active = nextEvent(client, 'system_status', (d) => d.active);
  await client.request('admin.set_system_status', { active: true });
  expect(await active).toEqual({ active: true });

  const queued = nextEvent(client, 'queue_update', (d) => d.total === 1);
  await client.request('queue.register', { callsign: 'W1AW' });
  expect((await queued).queue[0]?.callsign).toBe('W1AW');
  const current = nextEvent(client, 'current_qso', (d) => d.current_qso !== null);
  await client.request('admin.next_qso');
  expect((await current).current_qso?.callsign).toBe('W1AW');

  const err = await client.request('queue.register', { callsign: 'not a call' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(PileupRequestError);
  expect((err as PileupRequestError).code).toBe('INVALID_CALLSIGN');

  await client.logout();
  expect(client.token).toBeNull();
  await expect(client.request('admin.get_queue')).rejects.toMatchObject({ code: 'AUTH_REQUIRED' });
  client.close();
});

it('resumes with the token and replays what it missed on a second connection', async () => {
  const first = new PileupClient({ url: v2UrlFor(t.url), WebSocket });
  await first.connect();
  const { token } = await first.auth({ username: TEST_ADMIN.username, password: TEST_ADMIN.password });
  await first.request('system.ping');
  const lastSeq = first.lastSeq!;
  first.close();

  await t.request('POST', '/api/admin/split', { admin: true, body: { split: 'UP 3' } });

  // A new client (a reloaded page) that remembers the last seq it saw.
  const second = new PileupClient({ url: v2UrlFor(t.url), WebSocket, since: lastSeq });
  await second.connect();
  const got: (string | null)[] = [];
  second.on('split_update', (d) => got.push(d.split));
  await second.auth({ token });
  const r = await second.subscribe();
  expect(r.replayed).toBeGreaterThan(0);
  expect(r.snapshot_required).toBe(false);
  expect(got).toEqual(['UP 3']);
  second.close();
});
