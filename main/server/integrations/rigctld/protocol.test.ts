import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  parseChkVfoReply,
  parseFrequencyReply,
  parseModeReply,
  parseReply,
  takeLine,
  takeReply,
} from './protocol.js';

/** Replies exactly as rigctld (Hamlib 4.5) writes them in extended-response mode. */
const FREQ_REPLY = 'get_freq:\nFrequency: 14074000\nRPRT 0\n';
const MODE_REPLY = 'get_mode:\nMode: USB\nPassband: 2400\nRPRT 0\n';
const SET_REPLY = 'set_freq: 14074000\nRPRT 0\n';
const ERROR_REPLY = 'set_freq: abc\nRPRT -1\n';

describe('rigctld protocol', () => {
  it('frames replies at the RPRT line and keeps what follows', () => {
    expect(takeReply('get_freq:\nFrequency: 14')).toBeNull();
    expect(takeReply(FREQ_REPLY + 'get_mode:\n')).toEqual({ reply: FREQ_REPLY, rest: 'get_mode:\n' });
    expect(takeReply('RPRT -11\n')).toEqual({ reply: 'RPRT -11\n', rest: '' });
    expect(takeReply('Frequency: 1RPRT 0\n')).toBeNull();
  });

  it('reads frequency, mode and passband', () => {
    expect(parseFrequencyReply(FREQ_REPLY)).toEqual({ ok: true, value: 14_074_000 });
    expect(parseModeReply(MODE_REPLY)).toEqual({ ok: true, value: { mode: 'USB', passband: 2400 } });
    expect(parseReply(SET_REPLY)).toMatchObject({ ok: true, value: { code: 0 } });
  });

  it('turns RPRT errors into RIGCTLD_ERROR with Hamlib text', () => {
    expect(parseReply(ERROR_REPLY)).toEqual({
      ok: false,
      code: 'RIGCTLD_ERROR',
      message: 'rigctld error -1: invalid parameter',
    });
    expect(parseFrequencyReply('get_freq:\nRPRT -11\n')).toMatchObject({ code: 'RIGCTLD_ERROR' });
  });

  it('rejects replies without the expected values', () => {
    expect(parseFrequencyReply('get_freq:\nRPRT 0\n')).toMatchObject({ code: 'RIGCTLD_BAD_REPLY' });
    expect(parseFrequencyReply('get_freq:\nFrequency: -5\nRPRT 0\n')).toMatchObject({
      code: 'RIGCTLD_BAD_REPLY',
    });
    expect(parseModeReply('get_mode:\nMode: U S B\nRPRT 0\n')).toMatchObject({ code: 'RIGCTLD_BAD_REPLY' });
    expect(parseReply('hello')).toMatchObject({ code: 'RIGCTLD_BAD_REPLY' });
  });

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        takeReply(text);
        const results = [parseReply(text), parseFrequencyReply(text), parseModeReply(text)];
        return results.every((r) => r.ok || r.code === 'RIGCTLD_ERROR' || r.code === 'RIGCTLD_BAD_REPLY');
      }),
      { numRuns: 400 },
    );
  });
});

describe('\\chk_vfo', () => {
  it('reads VFO mode from the one-line answer, plain or extended', () => {
    expect(parseChkVfoReply('1\n')).toBe(true);
    expect(parseChkVfoReply('0\n')).toBe(false);
    expect(parseChkVfoReply('ChkVFO: 1\n')).toBe(true);
    expect(parseChkVfoReply('RPRT -4\n')).toBeNull();
    expect(takeLine('1\nget_freq:')).toEqual({ reply: '1\n', rest: 'get_freq:' });
    expect(takeLine('1')).toBeNull();
  });
});
