import { describe, expect, it } from 'vitest';
import {
  EMPTY_SETTINGS,
  movedConsoleUrl,
  passwordProblem,
  planSave,
  settingsFromServer,
  type ServerSettings,
} from './settings-form.js';

const server: ServerSettings = {
  settings: {
    max_queue_size: 10,
    worked_window_hours: 72,
    registration_rate_per_minute: 10,
    port: 8000,
    host: '0.0.0.0',
  },
  cooldown: { time_period_minutes: 30, enabled: true },
  lookup: { service: 'qrz', username: 'EI6JGB', password_set: true, timeout_ms: 5000 },
  integrations: {
    config: {},
    n1mm: { enabled: false },
    wsjtx: { enabled: true },
    rigctld: { enabled: false },
    send_to_logger: { enabled: false },
  },
};

describe('settings form', () => {
  it('reads the server settings, leaving the password empty', () => {
    expect(settingsFromServer(server)).toEqual({
      port: '8000',
      host: '0.0.0.0',
      maxQueueSize: '10',
      workedWindowHours: '72',
      registrationRate: '10',
      cooldownMinutes: '30',
      lookupService: 'qrz',
      lookupUsername: 'EI6JGB',
      lookupPassword: '',
      lookupPasswordSet: true,
      integrations: { n1mm: false, wsjtx: true, rigctld: false, send_to_logger: false },
    });
    expect(settingsFromServer({ settings: null, cooldown: null, lookup: null, integrations: null })).toEqual(
      EMPTY_SETTINGS,
    );
  });

  it('sends nothing when nothing changed', () => {
    const form = settingsFromServer(server);
    expect(planSave(form, form)).toEqual({ ok: true, requests: [], rebind: null });
  });

  it('sends only the changed sections, and the port only when it changed', () => {
    const before = settingsFromServer(server);
    const plan = planSave(
      {
        ...before,
        maxQueueSize: '20',
        cooldownMinutes: '0',
        lookupPassword: 'secret',
        integrations: { ...before.integrations, n1mm: true, send_to_logger: true },
      },
      before,
    );
    expect(plan).toEqual({
      ok: true,
      rebind: null,
      requests: [
        { operation: 'admin.set_settings', data: { max_queue_size: 20 } },
        { operation: 'admin.set_cooldown_rule', data: { time_period_minutes: 0 } },
        {
          operation: 'admin.set_lookup_config',
          data: { service: 'qrz', username: 'EI6JGB', password: 'secret' },
        },
        { operation: 'admin.set_logger_integration', data: { enabled: true } },
        { operation: 'admin.set_integrations', data: { n1mm: { enabled: true } } },
      ],
    });
  });

  it('moves the server when port or bind address change', () => {
    const before = settingsFromServer(server);
    expect(planSave({ ...before, port: '8001' }, before)).toEqual({
      ok: true,
      rebind: { host: '0.0.0.0', port: 8001 },
      requests: [{ operation: 'admin.set_settings', data: { port: 8001, host: '0.0.0.0' } }],
    });
  });

  it('refuses out-of-range and non-numeric values with a clear message', () => {
    const form = settingsFromServer(server);
    expect(planSave({ ...form, port: '70000' }, form)).toEqual({
      ok: false,
      error: 'Port must be from 1 to 65535',
    });
    expect(planSave({ ...form, maxQueueSize: 'ten' }, form)).toEqual({
      ok: false,
      error: 'Max queue size must be a whole number',
    });
    expect(planSave({ ...form, host: ' ' }, form).ok).toBe(false);
  });

  it('checks a password change', () => {
    expect(passwordProblem('', 'abcdefgh', 'abcdefgh')).toBe('Enter the current password');
    expect(passwordProblem('old', 'short', 'short')).toMatch(/at least 8/);
    expect(passwordProblem('old', 'abcdefgh', 'abcdefgX')).toBe('The new passwords differ');
    expect(passwordProblem('abcdefgh', 'abcdefgh', 'abcdefgh')).toMatch(/same/);
    expect(passwordProblem('old', 'abcdefgh', 'abcdefgh')).toBeNull();
  });

  it('finds the console again after the server moved', () => {
    expect(movedConsoleUrl('http://192.168.1.20:8000/console/#x', { host: '0.0.0.0', port: 8001 })).toBe(
      'http://192.168.1.20:8001/console/',
    );
    expect(movedConsoleUrl('http://127.0.0.1:8000/console/', { host: '10.0.0.7', port: 9000 })).toBe(
      'http://10.0.0.7:9000/console/',
    );
  });
});
