import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyStationEvent, EventPayloads, StationEventName } from '../../../shared/protocol/events.js';
import { Store, type StoredQueueEntry } from '../store/store.js';
import { emptyLookup } from './no-lookup.js';
import { DEFAULT_NO_SHOW_RULE } from './no-show.js';
import {
  DEFAULT_POSITION_ID,
  createPosition,
  queueUpdateOf,
  removeFromQueue,
  restoreQueueEntries,
  type PositionState,
} from './position.js';
import { clearQueue, setActive } from './position-commands.js';
import { QsoLog } from './qso-log.js';
import { QueueState } from './queue.js';
import { DEFAULT_IDENTITY } from './station-identity.js';
import { createStationWide, type StationWideState } from './station-wide.js';
import type { CommandContext } from './types.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const T0 = Date.parse('2026-05-01T12:00:00.000Z');
const entry = (callsign: string, order: number): StoredQueueEntry => ({
  callsign,
  timestamp: new Date(T0 - 60_000).toISOString(),
  order,
  qrz: emptyLookup(callsign),
});

/** One position and the station-wide state beside it, on a real store, without a Station around them. */
async function setUp(queued: StoredQueueEntry[]): Promise<{
  position: PositionState;
  wide: StationWideState;
  ctx: CommandContext;
  dir: string;
  events: AnyStationEvent['name'][];
}> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-position-'));
  dirs.push(dir);
  const store = await Store.open(dir);
  stores.push(store);
  for (const e of queued) await store.insertQueueEntry(e);
  const events: AnyStationEvent['name'][] = [];
  const emit = <N extends StationEventName>(name: N, _data: EventPayloads[N]): void => {
    events.push(name);
  };
  const ctx: CommandContext = { store, now: () => T0, emit };
  const wide = createStationWide(
    {
      qsos: new QsoLog([]),
      bans: [],
      cooldown: { time_period_minutes: 0, enabled: false },
      settings: { maxQueueSize: 5, workedWindowHours: 72 },
      identity: DEFAULT_IDENTITY,
      identityRule: 'base_call',
      noShow: DEFAULT_NO_SHOW_RULE,
      logger: { enabled: false, last_updated: null, updated_by: null },
      worked: { cleared_at: null, ttl_reset_at: null },
    },
    ctx,
  );
  const position = createPosition(
    {
      system: { active: true, paused: false, last_updated: null, updated_by: 'op' },
      frequency: { frequency: null, band: null, mode: null, last_updated: null, updated_by: null },
      split: { split: null, last_updated: null, updated_by: null },
      beam: { beam_heading: null, beam_heading_visible: false, last_updated: null },
      queue: new QueueState(queued),
      current: null,
    },
    {
      ...ctx,
      wide,
      waitingCommands: () => 1,
      resolveNow: (callsign) => emptyLookup(callsign),
      enrichLater: () => undefined,
      workedCallers: () => [],
    },
  );
  return { position, wide, ctx, dir, events };
}

describe('one operating position beside the station-wide state', () => {
  it('is the default position and lists its queue under the station-wide queue size', async () => {
    const { position, wide } = await setUp([entry('W1AW', 1), entry('K1ABC', 2)]);
    expect(position.id).toBe(DEFAULT_POSITION_ID);
    const update = queueUpdateOf(position, wide, T0);
    expect(update.queue.map((e) => e.callsign)).toEqual(['W1AW', 'K1ABC']);
    expect(update).toMatchObject({ total: 2, max_size: 5, system_active: true });
    wide.settings = { ...wide.settings, maxQueueSize: 7 };
    expect(queueUpdateOf(position, wide, T0, 1)).toMatchObject({ max_size: 7, total: 2, truncated: true });
  });

  it('takes a caller out and puts them back at their place, on disk as in memory', async () => {
    const { position, ctx, dir } = await setUp([entry('W1AW', 1), entry('K1ABC', 2), entry('N0AA', 3)]);
    const removed = await removeFromQueue(position, ctx, 1);
    expect(removed.callsign).toBe('K1ABC');
    expect(position.queue.all.map((e) => e.callsign)).toEqual(['W1AW', 'N0AA']);
    await restoreQueueEntries(position, ctx, [removed]);
    expect(position.queue.all.map((e) => e.callsign)).toEqual(['W1AW', 'K1ABC', 'N0AA']);
    const reopened = await Store.open(dir);
    stores.push(reopened);
    const onDisk = (await reopened.loadQueue()).map((e) => e.callsign);
    expect(onDisk).toEqual(['W1AW', 'K1ABC', 'N0AA']);
  });

  it("position commands change the position's state and the station-wide undo journal", async () => {
    const { position, wide, ctx, events } = await setUp([entry('W1AW', 1), entry('K1ABC', 2)]);
    expect(await clearQueue(position, wide, ctx)).toBe(2);
    expect(position.queue.length).toBe(0);
    expect(wide.undo.list().map((t) => t.undo_label)).toEqual(['Clear the queue (2)']);
    const off = await setActive(position, wide, ctx, false, 'op');
    expect(off).toMatchObject({ changed: true, status: { active: false, updated_by: 'op' } });
    expect(position.system.active).toBe(false);
    expect(wide.undo.list()).toEqual([]);
    expect(events).toEqual(['caller_left', 'system_status']);
  });
});
