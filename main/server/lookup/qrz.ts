/**
 * QRZ.com XML Logbook Data client (https://xmldata.qrz.com/xml/current/).
 * Login with username/password gives a session key, reused until the server says it expired
 * (`<Error>Session Timeout</Error>`, an invalid key, or a response without `<Key>`), then one
 * re-login and one retry. Accounts without an XML subscription (`<SubExp>non-subscriber</SubExp>`)
 * get limited records; the result says so in `error`.
 */
import { element, leaves, text } from './xml.js';
import {
  LookupError,
  USER_AGENT,
  getText,
  joinParts,
  parseCoordinate,
  ServiceSession,
  type OnlineClient,
  type OnlineDetails,
  type OnlineResult,
} from './online.js';
import { formatGrid, redact } from './format.js';

export const QRZ_DEFAULT_URL = 'https://xmldata.qrz.com/xml/current/';
export const QRZ_NON_SUBSCRIBER =
  'QRZ.com account without an XML Logbook Data subscription: details are limited';

export interface QrzClientOptions {
  username: string;
  password: string;
  url?: string | undefined;
}

interface SessionInfo {
  key: string | null;
  error: string | null;
  subExp: string | null;
}

function session(xml: string): SessionInfo {
  const inner = element(xml, 'Session');
  if (inner === null) return { key: null, error: null, subExp: null };
  const f = leaves(inner);
  return { key: text(f, 'Key'), error: text(f, 'Error'), subExp: text(f, 'SubExp') };
}

function isExpired(s: SessionInfo): boolean {
  if (s.error !== null && /session|timeout|invalid key/i.test(s.error)) return true;
  return s.key === null && s.error === null;
}

export function mapQrzCallsign(inner: string, limited: boolean): OnlineDetails {
  const f = leaves(inner);
  const state = text(f, 'state');
  const zip = text(f, 'zip');
  return {
    callsign: (text(f, 'call') ?? '').toUpperCase(),
    name: joinParts([text(f, 'fname'), text(f, 'name')], ' '),
    // Street, city, "state zip", country: the order of a postal address (the original put country before state).
    address: joinParts([
      text(f, 'addr1'),
      text(f, 'addr2'),
      joinParts([state, zip], ' '),
      text(f, 'country'),
    ]),
    dxcc_name: text(f, 'land') ?? text(f, 'country'),
    image: text(f, 'image'),
    grid: {
      lat: parseCoordinate(text(f, 'lat'), 90),
      long: parseCoordinate(text(f, 'lon'), 180),
      grid: formatGrid(text(f, 'grid')),
    },
    error: limited ? QRZ_NON_SUBSCRIBER : null,
    source: 'qrz',
  };
}

export class QrzClient implements OnlineClient {
  readonly service = 'qrz' as const;
  private readonly url: string;
  private readonly session = new ServiceSession('QRZ.com', (signal) => this.doLogin(signal));
  /** True once a login said the account has no XML subscription. */
  nonSubscriber = false;

  constructor(private readonly options: QrzClientOptions) {
    this.url = options.url ?? QRZ_DEFAULT_URL;
  }

  lookup(callsign: string, signal: AbortSignal): Promise<OnlineResult> {
    return this.session.run((key) => this.query(key, callsign, signal), signal);
  }

  private async doLogin(signal: AbortSignal): Promise<string> {
    const { username, password } = this.options;
    const xml = await getText(this.url, { username, password, agent: USER_AGENT }, signal, 'QRZ.com');
    const s = session(xml);
    if (s.key === null) {
      const why = s.error === null ? 'no session key in the answer' : redact(s.error, [password]);
      throw new LookupError('LOOKUP_AUTH_FAILED', `QRZ.com login failed: ${why}`);
    }
    this.nonSubscriber = s.subExp !== null && /non-?subscriber/i.test(s.subExp);
    return s.key;
  }

  private async query(key: string, callsign: string, signal: AbortSignal): Promise<OnlineResult | 'expired'> {
    const xml = await getText(this.url, { s: key, callsign }, signal, 'QRZ.com');
    if (element(xml, 'QRZDatabase') === null) {
      throw new LookupError('LOOKUP_BAD_RESPONSE', 'QRZ.com answered something that is not QRZ XML');
    }
    const s = session(xml);
    if (s.subExp !== null) this.nonSubscriber = /non-?subscriber/i.test(s.subExp);
    const record = element(xml, 'Callsign');
    if (record !== null) return { found: true, details: mapQrzCallsign(record, this.nonSubscriber) };
    if (s.error !== null && /^not found/i.test(s.error)) return { found: false, message: s.error };
    if (isExpired(s)) return 'expired';
    throw new LookupError(
      'LOOKUP_SERVICE_ERROR',
      `QRZ.com: ${redact(s.error ?? 'no record and no error', [this.options.password, key])}`,
    );
  }
}
