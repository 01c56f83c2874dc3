/**
 * The settings form: its values, how they are read from the server's operations (settings, cooldown rule,
 * lookup, integrations) and which operations a save sends. Pure, so the mapping is unit-tested.
 * Only changed sections are sent: a port or bind address that did not change must not move the server.
 */
import { OPS, type ConsoleOperation } from './operations.js';
import { normalizeCallsign, parseCallsign } from '../../shared/callsign.js';

/** The longest station message the server keeps. */
export const STATION_MESSAGE_MAX = 140;
/** The longest default report the server keeps. */
const REPORT_MAX = 16;
/** The longest operator callsign the server keeps. */
const OPERATOR_MAX = 32;

export const REPORT_KINDS = ['cw', 'phone', 'digital'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export type ReportsForm = Record<ReportKind, { sent: string; rcvd: string }>;

export type LookupService = 'none' | 'qrz' | 'hamqth';

export const INTEGRATIONS = ['n1mm', 'wsjtx', 'rigctld', 'send_to_logger'] as const;
export type IntegrationName = (typeof INTEGRATIONS)[number];

export interface SettingsForm {
  port: string;
  host: string;
  maxQueueSize: string;
  workedWindowHours: string;
  registrationRate: string;
  cooldownMinutes: string;
  /** Station identity; empty = none. */
  stationCallsign: string;
  operator: string;
  stationMessage: string;
  defaultReports: ReportsForm;
  lookupService: LookupService;
  lookupUsername: string;
  /** Typed only to change it; empty keeps the stored password. */
  lookupPassword: string;
  lookupPasswordSet: boolean;
  /** Integrations the server reported, on or off. */
  integrations: Partial<Record<IntegrationName, boolean>>;
}

export const EMPTY_SETTINGS: SettingsForm = {
  port: '',
  host: '',
  maxQueueSize: '',
  workedWindowHours: '',
  registrationRate: '',
  cooldownMinutes: '0',
  stationCallsign: '',
  operator: '',
  stationMessage: '',
  defaultReports: {
    cw: { sent: '', rcvd: '' },
    phone: { sent: '', rcvd: '' },
    digital: { sent: '', rcvd: '' },
  },
  lookupService: 'none',
  lookupUsername: '',
  lookupPassword: '',
  lookupPasswordSet: false,
  integrations: {},
};

export interface ServerSettings {
  settings: unknown;
  cooldown: unknown;
  lookup: unknown;
  integrations: unknown;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}

function reportsFromServer(value: unknown): ReportsForm {
  const reports = isRecord(value) ? value : {};
  const pair = (kind: ReportKind): { sent: string; rcvd: string } => {
    const section = isRecord(reports[kind]) ? reports[kind] : {};
    return { sent: text(section.sent), rcvd: text(section.rcvd) };
  };
  return { cw: pair('cw'), phone: pair('phone'), digital: pair('digital') };
}

export function settingsFromServer(server: ServerSettings): SettingsForm {
  const s = isRecord(server.settings) ? server.settings : {};
  const cooldown = isRecord(server.cooldown) ? server.cooldown : {};
  const lookup = isRecord(server.lookup) ? server.lookup : {};
  const integrations: SettingsForm['integrations'] = {};
  if (isRecord(server.integrations)) {
    for (const name of INTEGRATIONS) {
      const section = server.integrations[name];
      if (isRecord(section) && typeof section.enabled === 'boolean') integrations[name] = section.enabled;
    }
  }
  const service = lookup.service === 'qrz' || lookup.service === 'hamqth' ? lookup.service : 'none';
  return {
    port: text(s.port),
    host: text(s.host),
    maxQueueSize: text(s.max_queue_size),
    workedWindowHours: text(s.worked_window_hours),
    registrationRate: text(s.registration_rate_per_minute),
    cooldownMinutes: text(cooldown.time_period_minutes) || '0',
    stationCallsign: text(s.station_callsign),
    operator: text(s.operator),
    stationMessage: text(s.station_message),
    defaultReports: reportsFromServer(s.default_reports),
    lookupService: service,
    lookupUsername: text(lookup.username),
    lookupPassword: '',
    lookupPasswordSet: lookup.password_set === true,
    integrations,
  };
}

export interface SettingsRequest {
  operation: ConsoleOperation;
  data: Json;
}

export type SettingsPlan =
  | { ok: true; requests: SettingsRequest[]; rebind: { host: string; port: number } | null }
  | { ok: false; error: string };

function whole(value: string, name: string, min: number, max: number): number | string {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return `${name} must be a whole number`;
  const number = Number(trimmed);
  if (number < min || number > max) return `${name} must be from ${min} to ${max}`;
  return number;
}

const REPORT_LABELS: Record<ReportKind, string> = { cw: 'CW', phone: 'phone', digital: 'digital' };

/** Checks the identity fields; returns the problem in words, or null. */
function identityProblem(form: SettingsForm): string | null {
  const station = form.stationCallsign.trim();
  if (station) {
    const parsed = parseCallsign(station);
    if (!parsed.ok) return `Station callsign: ${parsed.message}`;
  }
  const operator = form.operator.trim();
  if (!/^[A-Za-z0-9/]*$/.test(operator)) return "Operator: use letters, digits and '/' only";
  if (operator.length > OPERATOR_MAX) return `Operator: at most ${OPERATOR_MAX} characters`;
  if (form.stationMessage.trim().length > STATION_MESSAGE_MAX) {
    return `Station message: at most ${STATION_MESSAGE_MAX} characters`;
  }
  for (const kind of REPORT_KINDS) {
    const pair = form.defaultReports[kind];
    if (pair.sent.trim().length > REPORT_MAX || pair.rcvd.trim().length > REPORT_MAX) {
      return `Default ${REPORT_LABELS[kind]} report: at most ${REPORT_MAX} characters`;
    }
  }
  return null;
}

/** An identity field as the server takes it: trimmed, empty = none. */
function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Checks the form and lists the operations that save what changed since `before`. */
export function planSave(form: SettingsForm, before: SettingsForm): SettingsPlan {
  const port = whole(form.port, 'Port', 1, 65535);
  if (typeof port === 'string') return { ok: false, error: port };
  const max = whole(form.maxQueueSize, 'Max queue size', 1, 100_000);
  if (typeof max === 'string') return { ok: false, error: max };
  const window = whole(form.workedWindowHours, 'Worked-log window', 1, 24 * 366);
  if (typeof window === 'string') return { ok: false, error: window };
  const rate = whole(form.registrationRate || '0', 'Registration rate', 0, 100_000);
  if (typeof rate === 'string') return { ok: false, error: rate };
  const cooldown = whole(form.cooldownMinutes, 'Cooldown', 0, 100_000);
  if (typeof cooldown === 'string') return { ok: false, error: cooldown };
  const host = form.host.trim();
  if (!host) return { ok: false, error: 'Bind address is required (0.0.0.0 for every interface)' };
  const identity = identityProblem(form);
  if (identity) return { ok: false, error: identity };

  const requests: SettingsRequest[] = [];
  const settings: Json = {};
  if (form.maxQueueSize !== before.maxQueueSize) settings.max_queue_size = max;
  if (form.workedWindowHours !== before.workedWindowHours) settings.worked_window_hours = window;
  if (form.registrationRate !== before.registrationRate) settings.registration_rate_per_minute = rate;
  if (form.stationCallsign.trim() !== before.stationCallsign) {
    const station = orNull(form.stationCallsign);
    settings.station_callsign = station === null ? null : normalizeCallsign(station);
  }
  if (form.operator.trim() !== before.operator) {
    const operator = orNull(form.operator);
    settings.operator = operator === null ? null : operator.toUpperCase();
  }
  if (form.stationMessage.trim() !== before.stationMessage)
    settings.station_message = orNull(form.stationMessage);
  const reports: Json = {};
  for (const kind of REPORT_KINDS) {
    const pair = form.defaultReports[kind];
    const was = before.defaultReports[kind];
    if (pair.sent.trim() !== was.sent || pair.rcvd.trim() !== was.rcvd) {
      reports[kind] = { sent: orNull(pair.sent), rcvd: orNull(pair.rcvd) };
    }
  }
  if (Object.keys(reports).length > 0) settings.default_reports = reports;
  const moved = form.port.trim() !== before.port || host !== before.host;
  if (moved) {
    settings.port = port;
    settings.host = host;
  }
  if (Object.keys(settings).length > 0) requests.push({ operation: OPS.updateSettings, data: settings });
  if (form.cooldownMinutes !== before.cooldownMinutes) {
    requests.push({ operation: OPS.setCooldown, data: { time_period_minutes: cooldown } });
  }
  const lookupChanged =
    form.lookupService !== before.lookupService ||
    form.lookupUsername.trim() !== before.lookupUsername ||
    form.lookupPassword !== '';
  if (lookupChanged) {
    const data: Json = { service: form.lookupService, username: form.lookupUsername.trim() };
    if (form.lookupPassword) data.password = form.lookupPassword;
    requests.push({ operation: OPS.setLookup, data });
  }
  const patch: Json = {};
  for (const name of INTEGRATIONS) {
    const value = form.integrations[name];
    if (value === undefined || value === before.integrations[name]) continue;
    if (name === 'send_to_logger')
      requests.push({ operation: OPS.setLoggerIntegration, data: { enabled: value } });
    else patch[name] = { enabled: value };
  }
  if (Object.keys(patch).length > 0) requests.push({ operation: OPS.setIntegrations, data: patch });
  return { ok: true, requests, rebind: moved ? { host, port } : null };
}

/** Checks a password change; returns the problem in words, or null. */
export function passwordProblem(current: string, next: string, repeat: string): string | null {
  if (!current) return 'Enter the current password';
  if (next.length < 8) return 'The new password needs at least 8 characters';
  if (next !== repeat) return 'The new passwords differ';
  if (next === current) return 'The new password is the same as the current one';
  return null;
}

/**
 * Where the console is after the server moved: the new port, and the new address unless the server now listens
 * on every interface (then the address the page was opened with still works).
 */
export function movedConsoleUrl(current: string, rebind: { host: string; port: number }): string {
  const url = new URL(current);
  const wildcard = rebind.host === '0.0.0.0' || rebind.host === '::';
  if (!wildcard) url.hostname = rebind.host.includes(':') ? `[${rebind.host}]` : rebind.host;
  url.port = String(rebind.port);
  url.pathname = '/console/';
  url.search = '';
  url.hash = '';
  return url.toString();
}
