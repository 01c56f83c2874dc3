/**
 * A small, safe reader for the flat XML documents that N1MM+ and compatible loggers broadcast:
 * one root element whose children are simple `<name>text</name>` elements.
 *
 * Deliberately not a general XML parser: no DTDs (a document with `<!DOCTYPE` or `<!ENTITY` is refused),
 * no external entities, only the five predefined entities and numeric character references are decoded.
 * Nested children are skipped. Every loop advances, so malformed or hostile input ends quickly.
 */
import { accept, reject, type ParseResult, type Rejection } from '../result.js';

export type FlatXmlErrorCode = 'XML_MALFORMED' | 'XML_DTD_FORBIDDEN' | 'XML_TOO_MANY_FIELDS';

export interface FlatXmlDocument {
  /** Root element name as written (N1MM uses `RadioInfo`, `contactinfo`, ...). */
  root: string;
  /** Child element text by lower-cased element name; the first occurrence wins. */
  fields: Map<string, string>;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_.:-]/;
const MAX_NAME_LENGTH = 128;
export const MAX_XML_FIELDS = 512;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes predefined entities and numeric references; anything else is left as written. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z]{2,4});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      return String.fromCodePoint(code);
    }
    return PREDEFINED[body] ?? whole;
  });
}

function readName(text: string, start: number): string | null {
  const first = text[start];
  if (first === undefined || !NAME_START.test(first)) return null;
  let end = start + 1;
  while (end < text.length && end - start <= MAX_NAME_LENGTH) {
    const ch = text[end];
    if (ch === undefined || !NAME_CHAR.test(ch)) break;
    end += 1;
  }
  if (end - start > MAX_NAME_LENGTH) return null;
  return text.slice(start, end);
}

/** From just after the element name, finds the `>` that ends the start tag, honouring quoted attribute values. */
function endOfStartTag(text: string, from: number): { end: number; selfClosing: boolean } | null {
  let quote: string | null = null;
  for (let i = from; i < text.length; i += 1) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '<') return null;
    else if (ch === '>') return { end: i, selfClosing: text[i - 1] === '/' };
  }
  return null;
}

/** Skips whitespace, comments and processing instructions; returns the next index or -1 on an unterminated one. */
function skipMisc(text: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i += 1;
    if (text.startsWith('<?', i)) {
      const close = text.indexOf('?>', i + 2);
      if (close < 0) return -1;
      i = close + 2;
    } else if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close < 0) return -1;
      i = close + 3;
    } else {
      return i;
    }
  }
}

function elementText(raw: string): string | null {
  // CDATA only, or plain text; anything with markup inside is a nested element and is skipped.
  const trimmed = raw.trim();
  if (trimmed.startsWith('<![CDATA[') && trimmed.endsWith(']]>')) {
    const inner = trimmed.slice(9, -3);
    return inner.includes(']]>') ? null : inner;
  }
  if (raw.includes('<')) return null;
  return decodeXmlText(raw).trim();
}

export function parseFlatXml(input: string): ParseResult<FlatXmlDocument, FlatXmlErrorCode> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    return reject('XML_DTD_FORBIDDEN', 'Document type declarations and entities are not accepted');
  }
  const start = skipMisc(text, 0);
  if (start < 0 || text[start] !== '<') return reject('XML_MALFORMED', 'No root element');
  const root = readName(text, start + 1);
  if (root === null) return reject('XML_MALFORMED', 'Root element has no valid name');
  const rootTag = endOfStartTag(text, start + 1 + root.length);
  if (rootTag === null) return reject('XML_MALFORMED', `Start tag <${root}> is not closed`);
  const fields = new Map<string, string>();
  let afterRoot: number;
  if (rootTag.selfClosing) {
    afterRoot = rootTag.end + 1;
  } else {
    const closeAt = text.lastIndexOf(`</${root}`);
    if (closeAt <= rootTag.end) return reject('XML_MALFORMED', `Missing </${root}>`);
    const closeEnd = text.indexOf('>', closeAt);
    if (closeEnd < 0 || text.slice(closeAt + 2 + root.length, closeEnd).trim() !== '') {
      return reject('XML_MALFORMED', `Bad end tag </${root}>`);
    }
    afterRoot = closeEnd + 1;
    const content = text.slice(rootTag.end + 1, closeAt);
    const parsed = parseChildren(content, fields);
    if (parsed !== null) return parsed;
  }
  const tail = skipMisc(text, afterRoot);
  if (tail < 0 || text.slice(tail).trim() !== '') {
    return reject('XML_MALFORMED', `Unexpected content after </${root}>`);
  }
  return accept({ root, fields });
}

function parseChildren(content: string, fields: Map<string, string>): Rejection<FlatXmlErrorCode> | null {
  let i = 0;
  let count = 0;
  while (i < content.length) {
    const lt = content.indexOf('<', i);
    if (lt < 0) break; // trailing text between elements is ignored
    if (content.startsWith('<!--', lt)) {
      const close = content.indexOf('-->', lt + 4);
      if (close < 0) return reject('XML_MALFORMED', 'Unterminated comment');
      i = close + 3;
      continue;
    }
    if (content.startsWith('<![CDATA[', lt)) {
      const close = content.indexOf(']]>', lt + 9);
      if (close < 0) return reject('XML_MALFORMED', 'Unterminated CDATA section');
      i = close + 3;
      continue;
    }
    if (content.startsWith('<?', lt)) {
      const close = content.indexOf('?>', lt + 2);
      if (close < 0) return reject('XML_MALFORMED', 'Unterminated processing instruction');
      i = close + 2;
      continue;
    }
    const name = readName(content, lt + 1);
    if (name === null) return reject('XML_MALFORMED', `Bad element at offset ${lt}`);
    const tag = endOfStartTag(content, lt + 1 + name.length);
    if (tag === null) return reject('XML_MALFORMED', `Start tag <${name}> is not closed`);
    count += 1;
    if (count > MAX_XML_FIELDS) return reject('XML_TOO_MANY_FIELDS', `More than ${MAX_XML_FIELDS} elements`);
    const key = name.toLowerCase();
    if (tag.selfClosing) {
      if (!fields.has(key)) fields.set(key, '');
      i = tag.end + 1;
      continue;
    }
    const closeTag = findEndTag(content, name, tag.end + 1);
    if (closeTag === null) return reject('XML_MALFORMED', `Missing </${name}>`);
    const value = elementText(content.slice(tag.end + 1, closeTag.start));
    if (value !== null && !fields.has(key)) fields.set(key, value);
    i = closeTag.end + 1;
  }
  return null;
}

function findEndTag(text: string, name: string, from: number): { start: number; end: number } | null {
  let at = from;
  for (;;) {
    const start = text.indexOf(`</${name}`, at);
    if (start < 0) return null;
    let j = start + 2 + name.length;
    while (j < text.length && /\s/.test(text[j] ?? '')) j += 1;
    if (text[j] === '>') return { start, end: j };
    at = start + 2; // `</Freqx>` is another element; keep looking
  }
}
