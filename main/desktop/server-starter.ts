/**
 * Starts the queue server for the desktop app: configuration from the user's command-line options, the
 * environment and the data dir (the app's userData by default), then the whole server as `npm run server` runs
 * it. No Electron here, so it is tested with a real server.
 */
import { loadConfig } from '../server/config.js';
import { defaultPaths, startServer } from '../server/compose.js';
import type { Log } from '../server/util/log.js';
import { desktopServerArgs } from './args.js';
import type { DesktopServer } from './lifecycle.js';

/** The desktop's own admin session lives as long as the app runs; it is held in memory only. */
export const LOCAL_TOKEN_TTL_MS = 365 * 24 * 3_600_000;

export interface StarterOptions {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  log: Log;
  /** Packaged apps keep cty.csv and its licence outside app.asar, in process.resourcesPath. */
  resourcesDir?: string;
}

export function desktopServerStarter(
  options: StarterOptions,
): (o: { dataDir: string }) => Promise<DesktopServer> {
  return async ({ dataDir }) => {
    const paths = defaultPaths();
    const config = await loadConfig(
      desktopServerArgs(options.argv, options.env, dataDir),
      options.env,
      options.resourcesDir ? { ...paths, resourcesDir: options.resourcesDir } : paths,
      (m) => options.log('warn', m),
    );
    const server = await startServer(config, options.log);
    options.log('info', `data dir ${config.dataDir}`);
    return {
      get port() {
        return server.port;
      },
      get host() {
        return server.host;
      },
      generatedPassword: server.generatedPassword,
      close: () => server.close(),
      createLocalAdminToken: () => server.services.auth.createToken(LOCAL_TOKEN_TTL_MS).token,
    };
  };
}
