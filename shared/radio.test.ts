import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANDS, MODES, bandForHz, formatMHz, normalizeMode, parseFrequencyToHz } from './radio.js';

describe('BANDS', () => {
  it('runs from 2190m upwards without overlaps, in ADIF names', () => {
    const names = BANDS.map((band) => band.name);
    for (const name of [
      '2190m',
      '630m',
      '160m',
      '80m',
      '60m',
      '40m',
      '30m',
      '20m',
      '17m',
      '15m',
      '12m',
      '10m',
    ]) {
      expect(names).toContain(name);
    }
    for (const name of ['6m', '4m', '2m', '1.25m', '70cm', '33cm', '23cm', '13cm', '3cm', '1.25cm']) {
      expect(names).toContain(name);
    }
    expect(names[0]).toBe('2190m');
    BANDS.forEach((band, index) => {
      expect(band.lowHz).toBeLessThan(band.highHz);
      const previous = BANDS[index - 1];
      if (previous) expect(band.lowHz).toBeGreaterThan(previous.highHz);
    });
  });

  it('is frozen', () => {
    expect(Object.isFrozen(BANDS)).toBe(true);
    expect(Object.isFrozen(BANDS[0])).toBe(true);
  });
});

describe('bandForHz', () => {
  it.each([
    [14_195_000, '20m'],
    [7_074_000, '40m'],
    [146_520_000, '2m'],
    [432_100_000, '70cm'],
    [1_296_200_000, '23cm'],
    [10_489_540_000, '3cm'],
    [475_000, '630m'],
    [136_000, '2190m'],
  ])('%d Hz -> %s', (hz, band) => {
    expect(bandForHz(hz)).toBe(band);
  });

  it('includes both edges of every band and excludes the hertz just outside', () => {
    for (const band of BANDS) {
      expect(bandForHz(band.lowHz)).toBe(band.name);
      expect(bandForHz(band.highHz)).toBe(band.name);
    }
    expect(bandForHz(13_999_999)).toBeNull();
    expect(bandForHz(14_350_001)).toBeNull();
    expect(bandForHz(1_799_999)).toBeNull();
    expect(bandForHz(2_000_001)).toBeNull();
    expect(bandForHz(10_150_001)).toBeNull();
    expect(bandForHz(54_000_000)).toBe('6m');
    expect(bandForHz(54_000_001)).toBe('5m');
  });

  it('returns null outside the bands and for non-numbers', () => {
    expect(bandForHz(0)).toBeNull();
    expect(bandForHz(-14_195_000)).toBeNull();
    expect(bandForHz(27_555_000)).toBeNull();
    expect(bandForHz(Number.NaN)).toBeNull();
    expect(bandForHz(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('parseFrequencyToHz', () => {
  it.each([
    ['14.195', 14_195_000],
    ['14.195 MHz', 14_195_000],
    ['14.195MHz', 14_195_000],
    ['14.195 mhz', 14_195_000],
    ['  14.195  MHz ', 14_195_000],
    ['14195 kHz', 14_195_000],
    ['14195', 14_195_000],
    ['14195.5', 14_195_500],
    ['7074000', 7_074_000],
    ['7074000 Hz', 7_074_000],
    ['7.074.000', 7_074_000],
    ['14.205.00', 14_205_000],
    ['7.074.50', 7_074_500],
    ['1296.200.00', 1_296_200_000],
    ['14,074,000', 14_074_000],
    ['14,195', 14_195_000],
    ['146.520 MHz', 146_520_000],
    ['146.52', 146_520_000],
    ['144300', 144_300_000],
    ['432100', 432_100_000],
    ['1296200', 1_296_200_000],
    ['475', 475_000],
    ['47088', 47_088_000_000],
    ['1296', 1_296_000_000],
    ['10368', 10_368_000_000],
    ['10.489540 GHz', 10_489_540_000],
    ['7', 7_000_000],
    ['50.313', 50_313_000],
  ])('%j -> %d Hz', (text, hz) => {
    expect(parseFrequencyToHz(text)).toBe(hz);
  });

  it('always honours an explicit unit', () => {
    expect(parseFrequencyToHz('500 kHz')).toBe(500_000);
    expect(parseFrequencyToHz('500 KHZ')).toBe(500_000);
    expect(parseFrequencyToHz('14195 MHz')).toBe(14_195_000_000);
    expect(parseFrequencyToHz('14.195 kHz')).toBe(14_195);
    expect(parseFrequencyToHz('3500 MHz')).toBe(3_500_000_000);
    expect(parseFrequencyToHz('10136 MHz')).toBe(10_136_000_000);
    expect(parseFrequencyToHz('2 GHz')).toBe(2_000_000_000);
  });

  it('prefers lower bands over microwave readings when no unit is given', () => {
    expect(parseFrequencyToHz('10136')).toBe(10_136_000);
    expect(parseFrequencyToHz('10100')).toBe(10_100_000);
    expect(parseFrequencyToHz('3500')).toBe(3_500_000);
    expect(parseFrequencyToHz('3500000')).toBe(3_500_000);
    expect(parseFrequencyToHz('10136000')).toBe(10_136_000);
  });

  it('falls back on the size of a number that fits no band', () => {
    expect(parseFrequencyToHz('27.555')).toBe(27_555_000);
    expect(parseFrequencyToHz('5000')).toBe(5_000_000);
    expect(parseFrequencyToHz('27555')).toBe(27_555_000);
    expect(parseFrequencyToHz('27555000')).toBe(27_555_000);
  });

  it.each([
    '',
    '   ',
    'abc',
    '-14.195',
    '0',
    '0.0 MHz',
    '14.195 MHz extra',
    '14.195 meters',
    '14..195',
    '.',
    '1e6',
    '14 195',
  ])('%j -> null', (text) => {
    expect(parseFrequencyToHz(text)).toBeNull();
  });

  it('round-trips formatMHz for every whole-hertz frequency in a band', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BANDS.filter((band) => band.highHz < 1e12)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (band, t) => {
          const hz = Math.round(band.lowHz + t * (band.highHz - band.lowHz));
          expect(parseFrequencyToHz(`${formatMHz(hz)} MHz`)).toBe(hz);
        },
      ),
    );
  });
});

describe('modes', () => {
  it('lists the common modes once each', () => {
    for (const mode of ['SSB', 'CW', 'FM', 'AM', 'RTTY', 'FT8', 'FT4', 'PSK31', 'JT65']) {
      expect(MODES).toContain(mode);
    }
    expect(new Set(MODES).size).toBe(MODES.length);
    for (const mode of MODES) expect(normalizeMode(mode)).toBe(mode);
  });

  it.each([
    ['usb', 'SSB'],
    ['LSB', 'SSB'],
    [' ssb ', 'SSB'],
    ['cw', 'CW'],
    ['CWR', 'CW'],
    ['RTTYR', 'RTTY'],
    ['ft8', 'FT8'],
    ['FMN', 'FM'],
    ['c4fm', 'C4FM'],
    ['PKTUSB', 'PKTUSB'],
    ['DIGITALVOICE', 'DIGITALVOICE'],
  ])('%j -> %s', (input, mode) => {
    expect(normalizeMode(input)).toBe(mode);
  });

  it.each(['', '  ', '123', 'FT 8', 'FT8!', '-CW', 'CW-', 'A'.repeat(21), '<script>'])(
    '%j -> null',
    (input) => {
      expect(normalizeMode(input)).toBeNull();
    },
  );
});

describe('formatMHz', () => {
  it.each([
    [14_195_000, '14.195'],
    [7_074_000, '7.074'],
    [14_000_000, '14.000'],
    [14_195_500, '14.1955'],
    [14_195_001, '14.195001'],
    [146_520_000, '146.520'],
    [10_489_540_000, '10489.540'],
    [475_000, '0.475'],
    [135_700, '0.1357'],
    [0, '0.000'],
    [14_195_000.4, '14.195'],
  ])('%d Hz -> %s', (hz, text) => {
    expect(formatMHz(hz)).toBe(text);
  });

  it('throws on values that are not frequencies', () => {
    expect(() => formatMHz(-1)).toThrow(RangeError);
    expect(() => formatMHz(Number.NaN)).toThrow(RangeError);
    expect(() => formatMHz(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
