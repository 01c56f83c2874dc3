import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CtyError,
  parseCty,
  parseCtyCsv,
  parseCtyDat,
  resolveDxcc,
  summarize,
  type CtyTable,
} from './cty.js';

const resources = fileURLToPath(new URL('../../../resources/', import.meta.url));
const fixtures = fileURLToPath(new URL('./testing/fixtures/', import.meta.url));
const csvText = readFileSync(`${resources}cty.csv`, 'utf8');

let table: CtyTable;
beforeAll(() => {
  table = parseCtyCsv(csvText);
});

function entity(call: string): string | null {
  return resolveDxcc(table, call)?.entity ?? null;
}

describe('parseCtyCsv on the shipped file', () => {
  it('reads every entity, prefix and exact exception, and the release marker', () => {
    const s = summarize(table);
    expect(s.format).toBe('csv');
    expect(s.entities).toBe(346);
    expect(s.prefixes).toBeGreaterThan(5000);
    expect(s.exceptions).toBeGreaterThan(15000);
    expect(s.version).toBe('20230502');
  });

  it('negates longitude and UTC offset (the file stores west positive)', () => {
    const dl = resolveDxcc(table, 'DL1ABC');
    expect(dl).toEqual({
      entity: 'Fed. Rep. of Germany',
      adif: 230,
      prefix: 'DL',
      continent: 'EU',
      cq_zone: 14,
      itu_zone: 28,
      lat: 51,
      lon: 10,
      utc_offset: 1,
    });
    const k = resolveDxcc(table, 'K1ABC');
    expect(k?.lon).toBeCloseTo(-91.87);
    expect(k?.utc_offset).toBe(-5);
    const vk9c = resolveDxcc(table, 'VK9CA');
    expect(vk9c?.utc_offset).toBe(6.5);
  });
});

describe('resolveDxcc: entities sharing a prefix family', () => {
  it.each([
    ['K1ABC', 'United States'],
    ['W9XYZ', 'United States'],
    ['KH6ABC', 'Hawaii'],
    ['KH7KA', 'Kure Island'],
    ['KL7ABC', 'Alaska'],
    ['KP4ABC', 'Puerto Rico'],
    ['KP2A', 'US Virgin Islands'],
    ['KG4AB', 'Guantanamo Bay'],
    ['VK2ABC', 'Australia'],
    ['VK9NA', 'Norfolk Island'],
    ['VK9LX', 'Lord Howe Island'],
    ['VK9XY', 'Christmas Island'],
    ['VK9CZ', 'Cocos (Keeling) Islands'],
    ['3D2ABC', 'Fiji'],
    ['UA3ABC', 'European Russia'],
    ['RA9ABC', 'Asiatic Russia'],
    ['UA9ABC', 'Asiatic Russia'],
    ['UA9XYZ', 'European Russia'], // UA9X: Komi Republic, west of the Urals
    ['RA2ABC', 'Kaliningrad'],
    ['UA2FZ', 'Kaliningrad'],
    ['VP2EA', 'Anguilla'],
    ['VP2MA', 'Montserrat'],
    ['CE0Y/K1ABC', 'Easter Island'],
  ])('%s → %s', (call, name) => {
    expect(entity(call)).toBe(name);
  });

  it('applies zone overrides from the prefix list', () => {
    expect(resolveDxcc(table, 'K0ABC')).toMatchObject({ cq_zone: 4, itu_zone: 7 });
    // The longest prefix carries the most specific zones: RA0 (19)[33], RA0A (18)[32], RA0Z (19)[35].
    expect(resolveDxcc(table, 'RA0')).toMatchObject({ entity: 'Asiatic Russia', cq_zone: 19, itu_zone: 33 });
    expect(resolveDxcc(table, 'RA0ZZ')).toMatchObject({
      entity: 'Asiatic Russia',
      cq_zone: 19,
      itu_zone: 35,
    });
    expect(resolveDxcc(table, 'RA0ABC')).toMatchObject({
      entity: 'Asiatic Russia',
      cq_zone: 18,
      itu_zone: 32,
    });
  });
});

describe('resolveDxcc: exact-callsign exceptions', () => {
  it.each([
    ['3D2C', 'Conway Reef'],
    ['3D2R', 'Rotuma Island'],
    ['3D5X', 'Fiji'],
    ['AA7DI', 'Hawaii'],
    ['KG44WW', 'Guantanamo Bay'],
    ['W1AW/KG4', 'Guantanamo Bay'],
    ['VK2GPL/9', 'Lord Howe Island'],
    ['4U1VIC', 'Austria'],
  ])('%s → %s', (call, name) => {
    expect(entity(call)).toBe(name);
  });

  it('an exact entry beats the maritime-mobile rule and carries its zone override', () => {
    expect(resolveDxcc(table, 'N2NL/MM')).toMatchObject({ entity: 'United States', cq_zone: 7 });
  });

  it('an exact entry with zone overrides wins over its prefix', () => {
    expect(resolveDxcc(table, 'R25EMW')).toMatchObject({
      entity: 'European Russia',
      cq_zone: 17,
      itu_zone: 19,
    });
    expect(resolveDxcc(table, 'R25EMX')).toMatchObject({
      entity: 'European Russia',
      cq_zone: 16,
      itu_zone: 29,
    });
  });

  it('WAE-only entities resolve to their DXCC entity with their own coordinates', () => {
    const it9 = resolveDxcc(table, 'IT9ABC');
    expect(it9).toMatchObject({ entity: 'Italy', adif: 248, prefix: 'I', lat: 37.5, lon: 14 });
    expect(resolveDxcc(table, 'IG9ABC')).toMatchObject({ entity: 'Italy', continent: 'AF' });
    expect(resolveDxcc(table, 'I1ABC')).toMatchObject({ entity: 'Italy', continent: 'EU', lat: 42.82 });
  });
});

describe('resolveDxcc: portable and compound calls', () => {
  it.each([
    ['EA8/DL1ABC', 'Canary Islands'],
    ['DL1ABC/EA8', 'Canary Islands'],
    ['DL1ABC/P', 'Fed. Rep. of Germany'],
    ['DL1ABC/M', 'Fed. Rep. of Germany'],
    ['DL1ABC/QRP', 'Fed. Rep. of Germany'],
    ['EA8/DL1ABC/P', 'Canary Islands'],
    ['VP2E/K1ABC', 'Anguilla'],
    ['VP2E/K1A', 'Anguilla'],
    ['K1ABC/KH6', 'Hawaii'],
    ['KH6/K1ABC', 'Hawaii'],
    ['DL1ABC/F', 'France'],
    ['W1ABC/4', 'United States'],
    ['UA9ABC/1', 'European Russia'],
    ['UA1ABC/9', 'Asiatic Russia'],
    ['VK2ABC/9', 'Norfolk Island'],
    ['  dl1abc/p ', 'Fed. Rep. of Germany'],
    ['ES2ADF/C', 'Estonia'], // unknown designators fall back to the home call
    ['F6GPT/33', 'France'],
    ['JD1BNN/3', 'Ogasawara'],
  ])('%s → %s', (call, name) => {
    expect(entity(call)).toBe(name);
  });

  it('a call-area digit takes the zones of the new area', () => {
    expect(resolveDxcc(table, 'W1ABC/0')).toMatchObject({ entity: 'United States', cq_zone: 4, itu_zone: 7 });
    expect(resolveDxcc(table, 'W0ABC/1')).toMatchObject({ entity: 'United States', cq_zone: 5, itu_zone: 8 });
  });

  it('maritime and aeronautical mobile have no entity', () => {
    expect(resolveDxcc(table, 'DL1ABC/MM')).toBeNull();
    expect(resolveDxcc(table, 'K1ABC/AM')).toBeNull();
  });

  it('unknown or empty input gives null', () => {
    expect(resolveDxcc(table, '')).toBeNull();
    expect(resolveDxcc(table, 'Q1ABC')).toBeNull();
    expect(resolveDxcc(table, '/')).toBeNull();
  });
});

describe('file validation', () => {
  it('accepts Windows line endings and a byte-order mark', () => {
    const t = parseCtyCsv(`\uFEFF${csvText.replace(/\n/g, '\r\n')}`);
    expect(summarize(t)).toEqual(summarize(table));
    expect(resolveDxcc(t, 'KH6ABC')?.entity).toBe('Hawaii');
  });

  it('rejects a file cut in the middle of a line, naming the line', () => {
    const cut = csvText.slice(0, Math.floor(csvText.length * 0.6));
    expect(() => parseCtyCsv(cut)).toThrowError(CtyError);
    try {
      parseCtyCsv(cut);
    } catch (e) {
      expect(e).toBeInstanceOf(CtyError);
      expect((e as CtyError).code).toBe('CTY_INVALID');
      expect((e as CtyError).line).toBeGreaterThan(100);
    }
  });

  it('rejects a file cut at a line end as too small', () => {
    const lines = csvText.split('\n').slice(0, 40).join('\n');
    expect(() => parseCtyCsv(lines)).toThrow(expect.objectContaining({ code: 'CTY_TOO_SMALL' }));
  });

  it('rejects a line with a bad number', () => {
    const broken = csvText.replace(
      'DL,Fed. Rep. of Germany,230,EU,14,',
      'DL,Fed. Rep. of Germany,230,EU,xx,',
    );
    expect(() => parseCtyCsv(broken)).toThrow(expect.objectContaining({ code: 'CTY_INVALID' }));
  });

  it('rejects something that is not a country file', () => {
    expect(() => parseCty('hello world\n', 'notes.txt', null)).toThrow(
      expect.objectContaining({ code: 'CTY_UNKNOWN_FORMAT' }),
    );
    expect(() => parseCty('', 'cty.csv', null)).toThrow(expect.objectContaining({ code: 'CTY_TOO_SMALL' }));
  });

  it('reads coordinate, continent and offset overrides with the file sign conventions', () => {
    const extra = 'QQ,Test Land,999,EU,1,2,10.00,-20.00,-3.0,QQ =QQ1X(5)[6]<30.0/40.0>{AS}~5.0~;\n';
    const t = parseCtyCsv(csvText + extra);
    expect(resolveDxcc(t, 'QQ1A')).toMatchObject({ entity: 'Test Land', lat: 10, lon: 20, utc_offset: 3 });
    expect(resolveDxcc(t, 'QQ1X')).toEqual({
      entity: 'Test Land',
      adif: 999,
      prefix: 'QQ',
      continent: 'AS',
      cq_zone: 5,
      itu_zone: 6,
      lat: 30,
      lon: -40,
      utc_offset: -5,
    });
  });
});

describe('parseCtyDat', () => {
  const datText = readFileSync(`${fixtures}cty.dat`, 'utf8');

  it('reads the same entities as cty.csv, taking ADIF numbers from the reference table', () => {
    const dat = parseCtyDat(datText, table);
    const s = summarize(dat);
    expect(s.format).toBe('dat');
    expect(s.entities).toBe(346);
    expect(s.version).toBe('20230502');
    for (const call of ['EA8/DL1ABC', 'KH6ABC', '3D2C', 'VK2GPL/9', 'RA0ABC', 'IT9ABC', 'W1ABC/4']) {
      // Names differ slightly between the formats ("United States of America" in cty.dat).
      const { entity: _datName, ...fromDat } = resolveDxcc(dat, call) ?? { entity: '' };
      const { entity: _csvName, ...fromCsv } = resolveDxcc(table, call) ?? { entity: '' };
      expect(fromDat, call).toEqual(fromCsv);
    }
  });

  it('is chosen by extension or content, and a truncated cty.dat is rejected', () => {
    expect(parseCty(datText, 'upload', table).format).toBe('dat');
    expect(parseCty(csvText, 'cty.CSV', null).format).toBe('csv');
    const cut = datText.slice(0, datText.lastIndexOf(';') - 5);
    expect(() => parseCtyDat(cut, table)).toThrow(expect.objectContaining({ code: 'CTY_INVALID' }));
  });

  it('without a reference table the ADIF numbers are 0', () => {
    expect(resolveDxcc(parseCtyDat(datText, null), 'DL1ABC')?.adif).toBe(0);
  });
});
