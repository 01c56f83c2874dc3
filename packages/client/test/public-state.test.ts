/** The SDK's public-state follower against a real server: a public connection sees what the operator does. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { PileupClient, followPublicState, v2UrlFor, type PublicState } from '@pileup-buster/client';
import { fakeLookup } from '../../../main/server/testing/fake-lookup.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../../../main/server/testing/test-server.js';
import { webSocketAttach } from '../../../main/server/transports/ws/attach.js';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ lookup: fakeLookup(), attach: [webSocketAttach] });
});

afterAll(async () => {
  await t.close();
});

function until(follower: ReturnType<typeof followPublicState>, pred: (s: PublicState) => boolean) {
  return new Promise<PublicState>((resolve) => {
    if (follower.state && pred(follower.state)) return resolve(follower.state);
    const off = follower.onChange((s) => {
      if (!pred(s)) return;
      off();
      resolve(s);
    });
  });
}

it('follows the public state: snapshot first, then the events, as the operator changes the station', async () => {
  const admin = new PileupClient({ url: v2UrlFor(t.url), WebSocket });
  await admin.connect();
  await admin.auth({ username: TEST_ADMIN.username, password: TEST_ADMIN.password });
  await admin.request('admin.set_system_status', { active: true });
  await admin.request('queue.register', { callsign: 'W1AW' });

  const caller = new PileupClient({ url: v2UrlFor(t.url), WebSocket });
  await caller.connect();
  const station = followPublicState(caller);
  await caller.subscribe();
  const first = await station.resync();
  expect(first.system.active).toBe(true);
  expect(first.queue.queue.map((e) => e.callsign)).toEqual(['W1AW']);

  await admin.request('queue.register', { callsign: 'K1ABC' });
  await admin.request('admin.set_frequency', { frequency: '14.205', mode: 'SSB' });
  await admin.request('admin.next_qso');
  // queue_update is paced (a burst of commands shares one): wait for all three changes.
  const later = await until(
    station,
    (s) => s.current_qso?.callsign === 'W1AW' && s.frequency.band === '20m' && s.queue.total === 1,
  );
  expect(later.queue.queue.map((e) => e.callsign)).toEqual(['K1ABC']);
  expect(later.seq).toBeGreaterThan(first.seq);

  station.stop();
  caller.close();
  admin.close();
});
