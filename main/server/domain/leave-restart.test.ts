/**
 * The leave secret of the caller who is the current QSO, against a real server that restarts: the caller taken
 * from the queue keeps the secret of their registration while they are worked, so that when the no-show rule
 * moves them back (or an undo puts them back) they can still leave the queue by themselves, and only they.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeLookup } from '../testing/fake-lookup.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

type Body = Record<string, unknown>;

const dirs: string[] = [];
let t: TestServer | null = null;

afterEach(async () => {
  await t?.close();
  t = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<TestServer> {
  await t?.close();
  t = await startTestServer({ dataDir, lookup: fakeLookup() });
  return t;
}

async function ok(s: TestServer, method: string, p: string, body?: unknown, admin = true): Promise<Body> {
  const r = await s.request(method, p, { admin, ...(body !== undefined ? { body } : {}) });
  expect(r.status, `${p}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body as Body;
}

async function queue(s: TestServer): Promise<string[]> {
  const body = await ok(s, 'GET', '/api/admin/queue');
  return (body.queue as Body[]).map((e) => e.callsign as string);
}

async function leave(s: TestServer, callsign: string, secret: string): Promise<number> {
  return (await s.request('POST', '/api/queue/leave', { body: { callsign, secret } })).status;
}

/** A server with W1AW (whose secret is returned) and three more callers, W1AW the current QSO. */
async function workedWithSecret(rule: Body): Promise<{ dir: string; secret: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-leave-restart-'));
  dirs.push(dir);
  const s = await start(dir);
  await ok(s, 'POST', '/api/admin/status', { active: true });
  await ok(s, 'POST', '/api/admin/no-show-rule', rule);
  const mine = await ok(s, 'POST', '/api/queue/register', { callsign: 'W1AW' }, false);
  expect(typeof mine.secret).toBe('string');
  for (const callsign of ['K1ABC', 'N0AA', 'G4XYZ']) {
    await ok(s, 'POST', '/api/queue/register', { callsign }, false);
  }
  await ok(s, 'POST', '/api/admin/queue/next');
  expect(await queue(s)).toEqual(['K1ABC', 'N0AA', 'G4XYZ']);
  return { dir, secret: mine.secret as string };
}

describe('the leave secret of the current caller across a restart', () => {
  it('a caller who was the current QSO at the restart, moved back by the no-show rule, can leave with it', async () => {
    const { dir, secret } = await workedWithSecret({ calls: 3, action: 'move_back', places: 2 });
    const s = await start(dir);
    const current = await ok(s, 'GET', '/api/admin/current');
    expect(current.callsign).toBe('W1AW');
    const moved = await ok(s, 'POST', '/api/admin/qso/no-answer');
    expect(moved).toMatchObject({ outcome: 'moved_back', callsign: 'W1AW', position: 3 });
    expect(await queue(s)).toEqual(['K1ABC', 'N0AA', 'W1AW', 'G4XYZ']);
    // another device, without the secret, cannot take the place away
    expect(await leave(s, 'W1AW', 'not-the-secret')).toBe(403);
    expect(await leave(s, 'W1AW', secret)).toBe(200);
    expect(await queue(s)).toEqual(['K1ABC', 'N0AA', 'G4XYZ']);
  });

  it('an undone no-show makes the caller current again, and the secret still holds after a restart', async () => {
    const { dir, secret } = await workedWithSecret({ calls: 3, action: 'drop', places: 3 });
    let s = await start(dir);
    const dropped = await ok(s, 'POST', '/api/admin/qso/no-answer');
    expect(dropped).toMatchObject({ outcome: 'dropped', callsign: 'W1AW' });
    expect(typeof dropped.undo_id).toBe('string');
    const undone = await ok(s, 'POST', '/api/admin/undo', { undo_id: dropped.undo_id });
    expect(undone.message).toBe('QSO with W1AW is current again');
    expect((await ok(s, 'GET', '/api/admin/current')).callsign).toBe('W1AW');

    s = await start(dir);
    await ok(s, 'POST', '/api/admin/no-show-rule', { action: 'move_back', places: 1 });
    expect(await ok(s, 'POST', '/api/admin/qso/no-answer')).toMatchObject({
      outcome: 'moved_back',
      position: 2,
    });
    expect(await queue(s)).toEqual(['K1ABC', 'W1AW', 'N0AA', 'G4XYZ']);
    expect(await leave(s, 'W1AW', secret)).toBe(200);
  });
});
