import { promises as fs } from 'node:fs';

export interface RecoveryReport {
  file: string;
  /** Lines that could be read and were kept. */
  keptLines: number;
  /** Lines that could not be parsed and were dropped from the live file. */
  badLines: number;
  /** Where the damaged original was kept aside. */
  savedAs: string;
}

/**
 * Checks an NeDB data file line by line before it is loaded. A file with unreadable lines (a torn last line
 * after a crash, a truncated or edited file) is copied aside untouched as `<file>.corrupt-<time>`, and the live
 * file is rewritten (atomically) with every line that could be read. Returns null when the file is healthy or
 * absent.
 */
export async function recoverDatafile(file: string, now: Date = new Date()): Promise<RecoveryReport | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const lines = text.split('\n');
  const good: string[] = [];
  let bad = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (isDocumentLine(line)) good.push(line);
    else bad += 1;
  }
  if (bad === 0) return null;

  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const savedAs = `${file}.corrupt-${stamp}`;
  await fs.copyFile(file, savedAs);
  const tmp = `${file}.recovering`;
  await fs.writeFile(tmp, good.length > 0 ? `${good.join('\n')}\n` : '', 'utf8');
  await fs.rename(tmp, file);
  return { file, keptLines: good.length, badLines: bad, savedAs };
}

function isDocumentLine(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
