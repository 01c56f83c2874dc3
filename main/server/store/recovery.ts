import { promises as fs } from 'node:fs';

/** A data file with damaged lines, repaired: the readable lines kept, the damaged original kept aside. */
export interface RecoveryReport {
  kind: 'repaired';
  file: string;
  /** Lines that could be read and were kept. */
  keptLines: number;
  /** Lines that could not be parsed and were dropped from the live file. */
  badLines: number;
  /** Where the damaged original was kept aside. */
  savedAs: string;
}

/** Something that is not a regular file (a directory...) where a data file belongs, moved aside whole. */
export interface SetAsideReport {
  kind: 'set_aside';
  file: string;
  savedAs: string;
}

/** Whether a stored document (not a deletion line) has the shape its collection needs. */
export type DocumentCheck = (doc: Record<string, unknown>) => boolean;

/**
 * Checks an NeDB data file line by line before it is loaded. A file with damaged lines (a torn last line after
 * a crash, a truncated or edited file, a document of the wrong shape, an index line `$$indexCreated`, which
 * this server never writes) is copied aside untouched as `<file>.corrupt-<time>`, and the live file is
 * rewritten (atomically, owner-only) with every line that could be read. Returns null when the file is
 * healthy or absent.
 */
export async function recoverDatafile(
  file: string,
  now: Date = new Date(),
  isValid: DocumentCheck = () => true,
): Promise<RecoveryReport | null> {
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
    if (isDocumentLine(line, isValid)) good.push(line);
    else bad += 1;
  }
  if (bad === 0) return null;

  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const savedAs = `${file}.corrupt-${stamp}`;
  await fs.copyFile(file, savedAs);
  await fs.chmod(savedAs, 0o600);
  const tmp = `${file}.recovering`;
  await fs.writeFile(tmp, good.length > 0 ? `${good.join('\n')}\n` : '', { encoding: 'utf8', mode: 0o600 });
  await fs.rename(tmp, file);
  return { kind: 'repaired', file, keptLines: good.length, badLines: bad, savedAs };
}

/**
 * What stands where a data file belongs when it is not a regular file ("a directory", "not a regular file"), or
 * null when the path is a file or absent. Other errors (permissions, I/O) are thrown.
 */
export async function notAFile(file: string): Promise<string | null> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (stat.isFile()) return null;
  return stat.isDirectory() ? 'a directory' : 'not a regular file';
}

/** Moves a data file that cannot be read at all (a directory in its place...) aside as `<file>.corrupt-<time>`. */
export async function setAside(file: string, now: Date = new Date()): Promise<string> {
  const savedAs = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  await fs.rename(file, savedAs);
  return savedAs;
}

function isDocumentLine(line: string, isValid: DocumentCheck): boolean {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const doc = value as Record<string, unknown>;
  if ('$$indexCreated' in doc || '$$indexRemoved' in doc) return false;
  if (doc.$$deleted === true) return typeof doc._id === 'string';
  return isValid(doc);
}
