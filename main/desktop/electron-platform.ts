/**
 * The real Electron behind the `DesktopPlatform` interface. This is the only module (with main.ts and
 * preload.ts) that imports 'electron'; unit tests never load it.
 */
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  session,
  shell,
  Tray,
} from 'electron';
import type { MenuItemConstructorOptions, WebContents } from 'electron';
import type { DesktopPlatform, IpcSender } from './platform.js';
import type { MenuItemSpec } from './tray.js';
import type { WebContentsLike } from './window.js';

function toTemplate(items: MenuItemSpec[]): MenuItemConstructorOptions[] {
  return items.map((item) => {
    const { submenu, type, ...rest } = item;
    const options: MenuItemConstructorOptions = { ...rest };
    if (type) options.type = type;
    if (submenu) options.submenu = toTemplate(submenu);
    return options;
  });
}

function wrapWebContents(contents: WebContents): WebContentsLike {
  return {
    onWillNavigate: (listener) => contents.on('will-navigate', (event) => listener(event, event.url)),
    onWillRedirect: (listener) => contents.on('will-redirect', (event) => listener(event, event.url)),
    onWillAttachWebview: (listener) => contents.on('will-attach-webview', (event) => listener(event)),
    setWindowOpenHandler: (handler) =>
      contents.setWindowOpenHandler((details) => handler({ url: details.url })),
  };
}

function senderOf(event: { senderFrame: { url: string } | null }): IpcSender {
  return { senderUrl: event.senderFrame?.url ?? '' };
}

/** Kept here so the tray icon is not garbage-collected. */
let tray: Tray | null = null;

export function electronPlatform(): DesktopPlatform {
  return {
    app: {
      platform: process.platform,
      requestSingleInstanceLock: () => app.requestSingleInstanceLock(),
      whenReady: () => app.whenReady(),
      quit: () => app.quit(),
      exit: (code) => app.exit(code),
      getPath: (name) => app.getPath(name),
      getVersion: () => app.getVersion(),
      onSecondInstance: (listener) => void app.on('second-instance', () => listener()),
      onWindowAllClosed: (listener) => void app.on('window-all-closed', () => listener()),
      onActivate: (listener) => void app.on('activate', () => listener()),
      onBeforeQuit: (listener) => void app.on('before-quit', (event) => listener(event)),
      onWebContentsCreated: (listener) =>
        void app.on('web-contents-created', (_event, contents) => listener(wrapWebContents(contents))),
    },
    ipcMain: {
      onSync: (channel, handler) =>
        void ipcMain.on(channel, (event) => {
          event.returnValue = handler(senderOf(event));
        }),
      handle: (channel, handler) =>
        ipcMain.handle(channel, (event, ...args: unknown[]) => handler(senderOf(event), ...args)),
    },
    createWindow: (options) => {
      const window = new BrowserWindow(options);
      return {
        loadURL: (url) => window.loadURL(url),
        show: () => window.show(),
        focus: () => window.focus(),
        restore: () => window.restore(),
        isMinimized: () => window.isMinimized(),
        isDestroyed: () => window.isDestroyed(),
        onReadyToShow: (listener) => void window.once('ready-to-show', () => listener()),
        onClosed: (listener) => void window.on('closed', () => listener()),
      };
    },
    openExternal: (url) => shell.openExternal(url),
    copyText: (text) => {
      void clipboard.writeText(text);
    },
    showErrorBox: (title, content) => dialog.showErrorBox(title, content),
    showMessage: (title, message, detail) => {
      void dialog.showMessageBox({ type: 'info', title, message, detail, buttons: ['OK'] });
    },
    setApplicationMenu: (items) => Menu.setApplicationMenu(Menu.buildFromTemplate(toTemplate(items))),
    setTray: (iconPath, tooltip, items) => {
      tray ??= new Tray(nativeImage.createFromPath(iconPath).resize({ width: 22, height: 22 }));
      tray.setToolTip(tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(toTemplate(items)));
    },
    hardenSession: (contentSecurityPolicy) => {
      const ses = session.defaultSession;
      // Only writing to the clipboard (the console's "copy URL" buttons) is allowed.
      const allowed = (permission: string): boolean => permission === 'clipboard-sanitized-write';
      ses.setPermissionRequestHandler((_contents, permission, callback) => callback(allowed(permission)));
      ses.setPermissionCheckHandler((_contents, permission) => allowed(permission));
      ses.webRequest.onHeadersReceived((details, callback) => {
        const headers = { ...details.responseHeaders };
        for (const name of Object.keys(headers)) {
          if (name.toLowerCase() === 'content-security-policy') delete headers[name];
        }
        headers['Content-Security-Policy'] = [contentSecurityPolicy];
        callback({ responseHeaders: headers });
      });
    },
  };
}
