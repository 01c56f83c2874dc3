/**
 * N1MM+-style broadcasts we send. Only `<lookupinfo>`: what N1MM+ itself broadcasts when a callsign is entered
 * in the entry window but not yet logged — the right message for "a QSO with this station has started".
 */

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export interface LookupInfoInput {
  app: string;
  callsign: string;
  /** QSO start, ISO 8601 UTC. */
  timestamp: string;
  freqHz: number | null;
  /** Band as N1MM writes it: MHz, e.g. `14` or `3.5`. */
  bandMhz: string | null;
  mode: string | null;
  name?: string | null;
  countryPrefix?: string | null;
  continent?: string | null;
  /** Our station callsign and operator, when set. */
  myCall?: string | null;
  operator?: string | null;
}

/** `2024-03-06T13:00:30.000Z` -> `2024-03-06 13:00:30`. */
export function n1mmTimestamp(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().slice(0, 19).replace('T', ' ');
}

export function encodeLookupInfo(input: LookupInfoInput): Uint8Array {
  const tens = input.freqHz === null ? '' : String(Math.round(input.freqHz / 10));
  const fields: [string, string][] = [
    ['app', input.app],
    ['mycall', input.myCall ?? ''],
    ['operator', input.operator ?? ''],
    ['timestamp', n1mmTimestamp(input.timestamp)],
    ['band', input.bandMhz ?? ''],
    ['rxfreq', tens],
    ['txfreq', tens],
    ['mode', input.mode ?? ''],
    ['call', input.callsign],
    ['name', input.name ?? ''],
    ['countryprefix', input.countryPrefix ?? ''],
    ['continent', input.continent ?? ''],
  ];
  const body = fields
    .map(([k, v]) => (v === '' ? `\t<${k} />` : `\t<${k}>${escapeXml(v)}</${k}>`))
    .join('\r\n');
  const xml = `<?xml version="1.0" encoding="utf-8"?>\r\n<lookupinfo>\r\n${body}\r\n</lookupinfo>`;
  return new Uint8Array(Buffer.from(xml, 'utf8'));
}
