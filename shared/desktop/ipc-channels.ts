/**
 * The one list of IPC channel names between the Electron main process and the preload: the desktop contract,
 * kept in shared/ so that main and renderer stand side by side on it.
 * Both sides import from here; the preload is bundled so this file ends up inside it.
 */
export const IPC_CHANNELS = {
  /** Synchronous: the preload asks once for the desktop config (server URL, admin token, app version). */
  getDesktopConfig: 'pileup-desktop:get-config',
  /** Asynchronous: open an http(s) URL in the system browser. */
  openExternal: 'pileup-desktop:open-external',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];
