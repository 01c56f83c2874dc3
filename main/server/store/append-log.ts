import { closeSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';

/** An open data file, as the log uses it (a test can give one that fails). */
export interface AppendFile {
  size(): number;
  /** Writes from `offset` of `data` at the end of the file; returns the bytes written. */
  write(data: Buffer, offset: number): number;
  truncate(length: number): void;
  close(): void;
}

export type OpenAppendFile = (file: string) => AppendFile;

const openForAppend: OpenAppendFile = (file) => {
  const fd = openSync(file, 'a', 0o600);
  return {
    size: () => fstatSync(fd).size,
    write: (data, offset) => writeSync(fd, data, offset),
    truncate: (length) => ftruncateSync(fd, length),
    close: () => closeSync(fd),
  };
};

/**
 * An append-only line log with group commit: the lines appended during one turn of the event loop go out in
 * one write, so a burst of N appends costs a handful of writes instead of N. Each append settles once its lines
 * are in the file (the kernel has them: a killed process loses nothing; there is no fsync, as with NeDB's own
 * appends).
 *
 * The write is synchronous: open, write, close, a few microseconds for a batch, cheaper than handing three file
 * operations to the thread pool and waiting for each. The file is opened by name for each batch, so a data file
 * that was replaced is written where it now is, never into a stale handle.
 *
 * A write that fails (full disk) rejects every append in it and is cut off again, so the file never keeps a
 * torn line that the next write would glue onto a good one; should cutting off fail too, the next write starts
 * on a fresh line (NeDB skips empty lines).
 */
export class AppendLog {
  private pending: { lines: string[]; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private scheduled = false;
  private mayEndTorn = false;
  private closed = false;
  /** Writes made and lines written (tests, metrics). */
  readonly stats = { writes: 0, lines: 0 };

  constructor(
    readonly file: string,
    private readonly open: OpenAppendFile = openForAppend,
  ) {}

  /** Appends lines (each without its newline); resolves once they are written. */
  append(lines: string[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`${this.file} is closed`));
    if (lines.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ lines, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes what is waiting now, then refuses further appends. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    try {
      this.writeLines(batch.flatMap((b) => b.lines));
    } catch (err) {
      for (const b of batch) b.reject(err);
      return;
    }
    for (const b of batch) b.resolve();
  }

  private writeLines(lines: string[]): void {
    const data = Buffer.from(`${this.mayEndTorn ? '\n' : ''}${lines.join('\n')}\n`, 'utf8');
    const file = this.open(this.file);
    try {
      const before = file.size();
      let offset = 0;
      try {
        while (offset < data.length) {
          const written = file.write(data, offset);
          if (written <= 0) throw new Error(`nothing could be written to ${this.file}`);
          offset += written;
        }
      } catch (err) {
        if (offset > 0) this.cutOff(file, before);
        throw err;
      }
      this.mayEndTorn = false;
      this.stats.writes += 1;
      this.stats.lines += lines.length;
    } finally {
      file.close();
    }
  }

  private cutOff(file: AppendFile, length: number): void {
    try {
      file.truncate(length);
    } catch {
      this.mayEndTorn = true;
    }
  }
}
