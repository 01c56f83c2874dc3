/**
 * The narrow view of Electron the desktop lifecycle needs. `electron-platform.ts` implements it with the
 * real Electron; unit tests implement it with plain objects. Nothing here imports 'electron'.
 */
import type { MainWindowOptions, WebContentsLike } from './window.js';
import type { MenuItemSpec } from './tray.js';

export interface PreventableQuitEvent {
  preventDefault(): void;
}

export interface AppLike {
  readonly platform: string;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  exit(code: number): void;
  getPath(name: 'userData'): string;
  getVersion(): string;
  onSecondInstance(listener: () => void): void;
  onWindowAllClosed(listener: () => void): void;
  onActivate(listener: () => void): void;
  onBeforeQuit(listener: (event: PreventableQuitEvent) => void): void;
  onWebContentsCreated(listener: (contents: WebContentsLike) => void): void;
}

export interface WindowLike {
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  onReadyToShow(listener: () => void): void;
  onClosed(listener: () => void): void;
}

/** Who sent an IPC message: the URL of the sending frame. */
export interface IpcSender {
  senderUrl: string;
}

export interface IpcMainLike {
  /** Answer `ipcRenderer.sendSync(channel)` with the handler's return value. */
  onSync(channel: string, handler: (sender: IpcSender) => unknown): void;
  /** Answer `ipcRenderer.invoke(channel, ...args)`. */
  handle(channel: string, handler: (sender: IpcSender, ...args: unknown[]) => Promise<unknown>): void;
}

export interface DesktopPlatform {
  app: AppLike;
  ipcMain: IpcMainLike;
  createWindow(options: MainWindowOptions): WindowLike;
  openExternal(url: string): Promise<void>;
  copyText(text: string): void;
  showErrorBox(title: string, content: string): void;
  /** An informational message box (not blocking the caller). */
  showMessage(title: string, message: string, detail: string): void;
  setApplicationMenu(items: MenuItemSpec[]): void;
  /** Creates the tray icon on the first call; later calls replace its menu. */
  setTray(iconPath: string, tooltip: string, items: MenuItemSpec[]): void;
  /** Deny permission requests (camera, notifications, ...; clipboard writes excepted) and add the CSP header to responses. */
  hardenSession(contentSecurityPolicy: string): void;
}
