import { describe, expect, it } from 'vitest';
import { createDesktopApi, type IpcRendererLike } from './preload-api.js';
import { IPC_CHANNELS } from '../../shared/desktop/ipc-channels.js';

function fakeIpc(config: unknown) {
  const calls: Array<{ channel: string; args: unknown[] }> = [];
  const ipc: IpcRendererLike = {
    sendSync: (channel, ...args) => {
      calls.push({ channel, args });
      return channel === IPC_CHANNELS.getDesktopConfig ? config : undefined;
    },
    invoke: async (channel, ...args) => {
      calls.push({ channel, args });
      return channel === IPC_CHANNELS.openExternal && args[0] === 'https://www.qrz.com/';
    },
  };
  return { ipc, calls };
}

const config = { serverUrl: 'http://127.0.0.1:8000', adminToken: 'tok', appVersion: '1.2.3' };

describe('preload API', () => {
  it('exposes exactly serverUrl, adminToken, appVersion and openExternal, frozen', () => {
    const api = createDesktopApi(fakeIpc(config).ipc)!;
    expect(Object.keys(api).sort()).toEqual(['adminToken', 'appVersion', 'openExternal', 'serverUrl']);
    expect(api.serverUrl).toBe('http://127.0.0.1:8000');
    expect(api.adminToken).toBe('tok');
    expect(api.appVersion).toBe('1.2.3');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('asks the main process once, over the shared channel', () => {
    const { ipc, calls } = fakeIpc(config);
    createDesktopApi(ipc);
    expect(calls).toEqual([{ channel: 'pileup-desktop:get-config', args: [] }]);
  });

  it('openExternal goes through the open-external channel and reports refusals', async () => {
    const { ipc, calls } = fakeIpc(config);
    const api = createDesktopApi(ipc)!;
    expect(await api.openExternal('https://www.qrz.com/')).toBe(true);
    expect(await api.openExternal('file:///etc/passwd')).toBe(false);
    expect(calls.slice(1).map((call) => call.channel)).toEqual([
      IPC_CHANNELS.openExternal,
      IPC_CHANNELS.openExternal,
    ]);
  });

  it('exposes nothing when the main process refuses or answers garbage', () => {
    expect(createDesktopApi(fakeIpc(null).ipc)).toBeNull();
    expect(
      createDesktopApi(fakeIpc({ serverUrl: 'file:///x', adminToken: 't', appVersion: '1' }).ipc),
    ).toBeNull();
    expect(
      createDesktopApi(fakeIpc({ serverUrl: 'http://x', adminToken: '', appVersion: '1' }).ipc),
    ).toBeNull();
  });
});
