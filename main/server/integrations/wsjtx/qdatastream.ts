/**
 * The subset of Qt's QDataStream (big-endian, Qt_5_2 / Qt_5_4 formats) that the WSJT-X UDP protocol uses.
 *
 * Reading checks every bound before it touches a byte: a short buffer throws `QDataStreamError`, which the
 * message decoder turns into a typed rejection. Lengths are checked against the bytes left before anything
 * is allocated, so a hostile length field cannot make us allocate or loop.
 */

export class QDataStreamError extends Error {
  constructor(
    readonly code: 'TRUNCATED' | 'BAD_VALUE',
    message: string,
  ) {
    super(message);
    this.name = 'QDataStreamError';
  }
}

/** Julian day number of 1970-01-01. */
export const UNIX_EPOCH_JULIAN_DAY = 2_440_588;
const MS_PER_DAY = 86_400_000;
const NULL_LENGTH = 0xffffffff;

export type QtTimeSpec = 'local' | 'utc' | 'offset' | 'zone';

export interface QDateTimeValue {
  /** ISO 8601 UTC with `Z`; null for a null or out-of-range QDateTime. */
  iso: string | null;
  /** Milliseconds since the Unix epoch in UTC; null when `iso` is null. */
  ms: number | null;
  timeSpec: QtTimeSpec;
  /** Seconds east of UTC when timeSpec is `offset`. */
  offsetSeconds: number;
  /** IANA zone id when timeSpec is `zone` (the time is then taken as UTC: zone rules are not applied). */
  zoneId: string | null;
}

export interface QColorValue {
  /** 0 invalid, 1 RGB (the only specs we write). */
  spec: number;
  alpha: number;
  red: number;
  green: number;
  blue: number;
}

const utf8 = new TextDecoder('utf-8');
const utf16be = new TextDecoder('utf-16be');

export class QDataStreamReader {
  private readonly view: DataView;
  private pos: number;

  constructor(
    private readonly bytes: Uint8Array,
    offset = 0,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = offset;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.bytes.byteLength - this.pos;
  }

  private need(n: number, what: string): void {
    if (this.remaining < n) {
      throw new QDataStreamError(
        'TRUNCATED',
        `${what} needs ${n} bytes at offset ${this.pos}, ${this.remaining} left`,
      );
    }
  }

  quint8(): number {
    this.need(1, 'quint8');
    const v = this.view.getUint8(this.pos);
    this.pos += 1;
    return v;
  }

  qint8(): number {
    this.need(1, 'qint8');
    const v = this.view.getInt8(this.pos);
    this.pos += 1;
    return v;
  }

  bool(): boolean {
    return this.quint8() !== 0;
  }

  quint16(): number {
    this.need(2, 'quint16');
    const v = this.view.getUint16(this.pos);
    this.pos += 2;
    return v;
  }

  quint32(): number {
    this.need(4, 'quint32');
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }

  qint32(): number {
    this.need(4, 'qint32');
    const v = this.view.getInt32(this.pos);
    this.pos += 4;
    return v;
  }

  qint64(): bigint {
    this.need(8, 'qint64');
    const v = this.view.getBigInt64(this.pos);
    this.pos += 8;
    return v;
  }

  /** A quint64 that must fit a JavaScript number exactly (frequencies in Hz do). */
  quint64(): number {
    this.need(8, 'quint64');
    const v = this.view.getBigUint64(this.pos);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new QDataStreamError('BAD_VALUE', `quint64 ${v} at offset ${this.pos} is too large`);
    }
    this.pos += 8;
    return Number(v);
  }

  double(): number {
    this.need(8, 'double');
    const v = this.view.getFloat64(this.pos);
    this.pos += 8;
    return v;
  }

  /** QByteArray as bytes (a copy); 0xffffffff is the null array. */
  byteArray(): Uint8Array | null {
    const length = this.quint32();
    if (length === NULL_LENGTH) return null;
    this.need(length, 'bytes');
    const bytes = this.bytes.slice(this.pos, this.pos + length);
    this.pos += length;
    return bytes;
  }

  /** QByteArray holding UTF-8 text; 0xffffffff is the null array. */
  utf8(): string | null {
    const length = this.quint32();
    if (length === NULL_LENGTH) return null;
    this.need(length, 'utf8 bytes');
    const text = utf8.decode(this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
    return text;
  }

  /** QString: byte length of UTF-16BE data; 0xffffffff is the null string. */
  qstring(): string | null {
    const length = this.quint32();
    if (length === NULL_LENGTH) return null;
    if (length % 2 !== 0) throw new QDataStreamError('BAD_VALUE', `QString byte length ${length} is odd`);
    this.need(length, 'QString bytes');
    const text = utf16be.decode(this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
    return text;
  }

  /** QTime: milliseconds since midnight, 0xffffffff for a null time. */
  qtime(): number | null {
    const ms = this.quint32();
    return ms === NULL_LENGTH ? null : ms;
  }

  /** QDateTime in the Qt_5_2+ format: qint64 Julian day, quint32 ms of day, quint8 timespec [, offset | zone]. */
  qdatetime(): QDateTimeValue {
    const julianDay = this.qint64();
    const msOfDay = this.qtime();
    const specByte = this.quint8();
    let timeSpec: QtTimeSpec;
    let offsetSeconds = 0;
    let zoneId: string | null = null;
    switch (specByte) {
      case 0:
        timeSpec = 'local';
        break;
      case 1:
        timeSpec = 'utc';
        break;
      case 2:
        timeSpec = 'offset';
        offsetSeconds = this.qint32();
        break;
      case 3:
        timeSpec = 'zone';
        zoneId = this.qstring();
        break;
      default:
        throw new QDataStreamError('BAD_VALUE', `Unknown QDateTime timespec ${specByte}`);
    }
    // Years 1900..2200 only; a null QDate is a huge negative day number.
    const minDay = 2_415_021n;
    const maxDay = 2_524_594n;
    if (msOfDay === null || julianDay < minDay || julianDay > maxDay || msOfDay >= MS_PER_DAY) {
      return { iso: null, ms: null, timeSpec, offsetSeconds, zoneId };
    }
    const ms = (Number(julianDay) - UNIX_EPOCH_JULIAN_DAY) * MS_PER_DAY + msOfDay - offsetSeconds * 1000;
    return { iso: new Date(ms).toISOString(), ms, timeSpec, offsetSeconds, zoneId };
  }

  /** QColor: qint8 spec, quint16 alpha, red, green, blue, pad (16-bit channels). */
  qcolor(): QColorValue {
    const spec = this.qint8();
    const alpha = this.quint16();
    const red = this.quint16();
    const green = this.quint16();
    const blue = this.quint16();
    this.quint16();
    return { spec, alpha: alpha >> 8, red: red >> 8, green: green >> 8, blue: blue >> 8 };
  }
}

/** Big-endian writer; `bytes()` returns exactly what was written. */
export class QDataStreamWriter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  private push(chunk: Uint8Array): this {
    this.chunks.push(chunk);
    this.size += chunk.byteLength;
    return this;
  }

  private fixed(n: number, fill: (view: DataView) => void): this {
    const chunk = new Uint8Array(n);
    fill(new DataView(chunk.buffer));
    return this.push(chunk);
  }

  quint8(v: number): this {
    return this.fixed(1, (d) => d.setUint8(0, v));
  }

  qint8(v: number): this {
    return this.fixed(1, (d) => d.setInt8(0, v));
  }

  bool(v: boolean): this {
    return this.quint8(v ? 1 : 0);
  }

  quint16(v: number): this {
    return this.fixed(2, (d) => d.setUint16(0, v));
  }

  quint32(v: number): this {
    return this.fixed(4, (d) => d.setUint32(0, v));
  }

  qint32(v: number): this {
    return this.fixed(4, (d) => d.setInt32(0, v));
  }

  qint64(v: bigint): this {
    return this.fixed(8, (d) => d.setBigInt64(0, v));
  }

  quint64(v: number): this {
    return this.fixed(8, (d) => d.setBigUint64(0, BigInt(v)));
  }

  double(v: number): this {
    return this.fixed(8, (d) => d.setFloat64(0, v));
  }

  utf8(text: string | null): this {
    if (text === null) return this.quint32(NULL_LENGTH);
    const bytes = Buffer.from(text, 'utf8');
    return this.quint32(bytes.byteLength).push(new Uint8Array(bytes));
  }

  qtime(ms: number | null): this {
    return this.quint32(ms ?? NULL_LENGTH);
  }

  /** Writes a UTC QDateTime (timespec 1). */
  qdatetimeUtc(ms: number): this {
    const day = Math.floor(ms / MS_PER_DAY);
    return this.qint64(BigInt(day + UNIX_EPOCH_JULIAN_DAY))
      .qtime(ms - day * MS_PER_DAY)
      .quint8(1);
  }

  /** An RGB QColor from 8-bit channels, or the invalid colour when `color` is null. */
  qcolor(color: { red: number; green: number; blue: number; alpha?: number } | null): this {
    if (color === null) return this.qint8(0).quint16(0xffff).quint16(0).quint16(0).quint16(0).quint16(0);
    const wide = (c: number): number => (c & 0xff) * 0x101;
    return this.qint8(1)
      .quint16(wide(color.alpha ?? 255))
      .quint16(wide(color.red))
      .quint16(wide(color.green))
      .quint16(wide(color.blue))
      .quint16(0);
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.byteLength;
    }
    return out;
  }
}
