/**
 * A fake QRZ.com XML Logbook Data server on loopback, for tests. Speaks the documented protocol:
 * `?username=&password=` → `<Session><Key>`; `?s=KEY&callsign=X` → `<Callsign>` or
 * `<Session><Error>Not found: X</Error>`; unknown or expired keys → `<Error>Session Timeout</Error>`.
 */
import { escapeXml, leavesXml, startFakeHttp, type FakeHttp } from './fake-http.js';

export interface FakeQrzOptions {
  username?: string;
  password?: string;
  /** Callsign (upper case) → the leaves of its `<Callsign>` element. */
  records?: Record<string, Record<string, string>>;
  /** Accounts without an XML subscription get `<SubExp>non-subscriber</SubExp>` and fewer fields. */
  subscriber?: boolean;
}

export interface FakeQrz extends FakeHttp {
  /** Invalidates every issued session key (the next lookup sees "Session Timeout"). */
  expireSessions(): void;
  logins(): number;
  lookups(): string[];
}

const NON_SUBSCRIBER_FIELDS = new Set(['call', 'fname', 'name', 'addr2', 'state', 'country']);

export async function startFakeQrz(options: FakeQrzOptions = {}): Promise<FakeQrz> {
  const username = options.username ?? 'N0CALL';
  const password = options.password ?? 'secret-pw';
  const records = options.records ?? {};
  const subscriber = options.subscriber ?? true;
  const valid = new Set<string>();
  let issued = 0;
  const wrap = (body: string): string =>
    `<QRZDatabase version="1.34" xmlns="http://xmldata.qrz.com">${body}</QRZDatabase>`;
  const sessionXml = (fields: Record<string, string>): string =>
    `<Session>${leavesXml({
      ...fields,
      Count: '42',
      SubExp: subscriber ? 'Wed Jan 1 00:00:00 2031' : 'non-subscriber',
      GMTime: new Date().toUTCString(),
    })}</Session>`;

  const http = await startFakeHttp('/xml/current/', (p) => {
    if (p.username !== undefined) {
      if (p.username.toUpperCase() !== username.toUpperCase() || p.password !== password) {
        return wrap(sessionXml({ Error: 'Username/password incorrect' }));
      }
      issued += 1;
      const key = `fake-session-key-${issued}`;
      valid.add(key);
      return wrap(sessionXml({ Key: key }));
    }
    const key = p.s ?? '';
    if (!valid.has(key)) return wrap(sessionXml({ Error: 'Session Timeout' }));
    const call = (p.callsign ?? '').toUpperCase();
    const record = records[call];
    if (record === undefined) return wrap(sessionXml({ Key: key, Error: `Not found: ${escapeXml(call)}` }));
    const shown = subscriber
      ? record
      : Object.fromEntries(Object.entries(record).filter(([k]) => NON_SUBSCRIBER_FIELDS.has(k)));
    return wrap(`<Callsign>${leavesXml(shown)}</Callsign>${sessionXml({ Key: key })}`);
  });
  return {
    ...http,
    expireSessions: () => valid.clear(),
    logins: () => http.requests.filter((r) => r.params.username !== undefined).length,
    lookups: () => http.requests.flatMap((r) => (r.params.callsign !== undefined ? [r.params.callsign] : [])),
  };
}
