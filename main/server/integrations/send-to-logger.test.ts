import { describe, expect, it } from 'vitest';
import { highlightDatagram, n1mmBandMhz, qsoStartDatagram, type QsoStart } from './send-to-logger.js';
import { decodeWsjtx } from './wsjtx/codec.js';
import { parseFlatXml } from './n1mm/xml.js';
import { HIGHLIGHT_CLEAR_DL1ABC, HIGHLIGHT_DL1ABC } from './wsjtx/fixtures/datagrams.js';

const qso: QsoStart = {
  callsign: 'DL1ABC',
  timestamp: '2024-03-06T13:00:30.000Z',
  freqHz: 14_250_000,
  mode: 'SSB',
  name: 'Jürgen <Jo> & Co',
  countryPrefix: 'DL',
  continent: 'EU',
};

describe('send to logger', () => {
  it('highlights and clears in WSJT-X with the peer id', () => {
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    expect(hex(highlightDatagram({ id: 'WSJT-X', schema: 3 }, 'DL1ABC'))).toBe(hex(HIGHLIGHT_DL1ABC));
    expect(hex(highlightDatagram({ id: 'WSJT-X', schema: 3 }, 'DL1ABC', true))).toBe(
      hex(HIGHLIGHT_CLEAR_DL1ABC),
    );
  });

  it('sends a WSJT-X Status with the DX call, not a logged QSO', () => {
    const decoded = decodeWsjtx(qsoStartDatagram('wsjtx_status', qso));
    expect(decoded).toMatchObject({
      ok: true,
      value: {
        type: 'status',
        id: 'PileupBuster',
        dxCall: 'DL1ABC',
        dialFrequencyHz: 14_250_000,
        mode: 'SSB',
      },
    });
  });

  it('sends an N1MM lookupinfo with escaped text and N1MM units', () => {
    const text = Buffer.from(qsoStartDatagram('n1mm_lookupinfo', qso)).toString('utf8');
    const doc = parseFlatXml(text);
    if (!doc.ok) throw new Error(doc.message);
    expect(doc.value.root).toBe('lookupinfo');
    expect(Object.fromEntries(doc.value.fields)).toMatchObject({
      app: 'PileupBuster',
      call: 'DL1ABC',
      timestamp: '2024-03-06 13:00:30',
      band: '14',
      rxfreq: '1425000',
      txfreq: '1425000',
      mode: 'SSB',
      name: 'Jürgen <Jo> & Co',
      countryprefix: 'DL',
    });
  });

  it('sends JSON in the shape of the original bridge', () => {
    const json: unknown = JSON.parse(
      Buffer.from(qsoStartDatagram('json', { ...qso, mode: null })).toString(),
    );
    expect(json).toEqual({
      type: 'qso_start',
      data: {
        callsign: 'DL1ABC',
        timestamp: '2024-03-06T13:00:30.000Z',
        source: 'pileup_buster',
        frequency_mhz: 14.25,
      },
    });
  });

  it('writes N1MM band numbers', () => {
    expect(n1mmBandMhz(1_830_000)).toBe('1.8');
    expect(n1mmBandMhz(3_573_000)).toBe('3.5');
    expect(n1mmBandMhz(10_136_000)).toBe('10');
    expect(n1mmBandMhz(144_300_000)).toBe('144');
    expect(n1mmBandMhz(12_000_000)).toBeNull();
  });
});
