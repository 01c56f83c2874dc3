/** The real-Electron adapter, with the 'electron' module mocked: what reaches BrowserWindow, session and ipcMain. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({
  windows: [] as unknown[],
  permissionRequest: null as null | ((c: unknown, permission: string, cb: (ok: boolean) => void) => void),
  permissionCheck: null as null | ((c: unknown, permission: string) => boolean),
  headers: null as
    null | ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void),
  syncHandlers: new Map<
    string,
    (event: { senderFrame: { url: string } | null; returnValue?: unknown }) => void
  >(),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    constructor(options: unknown) {
      calls.windows.push(options);
    }
    loadURL = async (): Promise<void> => undefined;
    once = (): void => undefined;
    on = (): void => undefined;
  }
  return {
    app: { on: vi.fn(), requestSingleInstanceLock: vi.fn(() => true) },
    BrowserWindow,
    clipboard: { writeText: vi.fn() },
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })) },
    ipcMain: {
      on: (
        channel: string,
        handler: (event: { senderFrame: { url: string } | null; returnValue?: unknown }) => void,
      ) => calls.syncHandlers.set(channel, handler),
      handle: vi.fn(),
    },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() },
    nativeImage: { createFromPath: vi.fn(() => ({ resize: () => ({}) })) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof calls.permissionRequest) => (calls.permissionRequest = h),
        setPermissionCheckHandler: (h: typeof calls.permissionCheck) => (calls.permissionCheck = h),
        webRequest: { onHeadersReceived: (h: typeof calls.headers) => (calls.headers = h) },
      },
    },
    shell: { openExternal: vi.fn(async () => undefined) },
    Tray: class {
      setToolTip = vi.fn();
      setContextMenu = vi.fn();
    },
  };
});

const { electronPlatform } = await import('./electron-platform.js');
const { mainWindowOptions, CONTENT_SECURITY_POLICY } = await import('./window.js');

beforeEach(() => {
  calls.windows.length = 0;
});

describe('electronPlatform', () => {
  it('hands BrowserWindow exactly the hardened options', () => {
    const options = mainWindowOptions('/app/preload.cjs');
    electronPlatform().createWindow(options);
    expect(calls.windows).toEqual([options]);
    expect(calls.windows[0]).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
  });

  it('denies permission requests except clipboard writes, and puts the CSP on every response', () => {
    electronPlatform().hardenSession(CONTENT_SECURITY_POLICY);
    const answers: Record<string, boolean> = {};
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-sanitized-write']) {
      calls.permissionRequest!(null, permission, (ok) => (answers[permission] = ok));
    }
    expect(answers).toEqual({
      media: false,
      geolocation: false,
      notifications: false,
      'clipboard-sanitized-write': true,
    });
    expect(calls.permissionCheck!(null, 'media')).toBe(false);
    let result: unknown;
    calls.headers!(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'x-other': ['1'] } },
      (r) => {
        result = r;
      },
    );
    expect(result).toEqual({
      responseHeaders: { 'x-other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('answers synchronous IPC with the handler result and passes the sender frame URL', () => {
    const seen: string[] = [];
    electronPlatform().ipcMain.onSync('chan', ({ senderUrl }) => {
      seen.push(senderUrl);
      return { ok: true };
    });
    const event: { senderFrame: { url: string } | null; returnValue?: unknown } = {
      senderFrame: { url: 'http://127.0.0.1:8000/console/' },
    };
    calls.syncHandlers.get('chan')!(event);
    expect(event.returnValue).toEqual({ ok: true });
    const orphan: { senderFrame: null; returnValue?: unknown } = { senderFrame: null };
    calls.syncHandlers.get('chan')!(orphan);
    expect(seen).toEqual(['http://127.0.0.1:8000/console/', '']);
  });
});
