/**
 * Callsign intelligence for the Station: offline DXCC at once (`resolveNow`), online details later
 * (`enrich`: cache, then QRZ.com or HamQTH), never blocking and never rejecting.
 *
 * - Concurrent `enrich` calls for one callsign share one request.
 * - Each online lookup has one deadline (`timeoutMs`) for login, lookup and re-login together.
 * - A failing service backs off: while it does, `enrich` resolves null at once.
 * - Settings changes are handed to `save` (the server keeps them in config.json, mode 0600); passwords
 *   never reach the logger, the status or an error message.
 */
import { mkdir } from 'node:fs/promises';
import type { DxccInfo, LookupInfo } from '../../../shared/protocol/types.js';
import { parseCallsign } from '../../../shared/callsign.js';
import type { CallsignLookup } from './types.js';
import { emptyLookup } from './types.js';
import { resolveDxcc, type CtySummary } from './cty.js';
import { CountryFile, type CountryFileStatus } from './country-file.js';

export { CtyImportError, MAX_CTY_BYTES, type CtyImportErrorCode } from './country-file.js';
import { LookupCache } from './cache.js';
import { Backoff } from './backoff.js';
import { LookupError, type OnlineClient, type OnlineResult } from './online.js';
import { QrzClient } from './qrz.js';
import { HamqthClient } from './hamqth.js';
import { redact } from './format.js';

export type LookupServiceName = 'none' | 'qrz' | 'hamqth';

export interface LookupConfig {
  service: LookupServiceName;
  username: string;
  password: string;
  /** Deadline of one online lookup (login included), in milliseconds. */
  timeoutMs: number;
  /** Overrides of the service endpoints (tests point them at loopback fakes). */
  qrzUrl?: string | undefined;
  hamqthUrl?: string | undefined;
}

export const DEFAULT_LOOKUP_CONFIG: LookupConfig = {
  service: 'none',
  username: '',
  password: '',
  timeoutMs: 5000,
};

/** A change of settings; an omitted password keeps the stored one, '' clears it. */
export type LookupConfigPatch = Partial<Omit<LookupConfig, 'qrzUrl' | 'hamqthUrl'>>;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LookupLogger = (level: LogLevel, message: string) => void;

export interface LookupServiceOptions {
  /** Data directory (lookups.db, an imported cty file); null: nothing persisted. */
  dataDir: string | null;
  /** The cty.csv shipped in resources/. */
  ctyPath: string;
  config: LookupConfig;
  /** Persists the settings after `configure` (the server writes its config file, mode 0600). */
  save?: (settings: StoredLookupSettings) => Promise<void>;
  logger?: LookupLogger;
  cacheTtlMs?: number;
  negativeCacheTtlMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  now?: () => number;
}

/** The settings as kept in the `lookup` section of config.json. */
export interface StoredLookupSettings {
  service: LookupServiceName;
  username: string;
  password: string;
  timeout_ms: number;
}

/** Settings as shown to the console: never the password, only whether one is set. */
export interface LookupConfigView {
  service: LookupServiceName;
  username: string;
  password_set: boolean;
  timeout_ms: number;
}

export interface LookupStatus extends LookupConfigView {
  /** A service is chosen and has credentials. */
  configured: boolean;
  last_error: { code: string; message: string; at: string } | null;
  last_success: string | null;
  backoff_until: string | null;
  non_subscriber: boolean;
  cache_size: number;
  cty: CountryFileStatus;
}

export interface LookupResult {
  info: LookupInfo;
  /** Where the online part came from. */
  origin: 'cache' | 'online' | 'offline';
  /** Why there are no online details, when there are none. */
  note: string | null;
}

export interface LookupService extends CallsignLookup {
  status(): Promise<LookupStatus>;
  config(): LookupConfigView;
  configure(patch: LookupConfigPatch): Promise<LookupConfigView>;
  /** Parses and checks a cty.csv or cty.dat; replaces the active table only when it is valid. */
  importCty(text: string, filename: string): Promise<CtySummary>;
  /** An on-demand lookup for the console: like enrich, but says why nothing online was found. */
  lookup(callsign: string): Promise<LookupResult>;
  close(): Promise<void>;
}

const AUTH_BACKOFF_MS = 60_000;

export async function createLookupService(options: LookupServiceOptions): Promise<LookupService> {
  const now = options.now ?? Date.now;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const dataDir = options.dataDir;
  if (dataDir !== null) await mkdir(dataDir, { recursive: true });

  let config: LookupConfig = { ...options.config };

  /** Every log line passes here: the password (plain and URL-encoded) is masked. */
  const log = (level: LogLevel, message: string): void => {
    options.logger?.(level, redact(message, [config.password]));
  };

  // --- cty: the shipped file, or a previously imported one (preferred when it is valid) ----------
  const countryFile = await CountryFile.open({ dataDir, ctyPath: options.ctyPath, log, now });

  const cache = await LookupCache.open({
    dataDir,
    log,
    ...(options.cacheTtlMs !== undefined ? { ttlMs: options.cacheTtlMs } : {}),
    ...(options.negativeCacheTtlMs !== undefined ? { negativeTtlMs: options.negativeCacheTtlMs } : {}),
    now,
  });
  const backoff = new Backoff({
    ...(options.backoffBaseMs !== undefined ? { baseMs: options.backoffBaseMs } : {}),
    ...(options.backoffMaxMs !== undefined ? { maxMs: options.backoffMaxMs } : {}),
    now,
  });
  const inflight = new Map<string, Promise<LookupResult>>();
  let lastError: LookupStatus['last_error'] = null;
  let lastSuccess: string | null = null;
  let closed = false;
  /** Aborts lookups in flight when the service closes. */
  const closing = new AbortController();

  const configured = (): boolean =>
    config.service !== 'none' && config.username.trim() !== '' && config.password !== '';

  const makeClient = (): OnlineClient | null => {
    if (!configured()) return null;
    const creds = { username: config.username.trim(), password: config.password };
    return config.service === 'qrz'
      ? new QrzClient({ ...creds, url: config.qrzUrl })
      : new HamqthClient({ ...creds, url: config.hamqthUrl });
  };
  let client = makeClient();

  const serviceLabel = (): string => (config.service === 'qrz' ? 'QRZ.com' : 'HamQTH');

  function resolveNow(callsign: string): LookupInfo {
    const call = callsign.trim().toUpperCase();
    const dxcc: DxccInfo | null = resolveDxcc(countryFile.table, call);
    if (dxcc === null) return emptyLookup(call);
    return { ...emptyLookup(call), dxcc_name: dxcc.entity, dxcc, source: 'dxcc' };
  }

  function merge(callsign: string, result: OnlineResult): LookupInfo {
    const base = resolveNow(callsign);
    if (!result.found) return base;
    const d = result.details;
    return {
      ...base,
      name: d.name,
      address: d.address,
      dxcc_name: d.dxcc_name ?? base.dxcc_name,
      image: d.image,
      grid: d.grid,
      error: d.error,
      source: d.source,
    };
  }

  async function fetchOnline(active: OnlineClient, call: string): Promise<OnlineResult> {
    const signal = AbortSignal.any([AbortSignal.timeout(config.timeoutMs), closing.signal]);
    const first = await active.lookup(call, signal);
    if (first.found) return first;
    // A compound call (EA8/DL1ABC, DL1ABC/P) is often listed only under its home call.
    const parsed = parseCallsign(call);
    if (parsed.ok && parsed.base !== call) {
      const home = await active.lookup(parsed.base, signal);
      if (home.found) return home;
    }
    return first;
  }

  async function run(call: string): Promise<LookupResult> {
    const offline = (note: string): LookupResult => ({ info: resolveNow(call), origin: 'offline', note });
    const active = client;
    if (active === null || closed) {
      return offline(
        config.service === 'none'
          ? 'No online lookup service is configured'
          : 'Lookup credentials are missing',
      );
    }
    const cached = await cache.get(active.service, call);
    if (cached !== null) {
      return {
        info: merge(call, cached.result),
        origin: 'cache',
        note: cached.result.found ? null : cached.result.message,
      };
    }
    if (backoff.active()) {
      return offline(`${serviceLabel()} is skipped after a failure until ${iso(backoff.untilMs() ?? now())}`);
    }
    try {
      const result = await fetchOnline(active, call);
      if (client !== active) return offline('The lookup settings changed during the lookup');
      backoff.success();
      lastSuccess = iso(now());
      await cache.put(active.service, call, result);
      return { info: merge(call, result), origin: 'online', note: result.found ? null : result.message };
    } catch (e) {
      const err =
        e instanceof LookupError
          ? e
          : new LookupError('LOOKUP_SERVICE_ERROR', `${serviceLabel()} lookup failed`);
      if (client === active) {
        const pause = backoff.failure(err.code === 'LOOKUP_AUTH_FAILED' ? AUTH_BACKOFF_MS : 0);
        lastError = { code: err.code, message: redact(err.message, [config.password]), at: iso(now()) };
        log('warn', `${err.message} (${err.code}); online lookups paused for ${Math.round(pause / 1000)} s`);
      }
      return offline(err.message);
    }
  }

  function lookup(callsign: string): Promise<LookupResult> {
    const call = callsign.trim().toUpperCase();
    const key = `${config.service}:${call}`;
    const pending = inflight.get(key);
    if (pending) return pending;
    const p = run(call)
      .catch((e: unknown): LookupResult => {
        log('error', `Lookup of ${call} failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`);
        return { info: resolveNow(call), origin: 'offline', note: 'Lookup failed' };
      })
      .finally(() => inflight.delete(key));
    inflight.set(key, p);
    return p;
  }

  async function enrich(callsign: string): Promise<LookupInfo | null> {
    try {
      const r = await lookup(callsign);
      return r.origin === 'offline' || r.note !== null ? null : r.info;
    } catch {
      return null;
    }
  }

  const view = (): LookupConfigView => ({
    service: config.service,
    username: config.username,
    password_set: config.password !== '',
    timeout_ms: config.timeoutMs,
  });

  async function configure(patch: LookupConfigPatch): Promise<LookupConfigView> {
    const next: LookupConfig = { ...config };
    if (patch.service !== undefined) next.service = patch.service;
    if (patch.username !== undefined) next.username = patch.username.trim();
    if (patch.password !== undefined) next.password = patch.password;
    if (patch.timeoutMs !== undefined) next.timeoutMs = patch.timeoutMs;
    const credentialsChanged =
      next.service !== config.service ||
      next.username !== config.username ||
      next.password !== config.password;
    config = next;
    await options.save?.({
      service: config.service,
      username: config.username,
      password: config.password,
      timeout_ms: config.timeoutMs,
    });
    if (credentialsChanged) {
      client = makeClient();
      backoff.reset();
      lastError = null;
    }
    log(
      'info',
      `Lookup settings: service ${config.service}, user "${config.username}", password ${config.password ? 'set' : 'not set'}`,
    );
    return view();
  }

  function importCty(text: string, filename: string): Promise<CtySummary> {
    return countryFile.import(text, filename);
  }

  async function status(): Promise<LookupStatus> {
    const until = backoff.untilMs();
    return {
      ...view(),
      configured: configured(),
      last_error: lastError,
      last_success: lastSuccess,
      backoff_until: until === null ? null : iso(until),
      non_subscriber: client instanceof QrzClient && client.nonSubscriber,
      cache_size: await cache.size(),
      cty: countryFile.status(),
    };
  }

  let closedPromise: Promise<void> | null = null;
  function close(): Promise<void> {
    closedPromise ??= (async () => {
      closed = true;
      closing.abort();
      await Promise.allSettled([...inflight.values()]);
      await cache.close();
    })();
    return closedPromise;
  }

  return { resolveNow, enrich, lookup, status, config: view, configure, importCty, close };
}
