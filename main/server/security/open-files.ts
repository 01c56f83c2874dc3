import { readFileSync } from 'node:fs';

/**
 * The process's open-file limit (soft), read from /proc/self/limits on Linux; null where it cannot be read
 * (other systems), in which case the fixed defaults apply.
 */
export function openFileLimit(
  readLimits: () => string = () => readFileSync('/proc/self/limits', 'utf8'),
): number | null {
  let text: string;
  try {
    text = readLimits();
  } catch {
    return null;
  }
  const m = /^Max open files\s+(\d+|unlimited)\s/m.exec(text);
  if (!m) return null;
  return m[1] === 'unlimited' ? null : Number(m[1]);
}

/**
 * The TCP connections the port may hold in total under an open-file limit: the limit less headroom for the
 * data files, lookups, UDP sockets and outgoing connections (10% of the limit, at least 64), never below 16.
 */
export function tcpCapFor(limit: number): number {
  return Math.max(16, limit - Math.max(64, Math.ceil(limit / 10)));
}
