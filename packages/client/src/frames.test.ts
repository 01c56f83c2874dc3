import { describe, expect, it } from 'vitest';
import { readServerFrame } from './frames.js';

const event = (extra: Record<string, unknown> = {}) => ({
  type: 'event',
  event: 'queue_update',
  event_type: 'queue_update',
  seq: 7,
  data: { queue: [], total: 0 },
  timestamp: '2026-03-01T12:00:00Z',
  ...extra,
});

describe('readServerFrame', () => {
  it("keeps the operating position an event concerns (the frame's position_id)", () => {
    expect(readServerFrame(event({ position_id: 'run-2' }))).toMatchObject({
      event: 'queue_update',
      seq: 7,
      position_id: 'run-2',
    });
  });

  it('gives a station-wide event (no position_id, or not a string) none', () => {
    expect(readServerFrame(event())).not.toHaveProperty('position_id');
    expect(readServerFrame(event({ position_id: 5 }))).not.toHaveProperty('position_id');
  });

  it('refuses an event without its seq or data', () => {
    expect(readServerFrame(event({ seq: 'x' }))).toBeNull();
    expect(readServerFrame(event({ data: null }))).toBeNull();
  });
});
