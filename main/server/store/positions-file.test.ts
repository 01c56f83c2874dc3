import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { POSITIONS_FILE, PositionsFile } from './positions-file.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'pb-positions-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const run2 = { _id: 'run-2', name: 'Run 2 - 40m FT8', created_at: '2026-12-02T04:00:00.000Z', state: {} };

describe('positions.db', () => {
  it('keeps positions and their state documents across a reopen, in creation order', async () => {
    const dir = tmp();
    const file = await PositionsFile.open(dir);
    expect(file.all()).toEqual([]);
    await file.put(run2);
    await file.put({ ...run2, _id: 'run-3', name: 'Run 3' });
    await file.putState('run-2', 'frequency', { frequency: '7.074', band: '40m', mode: 'FT8' });
    await file.putState('run-2', 'system_status', { active: true, paused: false });
    await file.remove('run-3');
    file.close();
    const again = await PositionsFile.open(dir);
    expect(again.recovery).toBe(null);
    expect(again.all()).toEqual([
      {
        ...run2,
        state: {
          frequency: { frequency: '7.074', band: '40m', mode: 'FT8' },
          system_status: { active: true, paused: false },
        },
      },
    ]);
    await expect(again.putState('run-3', 'frequency', {})).rejects.toThrow(/no stored position/);
    again.close();
  });

  it('recovers a torn or damaged file: the readable documents kept, the original set aside', async () => {
    const dir = tmp();
    const f = path.join(dir, POSITIONS_FILE);
    writeFileSync(
      f,
      [
        JSON.stringify(run2),
        JSON.stringify({ _id: 'run-3', name: 'Run 3', created_at: 'x' }),
        '{"_id":"bad","name":', // torn
        JSON.stringify({ _id: 'run-4' }), // not a position
        JSON.stringify({ ...run2, name: 'Run 2 renamed' }),
      ].join('\n'),
    );
    appendFileSync(f, '\n{"_id":"run-5","na');
    const file = await PositionsFile.open(dir, new Date('2026-12-02T04:05:06.000Z'));
    expect(file.recovery).toMatchObject({ badLines: 3, keptLines: 3 });
    expect(file.all().map((p) => [p._id, p.name])).toEqual([
      ['run-2', 'Run 2 renamed'],
      ['run-3', 'Run 3'],
    ]);
    const aside = readdirSync(dir).filter((n) => n.startsWith(`${POSITIONS_FILE}.corrupt-`));
    expect(aside).toEqual(['positions.db.corrupt-2026-12-02T04-05-06-000Z']);
    expect(readFileSync(path.join(dir, aside[0]!), 'utf8')).toContain('"run-5","na');
    file.close();
  });

  it('compacts a file with many more lines than positions', async () => {
    const dir = tmp();
    const file = await PositionsFile.open(dir);
    await file.put(run2);
    for (let i = 0; i < 40; i += 1) await file.putState('run-2', 'split', { split: `up ${i}` });
    file.close();
    const again = await PositionsFile.open(dir);
    expect(again.get('run-2')?.state).toEqual({ split: { split: 'up 39' } });
    expect(readFileSync(path.join(dir, POSITIONS_FILE), 'utf8').trim().split('\n')).toHaveLength(1);
    again.close();
  });
});
