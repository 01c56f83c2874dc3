import { IPC_CHANNELS } from '../../shared/desktop/ipc-channels.js';
import type { DesktopConfig } from '../../shared/desktop/desktop-api.js';
import type { DesktopPlatform, WindowLike } from './platform.js';
import { CONTENT_SECURITY_POLICY, hardenWebContents, mainWindowOptions } from './window.js';
import { isExternalAllowed, isSameOrigin, localServerUrl } from './url-policy.js';
import { applicationMenu, trayMenu, type TrayActions } from './tray.js';
import { callerUrls, type InterfaceAddress } from './lan.js';

/** What the desktop needs from the queue server (a subset of `createServer`'s result). */
export interface DesktopServer {
  readonly port: number;
  readonly host: string;
  /** Set on the first start without ADMIN_PASSWORD: the generated admin password, shown once. */
  readonly generatedPassword: string | null;
  close(): Promise<void>;
  createLocalAdminToken(): string;
}

export interface DesktopOptions {
  startServer(options: { dataDir: string }): Promise<DesktopServer>;
  preloadPath: string;
  iconPath?: string;
  networkInterfaces(): Record<string, InterfaceAddress[] | undefined>;
  /** How often the tray and menu check whether the server moved (port or bind address changed). */
  menuRefreshMs?: number;
  /** Reports progress and errors (console.error in production). */
  log?: (message: string) => void;
}

export interface DesktopHandle {
  /** The server URL the window uses. */
  serverUrl(): string;
  /** Opens (or focuses) the console window. */
  showConsole(): void;
}

/**
 * The desktop app's life: single-instance lock, then the server, then the window; the server is closed
 * before the process exits. Returns null when this launch is a second instance (it quits at once) or
 * when the server cannot start.
 */
export async function runDesktop(
  platform: DesktopPlatform,
  options: DesktopOptions,
): Promise<DesktopHandle | null> {
  const { app } = platform;
  const log = options.log ?? (() => undefined);

  if (!app.requestSingleInstanceLock()) {
    log('another instance is running; focusing it');
    app.quit();
    return null;
  }

  let server: DesktopServer | null = null;
  let adminToken = '';
  let mainWindow: WindowLike | null = null;
  let stopping = false;
  let menuTimer: ReturnType<typeof setInterval> | null = null;

  const serverUrl = (): string => (server ? localServerUrl(server.port, server.host) : '');
  const openExternal = (url: string): void => {
    if (isExternalAllowed(url)) void platform.openExternal(url);
  };

  const showConsole = (): void => {
    if (!server) return;
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
      return;
    }
    const window = platform.createWindow(mainWindowOptions(options.preloadPath, options.iconPath));
    mainWindow = window;
    window.onReadyToShow(() => window.show());
    window.onClosed(() => {
      if (mainWindow === window) mainWindow = null;
    });
    window.loadURL(`${serverUrl()}/console/`).catch((error: unknown) => {
      log(`console failed to load: ${String(error)}`);
    });
  };

  // Registered before anything else so that no event is missed.
  app.onSecondInstance(() => showConsole());
  app.onWebContentsCreated((contents) =>
    hardenWebContents(contents, { appOrigin: serverUrl, openExternal: (url) => openExternal(url) }),
  );
  app.onWindowAllClosed(() => {
    if (app.platform !== 'darwin') app.quit();
  });
  app.onActivate(() => showConsole());
  app.onBeforeQuit((event) => {
    if (!server) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    if (menuTimer) clearInterval(menuTimer);
    const closing = server;
    log('stopping the server');
    closing
      .close()
      .catch((error: unknown) => log(`server close failed: ${String(error)}`))
      .finally(() => {
        server = null;
        app.quit();
      });
  });

  await app.whenReady();
  platform.hardenSession(CONTENT_SECURITY_POLICY);

  try {
    server = await options.startServer({ dataDir: app.getPath('userData') });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    platform.showErrorBox('Pileup Buster could not start its server', message);
    app.exit(1);
    return null;
  }
  adminToken = server.createLocalAdminToken();
  log(`server listening at ${serverUrl()}`);

  const config = (): DesktopConfig => ({ serverUrl: serverUrl(), adminToken, appVersion: app.getVersion() });
  platform.ipcMain.onSync(IPC_CHANNELS.getDesktopConfig, ({ senderUrl }) =>
    isSameOrigin(senderUrl, serverUrl()) ? config() : null,
  );
  platform.ipcMain.handle(IPC_CHANNELS.openExternal, async ({ senderUrl }, url) => {
    if (!isSameOrigin(senderUrl, serverUrl())) return false;
    if (typeof url !== 'string' || !isExternalAllowed(url)) return false;
    await platform.openExternal(url);
    return true;
  });

  const actions: TrayActions = {
    showConsole,
    openExternal,
    copyText: (text) => platform.copyText(text),
    quit: () => app.quit(),
  };
  const buildMenus = (running: DesktopServer): void => {
    const urls = callerUrls(running.port, running.host, options.networkInterfaces());
    platform.setApplicationMenu(applicationMenu(urls, actions));
    if (options.iconPath) platform.setTray(options.iconPath, 'Pileup Buster', trayMenu(urls, actions));
  };
  buildMenus(server);
  // The console can move the server to another port or address; the caller URLs follow.
  let listening = `${server.host} ${server.port}`;
  menuTimer = setInterval(() => {
    if (!server || `${server.host} ${server.port}` === listening) return;
    listening = `${server.host} ${server.port}`;
    buildMenus(server);
  }, options.menuRefreshMs ?? 3000);
  menuTimer.unref?.();

  showConsole();
  if (server.generatedPassword) {
    platform.showMessage(
      'Admin password',
      'A password for the operator console was generated.',
      `Username admin, password ${server.generatedPassword}\n\nYou need it to use the console from a browser on ` +
        'another computer. It is shown only this once; change it under Settings in the console.',
    );
  }
  return { serverUrl, showConsole };
}
