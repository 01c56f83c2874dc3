import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PositionsFile } from '../../store/positions-file.js';
import { OpError } from '../../util/errors.js';
import { identityOf } from '../identity.js';
import { QueueState } from '../queue.js';
import { Camp, type CampPosition } from './camp.js';
import { WorkedSlots } from './slots.js';
import { fakeLookup } from '../../testing/fake-lookup.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function position(
  id: string,
  band: string | null,
  mode: string | null,
  callsigns: string[] = [],
): CampPosition {
  const queue = new QueueState([], (c) => identityOf(c, 'base_call'));
  for (const callsign of callsigns) {
    queue.push({ callsign, timestamp: '', order: queue.takeOrder(), qrz: fakeLookup().resolveNow(callsign) });
  }
  return {
    id,
    system: { active: true, paused: false },
    queue,
    qso: { callsign: null },
    radio: {
      getFrequency: () => ({ frequency: null, band, mode }),
      getSplit: () => ({ split: null }),
      getBeam: () => ({ beam_heading: null }),
    },
  };
}

async function camp(): Promise<Camp<CampPosition>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-camp-'));
  dirs.push(dir);
  return new Camp(await PositionsFile.open(dir), position('default', '20m', 'CW', ['W1AW']), {
    worked: WorkedSlots.from([{ callsign: 'K1ABC', band: '20m', mode: 'CW' }], 'base_call'),
  });
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof OpError) return err.code;
    throw err;
  }
  return undefined;
}

describe('the camp of positions', () => {
  it('with the default position alone, refuses nobody for a slot or another queue (as before positions)', async () => {
    const c = await camp();
    expect(c.size).toBe(1);
    expect(codeOf(() => c.checkJoin('default', 'K1ABC'))).toBe(undefined);
    expect(c.list(50)).toEqual([
      expect.objectContaining({
        id: 'default',
        name: 'Main',
        is_default: true,
        band: '20m',
        queue_length: 1,
      }),
    ]);
  });

  it('with a second position, applies the slot rule and the queue limit', async () => {
    const c = await camp();
    const def = c.planCreate('Run 2 - 40m FT8', undefined, '2026-12-02T04:00:00.000Z');
    expect(def.id).toBe('run-2-40m-ft8');
    c.add(def, position(def.id, '40m', 'FT8'));
    expect(codeOf(() => c.checkJoin('default', 'K1ABC/P'))).toBe('SLOT_ALREADY_WORKED');
    expect(codeOf(() => c.checkJoin(def.id, 'K1ABC'))).toBe(undefined);
    expect(codeOf(() => c.checkJoin(def.id, 'W1AW/P'))).toBe('ALREADY_QUEUED_ELSEWHERE');
    c.rules = { allow_dupes: true, max_queues_per_caller: 2 };
    expect(codeOf(() => c.checkJoin('default', 'K1ABC/P'))).toBe(undefined);
    expect(codeOf(() => c.checkJoin(def.id, 'W1AW/P'))).toBe(undefined);
    expect(c.list(50).map((p) => p.id)).toEqual(['default', 'run-2-40m-ft8']);
  });

  it('checks names, ids and deletions', async () => {
    const c = await camp();
    expect(codeOf(() => c.planCreate('main', undefined, ''))).toBe('POSITION_NAME_TAKEN');
    expect(codeOf(() => c.planCreate('Other', 'default', ''))).toBe('POSITION_ID_TAKEN');
    const def = c.planCreate('Run 2', 'run-2', '');
    c.add(def, position('run-2', null, null, ['G4ABC']));
    expect(codeOf(() => c.checkRename('run-2', 'MAIN'))).toBe('POSITION_NAME_TAKEN');
    c.rename('run-2', 'Run 2 - 15m SSB');
    expect(c.definition('run-2').name).toBe('Run 2 - 15m SSB');
    expect(codeOf(() => c.checkDelete('default'))).toBe('DEFAULT_POSITION_UNDELETABLE');
    expect(codeOf(() => c.checkDelete('run-2'))).toBe('POSITION_NOT_EMPTY');
    expect(codeOf(() => c.get('nope'))).toBe('POSITION_NOT_FOUND');
    c.get('run-2').queue.clear();
    expect(codeOf(() => c.checkDelete('run-2'))).toBe(undefined);
    c.remove('run-2');
    expect(c.size).toBe(1);
  });
});
