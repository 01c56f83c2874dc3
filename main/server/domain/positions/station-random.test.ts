/**
 * Randomised test of the real Station with three positions on a real store: seeded rounds of concurrent
 * registrations, next, work-chosen, moves and removals across positions. After each batch: no queue over its
 * maximum, no operator twice in one queue, none in more queues than the rule allows; at the end every accepted
 * registration is accounted for exactly once (waiting, being worked, logged or removed), and a restart finds
 * the same queues.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../store/store.js';
import { fakeLookup } from '../../testing/fake-lookup.js';
import { seededRandom } from '../../testing/random.js';
import { isOpError } from '../../util/errors.js';
import { identityOf } from '../identity.js';
import { Station } from '../station.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const CALLERS = [
  'W1AW',
  'W1AW/P',
  'K1ABC',
  'DL1ABC',
  'EA8/DL1ABC',
  'JA1XYZ',
  'G4ABC',
  'F5XYZ',
  'VK2ABC',
  'N0AA',
];
const IDS = ['default', 'run-2', 'run-3'];
const MAX = 4;
/** How often each outcome happened over all rounds: the rounds must exercise the rules. */
const tally = new Map<string, number>();
function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

async function openStation(dir: string): Promise<Station> {
  return Station.open({
    store: await Store.open(dir),
    lookup: fakeLookup(),
    settings: { maxQueueSize: MAX, workedWindowHours: 72 },
  });
}

/** Each caller's presence: the queues they wait in, the positions working them, their QSOs in the log. */
function presence(station: Station): Map<string, number> {
  const out = new Map<string, number>();
  for (const list of queues(station).values()) for (const c of list) bump(out, c);
  for (const id of IDS) {
    const c = station.positions.currentQso(id, true)?.callsign;
    if (c) bump(out, c);
  }
  for (const q of station.getQsos()) bump(out, q.callsign);
  return out;
}

function queues(station: Station): Map<string, string[]> {
  return new Map(IDS.map((id) => [id, station.positions.queue(id).queue.map((e) => e.callsign)]));
}

async function round(seed: number): Promise<void> {
  const rnd = seededRandom(seed);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-positions-random-'));
  dirs.push(dir);
  let station = await openStation(dir);
  const maxQueues = 1 + rnd.int(2);
  await station.positions.setCallerRules({ allow_dupes: rnd.chance(0.3), max_queues_per_caller: maxQueues });
  await station.positions.update(
    { position_id: 'default', frequency: '14.025', mode: 'CW', active: true },
    'op',
  );
  await station.positions.create(
    { name: 'Run 2', id: 'run-2', frequency: '7.074', mode: 'FT8', active: true },
    'op',
  );
  await station.positions.create(
    { name: 'Run 3', id: 'run-3', frequency: '21.250', mode: 'SSB', active: true },
    'op',
  );

  const accepted = new Map<string, number>();
  const removed = new Map<string, number>();
  /** How much the undos changed each caller's presence (queued, current or logged). */
  const undone = new Map<string, number>();
  /** How far undos put callers back beyond a full queue, per position (registrations never go beyond). */
  const overflow = new Map<string, number>();
  const expectRefusal = (err: unknown): void => {
    if (!isOpError(err)) throw err;
    bump(tally, err.code);
  };

  for (let batch = 0; batch < 6; batch += 1) {
    const ops: Promise<unknown>[] = [];
    for (let i = 0; i < 10; i += 1) {
      const kind = rnd.next();
      const id = rnd.pick(IDS);
      const callsign = rnd.pick(CALLERS);
      if (kind < 0.5) {
        ops.push(
          station
            .register({ callsign, positionId: id })
            .then(() => {
              bump(accepted, callsign);
              bump(tally, 'registered');
            })
            .catch(expectRefusal),
        );
      } else if (kind < 0.65) {
        ops.push(station.workNext('op', undefined, undefined, id).catch(expectRefusal));
      } else if (kind < 0.75) {
        const waiting = station.positions.queue(id).queue.map((e) => e.callsign);
        const chosen = waiting.length > 0 ? rnd.pick(waiting) : callsign;
        ops.push(station.workCallsign(chosen, 'op', undefined, undefined, id).catch(expectRefusal));
      } else if (kind < 0.9) {
        const to = rnd.pick(IDS.filter((x) => x !== id));
        ops.push(
          station.positions
            .moveCaller({
              callsign,
              from_position_id: id,
              to_position_id: to,
              place: rnd.chance(0.5) ? 1 : undefined,
            })
            .then(() => bump(tally, 'moved'))
            .catch(expectRefusal),
        );
      } else {
        ops.push(
          station
            .removeCallsign(callsign, undefined, id)
            .then(() => bump(removed, callsign))
            .catch(expectRefusal),
        );
      }
    }
    await Promise.all(ops);
    await station.idle();
    // Undo, between batches (each one's effect on who is where is measured): putting back a removed caller
    // (+1), not putting back a caller who waits elsewhere up to the rule (-1), or moving one between queue,
    // current QSO and log (0).
    for (let u = 0; u < 2; u += 1) {
      if (!rnd.chance(0.6)) continue;
      const before = presence(station);
      const lengths = queues(station);
      await station
        .undo(undefined, rnd.pick(IDS))
        .then(() => bump(tally, 'undone'))
        .catch(expectRefusal);
      const after = presence(station);
      // a caller put back returns to their place even in a queue that filled up meanwhile (docs/positions.md)
      for (const [id, list] of queues(station)) {
        const grew = list.length - (lengths.get(id)?.length ?? 0);
        if (grew > 0 && list.length > MAX)
          overflow.set(id, Math.max(overflow.get(id) ?? 0, list.length - MAX));
      }
      for (const c of CALLERS) {
        const delta = (after.get(c) ?? 0) - (before.get(c) ?? 0);
        if (delta !== 0) undone.set(c, (undone.get(c) ?? 0) + delta);
      }
    }
    const now = queues(station);
    for (const [id, list] of now) {
      expect(list.length, `seed ${seed}: ${id} over its maximum`).toBeLessThanOrEqual(
        MAX + (overflow.get(id) ?? 0),
      );
      const ids = list.map((c) => identityOf(c, 'base_call'));
      expect(new Set(ids).size, `seed ${seed}: an operator twice at ${id}`).toBe(ids.length);
    }
    for (const c of CALLERS) {
      const inQueues = [...now.values()].filter((l) =>
        l.some((q) => identityOf(q, 'base_call') === identityOf(c, 'base_call')),
      );
      expect(inQueues.length, `seed ${seed}: ${c} in too many queues`).toBeLessThanOrEqual(maxQueues);
    }
  }

  const logged = new Map<string, number>();
  for (const q of station.getQsos()) bump(logged, q.callsign);
  const waiting = queues(station);
  for (const c of CALLERS) {
    const queued = [...waiting.values()].filter((l) => l.includes(c)).length;
    const current = IDS.filter((id) => station.positions.currentQso(id, true)?.callsign === c).length;
    const accounted = queued + current + (logged.get(c) ?? 0) + (removed.get(c) ?? 0) - (undone.get(c) ?? 0);
    expect(accounted, `seed ${seed}: ${c}`).toBe(accepted.get(c) ?? 0);
  }
  const currents = IDS.map((id) => station.positions.currentQso(id, true)?.callsign ?? null);
  await station.close();
  station = await openStation(dir);
  expect(queues(station), `seed ${seed}: queues after a restart`).toEqual(waiting);
  expect(IDS.map((id) => station.positions.currentQso(id, true)?.callsign ?? null)).toEqual(currents);
  await station.close();
}

describe('positions on the real Station (randomised, seeded)', () => {
  it('never loses, duplicates or overflows a caller across positions, and holds the per-caller queue rule', async () => {
    for (let seed = 1; seed <= 25; seed += 1) await round(seed);
    for (const outcome of [
      'registered',
      'moved',
      'undone',
      'SLOT_ALREADY_WORKED',
      'ALREADY_QUEUED_ELSEWHERE',
      'QUEUE_FULL',
    ]) {
      expect(tally.get(outcome) ?? 0, `no round saw ${outcome}`).toBeGreaterThan(0);
    }
  }, 120_000);
});
