/**
 * `npm run bench [-- --smoke] [-- --only fanout,registration,memory,startup,relay] [-- --fanout-sizes 1000,5000]
 *   [-- --relay-watchers 1,50000] [-- --fanout-sse-path "/api/events/stream?positions=all"]`
 * Runs the benchmark suite with a watchdog: every child process is killed on exit, on Ctrl-C and when the
 * whole run takes longer than its limit.
 */
import { killAllChildren } from './lib/children.js';
import { BENCHES, runSuite, type BenchName } from './suite.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  return v === undefined || v.startsWith('--') ? 'true' : v;
}

const smoke = arg('smoke') !== undefined;
const onlyRaw = arg('only');
const only = onlyRaw?.split(',').map((s) => s.trim()) as BenchName[] | undefined;
for (const name of only ?? []) {
  if (!BENCHES.includes(name)) {
    console.error(`unknown benchmark "${name}" (choose from ${BENCHES.join(', ')})`);
    process.exit(2);
  }
}
const fanoutSizes = arg('fanout-sizes')?.split(',').map(Number);
const fanoutSsePath = arg('fanout-sse-path');
const relayWatchers = arg('relay-watchers')?.split(',').map(Number);

const limitMs = Number(arg('max-minutes') ?? (smoke ? 5 : 60)) * 60_000;
const watchdog = setTimeout(() => {
  console.error(`bench: watchdog: the run passed ${limitMs / 60_000} minutes; stopping every child`);
  killAllChildren();
  process.exit(1);
}, limitMs);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

try {
  const result = await runSuite({
    smoke,
    ...(only ? { only } : {}),
    ...(fanoutSizes ? { fanoutSizes } : {}),
    ...(fanoutSsePath ? { fanoutSsePath } : {}),
    ...(relayWatchers ? { relayWatchers } : {}),
  });
  console.log(`results written: ${result.files.join(', ')}`);
  killAllChildren();
  process.exit(0);
} catch (err) {
  console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  killAllChildren();
  process.exit(1);
}
