import { describe, expect, it } from 'vitest';
import { callerLeft, hashLeaveSecret, leaveSecretMatches, newLeaveSecret } from './leave.js';

describe('leave secrets', () => {
  it('match only the secret they were made from', () => {
    const a = newLeaveSecret();
    const b = newLeaveSecret();
    expect(a.secret).not.toBe(b.secret);
    expect(a.secret).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a.hash).toBe(hashLeaveSecret(a.secret));
    expect(leaveSecretMatches(a.hash, a.secret)).toBe(true);
    expect(leaveSecretMatches(a.hash, b.secret)).toBe(false);
    expect(leaveSecretMatches(a.hash, '')).toBe(false);
    expect(leaveSecretMatches(undefined, a.secret)).toBe(false);
  });
});

describe('caller_left notices', () => {
  it('say whether rejoining is allowed for each reason', () => {
    expect(callerLeft('cancelled', ['W1AW']).rejoin).toBe(true);
    expect(callerLeft('off_air', ['W1AW']).rejoin).toBe(false);
    expect(callerLeft('banned', ['W1AW']).rejoin).toBe(false);
    expect(callerLeft('worked', ['W1AW'], { rejoin: false }).rejoin).toBe(false);
  });

  it('carry what callers may see of a logged QSO, never the lookup details', () => {
    const n = callerLeft('worked', ['W1AW'], {
      qso: {
        id: 'q1',
        callsign: 'W1AW',
        time_on: '2026-05-01T12:33:00.000Z',
        time_off: '2026-05-01T12:34:00.000Z',
        frequency: '14.025',
        band: '20m',
        mode: 'CW',
        source: 'queue',
        qrz: {
          callsign: 'W1AW',
          name: 'Secret Name',
          address: null,
          dxcc_name: null,
          image: null,
          grid: { lat: null, long: null, grid: null },
          error: null,
          dxcc: null,
          source: 'none',
        },
      },
    });
    expect(n.qso).toEqual({
      id: 'q1',
      callsign: 'W1AW',
      time_on: '2026-05-01T12:33:00.000Z',
      time_off: '2026-05-01T12:34:00.000Z',
      frequency: '14.025',
      band: '20m',
      mode: 'CW',
    });
    expect(JSON.stringify(n)).not.toContain('Secret Name');
  });
});
