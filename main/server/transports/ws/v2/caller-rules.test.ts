/**
 * The caller rules across positions over protocol v2: a change made by one operator reaches every other
 * operator connection at once (`caller_rules_update`, an admin event of the whole station, so with the default
 * subscription too), never a caller's; positions.list shows the rules in force.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeLookup } from '../../../testing/fake-lookup.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../../../testing/test-server.js';
import { webSocketAttach } from '../attach.js';
import { RawClient, type Frame } from '../test-client.js';

let t: TestServer;
let n = 0;

async function ok(c: RawClient, operation: string, data: Frame = {}): Promise<Frame> {
  const id = `r${(n += 1)}`;
  c.send({ type: 'request', id, operation, data });
  const r = await c.next((f) => f.type !== 'event' && f.id === id);
  expect(r, `${operation}: ${String(r.error)}`).toMatchObject({ success: true });
  return r.data as Frame;
}

async function admin(): Promise<RawClient> {
  const c = await RawClient.open(t.url, '/ws/connect');
  const id = `a${(n += 1)}`;
  c.send({ type: 'auth', id, data: { username: TEST_ADMIN.username, password: TEST_ADMIN.password } });
  await c.next((f) => f.id === id);
  return c;
}

beforeAll(async () => {
  t = await startTestServer({ lookup: fakeLookup(), attach: [webSocketAttach] });
});

afterAll(async () => {
  await t.close();
});

describe('caller rules over protocol v2', () => {
  it('a change reaches the other operators as caller_rules_update, not the callers', async () => {
    const setter = await admin();
    const watcher = await admin();
    const phone = await RawClient.open(t.url, '/ws/connect');
    await ok(phone, 'events.subscribe');
    const rules = { allow_dupes: true, max_queues_per_caller: 3 };
    expect(await ok(setter, 'admin.set_caller_rules', rules)).toEqual({ caller_rules: rules });
    const event = await watcher.next((f) => f.event === 'caller_rules_update');
    expect(event.data).toEqual(rules);
    expect(event.position_id).toBeUndefined();
    expect((await ok(phone, 'positions.list')).caller_rules).toEqual(rules);
    // the phone saw no admin event (a later public event arrives, the rules' event never did)
    await ok(setter, 'admin.set_queue_pause', { paused: true });
    await phone.next((f) => f.event === 'queue_pause_update');
    expect(phone.pending().some((f) => f.event === 'caller_rules_update')).toBe(false);
    setter.close();
    watcher.close();
    phone.close();
  });
});
