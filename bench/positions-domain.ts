/**
 * The Station's own cost of a registration with one position and with a camp of 12, in-process (no HTTP, no
 * subscribers): 1,000 callers waiting (round-robin over the positions), then 5,000 more registered at once, CPU
 * time per registration. It separates the domain's share (caller rules, slots, queues, store) from what the
 * transports add in `bench/positions.ts` (queue updates to every `positions: "all"` subscriber).
 *
 *   npx tsx bench/positions-domain.ts [rounds]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Station } from '../main/server/domain/station.js';
import { Store } from '../main/server/store/store.js';
import { fakeLookup } from '../main/server/testing/fake-lookup.js';
import { round } from './lib/stats.js';

const WAITING = 1000;
const MEASURED = 5000;

const callsign = (i: number): string =>
  `W${1 + (i % 9)}${String.fromCharCode(65 + (i % 26), 65 + (Math.floor(i / 26) % 26), 65 + (Math.floor(i / 676) % 26))}${Math.floor(i / 17_576) || ''}`;

/** CPU µs per registration at a station of `positions` positions. */
export async function domainCost(positions: number): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-bench-domain-'));
  const station = await Station.open({
    store: await Store.open(dir),
    lookup: fakeLookup(),
    settings: { maxQueueSize: 100_000, workedWindowHours: 72 },
  });
  try {
    await station.setActive(true, 'op');
    const ids = ['default'];
    for (let i = 2; i <= positions; i += 1) {
      const band = [3, 7, 10, 18, 21, 24, 28][i % 7]!;
      const def = { name: `Run ${i}`, id: `run-${i}`, frequency: `${band}.0${10 + i}`, active: true };
      await station.positions.create({ ...def, mode: i % 2 === 0 ? 'CW' : 'SSB' }, 'op');
      ids.push(`run-${i}`);
    }
    for (let i = 0; i < WAITING; i += 1) {
      await station.register({ callsign: callsign(i), positionId: ids[i % ids.length] });
    }
    const start = process.cpuUsage();
    const pending: Promise<unknown>[] = [];
    for (let i = WAITING; i < WAITING + MEASURED; i += 1) {
      pending.push(station.register({ callsign: callsign(i), positionId: ids[i % ids.length] }));
    }
    await Promise.all(pending);
    await station.idle();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / MEASURED;
  } finally {
    await station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 3);
  for (let r = 1; r <= rounds; r += 1) {
    const single = await domainCost(1);
    const camp = await domainCost(12);
    console.log(
      `round ${r}: single ${round(single, 1)} µs, camp of 12 ${round(camp, 1)} µs per registration (${round(camp / single, 2)}x)`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
