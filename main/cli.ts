import { ConfigError, loadConfig } from './server/config.js';
import { defaultPaths, startServer } from './server/compose.js';
import { consoleLog } from './server/util/log.js';

/** Headless entry: `npm run server -- --port 8000 --host 0.0.0.0 --data-dir ./data`. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const log = consoleLog();
  let config;
  try {
    config = await loadConfig(argv, process.env, defaultPaths(), (m) => log('warn', m));
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`pileup-buster: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  if (config.args.help === 'true') {
    console.log(
      'Usage: npm run server -- [--port PORT] [--host HOST] [--data-dir DIR] [--max-queue-size N]\n' +
        '         [--registration-rate N] [--n1mm-port PORT] [--wsjtx-port PORT] [--wsjtx-multicast GROUP]\n' +
        '         [--rigctld HOST:PORT] [--tls-cert FILE --tls-key FILE] [--trusted-proxies LIST]\n' +
        '         [--public-hosts LIST]\n' +
        'Environment: PORT, HOST, DATA_DIR, ADMIN_USERNAME, ADMIN_PASSWORD, MAX_QUEUE_SIZE, QRZ_USERNAME, QRZ_PASSWORD,\n' +
        '         HAMQTH_USERNAME, HAMQTH_PASSWORD, LOOKUP_SERVICE, N1MM_PORT, WSJTX_PORT, WSJTX_MULTICAST, RIGCTLD,\n' +
        '         TLS_CERT, TLS_KEY, TRUSTED_PROXIES, PUBLIC_HOSTS, RELAY_PUBLISH_URL, RELAY_EVENTS_URL, RELAY_SECRET\n' +
        'See README.md for every option.',
    );
    return;
  }
  const server = await startServer(config, log);
  log('info', `data dir ${config.dataDir}`);
  console.log(`listening on ${config.tls ? 'https' : 'http'}://${config.host}:${server.port}`);
  console.log(`caller page: ${server.url}/`);
  console.log(`console:     ${server.url}/console/`);
  if (server.generatedPassword) {
    console.log(
      `admin login: ${server.services.auth.username} / ${server.generatedPassword}  ` +
        '(generated on first start and shown only this once; change it in the console)',
    );
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log('info', `${signal}: stopping`);
    server
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log('error', `shutdown failed: ${String(err)}`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly || process.env.PILEUP_CLI === '1') {
  main().catch((err: unknown) => {
    console.error(`pileup-buster: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
