import { describe, expect, it } from 'vitest';
import { TrustedProxies, parseTrustedProxyList } from './trusted-proxy.js';

describe('TrustedProxies', () => {
  const proxies = new TrustedProxies(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);

  it('takes X-Forwarded-For only from a trusted proxy', () => {
    expect(proxies.clientOf('127.0.0.1', '203.0.113.7')).toBe('203.0.113.7');
    expect(proxies.clientOf('::ffff:127.0.0.1', '203.0.113.7')).toBe('203.0.113.7');
    expect(proxies.clientOf('198.51.100.1', '203.0.113.7')).toBe('198.51.100.1');
    expect(new TrustedProxies([]).clientOf('127.0.0.1', '203.0.113.7')).toBe('127.0.0.1');
  });

  it('takes the right-most address that is not a proxy (the left part is the caller\u2019s own say)', () => {
    expect(proxies.clientOf('127.0.0.1', '1.1.1.1, 203.0.113.7')).toBe('203.0.113.7');
    expect(proxies.clientOf('127.0.0.1', '203.0.113.7, 10.1.2.3')).toBe('203.0.113.7');
    expect(proxies.clientOf('fd00::1', '2001:db8::5')).toBe('2001:db8::5');
    expect(proxies.clientOf('127.0.0.1', '[2001:db8::5]:4711')).toBe('2001:db8::5');
    expect(proxies.clientOf('127.0.0.1', '203.0.113.7:4711')).toBe('203.0.113.7');
  });

  it('stops at a malformed entry, keeping the last good one', () => {
    expect(proxies.clientOf('127.0.0.1', 'junk')).toBe('127.0.0.1');
    expect(proxies.clientOf('127.0.0.1', 'junk, 10.0.0.2')).toBe('10.0.0.2');
    expect(proxies.clientOf('127.0.0.1', '')).toBe('127.0.0.1');
  });

  it('refuses entries that are not addresses or ranges', () => {
    expect(() => new TrustedProxies(['proxy.example'])).toThrow(/not an IP address/);
    expect(() => new TrustedProxies(['10.0.0.0/33'])).toThrow();
    expect(parseTrustedProxyList(' 127.0.0.1, ::1  10.0.0.0/8')).toEqual(['127.0.0.1', '::1', '10.0.0.0/8']);
  });
});
