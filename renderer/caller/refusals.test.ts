import { describe, expect, it } from 'vitest';
import { formatDuration, grammarHint, refusalMessage, type Refusal } from './refusals.js';
import { parseRefusal } from './wire.js';

const refusal = (code: string, extra: Partial<Refusal> = {}): Refusal => ({
  code,
  detail: null,
  retryAfterS: null,
  status: 400,
  ...extra,
});
const ctx = { callsign: 'W1AW', maxQueueSize: 4 };

describe('refusalMessage', () => {
  it.each([
    ['INVALID_CALLSIGN', /W1AW is not a valid callsign/],
    ['CALLSIGN_REQUIRED', /enter your callsign/],
    ['ALREADY_QUEUED', /already in the queue/],
    ['QUEUE_FULL', /queue is full \(4 stations\)/],
    ['SYSTEM_INACTIVE', /off the air/],
    ['QUEUE_PAUSED', /paused/],
    ['CALLSIGN_BANNED', /may not join/],
    ['NETWORK', /Can't reach/],
  ])('%s', (code, expected) => {
    expect(refusalMessage(refusal(code), ctx)).toMatch(expected);
  });

  it('gives the cooldown time left, counting down', () => {
    const r = refusal('COOLDOWN', { retryAfterS: 754, status: 429 });
    expect(refusalMessage(r, ctx)).toBe('W1AW was worked recently. You can join again in 12 min 34 s.');
    expect(refusalMessage(r, { ...ctx, secondsLeft: 30 })).toContain('in 30 s');
    expect(refusalMessage(r, { ...ctx, secondsLeft: 0 })).toContain('try again now');
  });

  it('falls back to the server detail for unknown codes', () => {
    expect(refusalMessage(refusal('SOMETHING_NEW', { detail: 'Odd thing' }), ctx)).toBe('Odd thing');
    expect(refusalMessage(refusal('SOMETHING_NEW', { status: 500 }), ctx)).toContain('HTTP 500');
  });

  it('reads the queue size from the detail when the state has none', () => {
    const r = refusal('QUEUE_FULL', { detail: 'Queue is full. Maximum queue size is 7' });
    expect(refusalMessage(r, { callsign: 'W1AW', maxQueueSize: null })).toContain('(7 stations)');
  });
});

describe('refusals of the caller rules across operating positions', () => {
  it('SLOT_ALREADY_WORKED names the slot the caller already has', () => {
    const r = refusal('SLOT_ALREADY_WORKED', {
      status: 409,
      slot: { band: '20m', mode: 'CW' },
      workedSlots: [{ band: '20m', mode: 'CW' }],
    });
    expect(refusalMessage(r, ctx)).toBe(
      'W1AW: you are already in the log on 20m CW. No need to call again: join another band or mode.',
    );
    expect(refusalMessage(refusal('SLOT_ALREADY_WORKED'), ctx)).toContain('already in the log');
  });

  it("ALREADY_QUEUED_ELSEWHERE names where the caller waits, by the positions' names", () => {
    const r = refusal('ALREADY_QUEUED_ELSEWHERE', { status: 409, positions: ['run-1', 'run-3'] });
    const names: Record<string, string> = { 'run-1': 'Run 1 - 20m CW', 'run-3': 'Run 3 - 15m SSB' };
    expect(refusalMessage(r, { ...ctx, positionName: (id) => names[id] ?? id })).toBe(
      'W1AW is already waiting at Run 1 - 20m CW and Run 3 - 15m SSB. Leave that queue first to join another.',
    );
    expect(refusalMessage(r, ctx)).toContain('waiting at run-1 and run-3');
    expect(refusalMessage(refusal('ALREADY_QUEUED_ELSEWHERE'), ctx)).toContain('another queue');
  });

  it('parseRefusal reads the slot, the worked slots and the positions', () => {
    expect(
      parseRefusal(
        409,
        {
          detail: 'W1AW is already in the log on 20m CW',
          code: 'SLOT_ALREADY_WORKED',
          slot: { band: '20m', mode: 'CW' },
          worked_slots: [{ band: '20m', mode: 'CW' }, { band: 40 }],
        },
        null,
      ),
    ).toMatchObject({ slot: { band: '20m', mode: 'CW' }, workedSlots: [{ band: '20m', mode: 'CW' }] });
    expect(
      parseRefusal(409, { code: 'ALREADY_QUEUED_ELSEWHERE', positions: ['run-1', 7] }, null).positions,
    ).toEqual(['run-1']);
  });
});

describe('parseRefusal', () => {
  it('reads code, detail and retry_after_s, or the Retry-After header', () => {
    expect(parseRefusal(429, { detail: 'x', code: 'COOLDOWN', retry_after_s: 60 }, null)).toEqual({
      code: 'COOLDOWN',
      detail: 'x',
      retryAfterS: 60,
      status: 429,
    });
    expect(parseRefusal(429, { code: 'RATE_LIMITED' }, '12').retryAfterS).toBe(12);
    expect(parseRefusal(422, { detail: [{ loc: ['body', 'name'] }] }, null).code).toBe('VALIDATION_ERROR');
    expect(parseRefusal(502, 'gateway', null).code).toBe('UNKNOWN');
  });
});

describe('formatDuration and grammarHint', () => {
  it('formats durations', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(3900)).toBe('1 h 5 min');
  });

  it('explains a bad character', () => {
    expect(grammarHint('CHARACTERS', "Invalid callsign format: '#' is not allowed")).toContain(
      '"#" is not allowed',
    );
    expect(grammarHint('STRUCTURE', '')).toContain('e.g. W1AW');
  });
});
