/**
 * Offline DXCC resolution from the AD1C country files (cty.csv, cty.dat; country-files.com).
 *
 * Sign conventions: the files store longitude and UTC offset west-positive; everything this module
 * returns is east-positive (the parser negates both, including `<lat/lon>` and `~offset~` overrides).
 *
 * Entities whose primary prefix starts with `*` (Vienna Intl Ctr, Sicily, Shetland, ...) exist only for
 * the CQ WAE award. They are kept for their zones and coordinates but resolve to the DXCC entity that
 * shares their ADIF number (e.g. IT9 → Italy, with the Sicilian coordinates).
 */
import type { DxccInfo } from '../../../shared/protocol/types.js';

export type CtyErrorCode = 'CTY_INVALID' | 'CTY_TOO_SMALL' | 'CTY_UNKNOWN_FORMAT';

export class CtyError extends Error {
  readonly code: CtyErrorCode;
  /** 1-based line of the first problem, when there is one. */
  readonly line: number | null;
  constructor(code: CtyErrorCode, message: string, line: number | null = null) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.name = 'CtyError';
    this.code = code;
    this.line = line;
  }
}

export interface CtyEntity {
  /** Entity name as written in the file. */
  name: string;
  /** ADIF entity number (0 when unknown, e.g. a cty.dat entity absent from the reference table). */
  adif: number;
  /** Primary prefix without the WAE marker `*`, e.g. "DL", "3D2/c". */
  prefix: string;
  continent: string;
  cqZone: number;
  ituZone: number;
  lat: number;
  /** East positive. */
  lon: number;
  /** Hours, east positive. */
  utcOffset: number;
  /** True for the `*` entities that count for CQ WAE only. */
  waeOnly: boolean;
}

interface Overrides {
  cqZone?: number;
  ituZone?: number;
  lat?: number;
  lon?: number;
  continent?: string;
  utcOffset?: number;
}

interface Alias {
  entity: number;
  overrides: Overrides;
}

export interface CtyTable {
  entities: CtyEntity[];
  /** Prefix → entity (and per-prefix overrides). */
  prefixes: Map<string, Alias>;
  /** Exact callsign (`=CALL`) → entity. */
  exact: Map<string, Alias>;
  maxPrefixLength: number;
  /** Release marker found in the file (`=VER20230502` → "20230502"), or null. */
  version: string | null;
  format: 'csv' | 'dat';
}

export interface CtySummary {
  format: 'csv' | 'dat';
  entities: number;
  prefixes: number;
  exceptions: number;
  version: string | null;
}

/** Minimum sizes a real country file easily passes (2023 release: 346 entities, ~7,700 prefixes). */
const MIN_ENTITIES = 250;
const MIN_PREFIXES = 1000;
const CONTINENTS = new Set(['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA']);
const ALIAS_RE = /^(=?)([A-Z0-9/]+)((?:\(\d+\)|\[\d+\]|<-?[\d.]+\/-?[\d.]+>|\{[A-Z]{2}\}|~-?[\d.]+~)*)$/;
const OVERRIDE_RE = /\((\d+)\)|\[(\d+)\]|<(-?[\d.]+)\/(-?[\d.]+)>|\{([A-Z]{2})\}|~(-?[\d.]+)~/g;

function splitLines(text: string): string[] {
  // Windows and old Mac line endings; a UTF-8 byte-order mark.
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

function num(value: string, what: string, line: number): number {
  const trimmed = value.trim();
  const n = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(n))
    throw new CtyError('CTY_INVALID', `${what} is not a number: "${trimmed}"`, line);
  return n;
}

function int(value: string, what: string, line: number): number {
  const n = num(value, what, line);
  if (!Number.isInteger(n) || n < 0)
    throw new CtyError('CTY_INVALID', `${what} is not a whole number: "${value.trim()}"`, line);
  return n;
}

/** Negates a west-positive file value; avoids -0. */
function east(westPositive: number): number {
  return westPositive === 0 ? 0 : -westPositive;
}

function continent(value: string, line: number): string {
  const c = value.trim().toUpperCase();
  if (!CONTINENTS.has(c)) throw new CtyError('CTY_INVALID', `unknown continent "${value.trim()}"`, line);
  return c;
}

function parseAlias(token: string, line: number): { exact: boolean; key: string; overrides: Overrides } {
  const m = ALIAS_RE.exec(token.toUpperCase());
  if (!m) throw new CtyError('CTY_INVALID', `bad prefix or callsign "${token}"`, line);
  const overrides: Overrides = {};
  for (const o of (m[3] ?? '').matchAll(OVERRIDE_RE)) {
    if (o[1] !== undefined) overrides.cqZone = Number(o[1]);
    else if (o[2] !== undefined) overrides.ituZone = Number(o[2]);
    else if (o[3] !== undefined && o[4] !== undefined) {
      overrides.lat = Number(o[3]);
      overrides.lon = east(Number(o[4]));
    } else if (o[5] !== undefined) overrides.continent = continent(o[5], line);
    else if (o[6] !== undefined) overrides.utcOffset = east(Number(o[6]));
  }
  return { exact: m[1] === '=', key: m[2] ?? '', overrides };
}

class TableBuilder {
  readonly entities: CtyEntity[] = [];
  readonly prefixes = new Map<string, Alias>();
  readonly exact = new Map<string, Alias>();
  maxPrefixLength = 0;
  version: string | null = null;

  addEntity(entity: CtyEntity): number {
    this.entities.push(entity);
    return this.entities.length - 1;
  }

  addAliases(entity: number, list: string, line: number): void {
    for (const token of list.split(/[\s,]+/)) {
      if (token === '') continue;
      const alias = parseAlias(token, line);
      if (alias.exact) {
        const ver = /^VER(\d{8})$/.exec(alias.key);
        if (ver?.[1] !== undefined) this.version = ver[1];
        this.exact.set(alias.key, { entity, overrides: alias.overrides });
      } else {
        // The first entity to claim a prefix keeps it (files list each prefix once).
        if (!this.prefixes.has(alias.key))
          this.prefixes.set(alias.key, { entity, overrides: alias.overrides });
        this.maxPrefixLength = Math.max(this.maxPrefixLength, alias.key.length);
      }
    }
  }

  build(format: 'csv' | 'dat'): CtyTable {
    if (this.entities.length < MIN_ENTITIES) {
      throw new CtyError(
        'CTY_TOO_SMALL',
        `only ${this.entities.length} entities (a complete file has more than ${MIN_ENTITIES}); is it truncated?`,
      );
    }
    if (this.prefixes.size < MIN_PREFIXES) {
      throw new CtyError(
        'CTY_TOO_SMALL',
        `only ${this.prefixes.size} prefixes (expected at least ${MIN_PREFIXES})`,
      );
    }
    return {
      entities: this.entities,
      prefixes: this.prefixes,
      exact: this.exact,
      maxPrefixLength: this.maxPrefixLength,
      version: this.version,
      format,
    };
  }
}

function entityPrefix(raw: string, line: number): { prefix: string; waeOnly: boolean } {
  const p = raw.trim().toUpperCase();
  const waeOnly = p.startsWith('*');
  const prefix = waeOnly ? p.slice(1) : p;
  if (!/^[A-Z0-9]+(\/[A-Z0-9]+)?$/.test(prefix))
    throw new CtyError('CTY_INVALID', `bad primary prefix "${raw.trim()}"`, line);
  // Keep the lower-case marker of sub-entities such as "3D2/c" as the file writes it.
  const original = raw.trim().replace(/^\*/, '');
  return { prefix: original, waeOnly };
}

/** Parses cty.csv: one entity a line, ten comma-separated fields, the alias list ending in `;`. */
export function parseCtyCsv(text: string): CtyTable {
  const b = new TableBuilder();
  const lines = splitLines(text);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const fields = raw.split(',');
    if (fields.length !== 10) {
      throw new CtyError('CTY_INVALID', `expected 10 comma-separated fields, found ${fields.length}`, line);
    }
    const [pfx, name, adif, cont, cq, itu, lat, lon, utc, aliases] = fields as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const list = aliases.trim();
    if (!list.endsWith(';'))
      throw new CtyError('CTY_INVALID', "alias list does not end with ';' (truncated?)", line);
    if (name.trim() === '') throw new CtyError('CTY_INVALID', 'empty entity name', line);
    const index = b.addEntity(
      entityFields(
        { name, cq, itu, cont, lat, lon, utc, pfx },
        () => int(adif, 'ADIF entity number', line),
        line,
      ),
    );
    b.addAliases(index, list.slice(0, -1), line);
  });
  return b.build('csv');
}

/** The columns both file formats share, checked and converted (longitude and UTC offset to east-positive). */
function entityFields(
  f: {
    name: string;
    cq: string;
    itu: string;
    cont: string;
    lat: string;
    lon: string;
    utc: string;
    pfx: string;
  },
  adifFor: (prefix: string) => number,
  line: number,
): Parameters<TableBuilder['addEntity']>[0] {
  const { prefix, waeOnly } = entityPrefix(f.pfx, line);
  return {
    name: f.name.trim(),
    adif: adifFor(prefix),
    prefix,
    continent: continent(f.cont, line),
    cqZone: int(f.cq, 'CQ zone', line),
    ituZone: int(f.itu, 'ITU zone', line),
    lat: num(f.lat, 'latitude', line),
    lon: east(num(f.lon, 'longitude', line)),
    utcOffset: east(num(f.utc, 'UTC offset', line)),
    waeOnly,
  };
}

/**
 * Parses cty.dat: a header line `Name: CQ: ITU: Cont: Lat: Lon: UTC: Prefix:` then alias lines
 * (comma-separated) up to `;`. cty.dat has no ADIF numbers: they are taken from `reference`
 * (matched by primary prefix, then by name); 0 when neither matches.
 */
export function parseCtyDat(text: string, reference: CtyTable | null): CtyTable {
  const b = new TableBuilder();
  const adifByPrefix = new Map<string, number>();
  const adifByName = new Map<string, number>();
  for (const e of reference?.entities ?? []) {
    adifByPrefix.set(e.prefix.toUpperCase(), e.adif);
    adifByName.set(e.name.toLowerCase(), e.adif);
  }
  const lines = splitLines(text);
  let current: { index: number; aliases: string; line: number } | null = null;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (current === null) {
      if (raw.trim() === '') return;
      if (/^\s/.test(raw)) throw new CtyError('CTY_INVALID', 'alias line outside an entity', line);
      const fields = raw.split(':');
      // Eight fields and the trailing colon leave an empty ninth.
      if (fields.length !== 9 || (fields[8] ?? '').trim() !== '') {
        throw new CtyError('CTY_INVALID', `expected an entity header with 8 colon-separated fields`, line);
      }
      const [name, cq, itu, cont, lat, lon, utc, pfx] = fields as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      const index = b.addEntity(
        entityFields(
          { name, cq, itu, cont, lat, lon, utc, pfx },
          (prefix) =>
            adifByPrefix.get(prefix.toUpperCase()) ?? adifByName.get(name.trim().toLowerCase()) ?? 0,
          line,
        ),
      );
      current = { index, aliases: '', line };
      return;
    }
    const text = raw.trim();
    const end = text.indexOf(';');
    if (end === -1) {
      current.aliases += ` ${text}`;
      return;
    }
    if (text.slice(end + 1).trim() !== '') throw new CtyError('CTY_INVALID', "text after ';'", line);
    current.aliases += ` ${text.slice(0, end)}`;
    b.addAliases(current.index, current.aliases, current.line);
    current = null;
  });
  if (current !== null) {
    throw new CtyError(
      'CTY_INVALID',
      "last entity's alias list does not end with ';' (truncated?)",
      lines.length,
    );
  }
  return b.build('dat');
}

/** Parses either format, chosen by the file name's extension, else by content. */
export function parseCty(text: string, filename: string, reference: CtyTable | null): CtyTable {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv')) return parseCtyCsv(text);
  if (lower.endsWith('.dat')) return parseCtyDat(text, reference);
  const first = splitLines(text).find((l) => l.trim() !== '') ?? '';
  if (first.split(',').length === 10) return parseCtyCsv(text);
  if (first.split(':').length === 9) return parseCtyDat(text, reference);
  throw new CtyError('CTY_UNKNOWN_FORMAT', 'neither cty.csv nor cty.dat format');
}

export function summarize(table: CtyTable): CtySummary {
  return {
    format: table.format,
    entities: table.entities.length,
    prefixes: table.prefixes.size,
    exceptions: table.exact.size,
    version: table.version,
  };
}

// ---------------------------------------------------------------------------------------------
// Resolution
// ---------------------------------------------------------------------------------------------

/** Suffixes that say how a station operates, not where: ignored for DXCC. */
const IGNORED_SUFFIXES = new Set(['P', 'M', 'QRP', 'QRPP', 'A', 'B', 'BCN', 'LH']);
/** Maritime and aeronautical mobile: outside any DXCC entity. */
const NO_ENTITY_SUFFIXES = new Set(['MM', 'AM']);

function toInfo(table: CtyTable, alias: Alias): DxccInfo | null {
  const own = table.entities[alias.entity];
  if (!own) return null;
  // A WAE-only entity resolves to the DXCC entity with the same ADIF number.
  const dxcc = own.waeOnly ? (table.entities.find((e) => !e.waeOnly && e.adif === own.adif) ?? own) : own;
  const o = alias.overrides;
  return {
    entity: dxcc.name,
    adif: dxcc.adif,
    prefix: dxcc.prefix,
    continent: o.continent ?? own.continent,
    cq_zone: o.cqZone ?? own.cqZone,
    itu_zone: o.ituZone ?? own.ituZone,
    lat: o.lat ?? own.lat,
    lon: o.lon ?? own.lon,
    utc_offset: o.utcOffset ?? own.utcOffset,
  };
}

function longestPrefix(table: CtyTable, text: string): Alias | null {
  for (let n = Math.min(text.length, table.maxPrefixLength); n > 0; n--) {
    const hit = table.prefixes.get(text.slice(0, n));
    if (hit) return hit;
  }
  return null;
}

/** Replaces the call-area digit(s) of a callsign: W1ABC + 4 → W4ABC; RAEM + 3 → RAEM3. */
function withCallArea(call: string, digit: string): string {
  const m = /^(.*?)(\d+)([A-Z]*)$/.exec(call);
  if (!m) return call + digit;
  return `${m[1] ?? ''}${digit}${m[3] ?? ''}`;
}

/**
 * Resolves a callsign to its DXCC entity, or null (unknown prefix, maritime or aeronautical mobile).
 * Order: the whole call as an exact `=CALL` entry; then, for compound calls, the part that names
 * the location (a listed prefix, else the shorter part: EA8/DL1ABC, DL1ABC/EA8, VP2E/K1A); a single-digit suffix
 * changes the call area (W1ABC/4 → W4ABC, UA9ABC/1 → UA1ABC); operating suffixes (/P, /M, /QRP, ...)
 * are ignored; then the call without them as an exact entry; then the longest matching prefix. When the
 * designator matches nothing (ES2ADF/C, F6GPT/33), the home call's entity is used.
 */
export function resolveDxcc(table: CtyTable, input: string): DxccInfo | null {
  const call = input.trim().toUpperCase();
  if (call === '') return null;
  const whole = table.exact.get(call);
  if (whole) return toInfo(table, whole);

  let parts = call.split('/').filter((p) => p !== '');
  if (parts.some((p) => NO_ENTITY_SUFFIXES.has(p))) return null;
  let area: string | null = null;
  parts = parts.filter((p, i) => {
    if (i === 0) return true;
    if (/^\d$/.test(p)) {
      area = p;
      return false;
    }
    return !IGNORED_SUFFIXES.has(p);
  });
  if (parts.length === 0) return null;

  // The home call: the longest part; on a tie the first.
  const home = parts.reduce((best, p) => (p.length > best.length ? p : best));
  let target: string;
  if (parts.length === 1) {
    const exact = table.exact.get(home);
    if (exact && area === null) return toInfo(table, exact);
    target = area === null ? home : withCallArea(home, area);
  } else {
    // The location designator: the one part that is a listed prefix (VP2E/K1A), else the
    // shortest part; on a tie the first (prefix position).
    const listed = parts.filter((p) => table.prefixes.has(p));
    target =
      listed.length === 1 && listed[0] !== undefined
        ? listed[0]
        : parts.reduce((best, p) => (p.length < best.length ? p : best));
    const exact = table.exact.get(target);
    if (exact) return toInfo(table, exact);
  }
  const hit = longestPrefix(table, target);
  if (hit) return toInfo(table, hit);
  // An unknown designator (ES2ADF/C, F6GPT/33, JD1BNN/3): the home call's own entity.
  if (target === home) return null;
  const own = table.exact.get(home) ?? longestPrefix(table, home);
  return own ? toInfo(table, own) : null;
}
