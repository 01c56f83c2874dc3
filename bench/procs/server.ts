/**
 * The server under test, in its own process: the real server as the CLI starts it (startServer, with every
 * attached subsystem), configured by BENCH_SERVER = {dataDir, port, env}. Pushes `listening` when it accepts.
 */
import { loadConfig } from '../../main/server/config.js';
import { defaultPaths, startServer } from '../../main/server/compose.js';
import type { RunningServer } from '../../main/server/app.js';
import { now, push, serve, settledRss } from '../lib/child.js';

interface ServerSpec {
  dataDir: string;
  port: number;
  env: Record<string, string>;
}

const spec = JSON.parse(process.env.BENCH_SERVER ?? '{}') as ServerSpec;
const running: { server?: RunningServer } = {};

serve(
  {
    rss: () => settledRss(),
    metrics: async () => running.server?.services.metrics.snapshot() ?? null,
    queueSize: () => running.server?.station.getQueue().length ?? 0,
    cpu: () => process.cpuUsage(),
  },
  async () => {
    await running.server?.close();
  },
);

const config = await loadConfig(
  ['--port', String(spec.port), '--host', '127.0.0.1', '--data-dir', spec.dataDir],
  { ...process.env, ...spec.env },
  defaultPaths(),
);
const startedAt = now();
const server = await startServer(config, (level, message) => {
  if (level === 'error') process.stderr.write(`${message}\n`);
});
running.server = server;
// startMs: startServer alone (store, Station, HTTP listening), without process start and module loading
push('listening', {
  url: server.url,
  port: server.port,
  at: now(),
  uptimeMs: process.uptime() * 1000,
  startMs: now() - startedAt,
});
