/** Caller-page URLs for the network interfaces of this machine (pure; `os.networkInterfaces()` is passed in). */

export interface InterfaceAddress {
  address: string;
  family: string | number;
  internal: boolean;
}

export interface CallerUrl {
  /** Interface name, e.g. "eth0", or "this computer" for loopback. */
  label: string;
  url: string;
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '' || host === '[::]';
}

function hostForUrl(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/**
 * The URLs a caller on the LAN can open. A server bound to one address offers that address only;
 * a wildcard bind offers every external IPv4 address (IPv6 link-local addresses are left out: they
 * need a zone id phones cannot type), then loopback for this computer.
 */
export function callerUrls(
  port: number,
  bindHost: string,
  interfaces: Record<string, InterfaceAddress[] | undefined>,
): CallerUrl[] {
  if (!isWildcard(bindHost)) {
    const loopback = bindHost === '127.0.0.1' || bindHost === '::1' || bindHost === 'localhost';
    return [{ label: loopback ? 'this computer' : bindHost, url: `http://${hostForUrl(bindHost)}:${port}/` }];
  }
  const urls: CallerUrl[] = [];
  for (const [name, addresses] of Object.entries(interfaces)) {
    for (const info of addresses ?? []) {
      const ipv4 = info.family === 'IPv4' || info.family === 4;
      if (info.internal || !ipv4) continue;
      urls.push({ label: name, url: `http://${info.address}:${port}/` });
    }
  }
  urls.push({ label: 'this computer', url: `http://127.0.0.1:${port}/` });
  return urls;
}
