/**
 * The Station's own cost of a registration with one position and with a camp of 12, in-process (no HTTP, no
 * subscribers): 1,000 callers waiting (round-robin over the positions), then 5,000 more registered at once (the
 * sizes of bench/positions.ts), CPU time per registration. It separates the domain's share (caller rules, slots, queues, store) from what the
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
import { campPosition } from './positions.js';
import { scpCallsigns } from './registration.js';

const WAITING = 1000;
const MEASURED = 5000;

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
      const def = campPosition(i);
      await station.positions.create(def, 'op');
      ids.push(def.id);
    }
    // the same real callsigns as bench/positions.ts
    const callsigns = scpCallsigns(WAITING + MEASURED);
    for (let i = 0; i < WAITING; i += 1) {
      await station.register({ callsign: callsigns[i]!, positionId: ids[i % ids.length] });
    }
    const start = process.cpuUsage();
    const pending: Promise<unknown>[] = [];
    for (let i = WAITING; i < WAITING + MEASURED; i += 1) {
      pending.push(station.register({ callsign: callsigns[i]!, positionId: ids[i % ids.length] }));
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
