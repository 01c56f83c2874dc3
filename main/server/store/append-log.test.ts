import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppendLog, type AppendFile } from './append-log.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile(content = ''): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-log-'));
  dirs.push(dir);
  const file = path.join(dir, 'queue.db');
  writeFileSync(file, content);
  return file;
}

/** A real file whose writes stop after `budget` bytes (a disk that fills up), optionally unable to truncate. */
function fillingUp(budget: number, canTruncate = true): (file: string) => AppendFile {
  let left = budget;
  return (file) => {
    const fd = openSync(file, 'a');
    return {
      size: () => readFileSync(file).length,
      write: (data, offset) => {
        if (left <= 0) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        const n = Math.min(left, data.length - offset);
        left -= n;
        return writeSync(fd, data, offset, n);
      },
      truncate: (length) => {
        if (!canTruncate) throw new Error('EIO');
        writeFileSync(file, readFileSync(file).subarray(0, length));
      },
      close: () => closeSync(fd),
    };
  };
}

describe('AppendLog', () => {
  it('writes the lines appended in one turn of the event loop with one write, in order', async () => {
    const file = tempFile('{"_id":"a"}\n');
    const log = new AppendLog(file);
    const appends = Array.from({ length: 50 }, (_, i) => log.append([`{"_id":"n${i}"}`]));
    await Promise.all(appends);
    expect(log.stats).toEqual({ writes: 1, lines: 50 });
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[0]).toBe('{"_id":"a"}');
    expect(lines.slice(1, 51)).toEqual(Array.from({ length: 50 }, (_, i) => `{"_id":"n${i}"}`));
    expect(lines[51]).toBe('');

    await log.append(['{"_id":"later"}']);
    expect(log.stats.writes).toBe(2);
    expect(readFileSync(file, 'utf8').endsWith('{"_id":"n49"}\n{"_id":"later"}\n')).toBe(true);
  });

  it('rejects every append of a write that fails, and cuts a torn write off', async () => {
    const file = tempFile('{"_id":"kept"}\n');
    const log = new AppendLog(file, fillingUp(20));
    const results = await Promise.allSettled([
      log.append(['{"_id":"one-long-line"}']),
      log.append(['{"_id":"b"}']),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/ENOSPC/);
    expect(readFileSync(file, 'utf8')).toBe('{"_id":"kept"}\n');
  });

  it('starts on a fresh line after a torn write that could not be cut off', async () => {
    const file = tempFile('');
    let full = true;
    const partial = fillingUp(5, false);
    const log = new AppendLog(file, (f) => {
      if (full) return partial(f);
      const fd = openSync(f, 'a');
      return {
        size: () => 0,
        write: (data, offset) => writeSync(fd, data, offset),
        truncate: () => undefined,
        close: () => closeSync(fd),
      };
    });
    await expect(log.append(['{"_id":"torn"}'])).rejects.toThrow(/ENOSPC/);
    full = false;
    await log.append(['{"_id":"good"}']);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toEqual(['{"_id', '{"_id":"good"}', '']);
  });

  it('reports a file that cannot be opened as a failed append', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pb-log-'));
    dirs.push(dir);
    const log = new AppendLog(dir); // a directory: EISDIR
    await expect(log.append(['{"_id":"x"}'])).rejects.toThrow(/EISDIR/);
  });

  it('writes what is waiting when closed, and refuses appends afterwards', async () => {
    const file = tempFile('');
    const log = new AppendLog(file);
    const waiting = log.append(['{"_id":"w"}']);
    log.close();
    await waiting;
    expect(readFileSync(file, 'utf8')).toBe('{"_id":"w"}\n');
    await expect(log.append(['{"_id":"late"}'])).rejects.toThrow(/closed/);
  });
});
