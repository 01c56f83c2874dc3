import { describe, expect, it } from 'vitest';
import { parseConnectInfo, parseCounts } from './connect-info.js';

const info = {
  port: 8000,
  bind: '0.0.0.0',
  local_url: 'http://127.0.0.1:8000/',
  caller_urls: [
    { interface: 'wlan0', address: '192.168.1.20', family: 'IPv4', url: 'http://192.168.1.20:8000/' },
    { interface: 'eth0', address: '10.0.0.7', family: 'IPv4', url: 'http://10.0.0.7:8000/' },
  ],
  paths: {
    websocket_v2: '/ws/connect',
    websocket_legacy: '/api/ws',
    sse: '/api/events/stream',
    status_page: '/status',
  },
};

describe('parseConnectInfo', () => {
  it('lists every interface URL and this computer, and connect details for loggers', () => {
    const parsed = parseConnectInfo(info);
    expect(parsed.callerUrls).toEqual([
      { label: 'wlan0', url: 'http://192.168.1.20:8000/' },
      { label: 'eth0', url: 'http://10.0.0.7:8000/' },
      { label: 'this computer', url: 'http://127.0.0.1:8000/' },
    ]);
    const logger = Object.fromEntries(parsed.logger.map((item) => [item.label, item.value]));
    expect(logger['Address']).toBe('192.168.1.20, 10.0.0.7, 127.0.0.1');
    expect(logger['Port (HTTP, WebSocket)']).toBe('8000');
    expect(logger['WebSocket, protocol v2']).toBe('ws://192.168.1.20:8000/ws/connect');
    expect(logger['WebSocket, original protocol']).toBe('ws://192.168.1.20:8000/api/ws');
    expect(logger['Server-Sent Events']).toBe('http://192.168.1.20:8000/api/events/stream');
  });

  it('offers only the bound address when the server listens on one', () => {
    const parsed = parseConnectInfo({ ...info, bind: '127.0.0.1' });
    expect(parsed.callerUrls).toEqual([
      { label: 'this computer only (bound to loopback)', url: 'http://127.0.0.1:8000/' },
    ]);
  });

  it('copes with garbage', () => {
    expect(parseConnectInfo(null)).toEqual({ callerUrls: [], logger: [], counts: null, metrics: null });
  });
});

describe('parseCounts', () => {
  it('counts caller pages (SSE), consoles (signed-in v2) and loggers (other v2 and the original protocol)', () => {
    expect(
      parseCounts({ connections: { sse: 12, ws_v2: 3, ws_v2_admin: 2, ws_legacy: 1, total: 16 } }),
    ).toEqual({
      callers: 12,
      consoles: 2,
      loggers: 2,
    });
    expect(parseCounts({})).toBeNull();
  });
});
