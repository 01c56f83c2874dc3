import { describe, expect, it } from 'vitest';
import { stationWith, worked } from './fixtures.test-util.js';
import { averageQsoSeconds, estimateWaitSeconds, formatWait, positionAverageQsoSeconds } from './wait.js';

const now = new Date('2026-01-01T12:00:00Z');

describe('wait estimate', () => {
  it('uses the server stats when present', () => {
    const s = stationWith([], { stats: { qsos_last_hour: 20, average_qso_seconds: 90 } });
    expect(averageQsoSeconds(s, now)).toBe(90);
    expect(estimateWaitSeconds(3, 90)).toBe(270);
    expect(formatWait(270)).toBe('about 5 min');
  });

  it('prefers the live worked list over stale stats once it has two gaps', () => {
    const s = stationWith([], {
      stats: { qsos_last_hour: 2, average_qso_seconds: 600 },
      worked: {
        worked_callers: [
          worked('A1A', '2026-01-01T11:59:00Z'),
          worked('B1B', '2026-01-01T11:58:00Z'),
          worked('C1C', '2026-01-01T11:57:00Z'),
        ],
        total: 3,
      },
    });
    expect(averageQsoSeconds(s, now)).toBe(60);
  });

  it('falls back to the gaps between recent worked stations, skipping breaks', () => {
    const s = stationWith([], {
      worked: {
        worked_callers: [
          worked('A1A', '2026-01-01T11:58:00Z'),
          worked('B1B', '2026-01-01T11:56:00Z'),
          worked('C1C', '2026-01-01T11:54:00Z'),
          worked('D1D', '2026-01-01T11:20:00Z'), // a 34-minute break: not a QSO
        ],
        total: 4,
      },
    });
    expect(averageQsoSeconds(s, now)).toBe(120);
  });

  it('is unknown without data, and says nothing', () => {
    expect(averageQsoSeconds(stationWith([]), now)).toBeNull();
    expect(estimateWaitSeconds(2, null)).toBeNull();
    expect(formatWait(null)).toBeNull();
  });

  it('never says less than a minute', () => {
    expect(formatWait(10)).toBe('about 1 min');
  });
});

describe('wait estimate at a camp of several positions', () => {
  it("takes the position's own average first: the worked list is the whole camp's", () => {
    const s = stationWith([], {
      stats: { qsos_last_hour: 10, average_qso_seconds: 300 },
      worked: {
        worked_callers: [
          worked('A1A', '2026-01-01T11:59:00Z'),
          worked('B1B', '2026-01-01T11:58:00Z'),
          worked('C1C', '2026-01-01T11:57:00Z'),
        ],
        total: 3,
      },
    });
    expect(positionAverageQsoSeconds(s, now)).toBe(300);
    expect(
      positionAverageQsoSeconds({ ...s, stats: { qsos_last_hour: 0, average_qso_seconds: null } }, now),
    ).toBe(60);
  });
});
