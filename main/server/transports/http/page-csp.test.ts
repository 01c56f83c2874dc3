import { describe, expect, it } from 'vitest';
import { PAGE_CSP, pageCsp } from './create-app.js';

describe('pageCsp', () => {
  it('lets the caller page connect to a relay on another origin, and only then', () => {
    expect(pageCsp(null)).toBe(PAGE_CSP);
    expect(pageCsp('/relay/events')).toBe(PAGE_CSP);
    expect(pageCsp('https://relay.example.net/relay/events?x=1')).toContain(
      "connect-src 'self' https://relay.example.net;",
    );
  });
});
