import { describe, expect, it } from 'vitest';
import { callerUrls } from './lan.js';

const interfaces = {
  lo: [
    { address: '127.0.0.1', family: 'IPv4', internal: true },
    { address: '::1', family: 'IPv6', internal: true },
  ],
  wlan0: [
    { address: '192.168.1.20', family: 'IPv4', internal: false },
    { address: 'fe80::1', family: 'IPv6', internal: false },
  ],
  eth1: [{ address: '10.0.0.7', family: 4, internal: false }],
};

describe('callerUrls', () => {
  it('lists every external IPv4 address of a wildcard-bound server, then this computer', () => {
    expect(callerUrls(8000, '0.0.0.0', interfaces)).toEqual([
      { label: 'wlan0', url: 'http://192.168.1.20:8000/' },
      { label: 'eth1', url: 'http://10.0.0.7:8000/' },
      { label: 'this computer', url: 'http://127.0.0.1:8000/' },
    ]);
  });

  it('offers only the bound address when bound to one', () => {
    expect(callerUrls(8000, '192.168.1.20', interfaces)).toEqual([
      { label: '192.168.1.20', url: 'http://192.168.1.20:8000/' },
    ]);
    expect(callerUrls(9000, '127.0.0.1', interfaces)).toEqual([
      { label: 'this computer', url: 'http://127.0.0.1:9000/' },
    ]);
  });
});
