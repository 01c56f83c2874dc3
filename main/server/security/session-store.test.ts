import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestServer, TEST_ADMIN } from '../testing/test-server.js';
import { webSocketAttach } from '../transports/ws/attach.js';
import { RawClient } from '../transports/ws/test-client.js';
import { PersistedSessions, SESSIONS_FILE } from './session-store.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'pb-sessions-'));

describe('PersistedSessions', () => {
  it('writes every change to a 0600 file holding hashes only, and reads it back without the expired', async () => {
    const dir = tmp();
    let now = 1_000_000;
    const a = await PersistedSessions.open(dir, { now: () => now });
    a.set('hash-one', { username: 'admin', expires: now + 60_000 });
    a.set('hash-two', { username: 'admin', expires: now + 1_000 });
    a.set('hash-three', { username: 'admin', expires: now + 60_000 });
    a.delete('hash-three');
    await a.flush();
    const file = path.join(dir, SESSIONS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('hash-three');
    now += 5_000;
    const b = await PersistedSessions.open(dir, { now: () => now });
    expect([...b.keys()]).toEqual(['hash-one']);
    b.clear();
    await b.flush();
    expect((await PersistedSessions.open(dir, { now: () => now })).size).toBe(0);
  });

  it('sets a damaged file aside and starts with no sessions', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, SESSIONS_FILE), '{"version":1,"sessions":[{"hash":');
    const s = await PersistedSessions.open(dir);
    expect(s.size).toBe(0);
    expect(readdirSync(dir).some((f) => f.startsWith(`${SESSIONS_FILE}.invalid-`))).toBe(true);
  });
});

describe('a session token across a server restart', () => {
  it('still signs in after the server restarts on the same data dir; an unknown token does not', async () => {
    const dataDir = tmp();
    const first = await startTestServer({ dataDir, attach: [webSocketAttach] });
    const ws = await RawClient.open(first.url, '/ws/connect');
    ws.send({
      type: 'auth',
      id: 'a1',
      data: { username: TEST_ADMIN.username, password: TEST_ADMIN.password },
    });
    const auth = await ws.next((f) => f.id === 'a1');
    const kept = (auth.data as { token?: string }).token;
    expect(kept, JSON.stringify(auth)).toEqual(expect.any(String));
    ws.close();
    await first.close();

    const second = await startTestServer({ dataDir, attach: [webSocketAttach] });
    try {
      const ok = await second.request('GET', '/api/admin/ping', {
        headers: { authorization: `Bearer ${kept}` },
      });
      expect(ok.status).toBe(200);
      const bad = await second.request('GET', '/api/admin/ping', {
        headers: { authorization: 'Bearer nope' },
      });
      expect(bad.status).toBe(401);
    } finally {
      await second.close();
    }
  });
});
