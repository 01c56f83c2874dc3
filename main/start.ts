/**
 * `npm start`: the desktop app where an Electron runtime can be had; otherwise says so in one line and runs the
 * server headless, with the operator console in a browser.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { appRoot } from './server/compose.js';

const root = appRoot();

/** The Electron binary's path when the runtime is installed and present, else the reason it is not. */
export function findElectron(): { path: string } | { reason: string } {
  if (process.env.CI) return { reason: 'CI does not start the desktop app' };
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  if (!existsSync(path.join(pkgDir, 'path.txt'))) {
    // First start: fetch the Electron binary (needs internet), quietly, with a time limit.
    console.log('Fetching the Electron runtime (first start only)…');
    const r = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], {
      stdio: 'ignore',
      timeout: 180_000,
    });
    if (r.status !== 0) return { reason: 'its binary could not be downloaded' };
  }
  try {
    const electronPath: unknown = require('electron');
    if (typeof electronPath === 'string' && existsSync(electronPath)) return { path: electronPath };
    return { reason: 'the Electron binary is not downloaded' };
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    return { reason: message };
  }
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function main(): Promise<void> {
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    console.log('Building the web pages (caller page and console) once…');
    run('npm', ['run', 'build:renderer']);
  }
  const electron = findElectron();
  if ('path' in electron && process.env.PILEUP_HEADLESS !== '1') {
    run('npm', ['run', 'build:main']);
    run('npm', ['run', 'build:preload']);
    const child = spawn(electron.path, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  const why = 'reason' in electron ? electron.reason : 'PILEUP_HEADLESS=1';
  console.log(
    `No Electron runtime here (${why}): running the server headless; open the console in a browser.`,
  );
  const cli = await import('./cli.js');
  await cli.main(process.argv.slice(2));
}

main().catch((err: unknown) => {
  console.error(`pileup-buster: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
