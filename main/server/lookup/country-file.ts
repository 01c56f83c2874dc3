/**
 * The active country file (cty.csv or cty.dat) behind offline DXCC: the one shipped in resources/, or one
 * imported through the console (kept in the data dir, owner-only, and preferred at the next start when valid).
 */
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CtyError, parseCty, summarize, type CtySummary, type CtyTable } from './cty.js';

export const MAX_CTY_BYTES = 5 * 1024 * 1024;

export type CtyImportErrorCode = CtyError['code'] | 'CTY_TOO_LARGE';

export class CtyImportError extends Error {
  constructor(
    readonly code: CtyImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CtyImportError';
  }
}

export interface CountryFileStatus extends CtySummary {
  source: 'shipped' | 'imported';
  loaded_at: string;
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Writes a file readable by the owner only, atomically (temp file, then rename). */
async function writePrivate(path: string, data: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, path);
}

export interface CountryFileOptions {
  /** Where an imported file is kept; null: imports last until the process ends. */
  dataDir: string | null;
  /** The cty.csv shipped in resources/. */
  ctyPath: string;
  log: (level: 'info' | 'error', message: string) => void;
  now: () => number;
}

export class CountryFile {
  private constructor(
    private readonly options: CountryFileOptions,
    private readonly shipped: CtyTable,
    private active: { table: CtyTable; source: 'shipped' | 'imported'; loadedAt: string },
  ) {}

  /** Reads the shipped file, then a previously imported one (preferred when it is valid). */
  static async open(options: CountryFileOptions): Promise<CountryFile> {
    const iso = (): string => new Date(options.now()).toISOString();
    const shipped = parseCty(await readFile(options.ctyPath, 'utf8'), options.ctyPath, null);
    let active = { table: shipped, source: 'shipped' as 'shipped' | 'imported', loadedAt: iso() };
    if (options.dataDir !== null) {
      for (const name of ['cty.csv', 'cty.dat']) {
        const text = await readIfExists(join(options.dataDir, name));
        if (text === null) continue;
        try {
          active = { table: parseCty(text, name, shipped), source: 'imported', loadedAt: iso() };
        } catch (e) {
          options.log('error', `Ignoring the imported ${name} in the data dir: ${(e as Error).message}`);
        }
        break;
      }
    }
    return new CountryFile(options, shipped, active);
  }

  get table(): CtyTable {
    return this.active.table;
  }

  status(): CountryFileStatus {
    return { ...summarize(this.active.table), source: this.active.source, loaded_at: this.active.loadedAt };
  }

  /** Parses and checks a cty.csv or cty.dat; replaces the active table only when it is valid. */
  async import(text: string, filename: string): Promise<CtySummary> {
    if (Buffer.byteLength(text, 'utf8') > MAX_CTY_BYTES) {
      throw new CtyImportError(
        'CTY_TOO_LARGE',
        `A country file is at most ${MAX_CTY_BYTES / 1024 / 1024} MB`,
      );
    }
    let table: CtyTable;
    try {
      table = parseCty(text, filename, this.shipped);
    } catch (e) {
      if (e instanceof CtyError) throw new CtyImportError(e.code, e.message);
      throw e;
    }
    const name = table.format === 'csv' ? 'cty.csv' : 'cty.dat';
    const dataDir = this.options.dataDir;
    if (dataDir !== null) {
      await writePrivate(join(dataDir, name), text);
      await rm(join(dataDir, name === 'cty.csv' ? 'cty.dat' : 'cty.csv'), { force: true });
    }
    this.active = { table, source: 'imported', loadedAt: new Date(this.options.now()).toISOString() };
    const summary = summarize(table);
    this.options.log(
      'info',
      `Imported ${filename}: ${summary.entities} entities, ${summary.prefixes} prefixes, ${summary.exceptions} exact calls`,
    );
    return summary;
  }
}
