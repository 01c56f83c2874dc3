/**
 * ADIF 3.1 ADI writer for the QSO log.
 *
 * Encoding: ADI String fields are ASCII, and readers disagree on anything else (WSJT-X itself writes Latin-1
 * with lengths in characters; adif-parser-ts counts characters, other readers bytes). So the ADI export is pure
 * ASCII: non-ASCII text in NAME, QTH, COMMENT... is transliterated (Jürgen -> Jurgen, ß -> ss; what has no
 * ASCII form is left out), and every length is then both characters and bytes. The original text goes to
 * NAME_INTL, QTH_INTL, COMMENT_INTL in the ADX (ADIF XML) export (adx.ts), which carries Unicode.
 */
import type { QsoRecord } from '../../../../shared/protocol/types.js';
import { bandForHz, formatMHz, parseFrequencyToHz } from '../../../../shared/radio.js';
import { adifDateTime, adifLocation, adifMode, GRIDSQUARE_PATTERN } from './fields.js';

export const ADIF_VERSION = '3.1.4';
export const ADIF_PROGRAM_ID = 'PileupBuster';
const EOL = '\r\n';

export interface AdifExportOptions {
  programVersion: string;
  /** Export time (ms since the epoch) for CREATED_TIMESTAMP. */
  createdAtMs: number;
  /** Our station's callsign, written as STATION_CALLSIGN on every record when given. */
  stationCallsign?: string | null;
}

/** One ADI data specifier and its data: `<NAME:LENGTH>data` (data is ASCII, so LENGTH is characters and bytes). */
export function adifField(name: string, value: string): string {
  return `<${name}:${Buffer.byteLength(value, 'utf8')}>${value}`;
}

/** Text data: control characters become spaces, whitespace trimmed (Unicode kept: the *_INTL fields). */
export function cleanText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return text === '' ? null : text;
}

/** Letters that do not decompose into an ASCII letter plus marks. */
const ASCII_FOR: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'SS',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  Ø: 'O',
  ø: 'o',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ð: 'D',
  ð: 'd',
  Þ: 'Th',
  þ: 'th',
  ı: 'i',
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u00a0': ' ',
};

/** ASCII for ADI String data: Jürgen Müller -> Jurgen Muller; characters without an ASCII form are dropped. */
export function toAscii(value: string): string {
  const decomposed = value.normalize('NFKD').replace(/\p{M}+/gu, '');
  let out = '';
  for (const ch of decomposed) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code < 0x7f) out += ch;
    else out += ASCII_FOR[ch] ?? ' ';
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** Whether text needs an *_INTL field to keep it. */
export function isAscii(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[\u0000-\u007f]*$/.test(value);
}

/** The fields of one QSO, in the order they are written, as text (Unicode; the ADI writer makes it ASCII). */
export function qsoFieldValues(qso: QsoRecord, stationCallsign?: string | null): [string, string][] {
  const fields: [string, string][] = [];
  const put = (name: string, value: string | number | null | undefined): void => {
    const text = typeof value === 'number' ? String(value) : cleanText(value);
    if (text !== null && text !== '') fields.push([name, text]);
  };
  put('CALL', qso.callsign.toUpperCase());
  const on = adifDateTime(qso.time_on);
  put('QSO_DATE', on?.date);
  put('TIME_ON', on?.time);
  const off = adifDateTime(qso.time_off);
  put('QSO_DATE_OFF', off?.date);
  put('TIME_OFF', off?.time);
  const hz = qso.frequency === null ? null : parseFrequencyToHz(qso.frequency);
  if (hz !== null) put('FREQ', formatMHz(hz));
  const rxHz = qso.rx_frequency == null ? null : parseFrequencyToHz(qso.rx_frequency);
  if (rxHz !== null) put('FREQ_RX', formatMHz(rxHz));
  put('BAND', qso.band ?? (hz === null ? null : bandForHz(hz)));
  const mode = adifMode(qso.submode ?? qso.mode) ?? adifMode(qso.mode);
  if (mode !== null) {
    put('MODE', mode.mode);
    put('SUBMODE', mode.submode);
  }
  put('RST_SENT', qso.rst_sent);
  put('RST_RCVD', qso.rst_rcvd);
  const info = qso.qrz;
  put('NAME', qso.name ?? info.name);
  put('QTH', info.address);
  // a caller's own words (manual registration) never stand in for the DXCC entity
  put('COUNTRY', info.source === 'manual' ? info.dxcc?.entity : (info.dxcc_name ?? info.dxcc?.entity));
  if (info.dxcc !== null) {
    put('DXCC', info.dxcc.adif);
    put('CQZ', info.dxcc.cq_zone);
    put('ITUZ', info.dxcc.itu_zone);
    put('CONT', info.dxcc.continent);
  }
  const grid = (qso.grid ?? info.grid.grid)?.trim();
  if (grid !== undefined && GRIDSQUARE_PATTERN.test(grid)) put('GRIDSQUARE', grid.toUpperCase());
  if (info.grid.lat !== null && info.grid.long !== null) {
    const lat = adifLocation(info.grid.lat, 'lat');
    const lon = adifLocation(info.grid.long, 'lon');
    if (lat !== null && lon !== null) {
      put('LAT', lat);
      put('LON', lon);
    }
  }
  const power = qso.tx_power?.trim();
  if (power !== undefined && /^\d{1,6}(\.\d{1,3})?$/.test(power)) put('TX_PWR', power);
  put('COMMENT', qso.comment);
  put('OPERATOR', qso.operator?.toUpperCase());
  put('STATION_CALLSIGN', (qso.station_callsign ?? stationCallsign)?.toUpperCase());
  put('APP_PILEUPBUSTER_SOURCE', qso.source);
  put('APP_PILEUPBUSTER_LOGGED_BY', qso.logged_by);
  put('APP_PILEUPBUSTER_LOGGER_ID', qso.logger_id);
  put('APP_PILEUPBUSTER_QSO_ID', qso.id);
  // the country the caller typed (manual registration), kept in its own field: COUNTRY stays the DXCC entity
  if (info.source === 'manual') put('APP_PILEUPBUSTER_CALLER_COUNTRY', info.dxcc_name);
  return fields;
}

/** Fields whose Unicode original the ADX export keeps in an *_INTL twin. */
export const INTL_FIELDS = new Set(['NAME', 'QTH', 'COMMENT', 'COUNTRY']);

/** The fields of one QSO as ADI writes them: pure ASCII (fields with nothing left in ASCII are dropped). */
export function qsoAdifFields(qso: QsoRecord, stationCallsign?: string | null): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of qsoFieldValues(qso, stationCallsign)) {
    const ascii = isAscii(value) ? value : toAscii(value);
    if (ascii !== '') out.push([name, ascii]);
  }
  return out;
}

export function adifHeader(opts: AdifExportOptions): string {
  const created = adifDateTime(new Date(opts.createdAtMs).toISOString());
  return (
    `Pileup Buster QSO log export${EOL}` +
    [
      adifField('ADIF_VER', ADIF_VERSION),
      adifField('PROGRAMID', ADIF_PROGRAM_ID),
      adifField('PROGRAMVERSION', opts.programVersion),
      adifField('CREATED_TIMESTAMP', created === null ? '' : `${created.date} ${created.time}`),
    ].join(EOL) +
    `${EOL}<EOH>${EOL}`
  );
}

export function adifRecord(qso: QsoRecord, stationCallsign?: string | null): string {
  return (
    qsoAdifFields(qso, stationCallsign)
      .map(([name, value]) => adifField(name, value))
      .join(' ') + ` <EOR>${EOL}`
  );
}

/** A complete ADI document: header, then one record per QSO in the given order. */
export function writeAdif(qsos: readonly QsoRecord[], opts: AdifExportOptions): string {
  return adifHeader(opts) + EOL + qsos.map((qso) => adifRecord(qso, opts.stationCallsign)).join('');
}
