import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppendLog } from './append-log.js';
import { notAFile, recoverDatafile, setAside, type RecoveryReport, type SetAsideReport } from './recovery.js';
import { StoreWriteError } from './store.js';

export const POSITIONS_FILE = 'positions.db';

/**
 * One operating position as stored in `positions.db`: its definition and its own state documents, by the
 * same keys and in the same shapes as the default position's singletons in `state.db` (`system_status`,
 * `frequency`, `split`, `beam_heading`, `current_qso`), so one set of schemas checks both. The default
 * position keeps its state in `state.db` (data dirs from before positions are unchanged); its document here,
 * when present, only names it.
 */
export const storedPositionSchema = z.object({
  _id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  created_at: z.string(),
  state: z.record(z.string(), z.unknown()).default({}),
});
export type StoredPosition = z.infer<typeof storedPositionSchema>;

/**
 * `positions.db`: one document per position, in NeDB's format (one JSON line per write, the last line for an
 * `_id` wins, `{"$$deleted":true,"_id":…}` removes). Each change rewrites its position's document in one
 * appended line, so a crash leaves the position as it was before or after the change, never half of it.
 *
 * At open, a file with damaged lines (torn last line, edits, a document that is not a position) is copied
 * aside untouched as `positions.db.corrupt-<time>` and the readable lines are kept (store/recovery.ts): the
 * report says so, nothing readable is lost. A file with more dead lines than live documents is compacted.
 * Something that is not a file in its place (a directory) is moved aside whole as `positions.db.corrupt-<time>`
 * and the station starts with the default position only; the report names both paths.
 */
export class PositionsFile {
  private readonly log: AppendLog;
  private readonly docs: Map<string, StoredPosition>;

  private constructor(
    readonly file: string,
    docs: Map<string, StoredPosition>,
    readonly recovery: RecoveryReport | SetAsideReport | null,
  ) {
    this.docs = docs;
    this.log = new AppendLog(file);
  }

  static async open(dataDir: string, now: Date = new Date()): Promise<PositionsFile> {
    const file = path.join(dataDir, POSITIONS_FILE);
    const notAFile = await setAsideIfNotAFile(file, now);
    if (notAFile) return new PositionsFile(file, new Map(), notAFile);
    const recovery = await recoverDatafile(file, now, (d) => storedPositionSchema.safeParse(d).success);
    let text = '';
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const docs = new Map<string, StoredPosition>();
    let lines = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      lines += 1;
      const value = JSON.parse(line) as Record<string, unknown>;
      if (value.$$deleted === true) {
        docs.delete(String(value._id));
        continue;
      }
      const doc = storedPositionSchema.parse(value);
      docs.set(doc._id, doc);
    }
    if (lines > 2 * docs.size + 8) await compact(file, [...docs.values()]);
    return new PositionsFile(file, docs, recovery);
  }

  /** The positions as stored, in creation order (a Map keeps the order of first insertion). */
  all(): StoredPosition[] {
    return [...this.docs.values()].map((d) => structuredClone(d));
  }

  get(id: string): StoredPosition | undefined {
    const doc = this.docs.get(id);
    return doc ? structuredClone(doc) : undefined;
  }

  /** Writes a position's whole document; the file's copy changes only once the line is written. */
  async put(doc: StoredPosition): Promise<void> {
    const checked = storedPositionSchema.parse(doc);
    await this.append([JSON.stringify(checked)]);
    this.docs.set(checked._id, checked);
  }

  /** Writes one state document of a position (`putState` for a position other than the default). */
  async putState(id: string, key: string, value: unknown): Promise<void> {
    const doc = this.docs.get(id);
    if (!doc) throw new StoreWriteError(`no stored position "${id}"`);
    await this.put({ ...doc, state: { ...doc.state, [key]: value } });
  }

  async remove(id: string): Promise<void> {
    await this.append([JSON.stringify({ $$deleted: true, _id: id })]);
    this.docs.delete(id);
  }

  close(): void {
    this.log.close();
  }

  private async append(lines: string[]): Promise<void> {
    try {
      await this.log.append(lines);
    } catch (err) {
      throw new StoreWriteError(err);
    }
  }
}

/** Rewrites the file with one line per live document (atomically, owner-only). */
async function compact(file: string, docs: readonly StoredPosition[]): Promise<void> {
  const tmp = `${file}.compacting`;
  const text = docs.map((d) => JSON.stringify(d)).join('\n');
  await fs.writeFile(tmp, text === '' ? '' : `${text}\n`, { encoding: 'utf8', mode: 0o600 });
  await fs.rename(tmp, file);
}

/** A directory (or anything but a regular file) where positions.db belongs: moved aside, reported. */
async function setAsideIfNotAFile(file: string, now: Date): Promise<SetAsideReport | null> {
  if ((await notAFile(file)) === null) return null;
  const savedAs = await setAside(file, now);
  return { kind: 'set_aside', file, savedAs };
}
