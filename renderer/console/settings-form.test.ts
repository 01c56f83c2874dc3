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
    station_callsign: 'EI6JGB',
    operator: null,
    station_message: 'QRV on 20 m',
    default_reports: {
      cw: { sent: '599', rcvd: '599' },
      phone: { sent: '59', rcvd: '59' },
      digital: { sent: null, rcvd: null },
    },
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
      stationCallsign: 'EI6JGB',
      operator: '',
      stationMessage: 'QRV on 20 m',
      defaultReports: {
        cw: { sent: '599', rcvd: '599' },
        phone: { sent: '59', rcvd: '59' },
        digital: { sent: '', rcvd: '' },
      },
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

  it('saves the station identity through admin.set_settings: capitals, empty = none, changed reports only', () => {
    const before = settingsFromServer(server);
    const plan = planSave(
      {
        ...before,
        stationCallsign: ' ',
        operator: ' ei6jgb ',
        stationMessage: ' Up 5 ',
        defaultReports: { ...before.defaultReports, digital: { sent: '-10', rcvd: '' } },
      },
      before,
    );
    expect(plan).toEqual({
      ok: true,
      rebind: null,
      requests: [
        {
          operation: 'admin.set_settings',
          data: {
            station_callsign: null,
            operator: 'EI6JGB',
            station_message: 'Up 5',
            default_reports: { digital: { sent: '-10', rcvd: null } },
          },
        },
      ],
    });
    expect(planSave({ ...before, stationCallsign: 'vk9/ei6jgb' }, before)).toEqual({
      ok: true,
      rebind: null,
      requests: [{ operation: 'admin.set_settings', data: { station_callsign: 'VK9/EI6JGB' } }],
    });
  });

  it('refuses a station callsign outside the callsign grammar, a long message and a bad operator', () => {
    const form = settingsFromServer(server);
    const station = planSave({ ...form, stationCallsign: 'EI6 JGB' }, form);
    expect(station.ok).toBe(false);
    if (!station.ok) expect(station.error).toMatch(/^Station callsign: /);
    expect(planSave({ ...form, stationCallsign: 'HELLO' }, form)).toEqual({
      ok: false,
      error: expect.stringMatching(/^Station callsign: .*a callsign needs at least one digit/),
    });
    expect(planSave({ ...form, stationMessage: 'x'.repeat(141) }, form)).toEqual({
      ok: false,
      error: 'Station message: at most 140 characters',
    });
    expect(planSave({ ...form, stationMessage: 'x'.repeat(140) }, form).ok).toBe(true);
    expect(planSave({ ...form, operator: 'EI6-JGB' }, form)).toEqual({
      ok: false,
      error: "Operator: use letters, digits and '/' only",
    });
    const reports = { ...form.defaultReports, cw: { sent: '5'.repeat(17), rcvd: '599' } };
    expect(planSave({ ...form, defaultReports: reports }, form)).toEqual({
      ok: false,
      error: 'Default CW report: at most 16 characters',
    });
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
