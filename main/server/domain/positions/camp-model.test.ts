/**
 * Randomised test of the caller rules across positions: a model camp of several positions, each with its
 * queue (the real QueueState) and current QSO, run through one SerialExecutor like the Station, with store
 * writes that take a random number of event-loop turns and sometimes fail. Many seeded rounds of concurrent
 * registrations, next, work-chosen, moves and removals; after each round: nobody lost or duplicated (every
 * accepted registration is accounted for exactly once), no queue over its maximum, no operator in more queues
 * than the rule allows, no slot logged twice when dupes are not allowed.
 */
import { describe, expect, it } from 'vitest';
import type { StoredQueueEntry } from '../../store/store.js';
import { fakeLookup } from '../../testing/fake-lookup.js';
import { seededRandom, type Random } from '../../testing/random.js';
import { isOpError } from '../../util/errors.js';
import { SerialExecutor } from '../../util/serial.js';
import { identityOf, type IdentityRule } from '../identity.js';
import { QueueState } from '../queue.js';
import { checkJoin, placesOf, type CallerRules } from './caller-rules.js';
import { applyMove, planMove } from './move.js';
import { DEFAULT_POSITION_ID } from './position.js';
import { slotKey, WorkedSlots, type Slot } from './slots.js';

interface ModelPosition {
  id: string;
  slot: Slot;
  maxSize: number;
  queue: QueueState;
  current: StoredQueueEntry | null;
}

type Outcome = { ok: true } | { ok: false; code: string; kept?: boolean };

class WriteFailed extends Error {
  readonly code = 'STORE_UNAVAILABLE';
}

/** The model: what the Station does for several positions, reduced to queues, current QSOs and the log. */
class Camp {
  readonly exec = new SerialExecutor();
  readonly positions = new Map<string, ModelPosition>();
  readonly worked: WorkedSlots;
  readonly log: { callsign: string; slot: Slot; position_id: string }[] = [];
  /** How many QSOs of the log were there before the round (they may hold dupes: history is history). */
  preLogged = 0;
  private now = Date.parse('2026-12-02T00:00:00Z');

  constructor(
    private readonly rnd: Random,
    readonly rules: CallerRules,
    readonly identityRule: IdentityRule,
    positions: { id: string; slot: Slot; maxSize: number }[],
    readonly failRate: number,
  ) {
    this.worked = new WorkedSlots(identityRule);
    for (const p of positions) {
      this.positions.set(p.id, {
        ...p,
        queue: new QueueState([], (c) => identityOf(c, identityRule)),
        current: null,
      });
    }
  }

  /** A store write: settles after 0-3 event-loop turns, and fails now and then. */
  private async write(): Promise<void> {
    for (let i = this.rnd.int(4); i > 0; i -= 1) await new Promise((r) => setImmediate(r));
    if (this.rnd.chance(this.failRate)) throw new WriteFailed('disk full');
  }

  private pos(id: string): ModelPosition {
    return this.positions.get(id)!;
  }

  private seats(): { id: string; queuedAs: (c: string) => string | null }[] {
    return [...this.positions.values()].map((p) => ({ id: p.id, queuedAs: (c) => p.queue.queuedAs(c) }));
  }

  /** Registration as the Station does it: checked and placed in one command, written after, released on failure. */
  async register(positionId: string, callsign: string): Promise<Outcome> {
    let stored: StoredQueueEntry;
    let written: Promise<void>;
    try {
      ({ stored, written } = await this.exec.run(() => {
        const p = this.pos(positionId);
        if (p.queue.queuedAs(callsign) !== null) throw new Refused('ALREADY_QUEUED');
        if (
          p.current &&
          identityOf(p.current.callsign, this.identityRule) === identityOf(callsign, this.identityRule)
        ) {
          throw new Refused('ALREADY_QUEUED');
        }
        checkJoin({
          seats: this.seats(),
          targetId: positionId,
          slot: p.slot,
          callsign,
          worked: this.worked,
          rules: this.rules,
        });
        if (p.queue.length >= p.maxSize) throw new Refused('QUEUE_FULL');
        const entry: StoredQueueEntry = {
          callsign,
          timestamp: new Date((this.now += 1000)).toISOString(),
          order: p.queue.takeOrder(),
          qrz: fakeLookup().resolveNow(callsign),
        };
        const w = this.write();
        w.catch(() => undefined);
        p.queue.push(entry);
        return { stored: entry, written: w };
      }));
    } catch (err) {
      return refusal(err);
    }
    try {
      await written;
    } catch {
      const released = await this.exec.run(() => this.pos(positionId).queue.release(stored));
      return { ok: false, code: 'STORE_UNAVAILABLE', kept: !released };
    }
    return { ok: true };
  }

  /** Completes the current QSO of a position (logged) and takes the head of its queue. */
  next(positionId: string): Promise<Outcome> {
    return this.command(async () => {
      const p = this.pos(positionId);
      await this.completeCurrent(p);
      const head = p.queue.at(0);
      if (!head) return;
      await this.write();
      p.queue.removeAt(0);
      p.current = head;
    });
  }

  /** Works a chosen caller of the position's queue (out of order). */
  workChosen(positionId: string, callsign: string): Promise<Outcome> {
    return this.command(async () => {
      const p = this.pos(positionId);
      const index = p.queue.indexOf(callsign);
      if (index < 0) throw new Refused('NOT_FOUND');
      await this.completeCurrent(p);
      await this.write();
      const entry = p.queue.removeAt(p.queue.indexOf(callsign));
      p.current = entry;
    });
  }

  /** Drops the current QSO unlogged; answers whose it was (null when refused). */
  async cancel(positionId: string): Promise<string | null> {
    let cancelled: string | null = null;
    await this.command(async () => {
      const p = this.pos(positionId);
      if (!p.current) throw new Refused('NOT_FOUND');
      await this.write();
      cancelled = p.current.callsign;
      p.current = null;
    });
    return cancelled;
  }

  move(callsign: string, from: string, to: string, place?: number): Promise<Outcome> {
    return this.command(async () => {
      const source = this.pos(from);
      const target = this.pos(to);
      const plan = planMove({
        source: source.queue,
        target: target.queue,
        targetId: to,
        callsign,
        targetMaxSize: target.maxSize,
        targetCurrent: target.current?.callsign ?? null,
        sameOperator: (a, b) => identityOf(a, this.identityRule) === identityOf(b, this.identityRule),
        targetSlot: target.slot,
        worked: this.worked,
        rules: this.rules,
        ...(place !== undefined ? { place } : {}),
      });
      await this.write();
      applyMove(plan, source.queue, target.queue);
    });
  }

  remove(positionId: string, callsign: string): Promise<Outcome> {
    return this.command(async () => {
      const p = this.pos(positionId);
      const index = p.queue.indexOf(callsign);
      if (index < 0) throw new Refused('NOT_FOUND');
      await this.write();
      p.queue.removeAt(p.queue.indexOf(callsign));
    });
  }

  private async completeCurrent(p: ModelPosition): Promise<void> {
    if (!p.current) return;
    await this.write();
    this.log.push({ callsign: p.current.callsign, slot: p.slot, position_id: p.id });
    this.worked.note({ callsign: p.current.callsign, band: p.slot.band, mode: p.slot.mode });
    p.current = null;
  }

  private async command(task: () => Promise<void>): Promise<Outcome> {
    try {
      await this.exec.run(task);
      return { ok: true };
    } catch (err) {
      return refusal(err);
    }
  }
}

class Refused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

function refusal(err: unknown): Outcome {
  if (err instanceof Refused || err instanceof WriteFailed) return { ok: false, code: err.code };
  if (isOpError(err)) return { ok: false, code: err.code };
  throw err;
}

const CALLERS = [
  'W1AW',
  'W1AW/P',
  'VE3/W1AW',
  'K1ABC',
  'DL1ABC',
  'EA8/DL1ABC',
  'JA1XYZ',
  'G4ABC',
  'F5XYZ',
  'VK2ABC',
  'ZL1AAA',
  'PY2XX',
  'N0AA',
  'OH2BH',
];
const POSITIONS = [
  { id: DEFAULT_POSITION_ID, slot: { band: '20m', mode: 'CW' }, maxSize: 4 },
  { id: 'run-2', slot: { band: '40m', mode: 'FT8' }, maxSize: 5 },
  { id: 'run-3', slot: { band: '15m', mode: 'SSB' }, maxSize: 3 },
];

/** How often each outcome happened over all rounds, so the test can tell that the rounds exercise the rules. */
const tally = new Map<string, number>();

async function round(seed: number): Promise<void> {
  const rnd = seededRandom(seed);
  const rules: CallerRules = { allow_dupes: rnd.chance(0.25), max_queues_per_caller: 1 + rnd.int(3) };
  const identityRule: IdentityRule = rnd.chance(0.8) ? 'base_call' : 'exact';
  const camp = new Camp(rnd, rules, identityRule, POSITIONS, rnd.chance(0.5) ? 0.05 : 0);
  const ids = POSITIONS.map((p) => p.id);
  // Some callers are already in the log on some slots.
  for (const c of CALLERS) {
    if (rnd.chance(0.3)) {
      const p = rnd.pick(POSITIONS);
      camp.worked.note({ callsign: c, band: p.slot.band, mode: p.slot.mode });
      camp.log.push({ callsign: c, slot: p.slot, position_id: 'before' });
    }
  }
  const preLogged = camp.log.length;
  camp.preLogged = preLogged;
  const accepted = new Map<string, number>();
  const removed = new Map<string, number>();
  const cancelled = new Map<string, number>();

  for (let batch = 0; batch < 8; batch += 1) {
    const ops: Promise<void>[] = [];
    for (let i = 0; i < 12; i += 1) {
      const kind = rnd.next();
      const pid = rnd.pick(ids);
      const callsign = rnd.pick(CALLERS);
      if (kind < 0.45) {
        ops.push(
          camp.register(pid, callsign).then((r) => {
            if (r.ok || (!r.ok && r.kept)) bump(accepted, callsign);
            if (!r.ok) expect(KNOWN_REFUSALS).toContain(r.code);
            bump(tally, r.ok ? 'registered' : r.code);
          }),
        );
      } else if (kind < 0.6) {
        ops.push(camp.next(pid).then(() => undefined));
      } else if (kind < 0.7) {
        const queued = camp.positions.get(pid)!.queue.all.map((e) => e.callsign);
        const chosen = queued.length > 0 ? rnd.pick(queued) : callsign;
        ops.push(camp.workChosen(pid, chosen).then(() => undefined));
      } else if (kind < 0.85) {
        const to = rnd.pick(ids.filter((x) => x !== pid));
        const place = rnd.chance(0.5) ? 1 + rnd.int(4) : undefined;
        ops.push(
          camp.move(callsign, pid, to, place).then((r) => bump(tally, r.ok ? 'moved' : `move ${r.code}`)),
        );
      } else if (kind < 0.95) {
        ops.push(camp.remove(pid, callsign).then((r) => (r.ok ? bump(removed, callsign) : undefined)));
      } else {
        ops.push(camp.cancel(pid).then((c) => (c !== null ? bump(cancelled, c) : undefined)));
      }
    }
    await Promise.all(ops);
    await camp.exec.drain();
    checkInvariants(camp, seed);
  }

  // Conservation: every accepted registration is now queued, current, logged, removed or cancelled, once.
  const logged = new Map<string, number>();
  for (const q of camp.log.slice(preLogged)) bump(logged, q.callsign);
  for (const c of CALLERS) {
    let queued = 0;
    let current = 0;
    for (const p of camp.positions.values()) {
      if (p.queue.has(c)) queued += 1;
      if (p.current?.callsign === c) current += 1;
    }
    const accounted =
      queued + current + (logged.get(c) ?? 0) + (removed.get(c) ?? 0) + (cancelled.get(c) ?? 0);
    expect(accounted, `seed ${seed}: ${c} accepted ${accepted.get(c) ?? 0}, accounted ${accounted}`).toBe(
      accepted.get(c) ?? 0,
    );
  }
}

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

const KNOWN_REFUSALS = [
  'ALREADY_QUEUED',
  'ALREADY_QUEUED_ELSEWHERE',
  'SLOT_ALREADY_WORKED',
  'QUEUE_FULL',
  'STORE_UNAVAILABLE',
];

function checkInvariants(camp: Camp, seed: number): void {
  const where = `seed ${seed}`;
  const seats = [...camp.positions.values()].map((p) => ({
    id: p.id,
    queuedAs: (c: string) => p.queue.queuedAs(c),
  }));
  for (const p of camp.positions.values()) {
    expect(p.queue.length, `${where}: ${p.id} over its maximum`).toBeLessThanOrEqual(p.maxSize);
    const identities = p.queue.all.map((e) => identityOf(e.callsign, camp.identityRule));
    expect(new Set(identities).size, `${where}: an operator twice in ${p.id}`).toBe(identities.length);
    const orders = p.queue.all.map((e) => e.order);
    expect(orders, `${where}: ${p.id} out of order`).toEqual([...orders].sort((a, b) => a - b));
    if (p.current) {
      const id = identityOf(p.current.callsign, camp.identityRule);
      expect(identities, `${where}: ${p.current.callsign} both worked and queued at ${p.id}`).not.toContain(
        id,
      );
    }
  }
  for (const c of CALLERS) {
    expect(placesOf(seats, c).length, `${where}: ${c} in too many queues`).toBeLessThanOrEqual(
      camp.rules.max_queues_per_caller,
    );
  }
  if (!camp.rules.allow_dupes) {
    const key = (q: { callsign: string; slot: Slot }): string =>
      `${identityOf(q.callsign, camp.identityRule)} ${slotKey(q.slot)}`;
    const seen = new Set(camp.log.slice(0, camp.preLogged).map(key));
    for (const q of camp.log.slice(camp.preLogged)) {
      const k = key(q);
      expect(seen.has(k), `${where}: ${q.callsign} logged twice on ${slotKey(q.slot)}`).toBe(false);
      seen.add(k);
    }
  }
}

describe('positions: the caller rules under concurrent commands (randomised, seeded)', () => {
  it('never loses, duplicates or overflows a caller, and holds the per-caller queue rule', async () => {
    for (let seed = 1; seed <= 200; seed += 1) await round(seed);
    for (const outcome of [
      'registered',
      'moved',
      ...KNOWN_REFUSALS,
      'move SLOT_ALREADY_WORKED',
      'move QUEUE_FULL',
    ]) {
      expect(tally.get(outcome) ?? 0, `no round saw ${outcome}`).toBeGreaterThan(0);
    }
  }, 60_000);

  it('refuses what the rules say, so the randomised rounds exercise them', async () => {
    const rnd = seededRandom(7);
    const camp = new Camp(rnd, { allow_dupes: false, max_queues_per_caller: 1 }, 'base_call', POSITIONS, 0);
    camp.worked.note({ callsign: 'W1AW', band: '20m', mode: 'CW' });
    expect(await camp.register(DEFAULT_POSITION_ID, 'W1AW/P')).toEqual({
      ok: false,
      code: 'SLOT_ALREADY_WORKED',
    });
    expect(await camp.register('run-2', 'W1AW/P')).toEqual({ ok: true });
    expect(await camp.register('run-3', 'VE3/W1AW')).toEqual({ ok: false, code: 'ALREADY_QUEUED_ELSEWHERE' });
    expect(await camp.register('run-2', 'W1AW')).toEqual({ ok: false, code: 'ALREADY_QUEUED' });
    expect(await camp.move('W1AW/P', 'run-2', 'run-3')).toEqual({ ok: true });
    expect(camp.positions.get('run-3')!.queue.has('W1AW/P')).toBe(true);
    expect(camp.positions.get('run-2')!.queue.length).toBe(0);
    for (const c of ['K1ABC', 'G4ABC']) expect(await camp.register('run-3', c)).toEqual({ ok: true });
    expect(await camp.register('run-3', 'F5XYZ')).toEqual({ ok: false, code: 'QUEUE_FULL' });
    expect(await camp.move('K1ABC', 'run-3', DEFAULT_POSITION_ID, 1)).toEqual({ ok: true });
    expect(await camp.next(DEFAULT_POSITION_ID)).toEqual({ ok: true });
    expect(camp.positions.get(DEFAULT_POSITION_ID)!.current?.callsign).toBe('K1ABC');
  });
});
