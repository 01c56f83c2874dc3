/**
 * HamQTH XML client (https://www.hamqth.com/xml.php), free with a HamQTH account.
 * Login `?u=USER&p=PASS` gives `<session><session_id>`; lookup `?id=SESSION&callsign=X&prg=...` gives
 * `<search>` or `<session><error>`. "Session does not exist or expired" → one re-login and one retry.
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

export const HAMQTH_DEFAULT_URL = 'https://www.hamqth.com/xml.php';

export interface HamqthClientOptions {
  username: string;
  password: string;
  url?: string | undefined;
}

export function mapHamqthSearch(inner: string): OnlineDetails {
  const f = leaves(inner);
  const state = text(f, 'us_state');
  const zip = text(f, 'adr_zip');
  return {
    callsign: (text(f, 'callsign') ?? '').toUpperCase(),
    name: text(f, 'adr_name') ?? text(f, 'nick'),
    address: joinParts([
      text(f, 'adr_street1'),
      text(f, 'adr_street2'),
      text(f, 'adr_street3'),
      text(f, 'adr_city') ?? text(f, 'qth'),
      joinParts([state, zip], ' '),
      text(f, 'adr_country'),
    ]),
    dxcc_name: text(f, 'country'),
    image: text(f, 'picture'),
    grid: {
      lat: parseCoordinate(text(f, 'latitude'), 90),
      long: parseCoordinate(text(f, 'longitude'), 180),
      grid: formatGrid(text(f, 'grid')),
    },
    error: null,
    source: 'hamqth',
  };
}

function sessionFields(xml: string): { id: string | null; error: string | null } {
  const inner = element(xml, 'session');
  if (inner === null) return { id: null, error: null };
  const f = leaves(inner);
  return { id: text(f, 'session_id'), error: text(f, 'error') };
}

export class HamqthClient implements OnlineClient {
  readonly service = 'hamqth' as const;
  private readonly url: string;
  private readonly session = new ServiceSession('HamQTH', (signal) => this.doLogin(signal));

  constructor(private readonly options: HamqthClientOptions) {
    this.url = options.url ?? HAMQTH_DEFAULT_URL;
  }

  lookup(callsign: string, signal: AbortSignal): Promise<OnlineResult> {
    return this.session.run((id) => this.query(id, callsign, signal), signal);
  }

  private async doLogin(signal: AbortSignal): Promise<string> {
    const { username, password } = this.options;
    const xml = await getText(this.url, { u: username, p: password }, signal, 'HamQTH');
    const s = sessionFields(xml);
    if (s.id === null) {
      const why = s.error === null ? 'no session id in the answer' : redact(s.error, [password]);
      throw new LookupError('LOOKUP_AUTH_FAILED', `HamQTH login failed: ${why}`);
    }
    return s.id;
  }

  private async query(id: string, callsign: string, signal: AbortSignal): Promise<OnlineResult | 'expired'> {
    const xml = await getText(this.url, { id, callsign, prg: USER_AGENT }, signal, 'HamQTH');
    if (element(xml, 'HamQTH') === null) {
      throw new LookupError('LOOKUP_BAD_RESPONSE', 'HamQTH answered something that is not HamQTH XML');
    }
    const record = element(xml, 'search');
    if (record !== null) return { found: true, details: mapHamqthSearch(record) };
    const s = sessionFields(xml);
    if (s.error !== null && /not found/i.test(s.error)) return { found: false, message: s.error };
    if (s.error !== null && /session/i.test(s.error)) return 'expired';
    throw new LookupError(
      'LOOKUP_SERVICE_ERROR',
      `HamQTH: ${redact(s.error ?? 'no record and no error', [this.options.password, id])}`,
    );
  }
}
