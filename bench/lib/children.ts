import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Child processes of the benchmarks (servers under test, baselines, load generators), with a small request /
 * answer protocol over IPC. Every child is killed when the parent exits, and each child exits by itself when
 * its parent goes away or its lifetime runs out (see child.ts): nothing outlives a benchmark run.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
export const PROCS_DIR = path.resolve(here, '..', 'procs');

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => killAllChildren());
}

/** Kills every child still running (SIGKILL). */
export function killAllChildren(): void {
  for (const c of live) {
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
  live.clear();
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export interface ChildOptions {
  env?: Record<string, string>;
  /** Extra node flags (e.g. --expose-gc). */
  nodeFlags?: string[];
  /** The child exits by itself after this long (watchdog). */
  maxLifetimeMs?: number;
  /** Print the child's stdout/stderr (default: only stderr). */
  verbose?: boolean;
}

export class Child {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(data: unknown) => void>>();
  private exited = false;
  readonly spawnedAt: number;
  readonly proc: ChildProcess;
  private stderrTail = '';

  constructor(
    readonly name: string,
    script: string,
    options: ChildOptions = {},
  ) {
    installExitHook();
    this.spawnedAt = performance.timeOrigin + performance.now();
    this.proc = fork(path.join(PROCS_DIR, script), [], {
      execArgv: [...(options.nodeFlags ?? []), '--import', 'tsx'],
      env: {
        ...process.env,
        ...options.env,
        BENCH_CHILD_MAX_MS: String(options.maxLifetimeMs ?? 30 * 60_000),
      },
      stdio: ['ignore', options.verbose ? 'inherit' : 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    live.add(this.proc);
    this.proc.stderr?.setEncoding('utf8');
    this.proc.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4000);
      if (options.verbose) process.stderr.write(`[${name}] ${chunk}`);
    });
    this.proc.on('message', (raw: unknown) => {
      const msg = raw as {
        id?: number;
        ok?: boolean;
        result?: unknown;
        error?: string;
        event?: string;
        data?: unknown;
      };
      if (typeof msg.id === 'number') {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.ok) p.resolve(msg.result);
        else p.reject(new Error(`${name}: ${msg.error ?? 'failed'}`));
      } else if (typeof msg.event === 'string') {
        for (const fn of this.listeners.get(msg.event) ?? []) fn(msg.data);
      }
    });
    this.proc.on('exit', (code, signal) => {
      this.exited = true;
      live.delete(this.proc);
      const err = new Error(
        `${name} exited (${signal ?? code})${this.stderrTail ? `: ${this.stderrTail.trim()}` : ''}`,
      );
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      for (const fn of this.listeners.get('exit') ?? []) fn(err);
    });
  }

  call<T>(cmd: string, args: unknown = {}, timeoutMs = 120_000): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.name} is not running`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.proc.send({ id, cmd, args });
    });
  }

  on(event: string, fn: (data: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  /** Resolves with the data of the next `event` push. */
  once<T>(event: string, timeoutMs = 60_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        offExit();
        reject(new Error(`${this.name}: no "${event}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on(event, (data) => {
        clearTimeout(timer);
        off();
        offExit();
        resolve(data as T);
      });
      const offExit = this.on('exit', (err) => {
        clearTimeout(timer);
        off();
        offExit();
        reject(err instanceof Error ? err : new Error(String(err)));
      });
    });
  }

  /** Asks the child to stop, then kills it if it has not exited within `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    try {
      await this.call('stop', {}, graceMs);
    } catch {
      // killed below
    }
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
