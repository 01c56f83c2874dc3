import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeAdif, toAscii } from './write.js';
import { adifQso, parseAdif } from './parse.js';
import { adifLocation, adifMode, degreesFromAdifLocation, isoFromAdif } from './fields.js';
import { EXPECTED_ADI, QSO_DL1ABC, QSO_W1AW, THIRD_PARTY_ADI } from './fixtures/records.js';
import { LOGGED_ADIF_TEXT } from '../wsjtx/fixtures/datagrams.js';

const created = Date.UTC(2024, 2, 6, 14, 0, 0);

function parsed(input: string | Uint8Array) {
  const result = parseAdif(input);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

describe('writeAdif', () => {
  it('writes the header and records byte for byte', () => {
    expect(writeAdif([QSO_DL1ABC, QSO_W1AW], { programVersion: '0.1.0', createdAtMs: created })).toBe(
      EXPECTED_ADI,
    );
  });

  it('writes pure ASCII: text is transliterated, what has no ASCII form left out', () => {
    expect(toAscii('Jürgen Müller')).toBe('Jurgen Muller');
    expect(toAscii('Straße, Łódź, Ærø')).toBe('Strasse, Lodz, AEro');
    expect(toAscii('こんにちは 73')).toBe('73');
    const out = writeAdif([{ ...QSO_DL1ABC, comment: 'こんにちは' }], {
      programVersion: '1',
      createdAtMs: created,
    });
    // eslint-disable-next-line no-control-regex
    expect(/^[\u0000-\u007f]*$/.test(out)).toBe(true);
    expect(out).not.toContain('<COMMENT');
  });

  it('adds STATION_CALLSIGN when given and drops control characters', () => {
    const out = writeAdif([{ ...QSO_W1AW, qrz: { ...QSO_W1AW.qrz, name: 'Line\r\nbreak' } }], {
      programVersion: '1',
      createdAtMs: created,
      stationCallsign: 'ei6jgb',
    });
    expect(out).toContain('<NAME:10>Line break');
    expect(out).toContain('<STATION_CALLSIGN:6>EI6JGB');
  });

  it('writes an empty log as a header only', () => {
    const doc = parsed(writeAdif([], { programVersion: '1', createdAtMs: created }));
    expect(doc.records).toEqual([]);
    expect(doc.header.get('ADIF_VER')).toBe('3.1.4');
  });
});

describe('round trip through the parser', () => {
  it('gives back every field that was written', () => {
    const doc = parsed(EXPECTED_ADI);
    expect(doc.header.get('PROGRAMID')).toBe('PileupBuster');
    expect(doc.header.get('CREATED_TIMESTAMP')).toBe('20240306 140000');
    expect(doc.records).toHaveLength(2);
    expect(adifQso(doc.records[0]!)).toEqual({
      call: 'DL1ABC',
      timeOn: QSO_DL1ABC.time_on,
      timeOff: QSO_DL1ABC.time_off,
      freqHz: 14_250_000,
      band: '20m',
      mode: 'USB',
      name: 'Jurgen Muller',
      qth: 'Berlin, Germany',
      country: 'Germany',
      dxcc: 230,
      gridsquare: 'JO62QM',
      lat: 52.5,
      lon: 13.4,
      rstSent: null,
      rstRcvd: null,
      comment: null,
      stationCallsign: null,
      freqRxHz: null,
      operator: null,
      txPower: null,
      appQsoId: 'q1',
    });
    expect(adifQso(doc.records[1]!)).toMatchObject({
      call: 'W1AW',
      timeOn: QSO_W1AW.time_on,
      timeOff: QSO_W1AW.time_off,
      freqHz: 7_074_000,
      band: '40m',
      mode: 'FT4',
    });
    expect(doc.records[1]!.get('APP_PILEUPBUSTER_SOURCE')).toBe('direct');
  });

  it('round-trips random QSOs (calls, names with any Unicode, times, frequencies)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{1,3}[0-9][A-Z]{1,4}$/),
        fc.string({ maxLength: 40, unit: 'grapheme' }),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }),
        fc.integer({ min: 1_800_000, max: 450_000_000 }),
        (call, name, startMs, hz) => {
          const timeOn = new Date(Math.floor(startMs / 1000) * 1000).toISOString();
          const qso = {
            ...QSO_W1AW,
            callsign: call,
            time_on: timeOn,
            time_off: timeOn,
            frequency: `${hz} Hz`,
            qrz: { ...QSO_W1AW.qrz, name },
          };
          const doc = parsed(writeAdif([qso], { programVersion: '1', createdAtMs: created }));
          const back = adifQso(doc.records[0]!);
          // eslint-disable-next-line no-control-regex
          const expectedName = toAscii(name.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim());
          return (
            back !== null &&
            back.call === call &&
            back.timeOn === timeOn &&
            back.freqHz === hz &&
            back.name === (expectedName === '' ? null : expectedName)
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseAdif', () => {
  it('reads a third-party file: header text, type indicators, free text, HHMM times, no spaces', () => {
    const doc = parsed(THIRD_PARTY_ADI);
    expect(doc.header.get('PROGRAMID')).toBe('SomeLog');
    expect(doc.records).toHaveLength(2);
    expect(doc.records[0]!.get('COMMENT')).toBe('a <b> test');
    expect(adifQso(doc.records[0]!)).toMatchObject({
      call: 'G4ABC',
      timeOn: '2023-01-15T09:30:00.000Z',
      freqHz: 3_573_000,
      mode: 'FT8',
      rstSent: '-10',
    });
    expect(adifQso(doc.records[1]!)).toMatchObject({
      call: 'JA1XYZ',
      band: '15m',
      mode: 'LSB',
      timeOn: '2023-01-15T10:15:00.000Z',
      lat: -(33 + 52 / 60),
    });
    expect(adifQso(doc.records[1]!)!.lon).toBeCloseTo(151.21, 6);
  });

  it('reads the WSJT-X Logged ADIF text', () => {
    const doc = parsed(LOGGED_ADIF_TEXT);
    expect(doc.header.get('PROGRAMID')).toBe('WSJT-X');
    expect(adifQso(doc.records[0]!)).toMatchObject({
      call: 'DL1ABC',
      timeOn: '2024-03-06T13:00:30.000Z',
      timeOff: '2024-03-06T13:01:45.000Z',
      freqHz: 14_075_500,
      band: '20m',
      mode: 'FT8',
      gridsquare: 'JO62',
      stationCallsign: 'EI6JGB',
    });
  });

  it('reads records without a header and counts an unfinished record', () => {
    const doc = parsed('<call:4>W1AW<eor><call:4>K1JT');
    expect(doc.records).toHaveLength(1);
    expect(doc.unterminatedFields).toBe(1);
  });

  it('rejects a length running past the end', () => {
    expect(parseAdif('<call:40>W1AW<eor>')).toMatchObject({ ok: false, code: 'ADIF_TRUNCATED' });
    expect(parseAdif('<call:4>W1AW<eo')).toMatchObject({ ok: false, code: 'ADIF_TRUNCATED' });
  });

  it('returns null from adifQso for records without a usable call', () => {
    expect(adifQso(new Map([['NAME', 'x']]))).toBeNull();
    expect(adifQso(new Map([['CALL', 'not a call']]))).toBeNull();
  });

  it('never throws on random bytes or truncations', () => {
    const settles = (input: Uint8Array): boolean => {
      const r = parseAdif(input);
      if (r.ok) r.value.records.forEach((rec) => adifQso(rec));
      return r.ok || ['ADIF_TOO_LARGE', 'ADIF_TRUNCATED', 'ADIF_MALFORMED'].includes(r.code);
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 1024 }), settles), { numRuns: 400 });
    const piece = fc.constantFrom('<', '>', ':', 'call', 'eor', 'eoh', '5', '99', ' ', 'W1AW');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 100 }), (parts) => settles(Buffer.from(parts.join('')))),
      { numRuns: 400 },
    );
    const whole = Buffer.from(EXPECTED_ADI, 'utf8');
    for (let cut = 0; cut < whole.length; cut += 1) expect(settles(whole.subarray(0, cut))).toBe(true);
  });
});

describe('ADIF field helpers', () => {
  it('maps modes to MODE and SUBMODE', () => {
    expect(adifMode('USB')).toEqual({ mode: 'SSB', submode: 'USB' });
    expect(adifMode('ft4')).toEqual({ mode: 'MFSK', submode: 'FT4' });
    expect(adifMode('PSK31')).toEqual({ mode: 'PSK', submode: 'PSK31' });
    expect(adifMode('CWR')).toEqual({ mode: 'CW', submode: null });
    expect(adifMode('FT8')).toEqual({ mode: 'FT8', submode: null });
    expect(adifMode('PKTUSB')).toBeNull();
    expect(adifMode(null)).toBeNull();
  });

  it('formats locations as XDDD MM.MMM and reads them back', () => {
    expect(adifLocation(53.3498, 'lat')).toBe('N053 20.988');
    expect(adifLocation(-6.2603, 'lon')).toBe('W006 15.618');
    expect(adifLocation(-0.0000001, 'lat')).toBe('S000 00.000');
    expect(adifLocation(179.99999999, 'lon')).toBe('E180 00.000');
    expect(adifLocation(91, 'lat')).toBeNull();
    expect(degreesFromAdifLocation('W006 15.618')).toBeCloseTo(-6.2603, 4);
    expect(degreesFromAdifLocation('N091 00.000')).toBeNull();
    expect(degreesFromAdifLocation('N050 60.000')).toBeNull();
  });

  it('validates ADIF dates and times', () => {
    expect(isoFromAdif('20240229', '2359')).toBe('2024-02-29T23:59:00.000Z');
    expect(isoFromAdif('20230229', '1200')).toBeNull();
    expect(isoFromAdif('20230101', '2400')).toBeNull();
    expect(isoFromAdif(undefined, '1200')).toBeNull();
  });
});
