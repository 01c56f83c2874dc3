/**
 * ADX, the XML form of ADIF 3.1: `<ADX><HEADER>…</HEADER><RECORDS><RECORD><CALL>…</CALL>…</RECORD></RECORDS></ADX>`
 * in UTF-8. Its String fields are ASCII as in ADI; the *_INTL fields (NAME_INTL, QTH_INTL, COMMENT_INTL,
 * COUNTRY_INTL) carry the original Unicode text. Application fields are
 * `<APP PROGRAMID="PILEUPBUSTER" FIELDNAME="SOURCE" TYPE="S">…</APP>`.
 *
 * The reader turns an ADX document into the same records as the ADI parser (field name -> text, APP fields as
 * `APP_<PROGRAMID>_<FIELDNAME>`), so one import path serves both.
 */
import type { QsoRecord } from '../../../../shared/protocol/types.js';
import { accept, reject, type ParseResult } from '../result.js';
import type { AdifDocument, AdifErrorCode, AdifRecord } from './parse.js';
import { ADIF_MAX_BYTES } from './parse.js';
import { ADIF_PROGRAM_ID, ADIF_VERSION, INTL_FIELDS, isAscii, qsoFieldValues, toAscii } from './write.js';
import { adifDateTime } from './fields.js';

const EOL = '\r\n';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) =>
    ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : ch === '"' ? '&quot;' : '&apos;',
  );
}

const APP_PREFIX = 'APP_PILEUPBUSTER_';

/** One QSO as an ADX <RECORD>. */
export function adxRecord(qso: QsoRecord, stationCallsign?: string | null): string {
  const parts: string[] = [];
  for (const [name, value] of qsoFieldValues(qso, stationCallsign)) {
    if (name.startsWith(APP_PREFIX)) {
      const field = name.slice(APP_PREFIX.length);
      parts.push(
        `<APP PROGRAMID="PILEUPBUSTER" FIELDNAME="${field}" TYPE="S">${escapeXml(toAscii(value))}</APP>`,
      );
      continue;
    }
    const ascii = isAscii(value) ? value : toAscii(value);
    if (ascii !== '') parts.push(`<${name}>${escapeXml(ascii)}</${name}>`);
    if (INTL_FIELDS.has(name) && !isAscii(value))
      parts.push(`<${name}_INTL>${escapeXml(value)}</${name}_INTL>`);
  }
  return `<RECORD>${parts.join('')}</RECORD>${EOL}`;
}

export function adxHeader(opts: { programVersion: string; createdAtMs: number }): string {
  const created = adifDateTime(new Date(opts.createdAtMs).toISOString());
  return (
    `<?xml version="1.0" encoding="UTF-8"?>${EOL}<ADX>${EOL}<HEADER>` +
    `<ADIF_VER>${ADIF_VERSION}</ADIF_VER><PROGRAMID>${ADIF_PROGRAM_ID}</PROGRAMID>` +
    `<PROGRAMVERSION>${escapeXml(opts.programVersion)}</PROGRAMVERSION>` +
    `<CREATED_TIMESTAMP>${created === null ? '' : `${created.date} ${created.time}`}</CREATED_TIMESTAMP>` +
    `</HEADER>${EOL}<RECORDS>${EOL}`
  );
}

export const ADX_FOOTER = `</RECORDS>${EOL}</ADX>${EOL}`;

/** A complete ADX document, one record per QSO in the given order. */
export function writeAdx(
  qsos: readonly QsoRecord[],
  opts: { programVersion: string; createdAtMs: number; stationCallsign?: string | null },
): string {
  return adxHeader(opts) + qsos.map((q) => adxRecord(q, opts.stationCallsign)).join('') + ADX_FOOTER;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,4});/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function attribute(attrs: string, name: string): string | null {
  const m = new RegExp(`${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(attrs);
  return m === null ? null : unescapeXml(m[2] ?? m[3] ?? '');
}

/** The fields of one <HEADER> or <RECORD> body. */
function fieldsOf(body: string): AdifRecord {
  const record: AdifRecord = new Map();
  const re = /<([A-Za-z][A-Za-z0-9_]*)((?:\s+[^>]*?)?)(?:\/>|>([\s\S]*?)<\/\1\s*>)/g;
  for (const m of body.matchAll(re)) {
    const tag = (m[1] ?? '').toUpperCase();
    const value = unescapeXml(m[3] ?? '');
    let name = tag;
    if (tag === 'APP' || tag === 'USERDEF') {
      const program = attribute(m[2] ?? '', 'PROGRAMID');
      const field = attribute(m[2] ?? '', 'FIELDNAME');
      if (field === null) continue;
      name =
        tag === 'APP' && program !== null ? `APP_${program}_${field}`.toUpperCase() : field.toUpperCase();
    }
    if (!record.has(name)) record.set(name, value);
  }
  return record;
}

/** Reads an ADX document into header and records; a document without <ADX> is ADIF_MALFORMED. */
export function parseAdx(input: string | Uint8Array): ParseResult<AdifDocument, AdifErrorCode> {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > ADIF_MAX_BYTES) return reject('ADIF_TOO_LARGE', `ADX of ${size} bytes is too large`);
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  if (!/<ADX[\s>]/i.test(text)) return reject('ADIF_MALFORMED', 'Not an ADX document (no <ADX> element)');
  const headerMatch = /<HEADER>([\s\S]*?)<\/HEADER>/i.exec(text);
  const records: AdifRecord[] = [];
  let unterminated = 0;
  const re = /<RECORD>([\s\S]*?)(?:<\/RECORD>|(?=<RECORD>)|$)/gi;
  for (const m of text.matchAll(re)) {
    const whole = m[0];
    if (!/<\/RECORD>$/i.test(whole)) {
      unterminated += 1;
      continue;
    }
    records.push(fieldsOf(m[1] ?? ''));
  }
  return accept({
    header: headerMatch === null ? new Map() : fieldsOf(headerMatch[1] ?? ''),
    records,
    unterminatedFields: unterminated,
  });
}

/** Whether a file's text looks like ADX rather than ADI. */
export function looksLikeAdx(head: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?<ADX[\s>]/i.test(head);
}
