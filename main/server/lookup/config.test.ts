import { describe, expect, it } from 'vitest';
import { lookupConfigFrom } from './config.js';

describe('lookupConfigFrom', () => {
  it('defaults to no online service', () => {
    expect(lookupConfigFrom({ env: {}, file: {} })).toEqual({
      service: 'none',
      username: '',
      password: '',
      timeoutMs: 5000,
    });
  });

  it('reads the lookup section of config.json, ignoring damaged fields one by one', () => {
    const file = { lookup: { service: 'hamqth', username: 'n0call', password: 'pw', timeout_ms: 'soon' } };
    expect(lookupConfigFrom({ env: {}, file })).toEqual({
      service: 'hamqth',
      username: 'n0call',
      password: 'pw',
      timeoutMs: 5000,
    });
  });

  it("the original's QRZ_USERNAME / QRZ_PASSWORD select QRZ.com over the file", () => {
    const file = { lookup: { service: 'hamqth', username: 'n0call', password: 'pw' } };
    const env = {
      QRZ_USERNAME: 'N0QRZ',
      QRZ_PASSWORD: 'qrz-pw',
      LOOKUP_TIMEOUT_MS: '2500',
      QRZ_XML_URL: 'http://127.0.0.1:1/x',
    };
    expect(lookupConfigFrom({ env, file })).toEqual({
      service: 'qrz',
      username: 'N0QRZ',
      password: 'qrz-pw',
      timeoutMs: 2500,
      qrzUrl: 'http://127.0.0.1:1/x',
    });
  });

  it('HAMQTH_* and LOOKUP_SERVICE work too; a bad timeout is ignored', () => {
    const env = { HAMQTH_USERNAME: 'n0call', HAMQTH_PASSWORD: 'h-pw', LOOKUP_TIMEOUT_MS: '99' };
    expect(lookupConfigFrom({ env, file: {} })).toMatchObject({
      service: 'hamqth',
      username: 'n0call',
      timeoutMs: 5000,
    });
    expect(lookupConfigFrom({ env: { ...env, LOOKUP_SERVICE: 'none' }, file: {} }).service).toBe('none');
  });
});
