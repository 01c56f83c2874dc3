/**
 * The Radio tab's picture of the integrations, read from `admin.get_integrations` (N1MM+ and WSJT-X listeners, the
 * rigctld client, Send to Logger), and the requests its controls send. Pure, so the mapping is unit-tested.
 */
import { formatMHz } from '../../shared/radio.js';
import {
  bool,
  count,
  countsByCode,
  isRecord,
  num,
  record,
  reportedError,
  str,
  type Json,
  type ReportedError,
} from './json.js';
import { OPS, type ConsoleOperation } from './operations.js';

export const INTEGRATION_IDS = ['n1mm', 'wsjtx', 'rigctld', 'send_to_logger'] as const;
export type IntegrationId = (typeof INTEGRATION_IDS)[number];

export const INTEGRATION_TITLES: Record<IntegrationId, string> = {
  n1mm: 'N1MM+ broadcasts (UDP)',
  wsjtx: 'WSJT-X (UDP)',
  rigctld: 'Hamlib rigctld (TCP)',
  send_to_logger: 'Send to Logger',
};

export type StateTone = 'on' | 'off' | 'warn' | 'error';

export interface IntegrationView {
  id: IntegrationId;
  title: string;
  enabled: boolean;
  /** A short live state: "Listening", "Connected", "Connecting…", "Not listening", "Off". */
  state: { tone: StateTone; label: string };
  /** Where it listens or connects: `address:port` (the live one when running, else the configured one). */
  endpoint: string;
  /** Datagrams received (listeners only). */
  packets: number | null;
  accepted: number | null;
  /** Rejected datagrams by code, largest first. */
  rejected: Array<{ code: string; count: number }>;
  /** ISO 8601 UTC: last datagram (listeners), last good reply (rigctld), last announcement (Send to Logger). */
  lastActivityAt: string | null;
  lastActivityLabel: string;
  /** Further facts worth a line each (peer, rig, QSO counts, format, target). */
  facts: Array<{ label: string; value: string }>;
  /** The newest error of the integration or its socket. */
  lastError: ReportedError | null;
  /** The configuration fields the operator can edit here. */
  config: IntegrationConfigForm;
}

export interface IntegrationConfigForm {
  /** Listening address (listeners) or host (rigctld, Send to Logger). */
  address: string;
  port: string;
  /** Send to Logger only. */
  format?: string;
}

export const SEND_TO_LOGGER_FORMATS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'wsjtx_highlight', label: 'WSJT-X Highlight Callsign' },
  { value: 'wsjtx_status', label: 'WSJT-X Status (DX call)' },
  { value: 'n1mm_lookupinfo', label: 'N1MM+ lookupinfo' },
  { value: 'json', label: 'JSON for scripts' },
];

function endpoint(address: string | null, port: number | null): string {
  if (address === null && port === null) return '';
  const host = address ?? '';
  const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return port === null ? shown : `${shown}:${port}`;
}

/** The newer of two reported errors (by `at`; one without a time loses). */
function newest(a: ReportedError | null, b: ReportedError | null): ReportedError | null {
  if (!a) return b;
  if (!b) return a;
  return (b.at ?? '') > (a.at ?? '') ? b : a;
}

const QSO_COUNTERS: ReadonlyArray<[string, string]> = [
  ['completed', 'completed'],
  ['recorded', 'recorded'],
  ['updated', 'updated'],
  ['deleted', 'deleted'],
  ['duplicate', 'duplicates skipped'],
  ['not_found', 'not found'],
  ['failed', 'failed'],
];

/** "2 completed · 1 recorded", or null when every counter is 0. */
export function qsoCountsText(value: unknown): string | null {
  const counters = record(value);
  const parts = QSO_COUNTERS.filter(([key]) => count(counters[key]) > 0).map(
    ([key, label]) => `${count(counters[key])} ${label}`,
  );
  return parts.length > 0 ? parts.join(' · ') : null;
}

function listenerView(id: 'n1mm' | 'wsjtx', section: Json, config: Json): IntegrationView {
  const enabled = bool(section.enabled);
  const listener = isRecord(section.listener) ? section.listener : null;
  const listening = listener !== null && bool(listener.listening);
  const state: IntegrationView['state'] = !enabled
    ? { tone: 'off', label: 'Off' }
    : listening
      ? { tone: 'on', label: 'Listening' }
      : { tone: 'error', label: 'Not listening' };
  const facts: IntegrationView['facts'] = [];
  const group = str(listener?.multicastGroup) ?? str(config.multicast_group);
  if (group) facts.push({ label: 'Multicast group', value: group });
  const sender = record(listener?.lastSender);
  if (str(sender.address) !== null) {
    facts.push({ label: 'Last sender', value: endpoint(str(sender.address), num(sender.port)) });
  }
  if (id === 'wsjtx' && isRecord(section.peer)) {
    const peer = section.peer;
    const version = str(peer.version);
    const where = endpoint(str(peer.address), num(peer.port));
    facts.push({
      label: 'Program',
      value: `${str(peer.id) ?? '?'}${version ? ` ${version}` : ''} at ${where}${bool(peer.closed) ? ' (closed)' : ''}`,
    });
  }
  const qsos = qsoCountsText(section.qsos);
  if (qsos) facts.push({ label: 'QSOs', value: qsos });
  const rejection = reportedError(listener?.lastRejection);
  if (rejection) facts.push({ label: 'Last rejected', value: `${rejection.code}: ${rejection.message}` });
  return {
    id,
    title: INTEGRATION_TITLES[id],
    enabled,
    state,
    endpoint: listener
      ? endpoint(str(listener.address), num(listener.port))
      : endpoint(str(config.address), num(config.port)),
    packets: listener ? count(listener.packets) : null,
    accepted: listener ? count(listener.accepted) : null,
    rejected: countsByCode(listener?.rejected),
    lastActivityAt: str(listener?.lastPacketAt),
    lastActivityLabel: 'Last packet',
    facts,
    lastError: newest(reportedError(section.last_error), reportedError(listener?.lastError)),
    config: { address: str(config.address) ?? '', port: String(num(config.port) ?? '') },
  };
}

function rigctldView(section: Json, config: Json): IntegrationView {
  const enabled = bool(section.enabled);
  const client = isRecord(section.client) ? section.client : null;
  const connected = client !== null && bool(client.connected);
  const attempts = count(client?.connectAttempts);
  const state: IntegrationView['state'] = !enabled
    ? { tone: 'off', label: 'Off' }
    : connected
      ? { tone: 'on', label: 'Connected' }
      : client !== null && bool(client.running)
        ? { tone: 'warn', label: attempts > 1 ? `Connecting… (attempt ${attempts})` : 'Connecting…' }
        : { tone: 'error', label: 'Not running' };
  const facts: IntegrationView['facts'] = [];
  const rig = record(client?.rig);
  const hz = num(rig.freqHz);
  const parts = [
    hz !== null ? `${formatMHz(hz)} MHz` : null,
    str(rig.mode),
    num(rig.passband) !== null && num(rig.passband)! > 0 ? `${num(rig.passband)} Hz` : null,
  ].filter((part): part is string => part !== null);
  if (parts.length > 0) facts.push({ label: 'Radio', value: parts.join(' · ') });
  if (client) facts.push({ label: 'Connection attempts', value: String(attempts) });
  return {
    id: 'rigctld',
    title: INTEGRATION_TITLES.rigctld,
    enabled,
    state,
    endpoint: client
      ? endpoint(str(client.host), num(client.port))
      : endpoint(str(config.host), num(config.port)),
    packets: null,
    accepted: null,
    rejected: [],
    lastActivityAt: str(client?.lastReplyAt),
    lastActivityLabel: 'Last reply',
    facts,
    lastError: newest(reportedError(section.last_error), reportedError(client?.lastError)),
    config: { address: str(config.host) ?? '', port: String(num(config.port) ?? '') },
  };
}

function sendToLoggerView(section: Json, config: Json): IntegrationView {
  const enabled = bool(section.enabled);
  const format = str(section.format) ?? str(config.format) ?? 'wsjtx_highlight';
  const formatLabel = SEND_TO_LOGGER_FORMATS.find((f) => f.value === format)?.label ?? format;
  const facts: IntegrationView['facts'] = [
    { label: 'Format', value: formatLabel },
    { label: 'Announced', value: String(count(section.sent)) },
  ];
  const last = str(section.last_callsign);
  if (last) facts.push({ label: 'Last callsign', value: last });
  return {
    id: 'send_to_logger',
    title: INTEGRATION_TITLES.send_to_logger,
    enabled,
    state: enabled ? { tone: 'on', label: 'On' } : { tone: 'off', label: 'Off' },
    endpoint: str(section.target) ?? endpoint(str(config.host), num(config.port)),
    packets: null,
    accepted: null,
    rejected: [],
    lastActivityAt: str(section.last_sent_at),
    lastActivityLabel: 'Last sent',
    facts,
    lastError: reportedError(section.last_error),
    config: { address: str(config.host) ?? '', port: String(num(config.port) ?? ''), format },
  };
}

/** Reads `admin.get_integrations`; integrations the answer does not mention are left out. */
export function parseIntegrations(result: unknown): IntegrationView[] {
  if (!isRecord(result)) return [];
  const config = record(result.config);
  const views: IntegrationView[] = [];
  for (const id of INTEGRATION_IDS) {
    const section = result[id];
    if (!isRecord(section)) continue;
    const cfg = record(config[id]);
    if (id === 'n1mm' || id === 'wsjtx') views.push(listenerView(id, section, cfg));
    else if (id === 'rigctld') views.push(rigctldView(section, cfg));
    else views.push(sendToLoggerView(section, cfg));
  }
  return views;
}

export interface IntegrationRequest {
  operation: ConsoleOperation;
  data: Json;
}

/** Switching one integration on or off: Send to Logger is the original's own switch. */
export function toggleRequest(id: IntegrationId, enabled: boolean): IntegrationRequest {
  if (id === 'send_to_logger') return { operation: OPS.setLoggerIntegration, data: { enabled } };
  return { operation: OPS.setIntegrations, data: { [id]: { enabled } } };
}

const HOST_RE = /^[A-Za-z0-9.:_-]+$/;

/** Checks the edited address and port and gives the request that saves them, or the problem in words. */
export function configRequest(
  id: IntegrationId,
  form: IntegrationConfigForm,
): { ok: true; request: IntegrationRequest } | { ok: false; error: string } {
  const address = form.address.trim();
  const what = id === 'n1mm' || id === 'wsjtx' ? 'Listening address' : 'Host';
  if (!address || address.length > 255 || !HOST_RE.test(address)) {
    return { ok: false, error: `${what} must be a host name or IP address` };
  }
  const portText = form.port.trim();
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    return { ok: false, error: 'Port must be a whole number from 1 to 65535' };
  }
  const section: Json = id === 'n1mm' || id === 'wsjtx' ? { address, port } : { host: address, port };
  if (id === 'send_to_logger') {
    if (!SEND_TO_LOGGER_FORMATS.some((f) => f.value === form.format)) {
      return { ok: false, error: 'Choose a Send to Logger format' };
    }
    section.format = form.format;
  }
  return { ok: true, request: { operation: OPS.setIntegrations, data: { [id]: section } } };
}
