/** A recording fake of `DesktopPlatform` for the shell's unit tests (no Electron). */
import type { DesktopPlatform, IpcSender, PreventableQuitEvent, WindowLike } from './platform.js';
import type { MainWindowOptions, WebContentsLike } from './window.js';
import type { MenuItemSpec } from './tray.js';

export interface FakeWindow extends WindowLike {
  options: MainWindowOptions;
  loadedUrls: string[];
  shown: number;
  focused: number;
  restored: number;
  minimized: boolean;
  destroyed: boolean;
  fireReadyToShow(): void;
  fireClosed(): void;
}

export interface FakePlatform extends DesktopPlatform {
  /** Every observable step, in order. */
  events: string[];
  windows: FakeWindow[];
  hasLock: boolean;
  syncHandlers: Map<string, (sender: IpcSender) => unknown>;
  invokeHandlers: Map<string, (sender: IpcSender, ...args: unknown[]) => Promise<unknown>>;
  externalUrls: string[];
  copied: string[];
  errors: string[];
  messages: string[];
  trays: MenuItemSpec[][];
  appMenus: MenuItemSpec[][];
  fireSecondInstance(): void;
  fireWindowAllClosed(): void;
  /** Fires before-quit; returns whether the default was prevented. */
  fireBeforeQuit(): boolean;
  fireWebContentsCreated(contents: WebContentsLike): void;
}

export function fakePlatform(options: { hasLock?: boolean; platform?: string } = {}): FakePlatform {
  const listeners = {
    secondInstance: [] as Array<() => void>,
    windowAllClosed: [] as Array<() => void>,
    activate: [] as Array<() => void>,
    beforeQuit: [] as Array<(event: PreventableQuitEvent) => void>,
    webContentsCreated: [] as Array<(contents: WebContentsLike) => void>,
  };
  const fake: FakePlatform = {
    events: [],
    windows: [],
    hasLock: options.hasLock ?? true,
    syncHandlers: new Map(),
    invokeHandlers: new Map(),
    externalUrls: [],
    copied: [],
    errors: [],
    messages: [],
    trays: [],
    appMenus: [],
    app: {
      platform: options.platform ?? 'linux',
      requestSingleInstanceLock: () => {
        fake.events.push('app:requestSingleInstanceLock');
        return fake.hasLock;
      },
      whenReady: async () => {
        fake.events.push('app:ready');
      },
      quit: () => {
        fake.events.push('app:quit');
        let prevented = false;
        for (const listener of listeners.beforeQuit) listener({ preventDefault: () => (prevented = true) });
        if (!prevented) fake.events.push('app:exited');
      },
      exit: (code) => void fake.events.push(`app:exit(${code})`),
      getPath: (name) => `/fake/${name}`,
      getVersion: () => '9.8.7',
      onSecondInstance: (listener) => void listeners.secondInstance.push(listener),
      onWindowAllClosed: (listener) => void listeners.windowAllClosed.push(listener),
      onActivate: (listener) => void listeners.activate.push(listener),
      onBeforeQuit: (listener) => void listeners.beforeQuit.push(listener),
      onWebContentsCreated: (listener) => void listeners.webContentsCreated.push(listener),
    },
    ipcMain: {
      onSync: (channel, handler) => void fake.syncHandlers.set(channel, handler),
      handle: (channel, handler) => void fake.invokeHandlers.set(channel, handler),
    },
    createWindow: (windowOptions) => {
      let readyToShow: () => void = () => undefined;
      let closed: () => void = () => undefined;
      const window: FakeWindow = {
        options: windowOptions,
        loadedUrls: [],
        shown: 0,
        focused: 0,
        restored: 0,
        minimized: false,
        destroyed: false,
        loadURL: async (url) => {
          fake.events.push(`window:load ${url}`);
          window.loadedUrls.push(url);
        },
        show: () => void (window.shown += 1),
        focus: () => void (window.focused += 1),
        restore: () => {
          window.restored += 1;
          window.minimized = false;
        },
        isMinimized: () => window.minimized,
        isDestroyed: () => window.destroyed,
        onReadyToShow: (listener) => void (readyToShow = listener),
        onClosed: (listener) => void (closed = listener),
        fireReadyToShow: () => readyToShow(),
        fireClosed: () => {
          window.destroyed = true;
          closed();
        },
      };
      fake.events.push('window:create');
      fake.windows.push(window);
      return window;
    },
    openExternal: async (url) => void fake.externalUrls.push(url),
    copyText: (text) => void fake.copied.push(text),
    showErrorBox: (title, content) => void fake.errors.push(`${title}: ${content}`),
    showMessage: (title, message, detail) => void fake.messages.push(`${title}: ${message} ${detail}`),
    setApplicationMenu: (items) => void fake.appMenus.push(items),
    setTray: (_icon, _tooltip, items) => void fake.trays.push(items),
    hardenSession: () => void fake.events.push('session:harden'),
    fireSecondInstance: () => listeners.secondInstance.forEach((listener) => listener()),
    fireWindowAllClosed: () => listeners.windowAllClosed.forEach((listener) => listener()),
    fireBeforeQuit: () => {
      let prevented = false;
      for (const listener of listeners.beforeQuit) listener({ preventDefault: () => (prevented = true) });
      return prevented;
    },
    fireWebContentsCreated: (contents) =>
      listeners.webContentsCreated.forEach((listener) => listener(contents)),
  };
  return fake;
}
