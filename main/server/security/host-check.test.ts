import { describe, expect, it } from 'vitest';
import { HostCheck } from './host-check.js';

describe('HostCheck', () => {
  const check = new HostCheck(['pileup.example.org', '*.dx.example.net'], 'shack-pc');

  it('answers addresses, local names, this machine and the configured public names', () => {
    for (const host of [
      '127.0.0.1:8000',
      '192.168.1.20',
      '[::1]:8000',
      '[fe80::1]',
      'localhost:8000',
      'app.localhost',
      'shack',
      'shack-pc:8000',
      'shack.local',
      'shack.lan',
      'shack.home.arpa',
      'pileup.example.org',
      'PILEUP.example.org.:443',
      'eu.dx.example.net',
      undefined,
    ]) {
      expect(check.allows(host), String(host)).toBe(true);
    }
  });

  it('refuses any other name (DNS rebinding) and malformed Host headers', () => {
    for (const host of [
      'evil.example',
      'rebind.attacker.test:8000',
      'pileup.example.org.evil.example',
      'dx.example.net',
      'example.org',
      'a b',
      '[::1',
      'host:port',
    ]) {
      expect(check.allows(host), host).toBe(false);
    }
  });

  it('refuses configured names that are not host names', () => {
    expect(() => new HostCheck(['http://x.example'])).toThrow(/not a host name/);
  });
});
