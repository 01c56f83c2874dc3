import { describe, expect, it } from 'vitest';
import { parseRelay, relaySummary } from './relay-view.js';

describe('relay view', () => {
  const now = Date.parse('2026-01-01T00:01:00Z');

  it('says when there is no relay', () => {
    expect(relaySummary(parseRelay({ configured: false, settings: null, status: null }), now)).toMatch(
      /No relay/,
    );
    expect(relaySummary(parseRelay(null), now)).toMatch(/No relay/);
  });

  it('shows a connected relay with its last publish and watchers', () => {
    const view = parseRelay({
      configured: true,
      settings: { events_url: '/relay/events' },
      status: {
        state: 'connected',
        last_publish_at: '2026-01-01T00:00:50Z',
        subscribers: 1234,
        published: 9,
      },
    });
    expect(relaySummary(view, now)).toBe('Relay connected · last publish 10 s ago · 1234 watching');
  });

  it('shows an unreachable relay with the error', () => {
    const view = parseRelay({ configured: true, status: { state: 'retrying', last_error: 'ECONNREFUSED' } });
    expect(relaySummary(view, now)).toMatch(/Relay unreachable \(ECONNREFUSED\)/);
  });
});
