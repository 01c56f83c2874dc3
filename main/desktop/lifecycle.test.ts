import { afterEach, describe, expect, it, vi } from 'vitest';
import { runDesktop, type DesktopOptions, type DesktopServer } from './lifecycle.js';
import { fakePlatform, type FakePlatform } from './testing-platform.js';
import { IPC_CHANNELS } from '../../shared/desktop/ipc-channels.js';
import type { MenuItemSpec } from './tray.js';
import type { PreventableEvent, WebContentsLike, WindowOpenDetails } from './window.js';

interface FakeServer extends DesktopServer {
  generatedPassword: string | null;
  port: number;
  closed: boolean;
  releaseClose(): void;
}

function fakeServer(platform: FakePlatform, port = 8123, host = '0.0.0.0'): FakeServer {
  let release: () => void = () => undefined;
  const server: FakeServer = {
    port,
    host,
    generatedPassword: null,
    closed: false,
    close: () => {
      platform.events.push('server:close');
      return new Promise<void>((resolve) => {
        release = () => {
          server.closed = true;
          platform.events.push('server:closed');
          resolve();
        };
      });
    },
    releaseClose: () => release(),
    createLocalAdminToken: () => 'local-admin-token',
  };
  return server;
}

function setup(platformOptions: { hasLock?: boolean; platform?: string } = {}) {
  const platform = fakePlatform(platformOptions);
  const server = fakeServer(platform);
  const dataDirs: string[] = [];
  const options: DesktopOptions = {
    startServer: async ({ dataDir }) => {
      platform.events.push('server:start');
      dataDirs.push(dataDir);
      return server;
    },
    preloadPath: '/app/dist/main/desktop/preload.cjs',
    iconPath: '/app/resources/icon.png',
    networkInterfaces: () => ({
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [{ address: '192.168.1.20', family: 'IPv4', internal: false }],
    }),
  };
  return { platform, server, options, dataDirs };
}

function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function labels(items: MenuItemSpec[]): string[] {
  return items.flatMap((item) => [
    item.label ?? `<${item.type ?? item.role ?? ''}>`,
    ...labels(item.submenu ?? []),
  ]);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('runDesktop lifecycle', () => {
  it('takes the single-instance lock, starts the server in userData, then opens the console window', async () => {
    const { platform, options, dataDirs } = setup();
    const handle = await runDesktop(platform, options);
    expect(handle).not.toBeNull();
    expect(platform.events).toEqual([
      'app:requestSingleInstanceLock',
      'app:ready',
      'session:harden',
      'server:start',
      'window:create',
      'window:load http://127.0.0.1:8123/console/',
    ]);
    expect(dataDirs).toEqual(['/fake/userData']);
    expect(handle?.serverUrl()).toBe('http://127.0.0.1:8123');
  });

  it('shows the window only when it is ready to show', async () => {
    const { platform, options } = setup();
    await runDesktop(platform, options);
    const window = platform.windows[0]!;
    expect(window.shown).toBe(0);
    window.fireReadyToShow();
    expect(window.shown).toBe(1);
  });

  it('a second launch without the lock quits before starting a server or a window', async () => {
    const { platform, options } = setup({ hasLock: false });
    const handle = await runDesktop(platform, options);
    expect(handle).toBeNull();
    expect(platform.events).toEqual(['app:requestSingleInstanceLock', 'app:quit', 'app:exited']);
    expect(platform.windows).toHaveLength(0);
  });

  it('focuses (and restores) the existing window when a second instance starts', async () => {
    const { platform, options } = setup();
    await runDesktop(platform, options);
    const window = platform.windows[0]!;
    window.minimized = true;
    platform.fireSecondInstance();
    expect(platform.windows).toHaveLength(1);
    expect(window.restored).toBe(1);
    expect(window.focused).toBe(1);
    expect(window.shown).toBe(1);
  });

  it('reopens the window after it was closed when the app is activated again', async () => {
    const { platform, options } = setup({ platform: 'darwin' });
    await runDesktop(platform, options);
    platform.windows[0]!.fireClosed();
    platform.fireWindowAllClosed();
    expect(platform.events).not.toContain('app:quit');
    platform.fireSecondInstance();
    expect(platform.windows).toHaveLength(2);
  });

  it('quits when all windows are closed on Linux and Windows', async () => {
    const { platform, options } = setup();
    await runDesktop(platform, options);
    platform.windows[0]!.fireClosed();
    platform.fireWindowAllClosed();
    expect(platform.events).toContain('app:quit');
  });

  it('on quit, holds the exit until the server has closed, then quits once', async () => {
    const { platform, options, server } = setup();
    await runDesktop(platform, options);
    platform.events.length = 0;
    platform.app.quit();
    expect(platform.events).toEqual(['app:quit', 'server:close']);
    // A second quit request while the server is closing does not close it twice.
    platform.app.quit();
    expect(platform.events.filter((event) => event === 'server:close')).toHaveLength(1);
    server.releaseClose();
    await flush();
    expect(platform.events.slice(-3)).toEqual(['server:closed', 'app:quit', 'app:exited']);
  });

  it('shows an error box and exits with code 1 when the server cannot start', async () => {
    const { platform, options } = setup();
    options.startServer = async () => {
      throw new Error('listen EADDRINUSE: address already in use 0.0.0.0:8000');
    };
    const handle = await runDesktop(platform, options);
    expect(handle).toBeNull();
    expect(platform.errors).toEqual([
      'Pileup Buster could not start its server: listen EADDRINUSE: address already in use 0.0.0.0:8000',
    ]);
    expect(platform.events).toContain('app:exit(1)');
    expect(platform.windows).toHaveLength(0);
  });

  it('hands the desktop config only to pages of its own server', async () => {
    const { platform, options } = setup();
    await runDesktop(platform, options);
    const handler = platform.syncHandlers.get(IPC_CHANNELS.getDesktopConfig)!;
    expect(handler({ senderUrl: 'http://127.0.0.1:8123/console/' })).toEqual({
      serverUrl: 'http://127.0.0.1:8123',
      adminToken: 'local-admin-token',
      appVersion: '9.8.7',
    });
    expect(handler({ senderUrl: 'https://evil.example/' })).toBeNull();
    expect(handler({ senderUrl: '' })).toBeNull();
  });

  it('opens only http(s) URLs externally, and only for its own pages', async () => {
    const { platform, options } = setup();
    await runDesktop(platform, options);
    const handler = platform.invokeHandlers.get(IPC_CHANNELS.openExternal)!;
    const own = { senderUrl: 'http://127.0.0.1:8123/console/' };
    expect(await handler(own, 'https://www.qrz.com/db/DL1ABC')).toBe(true);
    expect(await handler(own, 'file:///etc/passwd')).toBe(false);
    expect(await handler(own, 'javascript:alert(1)')).toBe(false);
    expect(await handler(own, 42)).toBe(false);
    expect(await handler({ senderUrl: 'https://evil.example/' }, 'https://example.org/')).toBe(false);
    expect(platform.externalUrls).toEqual(['https://www.qrz.com/db/DL1ABC']);
  });

  it('hardens every web contents: foreign navigation refused and sent to the browser, new windows denied', async () => {
    const { platform, options } = setup();
    await runDesktop(platform, options);
    let navigate: (event: PreventableEvent, url: string) => void = () => undefined;
    let openHandler: (details: WindowOpenDetails) => { action: 'deny' } = () => ({ action: 'deny' });
    let webview: (event: PreventableEvent) => void = () => undefined;
    const contents: WebContentsLike = {
      onWillNavigate: (listener) => void (navigate = listener),
      onWillRedirect: () => undefined,
      onWillAttachWebview: (listener) => void (webview = listener),
      setWindowOpenHandler: (handler) => void (openHandler = handler),
    };
    platform.fireWebContentsCreated(contents);
    const prevented: string[] = [];
    const event = (url: string): PreventableEvent => ({ preventDefault: () => void prevented.push(url) });
    navigate(event('http://127.0.0.1:8123/console/#log'), 'http://127.0.0.1:8123/console/#log');
    navigate(event('https://www.qrz.com/'), 'https://www.qrz.com/');
    navigate(event('file:///etc/passwd'), 'file:///etc/passwd');
    expect(prevented).toEqual(['https://www.qrz.com/', 'file:///etc/passwd']);
    expect(openHandler({ url: 'https://hamqth.com/' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'http://127.0.0.1:8123/' })).toEqual({ action: 'deny' });
    webview(event('webview'));
    expect(prevented).toContain('webview');
    await flush();
    expect(platform.externalUrls).toEqual([
      'https://www.qrz.com/',
      'https://hamqth.com/',
      'http://127.0.0.1:8123/',
    ]);
  });

  it('updates the caller URLs in the tray and the menu when the server moved to another port', async () => {
    vi.useFakeTimers();
    const { platform, options, server } = setup();
    options.menuRefreshMs = 1000;
    await runDesktop(platform, options);
    vi.advanceTimersByTime(1000);
    expect(platform.trays).toHaveLength(1);
    server.port = 9001;
    vi.advanceTimersByTime(1000);
    expect(platform.trays).toHaveLength(2);
    expect(labels(platform.trays[1]!)).toContain('http://192.168.1.20:9001/  (eth0)');
    expect(labels(platform.appMenus[1]!)).toContain('http://192.168.1.20:9001/  (eth0)');
  });

  it('shows a generated admin password once, after the window opened', async () => {
    const { platform, options, server } = setup();
    server.generatedPassword = 'Xk3-generated';
    await runDesktop(platform, options);
    expect(platform.messages).toHaveLength(1);
    expect(platform.messages[0]).toContain('Xk3-generated');
  });

  it('shows no password message when the password was set by the operator', async () => {
    const { platform, options } = setup();
    await runDesktop(platform, options);
    expect(platform.messages).toEqual([]);
  });

  it('offers the caller URLs of the LAN interfaces in the tray and the menu', async () => {
    const { platform, options } = setup();
    await runDesktop(platform, options);
    expect(labels(platform.trays[0]!)).toContain('http://192.168.1.20:8123/  (eth0)');
    expect(labels(platform.appMenus[0]!)).toContain('http://192.168.1.20:8123/  (eth0)');
    const item = platform.trays[0]!.find((entry) => entry.label?.startsWith('http://192.168.1.20'));
    item!.submenu!.find((entry) => entry.label === 'Copy URL')!.click!();
    expect(platform.copied).toEqual(['http://192.168.1.20:8123/']);
  });
});
