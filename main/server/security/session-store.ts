/**
 * Admin sessions that survive a server restart: a Map (sha256 of the token -> username and expiry) that writes
 * itself to `sessions.json` in the data dir (mode 0600) after every change, and reads it back at start-up.
 * Only the tokens' hashes are stored, never a token itself, so the file cannot be used to sign in. Expired
 * sessions are dropped when the file is read; a damaged file is set aside and the server starts with none.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const SESSIONS_FILE = 'sessions.json';

export interface AdminSession {
  username: string;
  /** Epoch ms. */
  expires: number;
}

const fileSchema = z.object({
  version: z.literal(1),
  sessions: z.array(z.object({ hash: z.string().min(1), username: z.string().min(1), expires: z.number() })),
});

export class PersistedSessions extends Map<string, AdminSession> {
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private loading = true;

  private constructor(
    private readonly file: string,
    private readonly onError: (err: unknown) => void,
  ) {
    super();
  }

  /** Reads the sessions of `dataDir` (none when the file is missing or damaged). */
  static async open(
    dataDir: string,
    opts: { now?: () => number; onError?: (err: unknown) => void } = {},
  ): Promise<PersistedSessions> {
    const file = path.join(dataDir, SESSIONS_FILE);
    const store = new PersistedSessions(file, opts.onError ?? (() => undefined));
    const now = (opts.now ?? Date.now)();
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
      if (parsed.success) {
        for (const s of parsed.data.sessions) {
          if (s.expires > now) store.set(s.hash, { username: s.username, expires: s.expires });
        }
      } else await fs.rename(file, `${file}.invalid-${Date.now()}`);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (err instanceof SyntaxError)
        await fs.rename(file, `${file}.invalid-${Date.now()}`).catch(() => undefined);
      else if (code !== 'ENOENT') store.onError(err);
    }
    store.loading = false;
    return store;
  }

  override set(key: string, value: AdminSession): this {
    super.set(key, value);
    this.changed();
    return this;
  }

  override delete(key: string): boolean {
    const had = super.delete(key);
    if (had) this.changed();
    return had;
  }

  override clear(): void {
    const had = this.size > 0;
    super.clear();
    if (had) this.changed();
  }

  /** Resolves once everything changed so far is on disk (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.dirty) await this.writing;
    await this.writing;
  }

  private changed(): void {
    // The constructor of Map calls set() before the fields exist; loading fills the map without writing.
    if (this.loading !== false) return;
    this.dirty = true;
    this.writing = this.writing.then(() => this.write());
  }

  private async write(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const body = {
      version: 1 as const,
      sessions: [...this.entries()].map(([hash, s]) => ({ hash, username: s.username, expires: s.expires })),
    };
    const tmp = `${this.file}.tmp`;
    try {
      await fs.writeFile(tmp, `${JSON.stringify(body)}\n`, { mode: 0o600 });
      await fs.chmod(tmp, 0o600);
      await fs.rename(tmp, this.file);
    } catch (err) {
      this.onError(err);
    }
  }
}
