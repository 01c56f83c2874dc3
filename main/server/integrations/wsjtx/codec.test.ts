import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeWsjtx,
  encodeClear,
  encodeHeartbeat,
  encodeHighlightCallsign,
  encodeStatus,
  WSJTX_MAX_BYTES,
  type WsjtxMessage,
} from './codec.js';
import { QDataStreamReader, QDataStreamWriter } from './qdatastream.js';
import {
  CLOSE,
  DECODE,
  fromClient,
  HEARTBEAT,
  HIGHLIGHT_CLEAR_DL1ABC,
  HIGHLIGHT_DL1ABC,
  LOGGED_ADIF,
  LOGGED_ADIF_TEXT,
  QSO_LOGGED,
  STATUS,
  STATUS_SHORT,
  withDxCall,
} from './fixtures/datagrams.js';

function ok(bytes: Uint8Array): WsjtxMessage {
  const result = decodeWsjtx(bytes);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('decodeWsjtx', () => {
  it('decodes a Heartbeat', () => {
    expect(ok(HEARTBEAT)).toEqual({
      type: 'heartbeat',
      schema: 3,
      id: 'WSJT-X',
      maxSchema: 3,
      version: '2.6.1',
      revision: '0d9b96',
    });
  });

  it('decodes every Status field in order', () => {
    expect(ok(STATUS)).toEqual({
      type: 'status',
      schema: 3,
      id: 'WSJT-X',
      dialFrequencyHz: 14_074_000,
      mode: 'FT8',
      dxCall: 'DL1ABC',
      report: '-12',
      txMode: 'FT8',
      txEnabled: true,
      transmitting: false,
      decoding: false,
      rxDf: 1500,
      txDf: 1200,
      deCall: 'EI6JGB',
      deGrid: 'IO51',
      dxGrid: 'JO62',
      txWatchdog: false,
      subMode: null,
      fastMode: false,
      specialOperationMode: 0,
      frequencyTolerance: 0xffffffff,
      trPeriod: 15,
      configurationName: 'Default',
      txMessage: 'DL1ABC EI6JGB IO51',
    });
  });

  it('accepts an old, shorter Status (schema 2) with a null DX call', () => {
    expect(ok(STATUS_SHORT)).toMatchObject({
      type: 'status',
      schema: 2,
      dialFrequencyHz: 7_076_000,
      mode: 'JT65',
      dxCall: null,
      report: null,
      txMessage: null,
    });
  });

  it('decodes QSO Logged with UTC QDateTimes', () => {
    expect(ok(QSO_LOGGED)).toEqual({
      type: 'qso_logged',
      schema: 3,
      id: 'WSJT-X',
      timeOff: '2024-03-06T13:01:45.000Z',
      dxCall: 'DL1ABC',
      dxGrid: 'JO62',
      txFrequencyHz: 14_074_000,
      mode: 'FT8',
      reportSent: '-12',
      reportReceived: '-08',
      txPower: '100',
      comments: '',
      name: 'Hans',
      timeOn: '2024-03-06T13:00:30.000Z',
      operatorCall: null,
      myCall: 'EI6JGB',
      myGrid: 'IO51',
      exchangeSent: '',
      exchangeReceived: '',
      propagationMode: '',
    });
  });

  it('decodes the same QSO Logged sent by another instance (its client id replaced)', () => {
    const fromJtdx = ok(fromClient(QSO_LOGGED, 'JTDX'));
    const { id, ...rest } = ok(QSO_LOGGED);
    expect(id).toBe('WSJT-X');
    expect(fromJtdx).toEqual({ ...rest, id: 'JTDX' });
    expect(ok(fromClient(STATUS, 'WSJT-X - IC7300'))).toMatchObject({
      id: 'WSJT-X - IC7300',
      dxCall: 'DL1ABC',
    });
    expect(ok(fromClient(withDxCall(QSO_LOGGED, 'K1ABC'), 'JTDX'))).toEqual({
      ...rest,
      id: 'JTDX',
      dxCall: 'K1ABC',
    });
    expect(() => withDxCall(HEARTBEAT, 'K1ABC')).toThrow('no DL1ABC field');
  });

  it('decodes Close and Logged ADIF', () => {
    expect(ok(CLOSE)).toEqual({ type: 'close', schema: 3, id: 'WSJT-X' });
    expect(ok(LOGGED_ADIF)).toEqual({
      type: 'logged_adif',
      schema: 3,
      id: 'WSJT-X',
      adif: LOGGED_ADIF_TEXT,
      adifBytes: new Uint8Array(Buffer.from(LOGGED_ADIF_TEXT, 'ascii')),
    });
  });

  it('reads Logged ADIF text as Latin-1, as WSJT-X writes it', () => {
    const latin1 = Buffer.from('<call:6>DL1ABC <name:6>J\u00fcrgen <eor>', 'latin1');
    const datagram = new Uint8Array(
      Buffer.concat([
        Buffer.from(LOGGED_ADIF.subarray(0, 12 + 4 + 6)),
        Buffer.from([0, 0, 0, latin1.length]),
        latin1,
      ]),
    );
    const m = ok(datagram);
    expect(m).toMatchObject({ type: 'logged_adif', adif: '<call:6>DL1ABC <name:6>J\u00fcrgen <eor>' });
  });

  it('ignores known but unused types, rejects unknown ones, bad magic and schema 1', () => {
    expect(decodeWsjtx(DECODE)).toMatchObject({ ok: false, code: 'WSJTX_IGNORED_TYPE' });
    const unknown = Uint8Array.from(CLOSE);
    unknown[11] = 99;
    expect(decodeWsjtx(unknown)).toMatchObject({ ok: false, code: 'WSJTX_UNKNOWN_TYPE' });
    const badMagic = Uint8Array.from(CLOSE);
    badMagic[0] = 0;
    expect(decodeWsjtx(badMagic)).toMatchObject({ ok: false, code: 'WSJTX_BAD_MAGIC' });
    const schema1 = Uint8Array.from(CLOSE);
    schema1[7] = 1;
    expect(decodeWsjtx(schema1)).toMatchObject({ ok: false, code: 'WSJTX_UNSUPPORTED_SCHEMA' });
    expect(decodeWsjtx(new Uint8Array(WSJTX_MAX_BYTES + 1))).toMatchObject({ code: 'WSJTX_TOO_LARGE' });
  });

  it('rejects a length field larger than the datagram without allocating it', () => {
    const lying = Uint8Array.from(LOGGED_ADIF.subarray(0, 30));
    lying.set([0x7f, 0xff, 0xff, 0xff], 22); // ADIF text length 2 GiB
    expect(decodeWsjtx(lying)).toMatchObject({ ok: false, code: 'WSJTX_TRUNCATED' });
  });

  it('ignores extra trailing bytes, as the protocol requires', () => {
    const longer = new Uint8Array([...CLOSE, 1, 2, 3]);
    expect(ok(longer)).toEqual({ type: 'close', schema: 3, id: 'WSJT-X' });
  });
});

describe('encoders', () => {
  it('encodes Highlight Callsign byte for byte', () => {
    const bytes = encodeHighlightCallsign({
      id: 'WSJT-X',
      callsign: 'DL1ABC',
      background: { red: 255, green: 255, blue: 0 },
      foreground: { red: 0, green: 0, blue: 0 },
    });
    expect(hex(bytes)).toBe(hex(HIGHLIGHT_DL1ABC));
    const clear = encodeHighlightCallsign({
      id: 'WSJT-X',
      callsign: 'DL1ABC',
      background: null,
      foreground: null,
    });
    expect(hex(clear)).toBe(hex(HIGHLIGHT_CLEAR_DL1ABC));
  });

  it('encodes a Heartbeat that matches the fixture and decodes back', () => {
    const bytes = encodeHeartbeat({ id: 'WSJT-X', version: '2.6.1', revision: '0d9b96' });
    expect(hex(bytes)).toBe(hex(HEARTBEAT));
  });

  it('encodes Clear with the window byte', () => {
    expect(hex(encodeClear({ id: 'WSJT-X', window: 2 }))).toBe(
      'adbccbda' + '00000003' + '00000003' + '0000000657534a542d58' + '02',
    );
  });

  it('encodes a Status that decodes to the DX call and frequency', () => {
    const bytes = encodeStatus({
      id: 'PileupBuster',
      dialFrequencyHz: 14_250_000,
      mode: 'USB',
      dxCall: 'W1AW',
    });
    expect(ok(bytes)).toMatchObject({
      type: 'status',
      id: 'PileupBuster',
      dialFrequencyHz: 14_250_000,
      mode: 'USB',
      dxCall: 'W1AW',
      frequencyTolerance: 0xffffffff,
      txMessage: '',
    });
  });

  it('round-trips a UTC QDateTime through writer and reader', () => {
    const ms = Date.UTC(2025, 5, 14, 23, 59, 59, 123);
    const reader = new QDataStreamReader(new QDataStreamWriter().qdatetimeUtc(ms).bytes());
    expect(reader.qdatetime()).toMatchObject({ iso: '2025-06-14T23:59:59.123Z', timeSpec: 'utc' });
  });

  it('applies an offset-from-UTC QDateTime', () => {
    const bytes = new QDataStreamWriter()
      .qint64(2_460_376n)
      .quint32(46_905_000)
      .quint8(2)
      .qint32(3600)
      .bytes();
    expect(new QDataStreamReader(bytes).qdatetime()).toMatchObject({
      iso: '2024-03-06T12:01:45.000Z',
      timeSpec: 'offset',
    });
  });
});

describe('decodeWsjtx fuzzing', () => {
  const valid = [HEARTBEAT, STATUS, STATUS_SHORT, QSO_LOGGED, CLOSE, LOGGED_ADIF, DECODE];
  const codes = new Set([
    'WSJTX_TOO_LARGE',
    'WSJTX_BAD_MAGIC',
    'WSJTX_UNSUPPORTED_SCHEMA',
    'WSJTX_TRUNCATED',
    'WSJTX_MALFORMED',
    'WSJTX_UNKNOWN_TYPE',
    'WSJTX_IGNORED_TYPE',
  ]);
  const settles = (bytes: Uint8Array): boolean => {
    const result = decodeWsjtx(bytes);
    return result.ok || codes.has(result.code);
  };

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 1024 }), settles), { numRuns: 500 });
  });

  it('never throws on random bytes after a valid header', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.uint8Array({ maxLength: 512 }), (type, body) => {
        const head = new QDataStreamWriter()
          .quint32(0xadbccbda)
          .quint32(3)
          .quint32(type)
          .utf8('WSJT-X')
          .bytes();
        return settles(new Uint8Array([...head, ...body]));
      }),
      { numRuns: 500 },
    );
  });

  it('rejects every truncation inside a required field with a code', () => {
    for (const datagram of valid) {
      for (let cut = 0; cut < datagram.length; cut += 1) {
        expect(settles(datagram.subarray(0, cut))).toBe(true);
      }
    }
    // Cut inside the required part of QSO Logged (before "time on" ends): always WSJTX_TRUNCATED.
    for (let cut = 22; cut < 114; cut += 1) {
      expect(decodeWsjtx(QSO_LOGGED.subarray(0, cut))).toMatchObject({ ok: false, code: 'WSJTX_TRUNCATED' });
    }
  });

  it('survives corruption of any byte of a valid datagram', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...valid),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        (datagram, at, byte) => {
          const copy = Uint8Array.from(datagram);
          copy[at % copy.length] = byte;
          return settles(copy);
        },
      ),
      { numRuns: 500 },
    );
  });
});
