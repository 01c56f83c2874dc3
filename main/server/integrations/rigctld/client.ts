/**
 * TCP client for Hamlib's rigctld: polls frequency and mode about once a second, reports changes only,
 * keeps its connection state, and reconnects with exponential backoff.
 *
 * Every command has a reply timeout: rigctld says nothing at all to commands it does not know, and a radio
 * that stops answering must not stall us. After a timeout the connection is dropped and made again, since
 * a late reply would otherwise be taken for the answer to the next command.
 *
 * On each connection it first asks `\chk_vfo`: a rigctld in VFO mode (`rigctld -o`) gets `currVFO` before every
 * argument, as it requires. A rigctld too old to know `\chk_vfo` says nothing; that is taken as "no VFO mode".
 */
import net from 'node:net';
import {
  parseChkVfoReply,
  parseFrequencyReply,
  parseModeReply,
  parseReply,
  RIGCTLD_DEFAULT_PORT,
  takeLine,
  takeReply,
} from './protocol.js';

export interface RigState {
  freqHz: number | null;
  mode: string | null;
  passband: number | null;
}

export interface RigctldError {
  code:
    'RIGCTLD_CONNECT_FAILED' | 'RIGCTLD_TIMEOUT' | 'RIGCTLD_CLOSED' | 'RIGCTLD_ERROR' | 'RIGCTLD_BAD_REPLY';
  message: string;
  /** ISO 8601 UTC. */
  at: string;
}

export interface RigctldStatus {
  host: string;
  port: number;
  running: boolean;
  connected: boolean;
  /** ISO 8601 UTC of the last good reply. */
  lastReplyAt: string | null;
  lastError: RigctldError | null;
  /** Connection attempts since start. */
  connectAttempts: number;
  /** Whether this rigctld runs in VFO mode (`-o`), from `\chk_vfo`; null until known. */
  vfoMode: boolean | null;
  rig: RigState;
}

export interface RigctldClientOptions {
  host?: string;
  port?: number;
  pollIntervalMs?: number;
  replyTimeoutMs?: number;
  connectTimeoutMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
  /** Called with the new state whenever frequency, mode or passband change. */
  onChange?: (state: RigState) => void;
  /** Called when connected/error state changes. */
  onStatus?: (status: RigctldStatus) => void;
}

interface Pending {
  resolve: (reply: string) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
  /** Cuts one whole reply off the buffer, or null while more is needed. */
  take: (buffer: string) => { reply: string; rest: string } | null;
}

interface CommandOptions {
  /** The reply is one line, not RPRT-terminated (`\chk_vfo`). */
  line?: boolean;
  /** On a timeout, fail only this command and keep the connection (for a probe that may go unanswered). */
  keepOnTimeout?: boolean;
}

class CommandFailed extends Error {
  constructor(
    readonly code: RigctldError['code'],
    message: string,
  ) {
    super(message);
  }
}

const MAX_BUFFER = 64 * 1024;

export class RigctldClient {
  readonly host: string;
  readonly port: number;
  private readonly pollIntervalMs: number;
  private readonly replyTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly now: () => number;
  private readonly onChange: ((state: RigState) => void) | undefined;
  private readonly onStatus: ((status: RigctldStatus) => void) | undefined;

  private socket: net.Socket | null = null;
  private running = false;
  private connected = false;
  private buffer = '';
  private pending: Pending | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private backoffMs: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private lastReplyAt: string | null = null;
  private lastError: RigctldError | null = null;
  private connectAttempts = 0;
  private rig: RigState = { freqHz: null, mode: null, passband: null };
  /** From `\chk_vfo` on this connection; null until known. */
  private vfoMode: boolean | null = null;
  /** Bumped on every (re)connection so a poll loop of an old socket stops. */
  private generation = 0;

  constructor(opts: RigctldClientOptions = {}) {
    this.host = opts.host ?? '127.0.0.1';
    this.port = opts.port ?? RIGCTLD_DEFAULT_PORT;
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.replyTimeoutMs = opts.replyTimeoutMs ?? 2000;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 3000;
    this.initialBackoffMs = opts.initialBackoffMs ?? 1000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 30_000;
    this.now = opts.now ?? Date.now;
    this.onChange = opts.onChange;
    this.onStatus = opts.onStatus;
    this.backoffMs = this.initialBackoffMs;
  }

  status(): RigctldStatus {
    return {
      host: this.host,
      port: this.port,
      running: this.running,
      connected: this.connected,
      lastReplyAt: this.lastReplyAt,
      lastError: this.lastError,
      connectAttempts: this.connectAttempts,
      vfoMode: this.vfoMode,
      rig: { ...this.rig },
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.backoffMs = this.initialBackoffMs;
    this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clearTimers();
    const socket = this.socket;
    this.dropConnection(new CommandFailed('RIGCTLD_CLOSED', 'Client stopped'), false);
    if (socket !== null && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.destroy();
      });
    }
    this.emitStatus();
  }

  /** Tunes the radio (`F`). Rejects when not connected or rigctld reports an error. */
  async setFrequency(hz: number): Promise<void> {
    if (!Number.isSafeInteger(hz) || hz <= 0) throw new RangeError(`Not a frequency: ${hz}`);
    const reply = await this.command(`+F${this.vfo()} ${hz}`);
    const parsed = parseReply(reply);
    if (!parsed.ok) throw new CommandFailed(parsed.code, parsed.message);
  }

  /** Sets mode and passband (`M`); passband 0 lets the rig choose. */
  async setMode(mode: string, passband = 0): Promise<void> {
    if (!/^[A-Za-z0-9-]{1,16}$/.test(mode)) throw new RangeError(`Not a mode: ${mode}`);
    const reply = await this.command(`+M${this.vfo()} ${mode.toUpperCase()} ${Math.trunc(passband)}`);
    const parsed = parseReply(reply);
    if (!parsed.ok) throw new CommandFailed(parsed.code, parsed.message);
  }

  /** The VFO argument that a rigctld in VFO mode needs before a command's arguments. */
  private vfo(): string {
    return this.vfoMode === true ? ' currVFO' : '';
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  private setError(code: RigctldError['code'], message: string): void {
    this.lastError = { code, message, at: this.iso() };
    this.emitStatus();
  }

  private emitStatus(): void {
    try {
      this.onStatus?.(this.status());
    } catch {
      // a listener's failure is not ours
    }
  }

  private clearTimers(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    this.reconnectTimer = null;
    this.pollTimer = null;
  }

  private connect(): void {
    if (!this.running) return;
    this.connectAttempts += 1;
    const generation = ++this.generation;
    const socket = net.createConnection({ host: this.host, port: this.port });
    this.socket = socket;
    this.buffer = '';
    socket.setNoDelay(true);
    socket.setEncoding('utf8');
    socket.setTimeout(this.connectTimeoutMs, () => {
      if (!this.connected) {
        this.setError(
          'RIGCTLD_CONNECT_FAILED',
          `No connection to ${this.host}:${this.port} within ${this.connectTimeoutMs} ms`,
        );
        socket.destroy();
      }
    });
    socket.on('connect', () => {
      socket.setTimeout(0);
      this.connected = true;
      this.vfoMode = null;
      this.emitStatus();
      void this.detectVfoMode(generation);
    });
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (!this.connected) {
        this.setError('RIGCTLD_CONNECT_FAILED', `${this.host}:${this.port}: ${err.code ?? err.message}`);
      } else {
        this.setError('RIGCTLD_CLOSED', err.message);
      }
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      const wasConnected = this.connected;
      this.dropConnection(new CommandFailed('RIGCTLD_CLOSED', 'Connection closed'), wasConnected);
      this.scheduleReconnect();
    });
  }

  /** Forgets the socket and fails the command in flight. */
  private dropConnection(err: CommandFailed, report: boolean): void {
    const socket = this.socket;
    this.socket = null;
    this.connected = false;
    this.generation += 1;
    this.buffer = '';
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    const pending = this.pending;
    this.pending = null;
    if (pending !== null) {
      clearTimeout(pending.timer);
      pending.reject(err);
    }
    if (report) this.setError(err.code, err.message);
    if (socket !== null && !socket.destroyed) socket.destroy();
  }

  private scheduleReconnect(): void {
    if (!this.running || this.reconnectTimer !== null) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }

  private onData(chunk: string): void {
    if (this.pending === null) {
      this.buffer = ''; // nothing asked: stray bytes
      return;
    }
    this.buffer += chunk;
    if (this.buffer.length > MAX_BUFFER) {
      this.dropConnection(new CommandFailed('RIGCTLD_BAD_REPLY', 'Reply too long'), true);
      this.scheduleReconnect();
      return;
    }
    const taken = this.pending.take(this.buffer);
    if (taken === null) return;
    this.buffer = taken.rest;
    const pending = this.pending;
    this.pending = null;
    clearTimeout(pending.timer);
    pending.resolve(taken.reply);
  }

  /** Sends one command and waits for its RPRT-terminated reply; commands run one at a time. */
  private command(text: string, opts: CommandOptions = {}): Promise<string> {
    const run = (): Promise<string> =>
      new Promise<string>((resolve, reject) => {
        const socket = this.socket;
        if (socket === null || !this.connected) {
          reject(new CommandFailed('RIGCTLD_CLOSED', 'Not connected to rigctld'));
          return;
        }
        const timer = setTimeout(() => {
          if (this.pending?.timer !== timer) return;
          const err = new CommandFailed(
            'RIGCTLD_TIMEOUT',
            `No reply to "${text}" within ${this.replyTimeoutMs} ms`,
          );
          if (opts.keepOnTimeout) {
            this.pending = null;
            this.buffer = '';
            reject(err);
            return;
          }
          this.dropConnection(err, true);
          this.scheduleReconnect();
        }, this.replyTimeoutMs);
        this.pending = { resolve, reject, timer, take: opts.line ? takeLine : takeReply };
        this.buffer = '';
        socket.write(`${text}\n`);
      });
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Asks `\chk_vfo` once per connection, then starts polling. */
  private async detectVfoMode(generation: number): Promise<void> {
    let vfoMode = false;
    try {
      vfoMode =
        parseChkVfoReply(await this.command('\\chk_vfo', { line: true, keepOnTimeout: true })) === true;
    } catch (err) {
      // Closed: the reconnect asks again. Unanswered: an old rigctld without \chk_vfo, so no VFO mode.
      if (!(err instanceof CommandFailed) || err.code !== 'RIGCTLD_TIMEOUT') return;
    }
    if (generation !== this.generation) return;
    this.vfoMode = vfoMode;
    this.emitStatus();
    this.schedulePoll(generation, 0);
  }

  private schedulePoll(generation: number, delay: number): void {
    if (!this.running || generation !== this.generation) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      void this.pollOnce(generation);
    }, delay);
    this.pollTimer.unref();
  }

  private async pollOnce(generation: number): Promise<void> {
    try {
      const freq = parseFrequencyReply(await this.command(`+f${this.vfo()}`));
      const mode = parseModeReply(await this.command(`+m${this.vfo()}`));
      if (generation !== this.generation) return;
      if (!freq.ok) this.setError(freq.code, freq.message);
      if (!mode.ok) this.setError(mode.code, mode.message);
      if (freq.ok || mode.ok) {
        this.lastReplyAt = this.iso();
        this.backoffMs = this.initialBackoffMs;
      }
      const next: RigState = {
        freqHz: freq.ok ? freq.value : this.rig.freqHz,
        mode: mode.ok ? mode.value.mode : this.rig.mode,
        passband: mode.ok ? mode.value.passband : this.rig.passband,
      };
      if (
        next.freqHz !== this.rig.freqHz ||
        next.mode !== this.rig.mode ||
        next.passband !== this.rig.passband
      ) {
        this.rig = next;
        try {
          this.onChange?.({ ...next });
        } catch {
          // a listener's failure is not ours
        }
      }
    } catch {
      // the connection was dropped and the error recorded; the reconnect starts a new poll loop
      return;
    }
    this.schedulePoll(generation, this.pollIntervalMs);
  }
}
