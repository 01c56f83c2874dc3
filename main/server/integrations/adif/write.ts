/**
 * ADIF 3.1 ADI writer for the QSO log.
 *
 * Encoding decision: ADI is specified for ASCII. Names and addresses from QRZ.com are not always ASCII, and
 * most loggers (WSJT-X, Log4OM, N1MM+, Cloudlog) read ADI as UTF-8 with field lengths counted in bytes. We
 * therefore write UTF-8 and count every data length in UTF-8 bytes; for ASCII data (almost all of it) bytes
 * and characters are the same. The parser reads lengths as bytes too, so the two agree.
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

/** One ADI data specifier and its data: `<NAME:LENGTH>data`, LENGTH in UTF-8 bytes. */
export function adifField(name: string, value: string): string {
  return `<${name}:${Buffer.byteLength(value, 'utf8')}>${value}`;
}

/** ADIF String and MultilineString data: control characters become spaces, whitespace trimmed. */
function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return text === '' ? null : text;
}

/** The fields of one QSO, in the order they are written. */
export function qsoAdifFields(qso: QsoRecord, stationCallsign?: string | null): [string, string][] {
  const fields: [string, string][] = [];
  const put = (name: string, value: string | number | null | undefined): void => {
    const text = typeof value === 'number' ? String(value) : clean(value);
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
  put('BAND', qso.band ?? (hz === null ? null : bandForHz(hz)));
  const mode = adifMode(qso.mode);
  if (mode !== null) {
    put('MODE', mode.mode);
    put('SUBMODE', mode.submode);
  }
  const info = qso.qrz;
  put('NAME', info.name);
  put('QTH', info.address);
  // a caller's own words (manual registration) never stand in for the DXCC entity
  put('COUNTRY', info.source === 'manual' ? info.dxcc?.entity : (info.dxcc_name ?? info.dxcc?.entity));
  if (info.dxcc !== null) {
    put('DXCC', info.dxcc.adif);
    put('CQZ', info.dxcc.cq_zone);
    put('ITUZ', info.dxcc.itu_zone);
    put('CONT', info.dxcc.continent);
  }
  const grid = info.grid.grid?.trim();
  if (grid !== undefined && GRIDSQUARE_PATTERN.test(grid)) put('GRIDSQUARE', grid.toUpperCase());
  if (info.grid.lat !== null && info.grid.long !== null) {
    const lat = adifLocation(info.grid.lat, 'lat');
    const lon = adifLocation(info.grid.long, 'lon');
    if (lat !== null && lon !== null) {
      put('LAT', lat);
      put('LON', lon);
    }
  }
  put('STATION_CALLSIGN', stationCallsign?.toUpperCase());
  put('APP_PILEUPBUSTER_SOURCE', qso.source);
  put('APP_PILEUPBUSTER_QSO_ID', qso.id);
  return fields;
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
