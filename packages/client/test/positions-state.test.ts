/** The SDK's camp follower against a real server: every position's card live from one connection. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { PileupClient, followPositionsState, v2UrlFor, type PositionsState } from '@pileup-buster/client';
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

function until(follower: ReturnType<typeof followPositionsState>, pred: (s: PositionsState) => boolean) {
  return new Promise<PositionsState>((resolve) => {
    if (follower.state && pred(follower.state)) return resolve(follower.state);
    const off = follower.onChange((s) => {
      if (!pred(s)) return;
      off();
      resolve(s);
    });
  });
}

it('follows every position: the snapshot, then each event at its own position', async () => {
  const admin = new PileupClient({ url: v2UrlFor(t.url), WebSocket });
  await admin.connect();
  await admin.auth({ username: TEST_ADMIN.username, password: TEST_ADMIN.password });
  await admin.request('admin.set_system_status', { active: true });
  await admin.request('admin.create_position', {
    name: 'Run 2',
    id: 'run-2',
    frequency: '7.074',
    mode: 'FT8',
    active: true,
  });
  await admin.request('queue.register', { callsign: 'W1AW' });

  const wall = new PileupClient({ url: v2UrlFor(t.url), WebSocket });
  await wall.connect();
  const camp = followPositionsState(wall);
  await wall.request('events.subscribe', { positions: 'all' });
  const first = await camp.resync();
  expect(first.positions.map((p) => [p.id, p.queue_length])).toEqual([
    ['default', 1],
    ['run-2', 0],
  ]);

  await admin.request('queue.register', { callsign: 'K1ABC', position_id: 'run-2' });
  await admin.request('admin.next_qso', { position_id: 'run-2' });
  await admin.request('admin.create_position', { name: 'Run 3', id: 'run-3', active: true });
  const later = await until(
    camp,
    (s) =>
      s.positions.find((p) => p.id === 'run-2')?.current_callsign === 'K1ABC' && s.positions.length === 3,
  );
  expect(later.states['run-2']!.current_qso?.callsign).toBe('K1ABC');
  expect(later.states.default!.current_qso).toBeNull();
  expect(later.positions[0]).toMatchObject({ id: 'default', queue_length: 1 });

  camp.stop();
  wall.close();
  admin.close();
});
