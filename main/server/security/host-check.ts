import { isIP } from 'node:net';
import os from 'node:os';

/**
 * Which `Host` names the server answers (DNS rebinding). A page on an attacker's domain can point that domain
 * at the station's address; the browser then sends `Host: attacker.example` and treats the answers as the
 * attacker's own. Refusing names the station was never given stops that: only addresses, names that cannot
 * be registered on the public internet (`localhost`, single-label names, `.local`, `.lan`, `.home.arpa`,
 * `.internal`), this machine's own name, and the configured public host names (`public_hosts`,
 * PUBLIC_HOSTS: `pileup.example.org`, or `*.example.org` for every name under it) are answered.
 */
export class HostCheck {
  private readonly exact = new Set<string>();
  private readonly suffixes: string[] = [];
  readonly publicHosts: readonly string[];

  constructor(publicHosts: readonly string[], machineName: string = os.hostname()) {
    this.publicHosts = publicHosts;
    for (const raw of publicHosts) {
      const name = normalise(raw);
      if (!isHostPattern(name))
        throw new Error(`"${raw}" is not a host name (pileup.example.org, *.example.org)`);
      if (name.startsWith('*.')) this.suffixes.push(name.slice(1));
      else this.exact.add(name);
    }
    const own = normalise(machineName);
    if (own !== '') this.exact.add(own);
  }

  /** Whether a request's Host header (with or without its port) names this server. */
  allows(hostHeader: string | undefined): boolean {
    // HTTP/1.0 clients may send none; browsers always do, so no rebinding page can be without it.
    if (hostHeader === undefined || hostHeader === '') return true;
    const name = hostName(hostHeader);
    if (name === null) return false;
    if (isIP(name) !== 0) return true;
    if (this.exact.has(name)) return true;
    if (this.suffixes.some((s) => name.endsWith(s) && name.length > s.length)) return true;
    return isPrivateName(name);
  }
}

/** Parses PUBLIC_HOSTS / `--public-host`: names separated by commas or spaces. */
export function parseHostList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function isHostPattern(raw: string): boolean {
  const name = normalise(raw);
  const body = name.startsWith('*.') ? name.slice(2) : name;
  return (
    body.length > 0 &&
    body.length <= 253 &&
    body.split('.').every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label))
  );
}

const PRIVATE_SUFFIXES = ['.localhost', '.local', '.lan', '.home.arpa', '.internal'];

function isPrivateName(name: string): boolean {
  if (name === 'localhost' || !name.includes('.')) return true;
  return PRIVATE_SUFFIXES.some((s) => name.endsWith(s));
}

function normalise(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** The name part of a Host header: `example.org:8443` -> `example.org`, `[::1]:8000` -> `::1`. */
function hostName(header: string): string | null {
  const h = header.trim();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0) return null;
    const rest = h.slice(end + 1);
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return null;
    return h.slice(1, end).toLowerCase();
  }
  const colon = h.lastIndexOf(':');
  const name = colon >= 0 ? h.slice(0, colon) : h;
  if (colon >= 0 && !/^\d{1,5}$/.test(h.slice(colon + 1))) return null;
  const n = normalise(name);
  if (n === '' || !/^[a-z0-9.-]+$/.test(n)) return null;
  return n;
}
