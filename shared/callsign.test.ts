import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MAX_CALLSIGN_LENGTH,
  isValidCallsign,
  normalizeCallsign,
  parseCallsign,
  type CallsignRejection,
} from './callsign.js';

/** Entries of MASTER.SCP 2023.05.02 with a stray trailing '/': normalisation drops it. */
const SCP_TRAILING_SLASH = ['K2UA/', 'N2CU/'];

function readMasterScp(): string[] {
  const text = readFileSync(new URL('./fixtures/MASTER.SCP', import.meta.url), 'utf8');
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && line !== 'VER20230502');
}

describe('MASTER.SCP', () => {
  const calls = readMasterScp();

  it('is read in full', () => {
    expect(calls.length).toBeGreaterThan(80_000);
    expect(calls.filter((call) => call.includes('/')).length).toBeGreaterThan(1_800);
  });

  it('every callsign is accepted', () => {
    const rejected = calls.filter((call) => !isValidCallsign(call));
    expect(rejected).toEqual([]);
  });

  it('a stray trailing slash is dropped by normalisation', () => {
    for (const call of SCP_TRAILING_SLASH) {
      expect(calls).toContain(call);
      expect(parseCallsign(call)).toMatchObject({ ok: true, callsign: call.slice(0, -1), suffix: null });
    }
  });
});

describe('parseCallsign accepts real forms', () => {
  const plain = [
    '2E0ABC',
    '9A1A',
    '4X6TT',
    '3DA0RU',
    'W1AW',
    'KC1ABCD',
    'A1A',
    'AB12ABCD',
    '9Z9ABC',
    '2M0ABC',
    'EI0IRTS',
    'KC1ABC',
    'N0AA',
    'VK2DEF',
    'JA1XYZ',
    'W10ABC',
    'KC12XY',
    'VK21A',
    'G0ABCD',
    'E73A',
    'S51A',
    'JH8Y0H',
  ];
  const specialEvent = [
    'DR100XRAY',
    'TM100SGDF',
    'DL17UBOOT',
    'PA30SPARC',
    'HG1222BA',
    'YR1400VT',
    '8J150TGU',
    'S5630A',
  ];
  const prefixed = ['EA8/DL1ABC', 'VK9/EI6JGB', '9A/DK2RO', 'F/G3ABC', 'VP2E/K1ABC'];
  const suffixed = [
    'DL1ABC/P',
    'DL1ABC/M',
    'DL1ABC/MM',
    'DL1ABC/AM',
    'KC1ABC/QRP',
    'DL1ABC/LP',
    'W1AW/A',
    'W1AW/B',
    'W1AW/4',
    'W1AW/VE3',
    'EI6JGB/P',
    '8N1789FM/1',
  ];
  const threePart = ['EA8/DL1ABC/P', 'VK9/EI6JGB/P', 'UA9QCP/3/P'];

  it.each([...plain, ...specialEvent, ...prefixed, ...suffixed, ...threePart])('%s', (call) => {
    const result = parseCallsign(call);
    expect(result).toMatchObject({ ok: true, callsign: call });
  });
});

describe('special-event calls that end in a digit', () => {
  it.each(['BV100', 'VI2000', 'OL1000', 'HA1000', 'TM2000', 'XV2000', 'YO1000', 'EA8/TM2000', 'BV100/P'])(
    '%s is accepted',
    (call) => {
      expect(parseCallsign(call)).toMatchObject({ ok: true, callsign: call });
    },
  );

  it.each(['KC123', 'KC1001', 'TM20', 'TM020', 'TM10000', 'ABC100', 'TEST1000', 'BV0100'])(
    '%s is still refused',
    (call) => {
      expect(parseCallsign(call)).toMatchObject({ ok: false, code: 'INVALID_CALLSIGN', reason: 'STRUCTURE' });
    },
  );
});

describe('parseCallsign rejects junk', () => {
  const cases: [string, CallsignRejection][] = [
    ['INVALID', 'NO_DIGIT'],
    ['TEST', 'NO_DIGIT'],
    ['ABCDEF', 'NO_DIGIT'],
    ['A', 'NO_DIGIT'],
    ['KC', 'NO_DIGIT'],
    ['12345', 'NO_LETTER'],
    ['1/2', 'NO_LETTER'],
    ['K1', 'STRUCTURE'],
    ['KC1', 'STRUCTURE'],
    ['KC123', 'STRUCTURE'],
    ['123ABC', 'STRUCTURE'],
    ['1ABC', 'STRUCTURE'],
    ['ABC123', 'STRUCTURE'],
    ['ABC1DEF', 'STRUCTURE'],
    ['ABCD1XYZ', 'STRUCTURE'],
    ['A1ABCDE', 'STRUCTURE'],
    ['KC1DEFGH', 'STRUCTURE'],
    ['1ABC9ABC', 'STRUCTURE'],
    ['TEST123', 'STRUCTURE'],
    ['INVALID123', 'STRUCTURE'],
    ['KC12345A', 'STRUCTURE'],
    ['VER20230502', 'STRUCTURE'],
    ['/P', 'STRUCTURE'],
    ['/DL1ABC', 'STRUCTURE'],
    ['DL1ABC//', 'STRUCTURE'],
    ['W1A//B', 'STRUCTURE'],
    ['W1AW/P/P/P', 'STRUCTURE'],
    ['W1AW/QRPPP', 'STRUCTURE'],
    ['EA8/EA8', 'STRUCTURE'],
    ['12/DL1ABC', 'STRUCTURE'],
    ['KC1@BC', 'CHARACTERS'],
    ['KC1AB-', 'CHARACTERS'],
    ['W1AW\\P', 'CHARACTERS'],
    ['DL1ÄBC', 'CHARACTERS'],
    ['KC1 ABC', 'WHITESPACE'],
    ['KC1\tABC', 'WHITESPACE'],
    ['VK9/AB12ABCD/QRP', 'TOO_LONG'],
  ];

  it.each(cases)('%s -> %s', (input, reason) => {
    const result = parseCallsign(input);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_CALLSIGN', reason });
    if (result.ok) return;
    expect(result.message.startsWith('Invalid callsign format')).toBe(true);
    expect(isValidCallsign(input)).toBe(false);
  });

  it.each(['', '   ', '\t\n'])('empty input %j -> CALLSIGN_REQUIRED', (input) => {
    expect(parseCallsign(input)).toEqual({
      ok: false,
      code: 'CALLSIGN_REQUIRED',
      reason: 'EMPTY',
      message: 'Callsign is required',
    });
  });

  it('limits the length to MAX_CALLSIGN_LENGTH', () => {
    expect(MAX_CALLSIGN_LENGTH).toBe(15);
    const fifteen = 'VK9/AB12ABCD/MM';
    expect(fifteen).toHaveLength(15);
    expect(isValidCallsign(fifteen)).toBe(true);
    expect(parseCallsign(`${fifteen}M`)).toMatchObject({ ok: false, reason: 'TOO_LONG' });
  });

  it('says why in the message', () => {
    const result = parseCallsign('KC1@BC');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("'@'");
  });
});

describe('normalisation', () => {
  it('trims and upper-cases, nothing else', () => {
    expect(normalizeCallsign('  ea8/dl1abc/p \n')).toBe('EA8/DL1ABC/P');
    expect(normalizeCallsign('kc1 abc')).toBe('KC1 ABC');
    expect(normalizeCallsign('kc1-abc')).toBe('KC1-ABC');
  });

  it('parseCallsign normalises first', () => {
    expect(parseCallsign('  w1aw ')).toEqual({
      ok: true,
      callsign: 'W1AW',
      base: 'W1AW',
      prefix: null,
      suffix: null,
    });
    expect(isValidCallsign('kc1abc')).toBe(true);
    expect(isValidCallsign(' vk9/ei6jgb/p')).toBe(true);
  });
});

describe('base, prefix and suffix', () => {
  const splits: [string, string, string | null, string | null][] = [
    ['W1AW', 'W1AW', null, null],
    ['DR100XRAY', 'DR100XRAY', null, null],
    ['EA8/DL1ABC/P', 'DL1ABC', 'EA8', 'P'],
    ['VK9/EI6JGB', 'EI6JGB', 'VK9', null],
    ['EI6JGB/P', 'EI6JGB', null, 'P'],
    ['W1AW/VE3', 'W1AW', null, 'VE3'],
    ['VE3/W1AW', 'W1AW', 'VE3', null],
    ['KC1ABC/QRP', 'KC1ABC', null, 'QRP'],
    ['UA9QCP/3/P', 'UA9QCP', null, '3/P'],
    // both parts look like home calls: the longer one is the home call, the first on a tie
    ['C6A/ND3F', 'ND3F', 'C6A', null],
    ['N1RO/C6A', 'N1RO', null, 'C6A'],
    ['AA7V/VP2V', 'AA7V', null, 'VP2V'],
  ];

  it.each(splits)('%s -> base %s, prefix %s, suffix %s', (input, base, prefix, suffix) => {
    expect(parseCallsign(input)).toEqual({ ok: true, callsign: input, base, prefix, suffix });
  });
});
