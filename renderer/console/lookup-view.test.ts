import { describe, expect, it } from 'vitest';
import { inBackoff, parseLookupAnswer, parseLookupStatus, serviceState } from './lookup-view.js';

const now = Date.parse('2026-01-01T12:00:00.000Z');

/** The example of docs/lookups.md. */
const failing = {
  service: 'qrz',
  username: 'N0CALL',
  password_set: true,
  timeout_ms: 5000,
  configured: true,
  last_error: {
    code: 'LOOKUP_TIMEOUT',
    message: 'QRZ.com did not answer in time',
    at: '2026-01-01T12:00:00.000Z',
  },
  last_success: '2026-01-01T11:59:00.000Z',
  backoff_until: '2026-01-01T12:00:05.000Z',
  non_subscriber: false,
  cache_size: 120,
  cty: {
    format: 'csv',
    entities: 346,
    prefixes: 7738,
    exceptions: 18701,
    version: '20230502',
    source: 'shipped',
    loaded_at: '2026-01-01T08:00:00.000Z',
  },
};

describe('parseLookupStatus', () => {
  it('reads the status with its last error and the country file', () => {
    const status = parseLookupStatus(failing)!;
    expect(status).toMatchObject({
      service: 'qrz',
      username: 'N0CALL',
      passwordSet: true,
      configured: true,
      lastError: { code: 'LOOKUP_TIMEOUT', message: 'QRZ.com did not answer in time' },
      cacheSize: 120,
      cty: { format: 'csv', entities: 346, prefixes: 7738, version: '20230502', source: 'shipped' },
    });
    expect(inBackoff(status, now)).toBe(true);
    expect(serviceState(status, now)).toEqual({
      tone: 'error',
      label: 'Failing; waiting before the next try',
    });
  });

  it('names the state of the service', () => {
    const base = parseLookupStatus({ ...failing, last_error: null, backoff_until: null })!;
    expect(serviceState(base, now)).toEqual({ tone: 'on', label: 'Working' });
    expect(serviceState({ ...base, service: 'none' }, now).label).toBe('Offline only');
    expect(serviceState({ ...base, configured: false }, now).tone).toBe('warn');
    expect(serviceState({ ...base, nonSubscriber: true }, now).tone).toBe('warn');
    // An error after the last success, backoff over: still shown as failing.
    const after = parseLookupStatus({ ...failing, backoff_until: '2026-01-01T11:00:00.000Z' })!;
    expect(inBackoff(after, now)).toBe(false);
    expect(serviceState(after, now)).toEqual({ tone: 'error', label: 'Last lookup failed' });
  });

  it('refuses what is not a status', () => {
    expect(parseLookupStatus('nope')).toBeNull();
    expect(parseLookupStatus({})).toMatchObject({ service: 'none', lastError: null, cty: null });
  });
});

describe('parseLookupAnswer', () => {
  it('reads an on-demand lookup with DXCC and online details', () => {
    const answer = parseLookupAnswer({
      callsign: 'EA8/DL1ABC',
      origin: 'offline',
      note: 'No online lookup service is configured',
      qrz: {
        callsign: 'EA8/DL1ABC',
        name: null,
        address: null,
        dxcc_name: 'Canary Islands',
        image: null,
        grid: { lat: null, long: null, grid: null },
        error: null,
        dxcc: {
          entity: 'Canary Islands',
          adif: 29,
          prefix: 'EA8',
          continent: 'AF',
          cq_zone: 33,
          itu_zone: 36,
          lat: 28.32,
          lon: -15.85,
          utc_offset: 0,
        },
        source: 'dxcc',
      },
    });
    expect(answer).toMatchObject({
      callsign: 'EA8/DL1ABC',
      origin: 'offline',
      note: 'No online lookup service is configured',
      entity: 'Canary Islands',
      adif: 29,
      continent: 'AF',
      cqZone: 33,
      ituZone: 36,
      name: null,
    });
  });

  it('refuses an answer without a callsign', () => {
    expect(parseLookupAnswer({ qrz: {} })).toBeNull();
    expect(parseLookupAnswer(null)).toBeNull();
  });
});
