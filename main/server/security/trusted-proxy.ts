import { BlockList, isIP } from 'node:net';

/**
 * Which peers are reverse proxies we trust to say who their client is (`trusted_proxies`, TRUSTED_PROXIES):
 * addresses (`127.0.0.1`, `::1`) and ranges (`10.0.0.0/8`, `fd00::/8`). Only a connection from one of them
 * may name the caller in X-Forwarded-For; from anyone else the header is ignored, so a caller cannot pick the
 * address its rate limits and lockouts are counted under.
 */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly entries: readonly string[];

  constructor(entries: readonly string[]) {
    this.entries = entries;
    for (const entry of entries) {
      const parsed = parseEntry(entry);
      if (!parsed) throw new Error(`"${entry}" is not an IP address or address/prefix range`);
      if (parsed.prefix === null) this.list.addAddress(parsed.address, parsed.family);
      else this.list.addSubnet(parsed.address, parsed.prefix, parsed.family);
    }
  }

  get empty(): boolean {
    return this.entries.length === 0;
  }

  /** Whether a peer address (as the socket reports it) is a trusted proxy. */
  trusts(address: string | undefined): boolean {
    if (this.empty || address === undefined) return false;
    const plain = unmapped(address);
    const family = isIP(plain);
    if (family === 0) return false;
    return this.list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  }

  /**
   * The caller's address: the peer itself unless it is a trusted proxy; then the right-most address in
   * X-Forwarded-For that is not a trusted proxy (each proxy appends the peer it saw, so the entries further
   * left were written by the caller and prove nothing). A malformed entry ends the walk at the last good one.
   */
  clientOf(peer: string | undefined, forwardedFor: string | undefined): string {
    const self = peer === undefined ? 'unknown' : unmapped(peer);
    if (forwardedFor === undefined || !this.trusts(peer)) return self;
    let client = self;
    const hops = forwardedFor.split(',');
    for (let i = hops.length - 1; i >= 0; i -= 1) {
      const hop = stripPort(hops[i]!.trim());
      if (isIP(hop) === 0) break;
      client = unmapped(hop);
      if (!this.trusts(client)) break;
    }
    return client;
  }
}

/** Parses TRUSTED_PROXIES / `--trusted-proxies`: addresses and ranges separated by commas or spaces. */
export function parseTrustedProxyList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Whether an entry is an address or a range. */
export function isTrustedProxyEntry(entry: string): boolean {
  return parseEntry(entry) !== null;
}

function parseEntry(
  entry: string,
): { address: string; prefix: number | null; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText, extra] = entry.split('/');
  if (extra !== undefined) return null;
  const family = isIP(address);
  if (family === 0) return null;
  const max = family === 4 ? 32 : 128;
  let prefix: number | null = null;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return null;
    prefix = Number(prefixText);
    if (prefix > max) return null;
  }
  return { address, prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) as `127.0.0.1`. */
function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

/** `1.2.3.4:5678` or `[2001:db8::1]:5678` (some proxies add the port) without the port. */
function stripPort(hop: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(hop);
  return v4 ? v4[1]! : hop;
}
