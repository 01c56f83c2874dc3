import { describe, expect, it } from 'vitest';
import { describeSlots, slotOf, WorkedSlots } from './slots.js';

describe('band-mode slots', () => {
  it('reads the slot of a record or a position', () => {
    expect(slotOf({ band: '20m', mode: 'CW' })).toEqual({ band: '20m', mode: 'CW' });
    expect(slotOf({ frequency: '7.074', mode: 'FT8' })).toEqual({ band: '40m', mode: 'FT8' });
    expect(slotOf({ band: '20M', mode: 'MFSK', submode: 'FT4' })).toEqual({ band: '20m', mode: 'FT4' });
    expect(slotOf({ band: '20m', mode: 'SSB', submode: 'USB' })).toEqual({ band: '20m', mode: 'SSB' });
    expect(slotOf({ band: '20m', mode: 'usb' })).toEqual({ band: '20m', mode: 'SSB' });
    expect(slotOf({ band: null, mode: 'CW' })).toBe(null);
    expect(slotOf({ band: '20m', mode: null })).toBe(null);
  });

  it('knows which slots an operator has, by base call', () => {
    const worked = WorkedSlots.from(
      [
        { callsign: 'W1AW', band: '20m', mode: 'CW' },
        { callsign: 'W1AW/P', frequency: '7.074', mode: 'FT8' },
        { callsign: 'K1ABC', band: '20m', mode: 'SSB' },
        { callsign: 'N0AA', band: null, mode: 'CW' },
      ],
      'base_call',
    );
    expect(describeSlots(worked.of('VE3/W1AW'))).toBe('20m CW, 40m FT8');
    expect(worked.has('W1AW/QRP', { band: '40m', mode: 'FT8' })).toBe(true);
    expect(worked.has('K1ABC', { band: '20m', mode: 'CW' })).toBe(false);
    expect(worked.of('N0AA')).toEqual([]);
    const exact = WorkedSlots.from([{ callsign: 'W1AW/P', band: '20m', mode: 'CW' }], 'exact');
    expect(exact.has('W1AW', { band: '20m', mode: 'CW' })).toBe(false);
  });
});
