import { describe, expect, it } from 'vitest';
import { configRequest, parseIntegrations, qsoCountsText, toggleRequest } from './integrations-view.js';
import { OPS } from './operations.js';

const zeroQsos = { completed: 0, recorded: 0, updated: 0, deleted: 0, duplicate: 0, not_found: 0, failed: 0 };

/** The shape of `admin.get_integrations` (IntegrationManager.status()). */
function status(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    config: {
      n1mm: { enabled: true, port: 12060, address: '127.0.0.1', radio_nr: null },
      wsjtx: { enabled: false, port: 2237, address: '127.0.0.1', multicast_group: null },
      rigctld: { enabled: true, host: '127.0.0.1', port: 4532, poll_interval_ms: 1000 },
      send_to_logger: { format: 'json', host: '127.0.0.1', port: 2238 },
    },
    n1mm: {
      enabled: true,
      listener: {
        name: 'n1mm',
        listening: true,
        address: '127.0.0.1',
        port: 12060,
        multicastGroup: null,
        packets: 7,
        accepted: 4,
        rejected: { N1MM_MALFORMED: 1, N1MM_IGNORED_TYPE: 2 },
        lastPacketAt: '2026-03-01T12:00:00.000Z',
        lastSender: { address: '127.0.0.1', port: 50000 },
        lastRejection: { code: 'N1MM_MALFORMED', message: 'not XML', at: '2026-03-01T11:59:00.000Z' },
        lastError: null,
      },
      qsos: { ...zeroQsos, completed: 2, recorded: 1 },
      last_error: null,
    },
    wsjtx: { enabled: false, listener: null, peer: null, qsos: zeroQsos, last_error: null },
    rigctld: {
      enabled: true,
      client: {
        host: '127.0.0.1',
        port: 4532,
        running: true,
        connected: false,
        lastReplyAt: null,
        lastError: {
          code: 'RIGCTLD_CONNECT_FAILED',
          message: 'ECONNREFUSED',
          at: '2026-03-01T12:00:05.000Z',
        },
        connectAttempts: 3,
        vfoMode: null,
        rig: { freqHz: null, mode: null, passband: null },
      },
      last_error: { code: 'RIGCTLD_TIMEOUT', message: 'no reply', at: '2026-03-01T11:00:00.000Z' },
    },
    send_to_logger: {
      enabled: true,
      format: 'json',
      target: '127.0.0.1:2238',
      sent: 5,
      last_sent_at: '2026-03-01T12:01:00.000Z',
      last_callsign: 'DL1ABC',
      last_error: null,
    },
    ...overrides,
  };
}

describe('parseIntegrations', () => {
  it('shows a listening N1MM+ listener with packets, rejections by code and the last packet', () => {
    const [n1mm] = parseIntegrations(status());
    expect(n1mm).toMatchObject({
      id: 'n1mm',
      enabled: true,
      state: { tone: 'on', label: 'Listening' },
      endpoint: '127.0.0.1:12060',
      packets: 7,
      accepted: 4,
      lastActivityAt: '2026-03-01T12:00:00.000Z',
      lastError: null,
    });
    expect(n1mm!.rejected).toEqual([
      { code: 'N1MM_IGNORED_TYPE', count: 2 },
      { code: 'N1MM_MALFORMED', count: 1 },
    ]);
    expect(n1mm!.facts).toContainEqual({ label: 'QSOs', value: '2 completed · 1 recorded' });
    expect(n1mm!.facts).toContainEqual({ label: 'Last rejected', value: 'N1MM_MALFORMED: not XML' });
  });

  it('shows an integration that is off with its configured address', () => {
    const wsjtx = parseIntegrations(status()).find((v) => v.id === 'wsjtx');
    expect(wsjtx).toMatchObject({
      enabled: false,
      state: { tone: 'off', label: 'Off' },
      endpoint: '127.0.0.1:2237',
      packets: null,
    });
  });

  it('says when a switched-on listener is not listening, with its error', () => {
    const [n1mm] = parseIntegrations(
      status({
        n1mm: {
          enabled: true,
          listener: null,
          qsos: zeroQsos,
          last_error: { code: 'EADDRINUSE', message: 'port 12060 in use', at: '2026-03-01T12:00:00.000Z' },
        },
      }),
    );
    expect(n1mm!.state).toEqual({ tone: 'error', label: 'Not listening' });
    expect(n1mm!.lastError).toEqual({
      code: 'EADDRINUSE',
      message: 'port 12060 in use',
      at: '2026-03-01T12:00:00.000Z',
    });
  });

  it('shows rigctld connecting with its newest error, and the rig when connected', () => {
    const rig = parseIntegrations(status()).find((v) => v.id === 'rigctld')!;
    expect(rig.state).toEqual({ tone: 'warn', label: 'Connecting… (attempt 3)' });
    expect(rig.lastError?.code).toBe('RIGCTLD_CONNECT_FAILED');
    const connected = parseIntegrations(
      status({
        rigctld: {
          enabled: true,
          client: {
            host: '127.0.0.1',
            port: 4532,
            running: true,
            connected: true,
            lastReplyAt: '2026-03-01T12:00:00.000Z',
            lastError: null,
            connectAttempts: 1,
            vfoMode: false,
            rig: { freqHz: 14_205_000, mode: 'USB', passband: 2400 },
          },
          last_error: null,
        },
      }),
    ).find((v) => v.id === 'rigctld')!;
    expect(connected.state).toEqual({ tone: 'on', label: 'Connected' });
    expect(connected.facts[0]!.label).toBe('Radio');
    expect(connected.facts[0]!.value).toMatch(/^14\.205.* MHz · USB · 2400 Hz$/);
  });

  it('shows Send to Logger with its target, format and count', () => {
    const stl = parseIntegrations(status()).find((v) => v.id === 'send_to_logger')!;
    expect(stl).toMatchObject({ state: { tone: 'on', label: 'On' }, endpoint: '127.0.0.1:2238' });
    expect(stl.facts).toEqual([
      { label: 'Format', value: 'JSON for scripts' },
      { label: 'Announced', value: '5' },
      { label: 'Last callsign', value: 'DL1ABC' },
    ]);
    expect(stl.config).toEqual({ address: '127.0.0.1', port: '2238', format: 'json' });
  });

  it('shows the WSJT-X program it hears', () => {
    const wsjtx = parseIntegrations(
      status({
        wsjtx: {
          enabled: true,
          listener: {
            listening: true,
            address: '0.0.0.0',
            port: 2237,
            packets: 1,
            accepted: 1,
            rejected: {},
          },
          peer: {
            id: 'WSJT-X',
            schema: 3,
            address: '127.0.0.1',
            port: 55000,
            version: '2.7.0',
            last_seen: '2026-03-01T12:00:00.000Z',
            closed: false,
          },
          qsos: zeroQsos,
          last_error: null,
        },
      }),
    ).find((v) => v.id === 'wsjtx')!;
    expect(wsjtx.facts).toContainEqual({ label: 'Program', value: 'WSJT-X 2.7.0 at 127.0.0.1:55000' });
    expect(wsjtx.endpoint).toBe('0.0.0.0:2237');
  });

  it('survives answers that are not what it expects', () => {
    expect(parseIntegrations(null)).toEqual([]);
    expect(parseIntegrations({ n1mm: 'x' })).toEqual([]);
    expect(parseIntegrations({ n1mm: {} })[0]).toMatchObject({ enabled: false, endpoint: '', packets: null });
  });
});

describe('integration requests', () => {
  it('switches Send to Logger with its own operation, the others through set_integrations', () => {
    expect(toggleRequest('n1mm', true)).toEqual({
      operation: OPS.setIntegrations,
      data: { n1mm: { enabled: true } },
    });
    expect(toggleRequest('send_to_logger', false)).toEqual({
      operation: OPS.setLoggerIntegration,
      data: { enabled: false },
    });
  });

  it('checks address and port before saving', () => {
    expect(configRequest('wsjtx', { address: ' 0.0.0.0 ', port: '2237' })).toEqual({
      ok: true,
      request: { operation: OPS.setIntegrations, data: { wsjtx: { address: '0.0.0.0', port: 2237 } } },
    });
    expect(configRequest('rigctld', { address: 'shack-pi', port: '4532' })).toMatchObject({
      ok: true,
      request: { data: { rigctld: { host: 'shack-pi', port: 4532 } } },
    });
    expect(
      configRequest('send_to_logger', { address: '127.0.0.1', port: '2238', format: 'wsjtx_status' }),
    ).toMatchObject({ ok: true, request: { data: { send_to_logger: { format: 'wsjtx_status' } } } });
    expect(configRequest('n1mm', { address: '', port: '1' })).toMatchObject({ ok: false });
    expect(configRequest('n1mm', { address: 'a b', port: '1' })).toMatchObject({ ok: false });
    expect(configRequest('n1mm', { address: '127.0.0.1', port: '70000' })).toEqual({
      ok: false,
      error: 'Port must be a whole number from 1 to 65535',
    });
    expect(configRequest('send_to_logger', { address: 'h', port: '1', format: 'bogus' })).toMatchObject({
      ok: false,
    });
  });

  it('summarises QSO counters, leaving out zeros', () => {
    expect(qsoCountsText({ ...zeroQsos })).toBeNull();
    expect(qsoCountsText({ ...zeroQsos, duplicate: 2, failed: 1 })).toBe('2 duplicates skipped · 1 failed');
  });
});
