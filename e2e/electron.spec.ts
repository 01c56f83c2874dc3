/**
 * The desktop app launched for real through Playwright's Electron support: the server starts, the console window
 * opens signed in with the desktop's own admin token (no login form), the preload exposes only its small API,
 * the page has no Node.js, and quitting stops the server.
 *
 * It needs an Electron runtime. The `electron` package downloads its binary on first use, which is impossible
 * without internet, so this spec never asks the package for it (that would start a download): it looks for an
 * installed binary (ELECTRON_PATH, ELECTRON_OVERRIDE_DIST_PATH, or node_modules/electron/dist) and is skipped,
 * saying so, when there is none.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The Electron executable, or null when no runtime is installed. */
function electronBinary(): string | null {
  if (process.env.ELECTRON_PATH)
    return existsSync(process.env.ELECTRON_PATH) ? process.env.ELECTRON_PATH : null;
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (!relative) return null;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const binary = path.join(dist, relative);
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const SKIP_REASON =
  'No Electron runtime here: node_modules/electron has no downloaded binary (it needs internet on first use). ' +
  'Set ELECTRON_PATH to an Electron 45 executable to run this test.';
if (binary === null) console.log(`electron.spec.ts skipped: ${SKIP_REASON}`);

test.describe('desktop app (Electron)', () => {
  test.skip(binary === null, SKIP_REASON);

  test.beforeAll(() => {
    // The shell runs from the build: main process (tsc), preload bundle (vite), pages (vite).
    const run = (args: string[]): void => void execFileSync('npx', args, { cwd: ROOT, stdio: 'inherit' });
    run(['tsc', '-p', 'tsconfig.build.json']);
    run(['vite', 'build', '-c', 'main/desktop/vite.preload.config.ts']);
    if (!existsSync(path.join(ROOT, 'dist', 'renderer', 'console', 'index.html'))) run(['vite', 'build']);
  });

  test('starts the server, opens the signed-in console, and stops cleanly', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pb-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [path.join(ROOT, 'dist', 'main', 'desktop', 'main.js'), '--port', '0', '--host', '127.0.0.1'],
      env: { ...process.env, DATA_DIR: dataDir, ADMIN_PASSWORD: 'electron-e2e-password' },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByTestId('system-pill')).toBeVisible({ timeout: 30_000 });
      await expect(window.getByRole('heading', { name: 'Operator console' })).toHaveCount(0);
      expect(window.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/console\//);

      const surface = await window.evaluate(() => {
        const api = (window as unknown as { pileupDesktop?: Record<string, unknown> }).pileupDesktop;
        return {
          keys: api ? Object.keys(api).sort() : null,
          hasRequire: typeof (window as unknown as { require?: unknown }).require !== 'undefined',
          hasProcess: typeof (window as unknown as { process?: unknown }).process !== 'undefined',
        };
      });
      expect(surface).toEqual({
        keys: ['adminToken', 'appVersion', 'openExternal', 'serverUrl'],
        hasRequire: false,
        hasProcess: false,
      });
    } finally {
      await app.close();
    }
  });
});
