/**
 * Electron entry (package.json "main": dist/main/desktop/main.js). Thin: it builds the real platform and the
 * server starter, and hands both to `runDesktop`, which holds all the logic (and its tests).
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { consoleLog } from '../server/util/log.js';
import { electronPlatform } from './electron-platform.js';
import { runDesktop } from './lifecycle.js';
import { desktopServerStarter } from './server-starter.js';

const here = path.dirname(fileURLToPath(import.meta.url));

runDesktop(electronPlatform(), {
  startServer: desktopServerStarter({
    argv: process.argv,
    env: process.env,
    log: consoleLog(),
    ...(app.isPackaged ? { resourcesDir: process.resourcesPath } : {}),
  }),
  preloadPath: path.join(here, 'preload.cjs'),
  iconPath: path.join(app.getAppPath(), 'resources', 'icon.png'),
  networkInterfaces: () => os.networkInterfaces(),
  log: (message) => console.log(`[desktop] ${message}`),
}).catch((error: unknown) => {
  console.error(`[desktop] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  app.exit(1);
});
