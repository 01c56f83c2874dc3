/** What the online callbook clients (QRZ.com, HamQTH) share: their result, their errors, one HTTP GET. */
import type { GridInfo } from '../../../shared/protocol/types.js';

export type OnlineService = 'qrz' | 'hamqth';

/** The original's `qrz` fields an online service fills. */
export interface OnlineDetails {
  callsign: string;
  name: string | null;
  address: string | null;
  dxcc_name: string | null;
  image: string | null;
  grid: GridInfo;
  /** Set when the data is limited (e.g. a QRZ.com account without an XML subscription). */
  error: string | null;
  source: OnlineService;
}

export type OnlineResult = { found: true; details: OnlineDetails } | { found: false; message: string };

export type LookupErrorCode =
  | 'LOOKUP_AUTH_FAILED'
  | 'LOOKUP_TIMEOUT'
  | 'LOOKUP_NETWORK'
  | 'LOOKUP_HTTP_STATUS'
  | 'LOOKUP_BAD_RESPONSE'
  | 'LOOKUP_SERVICE_ERROR'
  | 'LOOKUP_NOT_CONFIGURED';

/** A failure of the service itself (not "callsign not found"). Messages never carry credentials. */
export class LookupError extends Error {
  readonly code: LookupErrorCode;
  constructor(code: LookupErrorCode, message: string) {
    super(message);
    this.name = 'LookupError';
    this.code = code;
  }
}

export interface OnlineClient {
  readonly service: OnlineService;
  /** Looks one callsign up; `signal` bounds the whole exchange (login, lookup, re-login). */
  lookup(callsign: string, signal: AbortSignal): Promise<OnlineResult>;
}

export const USER_AGENT = 'PileupBusterDesktop';

/**
 * GETs `base` with `params` and returns the body. The URL (which may hold a password or session key)
 * never goes into an error message.
 */
export async function getText(
  base: string,
  params: Record<string, string>,
  signal: AbortSignal,
  serviceName: string,
): Promise<string> {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  let res: Response;
  try {
    res = await fetch(url, {
      signal,
      headers: { 'user-agent': USER_AGENT, accept: 'application/xml, text/xml' },
    });
  } catch (e) {
    throw fetchFailure(e, signal, serviceName);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new LookupError('LOOKUP_HTTP_STATUS', `${serviceName} answered HTTP ${res.status}`);
  }
  try {
    return await res.text();
  } catch (e) {
    throw fetchFailure(e, signal, serviceName);
  }
}

function fetchFailure(e: unknown, signal: AbortSignal, serviceName: string): LookupError {
  if (signal.aborted) return new LookupError('LOOKUP_TIMEOUT', `${serviceName} did not answer in time`);
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : null;
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : null;
  return new LookupError('LOOKUP_NETWORK', `${serviceName} unreachable${code ? ` (${code})` : ''}`);
}

export function parseCoordinate(value: string | null, limit: number): number | null {
  if (value === null) return null;
  const n = Number(value);
  return Number.isFinite(n) && Math.abs(n) <= limit && value.trim() !== '' ? n : null;
}

/** Joins the non-empty parts with `separator`; null when none is left. */
export function joinParts(parts: (string | null)[], separator = ', '): string | null {
  const kept = parts.map((p) => p?.trim() ?? '').filter((p) => p !== '');
  return kept.length > 0 ? kept.join(separator) : null;
}

/**
 * A login session of an XML lookup service: concurrent lookups share one login, and a query that finds the
 * session expired logs in once more and tries again (a second expiry is an error).
 */
export class ServiceSession {
  private token: string | null = null;
  private login: Promise<string> | null = null;

  constructor(
    private readonly label: string,
    private readonly logIn: (signal: AbortSignal) => Promise<string>,
  ) {}

  async run<T>(query: (token: string) => Promise<T | 'expired'>, signal: AbortSignal): Promise<T> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = await query(await this.current(signal));
      if (result !== 'expired') return result;
      this.token = null;
    }
    throw new LookupError('LOOKUP_SERVICE_ERROR', `${this.label} rejected a fresh session`);
  }

  private current(signal: AbortSignal): Promise<string> {
    if (this.token !== null) return Promise.resolve(this.token);
    this.login ??= this.logIn(signal)
      .then((token) => {
        this.token = token;
        return token;
      })
      .finally(() => {
        this.login = null;
      });
    return this.login;
  }
}
