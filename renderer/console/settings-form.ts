/**
 * The settings form: its values, how they are read from the server's operations (settings, cooldown rule,
 * lookup, integrations) and which operations a save sends. Pure, so the mapping is unit-tested.
 * Only changed sections are sent: a port or bind address that did not change must not move the server.
 */
import { OPS, type ConsoleOperation } from './operations.js';

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

  const requests: SettingsRequest[] = [];
  const settings: Json = {};
  if (form.maxQueueSize !== before.maxQueueSize) settings.max_queue_size = max;
  if (form.workedWindowHours !== before.workedWindowHours) settings.worked_window_hours = window;
  if (form.registrationRate !== before.registrationRate) settings.registration_rate_per_minute = rate;
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
