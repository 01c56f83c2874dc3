import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { N1MM_MAX_BYTES, n1mmTimestampToIso, parseN1mm } from './parse.js';
import {
  APP_INFO,
  CONTACT_DELETE,
  CONTACT_INFO,
  CONTACT_REPLACE,
  ENTITY_ATTACK,
  NOT1MM_CONTACT,
  RADIO_INFO,
  RADIO_INFO_SPLIT,
} from './fixtures/packets.js';

function ok(input: string | Uint8Array) {
  const result = parseN1mm(input);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

describe('parseN1mm', () => {
  it('reads RadioInfo: tens of Hz to Hz, mode, radio number, flags', () => {
    expect(ok(Buffer.from(RADIO_INFO, 'utf8'))).toEqual({
      type: 'radio_info',
      app: 'N1MM',
      stationName: 'CONTEST-PC',
      radioNr: 1,
      freqHz: 14_200_000,
      txFreqHz: 14_200_000,
      mode: 'USB',
      opCall: 'EI6JGB',
      isRunning: true,
      isTransmitting: false,
      isSplit: false,
      focusRadioNr: 1,
      activeRadioNr: 1,
      radioName: 'IC-7300',
    });
  });

  it('reads a split RadioInfo', () => {
    const info = ok(RADIO_INFO_SPLIT);
    expect(info).toMatchObject({
      type: 'radio_info',
      radioNr: 2,
      freqHz: 7_005_000,
      txFreqHz: 7_025_500,
      mode: 'CW',
    });
    expect(info).toMatchObject({ isSplit: true });
  });

  it('treats Freq 0 (no radio) as an unknown frequency', () => {
    expect(ok('<RadioInfo><Freq>0</Freq><Mode>CW</Mode></RadioInfo>')).toMatchObject({
      freqHz: null,
      mode: 'CW',
    });
  });

  it('reads contactinfo with call upper-cased, UTC timestamp, id, entities decoded', () => {
    const c = ok(CONTACT_INFO);
    expect(c).toMatchObject({
      type: 'contact_info',
      call: 'DL1ABC',
      timestamp: '2020-01-17T16:43:38.000Z',
      bandMhz: '14',
      rxFreqHz: 14_200_000,
      txFreqHz: 14_200_000,
      freqHz: 14_200_000,
      mode: 'USB',
      contestName: 'CQ-WW-SSB',
      contestNr: 73,
      name: 'Hans',
      gridsquare: 'JO62',
      comment: 'pileup & QRM',
      snt: '59',
      rcv: '59',
      zone: '14',
      radioNr: 1,
      isOriginal: true,
      id: 'f9ffac4fcd3e479ca86e137df1338531',
      qth: null,
      exchange1: null,
    });
  });

  it('reads contactreplace and contactdelete keyed by ID', () => {
    expect(ok(CONTACT_REPLACE)).toMatchObject({
      type: 'contact_replace',
      call: 'DL1ABD',
      id: 'f9ffac4fcd3e479ca86e137df1338531',
    });
    expect(ok(CONTACT_DELETE)).toEqual({
      type: 'contact_delete',
      app: 'N1MM',
      timestamp: '2020-01-17T16:43:38.000Z',
      call: 'DL1ABD',
      contestNr: 73,
      stationName: 'CONTEST-PC',
      id: 'f9ffac4fcd3e479ca86e137df1338531',
    });
  });

  it('names the station by StationName, or by NetBiosName when StationName is empty', () => {
    const field = (name: string, value: string): string =>
      value === '' ? `<${name} />` : `<${name}>${value}</${name}>`;
    const withNetBios = (station: string, netBios: string): string =>
      CONTACT_INFO.replace('<StationName>CONTEST-PC</StationName>', field('StationName', station)).replace(
        '<NetBiosName />',
        field('NetBiosName', netBios),
      );
    expect(ok(withNetBios('', 'RUN2-PC'))).toMatchObject({ stationName: 'RUN2-PC' });
    expect(ok(withNetBios('CONTEST-PC', 'RUN2-PC'))).toMatchObject({ stationName: 'CONTEST-PC' });
    expect(ok(withNetBios('', ''))).toMatchObject({ stationName: null });
  });

  it('reads the one-line dicttoxml format of not1mm', () => {
    expect(ok(NOT1MM_CONTACT)).toMatchObject({
      type: 'contact_info',
      app: 'NOT1MM',
      call: 'W1AW',
      freqHz: 7_025_000,
      mode: 'CW',
      id: '7a0bdf2a',
      timestamp: '2024-03-06T13:00:05.000Z',
    });
  });

  it('ignores AppInfo and rejects unknown roots with distinct codes', () => {
    expect(parseN1mm(APP_INFO)).toMatchObject({ ok: false, code: 'N1MM_IGNORED_TYPE' });
    const not1mmScore =
      '<?xml version="1.0" encoding="UTF-8" ?><scoreinfo><app>NOT1MM</app><contestname>CQ-WW-CW</contestname>' +
      '<call>K6GTE</call><score>1234</score><totalqsos>12</totalqsos></scoreinfo>';
    expect(parseN1mm(not1mmScore)).toMatchObject({ ok: false, code: 'N1MM_IGNORED_TYPE' });
    expect(parseN1mm('<Banana><x>1</x></Banana>')).toMatchObject({ ok: false, code: 'N1MM_UNKNOWN_TYPE' });
  });

  it('refuses DTDs and entity declarations', () => {
    expect(parseN1mm(ENTITY_ATTACK)).toMatchObject({ ok: false, code: 'N1MM_DTD_FORBIDDEN' });
  });

  it('rejects missing and bad fields with codes', () => {
    expect(parseN1mm('<contactinfo><timestamp>2020-01-17 16:43:38</timestamp></contactinfo>')).toMatchObject({
      ok: false,
      code: 'N1MM_MISSING_FIELD',
    });
    expect(parseN1mm('<contactinfo><call>DL1ABC</call></contactinfo>')).toMatchObject({
      code: 'N1MM_MISSING_FIELD',
    });
    expect(
      parseN1mm('<contactinfo><call>DL1 ABC</call><timestamp>2020-01-17 16:43:38</timestamp></contactinfo>'),
    ).toMatchObject({ code: 'N1MM_BAD_FIELD' });
    expect(parseN1mm('<RadioInfo><Freq>14.2 MHz</Freq></RadioInfo>')).toMatchObject({
      code: 'N1MM_BAD_FIELD',
    });
    expect(parseN1mm('<RadioInfo><Mode>CW</Mode></RadioInfo>')).toMatchObject({ code: 'N1MM_MISSING_FIELD' });
    expect(parseN1mm('<contactdelete><app>N1MM</app></contactdelete>')).toMatchObject({
      code: 'N1MM_MISSING_FIELD',
    });
  });

  it('rejects malformed XML and oversize datagrams', () => {
    expect(parseN1mm('')).toMatchObject({ code: 'N1MM_MALFORMED' });
    expect(parseN1mm('<RadioInfo><Freq>1</Freq>')).toMatchObject({ code: 'N1MM_MALFORMED' });
    expect(parseN1mm('<RadioInfo><Freq>1</Freq></RadioInfo>trailing')).toMatchObject({
      code: 'N1MM_MALFORMED',
    });
    expect(parseN1mm(`<RadioInfo>${' '.repeat(N1MM_MAX_BYTES)}</RadioInfo>`)).toMatchObject({
      code: 'N1MM_TOO_LARGE',
    });
  });

  it('validates timestamps as real UTC times', () => {
    expect(n1mmTimestampToIso('2024-02-29 23:59:59')).toBe('2024-02-29T23:59:59.000Z');
    expect(n1mmTimestampToIso('2023-02-29 10:00:00')).toBeNull();
    expect(n1mmTimestampToIso('2023-01-01 24:00:00')).toBeNull();
    expect(n1mmTimestampToIso('17/01/2020 16:43')).toBeNull();
  });
});

describe('parseN1mm fuzzing', () => {
  const valid = [RADIO_INFO, RADIO_INFO_SPLIT, CONTACT_INFO, CONTACT_REPLACE, CONTACT_DELETE, NOT1MM_CONTACT];
  const codes = new Set([
    'N1MM_TOO_LARGE',
    'N1MM_MALFORMED',
    'N1MM_DTD_FORBIDDEN',
    'N1MM_UNKNOWN_TYPE',
    'N1MM_IGNORED_TYPE',
    'N1MM_MISSING_FIELD',
    'N1MM_BAD_FIELD',
  ]);
  const settles = (input: Uint8Array | string): boolean => {
    const result = parseN1mm(input);
    return result.ok || codes.has(result.code);
  };

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), settles), { numRuns: 400 });
  });

  it('never throws on random strings made of XML-ish pieces', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      '</',
      '/>',
      '<?',
      '?>',
      '<!--',
      '-->',
      '&',
      ';',
      '"',
      'RadioInfo',
      'Freq',
      'call',
      'x',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 200 }), (parts) =>
        settles(parts.join('')),
      ),
      { numRuns: 400 },
    );
  });

  it('rejects every truncation of a valid packet with a code, never an exception', () => {
    for (const packet of valid) {
      const bytes = Buffer.from(packet, 'utf8');
      for (let cut = 0; cut < bytes.length; cut += 1) {
        const result = parseN1mm(bytes.subarray(0, cut));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(codes.has(result.code)).toBe(true);
      }
    }
  });

  it('survives single-byte corruption of valid packets', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...valid),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        (packet, at, byte) => {
          const bytes = Buffer.from(packet, 'utf8');
          bytes[at % bytes.length] = byte;
          return settles(bytes);
        },
      ),
      { numRuns: 400 },
    );
  });
});
