import { IPC_CHANNELS } from '../../shared/desktop/ipc-channels.js';
import { parseDesktopConfig, type PileupDesktopApi } from '../../shared/desktop/desktop-api.js';

/** The part of Electron's `ipcRenderer` the preload uses (injected so tests need no Electron). */
export interface IpcRendererLike {
  sendSync(channel: string, ...args: unknown[]): unknown;
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

/**
 * Builds the frozen object exposed as `window.pileupDesktop`, or null when the main process
 * refuses to hand over a config (the page is not the console of our own server).
 */
export function createDesktopApi(ipc: IpcRendererLike): PileupDesktopApi | null {
  const config = parseDesktopConfig(ipc.sendSync(IPC_CHANNELS.getDesktopConfig));
  if (!config) return null;
  const api: PileupDesktopApi = {
    serverUrl: config.serverUrl,
    adminToken: config.adminToken,
    appVersion: config.appVersion,
    openExternal: async (url: string): Promise<boolean> => {
      if (typeof url !== 'string') return false;
      const result = await ipc.invoke(IPC_CHANNELS.openExternal, url);
      return result === true;
    },
  };
  return Object.freeze(api);
}
