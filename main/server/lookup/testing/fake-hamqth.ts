/**
 * A fake HamQTH XML server on loopback, for tests: `?u=&p=` → `<session><session_id>`;
 * `?id=&callsign=&prg=` → `<search>` or `<session><error>Callsign not found</error>`;
 * unknown or expired ids → `<error>Session does not exist or expired</error>`.
 */
import { leavesXml, startFakeHttp, type FakeHttp } from './fake-http.js';

export interface FakeHamqthOptions {
  username?: string;
  password?: string;
  /** Callsign (upper case) → the leaves of its `<search>` element. */
  records?: Record<string, Record<string, string>>;
}

export interface FakeHamqth extends FakeHttp {
  expireSessions(): void;
  logins(): number;
  lookups(): string[];
}

export async function startFakeHamqth(options: FakeHamqthOptions = {}): Promise<FakeHamqth> {
  const username = options.username ?? 'n0call';
  const password = options.password ?? 'secret-pw';
  const records = options.records ?? {};
  const valid = new Set<string>();
  let issued = 0;
  const wrap = (body: string): string =>
    `<HamQTH version="2.8" xmlns="https://www.hamqth.com">${body}</HamQTH>`;
  const error = (message: string): string => wrap(`<session>${leavesXml({ error: message })}</session>`);

  const http = await startFakeHttp('/xml.php', (p) => {
    if (p.u !== undefined) {
      if (p.u.toLowerCase() !== username.toLowerCase() || p.p !== password)
        return error('Wrong user name or password');
      issued += 1;
      const id = `fake-session-id-${issued}`;
      valid.add(id);
      return wrap(`<session>${leavesXml({ session_id: id })}</session>`);
    }
    if (!valid.has(p.id ?? '')) return error('Session does not exist or expired');
    const call = (p.callsign ?? '').toUpperCase();
    const record = records[call];
    if (record === undefined) return error('Callsign not found');
    return wrap(`<search>${leavesXml(record)}</search>`);
  });
  return {
    ...http,
    expireSessions: () => valid.clear(),
    logins: () => http.requests.filter((r) => r.params.u !== undefined).length,
    lookups: () => http.requests.flatMap((r) => (r.params.callsign !== undefined ? [r.params.callsign] : [])),
  };
}
