/**
 * Undo and QSO correction against a real server: every undoable action (Cancel, Remove, Complete, Work next,
 * Clear) over HTTP, undo and QSO edit/delete over WebSocket protocol v2, and the events both WebSocket
 * protocols see when an undo changes the state.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeLookup } from '../testing/fake-lookup.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../testing/test-server.js';
import { webSocketAttach } from '../transports/ws/attach.js';
import { RawClient, type Frame } from '../transports/ws/test-client.js';

let t: TestServer;
let n = 0;

beforeEach(async () => {
  t = await startTestServer({
    lookup: fakeLookup(),
    env: { WS_RATE_LIMIT_PER_S: '1000', WS_RATE_LIMIT_BURST: '1000' },
    attach: [webSocketAttach],
  });
  await post('/api/admin/status', { active: true });
  for (const callsign of ['DL1ABC', 'G4XYZ', 'EA8/DL2XYZ', 'JA1XYZ']) {
    const r = await t.request('POST', '/api/queue/register', { body: { callsign } });
    expect(r.status).toBe(200);
  }
});

afterEach(async () => {
  await t.close();
});

async function post(path: string, body?: unknown): Promise<Frame> {
  const r = await t.request('POST', path, { admin: true, ...(body !== undefined ? { body } : {}) });
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body as Frame;
}

async function queue(): Promise<string[]> {
  const r = await t.request('GET', '/api/admin/queue', { admin: true });
  return ((r.body as Frame).queue as Frame[]).map((e) => e.callsign as string);
}

async function current(): Promise<string | null> {
  const r = await t.request('GET', '/api/admin/current', { admin: true });
  return ((r.body as Frame | null)?.callsign as string | undefined) ?? null;
}

async function logCalls(): Promise<string[]> {
  const r = await t.request('GET', '/api/admin/qsos', { admin: true });
  return ((r.body as Frame).qsos as Frame[]).map((q) => q.callsign as string);
}

const undo = (undo_id?: string) => post('/api/admin/undo', undo_id ? { undo_id } : {});

describe('undo over HTTP', () => {
  it('puts a removed caller back at the place they had', async () => {
    const r = await t.request('DELETE', '/api/admin/queue/G4XYZ', { admin: true });
    const removed = r.body as Frame;
    expect(removed).toMatchObject({ undo_label: 'Remove G4XYZ', undo_id: expect.any(String) });
    expect(await queue()).toEqual(['DL1ABC', 'EA8/DL2XYZ', 'JA1XYZ']);
    const u = await undo(removed.undo_id as string);
    expect(u).toMatchObject({
      message: 'G4XYZ is back in the queue',
      undone: { undo_label: 'Remove G4XYZ' },
    });
    expect(await queue()).toEqual(['DL1ABC', 'G4XYZ', 'EA8/DL2XYZ', 'JA1XYZ']);
    // an undo is used once
    const again = await t.request('POST', '/api/admin/undo', {
      admin: true,
      body: { undo_id: removed.undo_id },
    });
    expect(again.status).toBe(404);
  });

  it('makes a cancelled QSO current again', async () => {
    await post('/api/admin/queue/next');
    const c = await post('/api/admin/qso/cancel');
    expect(c.undo_label).toBe('Cancel the QSO with DL1ABC');
    expect(await current()).toBeNull();
    await undo(c.undo_id as string);
    expect(await current()).toBe('DL1ABC');
    expect(await logCalls()).toEqual([]);
  });

  it('takes a completed QSO out of the log and makes it current again, with its start time', async () => {
    const started = await post('/api/admin/queue/next');
    const c = await post('/api/admin/qso/complete');
    expect(await logCalls()).toEqual(['DL1ABC']);
    await undo(c.undo_id as string);
    expect(await logCalls()).toEqual([]);
    const r = await t.request('GET', '/api/admin/current', { admin: true });
    expect(r.body).toMatchObject({ callsign: 'DL1ABC', timestamp: started.timestamp });
  });

  it('undoes work next: the caller goes back to the head, the QSO it completed is current again', async () => {
    await post('/api/admin/queue/next'); // DL1ABC
    const w = await post('/api/admin/queue/next'); // logs DL1ABC, works G4XYZ
    expect(w).toMatchObject({ callsign: 'G4XYZ', undo_label: 'Log DL1ABC and work G4XYZ' });
    expect(await logCalls()).toEqual(['DL1ABC']);
    const u = await undo(); // the latest
    expect(u.message).toBe('G4XYZ is back at their place; the QSO with DL1ABC is current again');
    expect(await current()).toBe('DL1ABC');
    expect(await logCalls()).toEqual([]);
    expect(await queue()).toEqual(['G4XYZ', 'EA8/DL2XYZ', 'JA1XYZ']);
  });

  it('undoes working a chosen caller out of order: back to their own place', async () => {
    await post('/api/admin/queue/work/EA8%2FDL2XYZ');
    expect(await queue()).toEqual(['DL1ABC', 'G4XYZ', 'JA1XYZ']);
    await undo();
    expect(await current()).toBeNull();
    expect(await queue()).toEqual(['DL1ABC', 'G4XYZ', 'EA8/DL2XYZ', 'JA1XYZ']);
  });

  it('brings a cleared queue back whole, in order', async () => {
    const c = await post('/api/admin/queue/clear');
    expect(c).toMatchObject({ cleared_count: 4, undo_label: 'Clear the queue (4)' });
    expect(await queue()).toEqual([]);
    expect((await undo(c.undo_id as string)).message).toBe('4 callers are back in the queue');
    expect(await queue()).toEqual(['DL1ABC', 'G4XYZ', 'EA8/DL2XYZ', 'JA1XYZ']);
  });

  it('refuses an undo the state has moved past, and one that does not exist', async () => {
    await post('/api/admin/queue/next');
    const c = await post('/api/admin/qso/cancel');
    await post('/api/admin/queue/next'); // G4XYZ now
    const r = await t.request('POST', '/api/admin/undo', { admin: true, body: { undo_id: c.undo_id } });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'CONFLICT' });
    const none = await t.request('POST', '/api/admin/undo', { admin: true, body: { undo_id: 'nope' } });
    expect(none.status).toBe(404);
    const anon = await t.request('POST', '/api/admin/undo', { body: {} });
    expect(anon.status).toBe(401);
  });

  it('refuses a direct QSO while the system is off', async () => {
    await post('/api/admin/status', { active: false });
    const r = await t.request('POST', '/api/admin/qso/start', { admin: true, body: { callsign: 'K1ABC' } });
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ code: 'SYSTEM_INACTIVE' });
    expect(await current()).toBeNull();
  });
});

describe('QSO edit and delete over HTTP', () => {
  it('corrects a QSO with PATCH and deletes it with DELETE', async () => {
    await post('/api/admin/queue/next');
    const done = await post('/api/admin/qso/complete');
    const id = ((done.cleared_qso as Frame).qso as Frame).id as string;
    const r = await t.request('PATCH', `/api/admin/qsos/${id}`, {
      admin: true,
      body: {
        callsign: 'dl1abd',
        band: '40m',
        mode: 'CW',
        rst_sent: '599',
        rst_rcvd: '579',
        name: 'Hans',
        comment: 'QSB',
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      qso: { id, callsign: 'DL1ABD', band: '40m', mode: 'CW', rst_sent: '599', name: 'Hans', comment: 'QSB' },
    });
    expect(await logCalls()).toEqual(['DL1ABD']);
    const bad = await t.request('PATCH', `/api/admin/qsos/${id}`, {
      admin: true,
      body: { time_on: '2026-01-02T10:00:00Z', time_off: '2026-01-02T09:00:00Z' },
    });
    expect(bad.status).toBe(422);
    const unknown = await t.request('PATCH', `/api/admin/qsos/${id}`, {
      admin: true,
      body: { colour: 'red' },
    });
    expect(unknown.status).toBe(422);
    const del = await t.request('DELETE', `/api/admin/qsos/${id}`, { admin: true });
    expect(del.status).toBe(200);
    expect(await logCalls()).toEqual([]);
  });
});

describe('undo and QSO correction over WebSocket', () => {
  const byId = (id: unknown) => (f: Frame) => f.type !== 'event' && f.id === id;
  async function req(c: RawClient, operation: string, data: Frame = {}): Promise<Frame> {
    const id = `u${(n += 1)}`;
    c.send({ type: 'request', id, operation, data });
    const r = await c.next(byId(id));
    expect(r, `${operation}: ${String(r.error)}`).toMatchObject({ success: true });
    return r.data as Frame;
  }

  it('runs admin.undo, admin.update_qso and admin.delete_qso; v2 and original-protocol clients see the events', async () => {
    const v2 = await RawClient.open(t.url, '/ws/connect');
    const legacy = await RawClient.open(t.url, '/api/ws');
    try {
      const id = `a${(n += 1)}`;
      v2.send({ type: 'auth', id, data: { username: TEST_ADMIN.username, password: TEST_ADMIN.password } });
      await v2.next(byId(id));
      await req(v2, 'events.subscribe', { events: ['current_qso', 'qso_log_update', 'queue_update'] });
      await req(v2, 'admin.next_qso');
      const done = await req(v2, 'admin.complete_qso');
      await v2.next((f) => f.event === 'current_qso' && (f.data as Frame).current_qso === null);
      const u = await req(v2, 'admin.undo', { undo_id: done.undo_id });
      expect(u).toMatchObject({ undone: { undo_label: 'Log DL1ABC' } });
      const ev = await v2.next((f) => f.event === 'qso_log_update' && (f.data as Frame).action === 'deleted');
      expect(ev.data).toMatchObject({ action: 'deleted' });
      expect(
        await v2.next((f) => f.event === 'current_qso' && (f.data as Frame).current_qso !== null),
      ).toMatchObject({
        data: { current_qso: { callsign: 'DL1ABC' } },
      });
      // the original protocol's clients see the QSO come back too
      expect(
        await legacy.next(
          (f) =>
            f.type === 'qso_update' &&
            (f.current_qso as Frame | null)?.callsign === 'DL1ABC' &&
            legacy.log.filter((g) => g.type === 'qso_update').length >= 3,
        ),
      ).toBeTruthy();

      const again = await req(v2, 'admin.complete_qso');
      const qsoId = ((again.cleared_qso as Frame).qso as Frame).id as string;
      const edited = await req(v2, 'admin.update_qso', { id: qsoId, rst_rcvd: '57', comment: 'big signal' });
      expect(edited).toMatchObject({ qso: { id: qsoId, rst_rcvd: '57', comment: 'big signal' } });
      expect(
        await v2.next((f) => f.event === 'qso_log_update' && (f.data as Frame).action === 'updated'),
      ).toMatchObject({
        data: { qso: { comment: 'big signal' } },
      });
      await req(v2, 'admin.delete_qso', { id: qsoId });
      expect(await logCalls()).toEqual([]);
    } finally {
      v2.close();
      legacy.close();
    }
  });
});
