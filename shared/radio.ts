/**
 * Frequency, band and mode helpers. Isomorphic: no Node or browser APIs.
 * Frequencies are whole hertz (numbers) everywhere inside the app.
 */

export interface Band {
  name: string;
  lowHz: number;
  highHz: number;
}

/** The ADIF 3.1 band enumeration (3.1.4 edition, with 8m and 5m); both edges are inclusive. */
export const BANDS: readonly Band[] = Object.freeze(
  (
    [
      ['2190m', 135_700, 137_800],
      ['630m', 472_000, 479_000],
      ['560m', 501_000, 504_000],
      ['160m', 1_800_000, 2_000_000],
      ['80m', 3_500_000, 4_000_000],
      ['60m', 5_060_000, 5_450_000],
      ['40m', 7_000_000, 7_300_000],
      ['30m', 10_100_000, 10_150_000],
      ['20m', 14_000_000, 14_350_000],
      ['17m', 18_068_000, 18_168_000],
      ['15m', 21_000_000, 21_450_000],
      ['12m', 24_890_000, 24_990_000],
      ['10m', 28_000_000, 29_700_000],
      ['8m', 40_000_000, 45_000_000],
      ['6m', 50_000_000, 54_000_000],
      ['5m', 54_000_001, 69_900_000],
      ['4m', 70_000_000, 71_000_000],
      ['2m', 144_000_000, 148_000_000],
      ['1.25m', 222_000_000, 225_000_000],
      ['70cm', 420_000_000, 450_000_000],
      ['33cm', 902_000_000, 928_000_000],
      ['23cm', 1_240_000_000, 1_300_000_000],
      ['13cm', 2_300_000_000, 2_450_000_000],
      ['9cm', 3_300_000_000, 3_500_000_000],
      ['6cm', 5_650_000_000, 5_925_000_000],
      ['3cm', 10_000_000_000, 10_500_000_000],
      ['1.25cm', 24_000_000_000, 24_250_000_000],
      ['6mm', 47_000_000_000, 47_200_000_000],
      ['4mm', 75_500_000_000, 81_000_000_000],
      ['2.5mm', 119_980_000_000, 123_000_000_000],
      ['2mm', 134_000_000_000, 149_000_000_000],
      ['1mm', 241_000_000_000, 250_000_000_000],
      ['submm', 300_000_000_000, 7_500_000_000_000],
    ] as const
  ).map(([name, lowHz, highHz]): Band => Object.freeze({ name, lowHz, highHz })),
);

/** The ADIF band name for a frequency in Hz, or null outside every amateur band. */
export function bandForHz(hz: number): string | null {
  if (!Number.isFinite(hz)) return null;
  return BANDS.find((band) => hz >= band.lowHz && hz <= band.highHz)?.name ?? null;
}

const UNIT_HZ: Readonly<Record<string, number>> = { hz: 1, khz: 1e3, mhz: 1e6, ghz: 1e9 };
/** Without a unit, lower regions win over higher ones: below 1 GHz, then up to 30 GHz, then millimetre waves. */
function region(hz: number): number {
  if (hz < 1e9) return 0;
  return hz < 30e9 ? 1 : 2;
}

/** Reads "14.195", "14,195" (decimal comma), "7.074.000" / "14,074,000" (thousands groups); else null. */
function parseNumber(text: string): number | null {
  const grouped = /^\d{1,3}([.,])\d{3}(?:\1\d{3})+$/.exec(text);
  if (grouped) return Number(text.replaceAll(grouped[1] ?? '', ''));
  if (!/^\d+(?:[.,]\d+)?$/.test(text)) return null;
  return Number(text.replace(',', '.'));
}

/** Picks the unit for a number typed without one (see parseFrequencyToHz). */
function guessHz(value: number): number {
  const readings = [value * 1e6, value * 1e3, value].map(Math.round).filter((hz) => bandForHz(hz) !== null);
  let best: number | undefined;
  for (const hz of readings) {
    if (best === undefined || region(hz) < region(best)) best = hz;
  }
  if (best !== undefined) return best;
  if (value < 1_000) return Math.round(value * 1e6);
  if (value < 1_000_000) return Math.round(value * 1e3);
  return Math.round(value);
}

/**
 * Parses a frequency the way operators type it, to whole Hz; null for junk, zero or negative values.
 *
 * - An explicit unit (Hz, kHz, MHz, GHz; any case, space optional) is always honoured: "500 kHz" is 500,000 Hz.
 * - Number forms: "14.195"; "14,195" (a single comma is a decimal comma); "7.074.000" and "14,074,000" (two or
 *   more groups of three digits after the same separator are thousands groups, so "7.074.000" is 7,074,000).
 * - Without a unit, the number is read as MHz, then kHz, then Hz, and the first reading inside an amateur band
 *   wins ("14.195" MHz, "14195" kHz, "7074000" Hz, "1296" MHz, "10368" MHz). One exception: a reading at 1 GHz
 *   or above gives way to a later in-band reading below 1 GHz, and one at 30 GHz or above to one below 30 GHz,
 *   because HF and VHF in kHz are typed far more often than microwaves in MHz: "10136" is 10.136 MHz (not
 *   10.136 GHz), "3500" is 3.5 MHz, "144300" is 144.3 MHz (not 144.3 GHz), "1296200" is 1296.2 MHz.
 *   Outside every band the size decides: below 1,000 MHz, below 1,000,000 kHz, else Hz ("5000" is 5 MHz,
 *   "27.555" is 27.555 MHz).
 */
export function parseFrequencyToHz(text: string): number | null {
  const match = /^([\d.,]+)\s*([a-z]*)$/i.exec(text.trim());
  if (!match) return null;
  const [, digits = '', unitText = ''] = match;
  const value = parseNumber(digits);
  if (value === null || !Number.isFinite(value) || value <= 0) return null;
  let hz: number;
  if (unitText === '') {
    hz = guessHz(value);
  } else {
    const multiplier = UNIT_HZ[unitText.toLowerCase()];
    if (multiplier === undefined) return null;
    hz = Math.round(value * multiplier);
  }
  return hz > 0 && Number.isSafeInteger(hz) ? hz : null;
}

/** Common modes (ADIF modes, plus the submodes operators name as modes: FT4, PSK31, JS8, ...). */
export const MODES: readonly string[] = Object.freeze([
  'SSB',
  'CW',
  'FM',
  'AM',
  'RTTY',
  'FT8',
  'FT4',
  'JS8',
  'PSK31',
  'PSK63',
  'JT65',
  'JT9',
  'Q65',
  'MSK144',
  'WSPR',
  'OLIVIA',
  'SSTV',
  'DIGITALVOICE',
  'PKT',
  'MFSK',
  'PSK',
]);

/** Rig and logger spellings of the same mode (Hamlib, N1MM+, WSJT-X). */
export const MODE_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  USB: 'SSB',
  LSB: 'SSB',
  CWR: 'CW',
  'CW-R': 'CW',
  RTTYR: 'RTTY',
  'RTTY-R': 'RTTY',
  FMN: 'FM',
  WFM: 'FM',
});

/**
 * Rig data modes (Hamlib, N1MM+, flrig) that say nothing about the digital mode on air: WSJT-X over PKTUSB is
 * FT8, not "PKTUSB". Radio follow and ADIF treat them as "mode unknown".
 */
export const RIG_DATA_MODES: ReadonlySet<string> = new Set([
  'PKTUSB',
  'PKTLSB',
  'PKTFM',
  'PKTAM',
  'DATA-U',
  'DATA-L',
  'DATA',
  'DIG',
  'DIGU',
  'DIGL',
]);

/** Modes of the ADIF 3.1 Mode enumeration whose everyday names are submodes: the submode's ADIF MODE. */
export const ADIF_SUBMODE_PARENT: Readonly<Record<string, string>> = Object.freeze({
  USB: 'SSB',
  LSB: 'SSB',
  FT4: 'MFSK',
  FST4: 'MFSK',
  FST4W: 'MFSK',
  JS8: 'MFSK',
  Q65: 'MFSK',
  MFSK8: 'MFSK',
  MFSK16: 'MFSK',
  PSK31: 'PSK',
  PSK63: 'PSK',
  PSK125: 'PSK',
  BPSK31: 'PSK',
  BPSK63: 'PSK',
  QPSK31: 'PSK',
  QPSK63: 'PSK',
  PACTOR: 'PAC',
  PAC2: 'PAC',
  PAC3: 'PAC',
  C4FM: 'DIGITALVOICE',
  DMR: 'DIGITALVOICE',
  DSTAR: 'DIGITALVOICE',
  FREEDV: 'DIGITALVOICE',
});

/**
 * Upper-cases a mode and maps rig spellings (USB/LSB -> SSB, CWR -> CW, RTTYR -> RTTY, FMN/WFM -> FM).
 * An unknown mode comes back upper-cased when it is a plausible token (letters, digits and inner '-', at most
 * 20 characters, at least one letter), else null.
 */
export function normalizeMode(mode: string): string | null {
  const upper = mode.trim().toUpperCase();
  const alias = MODE_ALIASES[upper];
  if (alias !== undefined) return alias;
  if (!/^[A-Z0-9](?:[A-Z0-9-]{0,18}[A-Z0-9])?$/.test(upper) || !/[A-Z]/.test(upper)) return null;
  return upper;
}

/** Hz as MHz text with at least three decimals and no trailing zeros beyond them: 14195000 -> "14.195". */
export function formatMHz(hz: number): string {
  if (!Number.isFinite(hz) || hz < 0) throw new RangeError(`Not a frequency: ${hz}`);
  const whole = Math.round(hz);
  const mhz = Math.floor(whole / 1e6);
  const fraction = String(whole % 1e6)
    .padStart(6, '0')
    .replace(/0{1,3}$/, '');
  return `${mhz}.${fraction}`;
}
