/**
 * The Lookup tab's reading of `admin.get_lookup_status` and `admin.lookup_callsign`. Pure, so it is unit-tested.
 */
import { bool, count, isRecord, num, record, reportedError, str, type ReportedError } from './json.js';

export type LookupServiceName = 'none' | 'qrz' | 'hamqth';

export const SERVICE_LABELS: Record<LookupServiceName, string> = {
  none: 'None (offline DXCC only)',
  qrz: 'QRZ.com XML',
  hamqth: 'HamQTH',
};

export interface CtyView {
  format: string;
  entities: number;
  prefixes: number;
  exceptions: number;
  version: string | null;
  /** 'shipped' with the app, or 'imported' by an operator. */
  source: string | null;
  loadedAt: string | null;
}

export interface LookupStatusView {
  service: LookupServiceName;
  username: string;
  passwordSet: boolean;
  configured: boolean;
  lastError: ReportedError | null;
  lastSuccess: string | null;
  backoffUntil: string | null;
  nonSubscriber: boolean;
  cacheSize: number;
  cty: CtyView | null;
}

export function parseCty(value: unknown): CtyView | null {
  if (!isRecord(value)) return null;
  return {
    format: str(value.format) ?? '?',
    entities: count(value.entities),
    prefixes: count(value.prefixes),
    exceptions: count(value.exceptions),
    version: str(value.version),
    source: str(value.source),
    loadedAt: str(value.loaded_at),
  };
}

export function parseLookupStatus(result: unknown): LookupStatusView | null {
  if (!isRecord(result)) return null;
  const service = result.service === 'qrz' || result.service === 'hamqth' ? result.service : 'none';
  return {
    service,
    username: str(result.username) ?? '',
    passwordSet: bool(result.password_set),
    configured: bool(result.configured),
    lastError: reportedError(result.last_error),
    lastSuccess: str(result.last_success),
    backoffUntil: str(result.backoff_until),
    nonSubscriber: bool(result.non_subscriber),
    cacheSize: count(result.cache_size),
    cty: parseCty(result.cty),
  };
}

/** Whether the online service is waiting before it tries again (backoff still in the future). */
export function inBackoff(status: LookupStatusView, nowMs: number): boolean {
  if (!status.backoffUntil) return false;
  const until = Date.parse(status.backoffUntil);
  return Number.isFinite(until) && until > nowMs;
}

/** One line on the state of the online service. */
export function serviceState(
  status: LookupStatusView,
  nowMs: number,
): { tone: 'on' | 'off' | 'warn' | 'error'; label: string } {
  if (status.service === 'none') return { tone: 'off', label: 'Offline only' };
  if (!status.configured) return { tone: 'warn', label: 'No username or password' };
  if (inBackoff(status, nowMs)) return { tone: 'error', label: 'Failing; waiting before the next try' };
  if (status.nonSubscriber) return { tone: 'warn', label: 'Limited data (no XML subscription)' };
  if (status.lastError && (!status.lastSuccess || (status.lastError.at ?? '') > status.lastSuccess)) {
    return { tone: 'error', label: 'Last lookup failed' };
  }
  return { tone: 'on', label: status.lastSuccess ? 'Working' : 'Ready' };
}

export interface LookupAnswer {
  callsign: string;
  /** Where the online part came from: 'cache', 'online' or 'offline'. */
  origin: string;
  /** Why there are no online details, or null. */
  note: string | null;
  name: string | null;
  address: string | null;
  grid: string | null;
  image: string | null;
  /** 'none', 'dxcc', 'qrz' or 'hamqth'. */
  source: string | null;
  entity: string | null;
  adif: number | null;
  prefix: string | null;
  continent: string | null;
  cqZone: number | null;
  ituZone: number | null;
  /** A limitation reported in the lookup data itself (e.g. no subscription). */
  error: string | null;
}

/** Reads `admin.lookup_callsign`'s `{callsign, qrz, origin, note}`. */
export function parseLookupAnswer(result: unknown): LookupAnswer | null {
  if (!isRecord(result)) return null;
  const qrz = record(result.qrz);
  const dxcc = isRecord(qrz.dxcc) ? qrz.dxcc : null;
  const grid = record(qrz.grid);
  const callsign = str(result.callsign) ?? str(qrz.callsign);
  if (!callsign) return null;
  return {
    callsign,
    origin: str(result.origin) ?? 'offline',
    note: str(result.note),
    name: str(qrz.name),
    address: str(qrz.address),
    grid: str(grid.grid),
    image: str(qrz.image),
    source: str(qrz.source),
    entity: str(dxcc?.entity) ?? str(qrz.dxcc_name),
    adif: num(dxcc?.adif),
    prefix: str(dxcc?.prefix),
    continent: str(dxcc?.continent),
    cqZone: num(dxcc?.cq_zone),
    ituZone: num(dxcc?.itu_zone),
    error: str(qrz.error),
  };
}

const ORIGIN_LABELS: Record<string, string> = {
  online: 'online service',
  cache: 'cache of the online service',
  offline: 'offline DXCC data only',
};

export function originLabel(origin: string): string {
  return ORIGIN_LABELS[origin] ?? origin;
}
