/**
 * One lifecycle for every integration that owns a socket (the N1MM+ and WSJT-X listeners, the rigctld client):
 * restart with a configuration (stop what runs, start anew when enabled), stop, its status and its last error.
 * What differs between them (which socket, what its messages mean) is given in its {@link IntegrationSpec}.
 * Nothing here throws: a failure to start is recorded as the integration's last error.
 */
import type { Log } from '../util/log.js';
import type { IntegrationName } from './radio-follow.js';

/** Something that went wrong, as the console shows it. */
export interface IntegrationEvent {
  code: string;
  message: string;
  /** ISO 8601 UTC. */
  at: string;
}

/** A started integration: its socket, stopped on restart or shutdown, and its live state. */
export interface Running<S> {
  stop(): Promise<void>;
  status(): S;
}

export interface IntegrationSpec<C extends { enabled: boolean }, R extends Running<S>, S> {
  name: IntegrationName;
  /** Builds the integration for this configuration, not started yet. */
  create(config: C): R;
  /** Starts it (binds, connects); what it throws becomes the last error `failure` names. */
  start(running: R, config: C): Promise<void> | void;
  /** The log line once it started. */
  started(running: R, config: C): string;
  /** The code and message of a failure to start. */
  failure(config: C, err: unknown): { code: string; message: string };
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function errorCode(err: unknown, fallback: string): string {
  if (err !== null && typeof err === 'object' && 'code' in err && typeof err.code === 'string')
    return err.code;
  return fallback;
}

export class Integration<C extends { enabled: boolean }, R extends Running<S>, S> {
  private current: R | null = null;
  private error: IntegrationEvent | null = null;

  constructor(
    private readonly spec: IntegrationSpec<C, R, S>,
    private readonly log: Log,
    private readonly now: () => number,
  ) {}

  /** What runs now, or null (off, or not started). */
  get running(): R | null {
    return this.current;
  }

  get lastError(): IntegrationEvent | null {
    return this.error;
  }

  /** Stops what runs, forgets the last error, calls `afterStop`, then starts anew when `config` enables it. */
  async restart(config: C, afterStop?: () => void): Promise<void> {
    await this.stop();
    this.error = null;
    afterStop?.();
    if (!config.enabled) return;
    const running = this.spec.create(config);
    this.current = running;
    try {
      await this.spec.start(running, config);
      this.log('info', this.spec.started(running, config));
    } catch (err) {
      const { code, message } = this.spec.failure(config, err);
      this.fail(code, message);
    }
  }

  /** Records a failure as the last error (the console shows it) and logs it. */
  fail(code: string, message: string): void {
    this.error = { code, message, at: new Date(this.now()).toISOString() };
    this.log('warn', `integration ${this.spec.name}: ${code}: ${message}`);
  }

  async stop(): Promise<void> {
    const running = this.current;
    this.current = null;
    await running?.stop();
  }

  status(): S | null {
    return this.current?.status() ?? null;
  }
}
