import { describe, expect, it } from 'vitest';
import {
  defaultIntegrationsConfig,
  IntegrationsConfigError,
  integrationsPatchSchema,
  mergeIntegrationsConfig,
  parseHostPort,
  resolveIntegrationsConfig,
} from './config.js';

describe('integrations config', () => {
  it('has every integration off by default, on the conventional ports', () => {
    const c = defaultIntegrationsConfig();
    expect(c.n1mm).toEqual({ enabled: false, port: 12060, address: '127.0.0.1', radio_nr: null });
    expect(c.wsjtx).toEqual({ enabled: false, port: 2237, address: '127.0.0.1', multicast_group: null });
    expect(c.rigctld).toMatchObject({
      enabled: false,
      host: '127.0.0.1',
      port: 4532,
      poll_interval_ms: 1000,
    });
    expect(c.send_to_logger).toEqual({ format: 'wsjtx_highlight', host: '127.0.0.1', port: 2238 });
  });

  it('reads the file section, then environment, then command line', () => {
    const c = resolveIntegrationsConfig(
      { n1mm: { enabled: false, port: 12061 }, rigctld: { poll_interval_ms: 500 } },
      { N1MM_PORT: '12062', WSJTX_PORT: '2238', RIGCTLD: 'radio.local:4533', WSJTX_MULTICAST: '239.255.0.1' },
      { 'n1mm-port': '12063' },
    );
    expect(c.n1mm).toMatchObject({ enabled: true, port: 12063 });
    expect(c.wsjtx).toMatchObject({ enabled: true, port: 2238, multicast_group: '239.255.0.1' });
    expect(c.rigctld).toEqual({ enabled: true, host: 'radio.local', port: 4533, poll_interval_ms: 500 });
  });

  it('falls back to defaults for an invalid file section and says so', () => {
    const warnings: string[] = [];
    const c = resolveIntegrationsConfig({ n1mm: { port: 'x' } }, {}, {}, (m) => warnings.push(m));
    expect(c).toEqual(defaultIntegrationsConfig());
    expect(warnings[0]).toMatch(/integrations section is invalid/);
  });

  it('rejects bad ports, host:port values and multicast groups from the command line', () => {
    expect(() => resolveIntegrationsConfig({}, {}, { 'n1mm-port': '70000' })).toThrow(
      IntegrationsConfigError,
    );
    expect(() => resolveIntegrationsConfig({}, { WSJTX_PORT: 'abc' }, {})).toThrow(/WSJTX_PORT/);
    expect(() => resolveIntegrationsConfig({}, {}, { rigctld: 'a b:1' })).toThrow(/--rigctld/);
    expect(() => resolveIntegrationsConfig({}, {}, { 'wsjtx-multicast': '10.0.0.1' })).toThrow(/multicast/);
  });

  it('parses HOST:PORT forms', () => {
    expect(parseHostPort('x', '127.0.0.1:4532', 1)).toEqual({ host: '127.0.0.1', port: 4532 });
    expect(parseHostPort('x', 'shack-pi', 4532)).toEqual({ host: 'shack-pi', port: 4532 });
    expect(parseHostPort('x', ':4600', 4532)).toEqual({ host: '127.0.0.1', port: 4600 });
    expect(parseHostPort('x', '[::1]:4532', 1)).toEqual({ host: '::1', port: 4532 });
  });

  it('merges console patches section by section and validates them', () => {
    const c = mergeIntegrationsConfig(defaultIntegrationsConfig(), {
      wsjtx: { enabled: true },
      rigctld: { port: 4600 },
    });
    expect(c.wsjtx).toMatchObject({ enabled: true, port: 2237 });
    expect(c.rigctld).toMatchObject({ enabled: false, port: 4600 });
    expect(() => mergeIntegrationsConfig(c, { wsjtx: { multicast_group: '1.2.3.4' } })).toThrow();
  });

  it('leaves out of a patch what it does not name', () => {
    const patch = integrationsPatchSchema.parse({
      n1mm: { enabled: true },
      send_to_logger: { format: 'json' },
    });
    expect(patch).toEqual({ n1mm: { enabled: true }, send_to_logger: { format: 'json' } });
    const base = mergeIntegrationsConfig(defaultIntegrationsConfig(), {
      n1mm: { address: '0.0.0.0', port: 12070 },
    });
    expect(mergeIntegrationsConfig(base, patch).n1mm).toEqual({
      enabled: true,
      port: 12070,
      address: '0.0.0.0',
      radio_nr: null,
    });
  });
});
