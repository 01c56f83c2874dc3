import { beforeEach, describe, expect, it } from 'vitest';
import { login, startConsole } from './session.js';
import { INITIAL_STORE, useConsole } from './store.js';
import { fakeClient, type FakeClient } from './testing-client.js';
import { OPS } from './operations.js';
import { entry } from './testing-fixtures.js';

const desktop = {
  serverUrl: 'http://127.0.0.1:8000',
  adminToken: 'desktop-token',
  appVersion: '1.0.0',
  openExternal: async () => true,
};

function withSnapshot(client: FakeClient): FakeClient {
  client.answers.set(OPS.snapshot, () => ({
    seq: 10,
    system: { active: true, paused: false },
    queue: { queue: [entry('DL1ABC', 1)], total: 1, max_size: 50, system_active: true },
  }));
  return client;
}

beforeEach(() => useConsole.setState({ ...INITIAL_STORE }));

describe('startConsole', () => {
  it('in the desktop app, signs in with the token from the preload, then subscribes and takes a snapshot', async () => {
    const client = withSnapshot(fakeClient());
    const urls: string[] = [];
    await startConsole({
      createClient: (url) => {
        urls.push(url);
        return client;
      },
      desktop,
      pageOrigin: 'http://ignored:1',
    });
    expect(urls).toEqual(['http://127.0.0.1:8000']);
    expect(client.auths).toEqual([{ token: 'desktop-token' }]);
    const state = useConsole.getState();
    expect(state.session).toBe('ready');
    expect(state.desktop).toBe(true);
    expect(state.live.active).toBe(true);
    expect(state.live.queue.map((e) => e.callsign)).toEqual(['DL1ABC']);
    expect(state.selected).toBe('DL1ABC');
    expect(client.requests.map((r) => r.operation)).toContain(OPS.snapshot);
  });

  it('in a browser without a session, shows the login form; a wrong password says so, the right one signs in', async () => {
    const client = withSnapshot(fakeClient());
    await startConsole({ createClient: () => client, desktop: null, pageOrigin: 'http://192.168.1.20:8000' });
    expect(useConsole.getState().session).toBe('login');
    expect(client.auths).toEqual([]);

    await login('admin', 'wrong');
    expect(useConsole.getState().session).toBe('login');
    expect(useConsole.getState().loginError).toBe('Wrong username or password.');

    await login('admin', 'right-password');
    expect(useConsole.getState().session).toBe('ready');
    expect(useConsole.getState().loginError).toBeNull();
  });

  it('applies events in seq order and ignores ones already covered by the snapshot', async () => {
    const client = withSnapshot(fakeClient());
    await startConsole({ createClient: () => client, desktop, pageOrigin: '' });
    client.emit({ event: 'system_status', data: { active: false }, seq: 9 });
    expect(useConsole.getState().live.active).toBe(true);
    client.emit({ event: 'queue_pause_update', data: { paused: true }, seq: 11 });
    expect(useConsole.getState().live.paused).toBe(true);
    expect(useConsole.getState().live.seq).toBe(11);
  });

  it('moves the selection along when the selected caller leaves the queue', async () => {
    const client = withSnapshot(fakeClient());
    await startConsole({ createClient: () => client, desktop, pageOrigin: '' });
    client.emit({
      event: 'queue_update',
      data: { queue: [entry('DL1ABC', 1), entry('G4XYZ', 2)], total: 2, max_size: 50, system_active: true },
      seq: 11,
    });
    useConsole.setState({ selected: 'DL1ABC' });
    client.emit({
      event: 'queue_update',
      data: { queue: [entry('G4XYZ', 1)], total: 1, max_size: 50, system_active: true },
      seq: 12,
    });
    expect(useConsole.getState().selected).toBe('G4XYZ');
  });

  it('follows the connection state', async () => {
    const client = withSnapshot(fakeClient());
    await startConsole({ createClient: () => client, desktop, pageOrigin: '' });
    expect(useConsole.getState().connection).toBe('open');
    client.setState('reconnecting');
    expect(useConsole.getState().connection).toBe('reconnecting');
  });
});
