import { afterEach, describe, expect, it } from 'vitest';
import { QrzClient, QRZ_NON_SUBSCRIBER } from './qrz.js';
import { LookupError } from './online.js';
import { startFakeQrz, type FakeQrz } from './testing/fake-qrz.js';
import { QRZ_RECORDS } from './testing/records.js';

let fake: FakeQrz | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const signal = (): AbortSignal => AbortSignal.timeout(3000);

async function setup(
  subscriber = true,
  password = 'secret-pw',
): Promise<{ fake: FakeQrz; client: QrzClient }> {
  fake = await startFakeQrz({ records: QRZ_RECORDS, subscriber });
  return { fake, client: new QrzClient({ username: 'N0CALL', password, url: fake.url }) };
}

describe('QrzClient', () => {
  it('logs in once, reuses the key and maps the record to the original qrz fields', async () => {
    const { fake, client } = await setup();
    const a = await client.lookup('AA7BQ', signal());
    const b = await client.lookup('DL1ABC', signal());
    expect(fake.logins()).toBe(1);
    expect(a).toEqual({
      found: true,
      details: {
        callsign: 'AA7BQ',
        name: 'Fred L Lloyd',
        address: '101 Radio Wave Lane, Phoenix, AZ 85013, United States',
        dxcc_name: 'United States',
        image: 'https://cdn.example.invalid/aa7bq.jpg',
        grid: { lat: 33.5, long: -112, grid: 'DM33xm' },
        error: null,
        source: 'qrz',
      },
    });
    expect(b.found && b.details.name).toBe('Anna & Bernd Beispiel');
    expect(b.found && b.details.address).toBe('Hauptstr. 1, Köln, 50667, Germany');
  });

  it('an expired session costs exactly one re-login and the lookup succeeds', async () => {
    const { fake, client } = await setup();
    await client.lookup('AA7BQ', signal());
    fake.expireSessions();
    const again = await client.lookup('AA7BQ', signal());
    expect(again.found).toBe(true);
    expect(fake.logins()).toBe(2);
    expect(fake.lookups()).toEqual(['AA7BQ', 'AA7BQ', 'AA7BQ']);
  });

  it('reports "not found" as a result, not an error', async () => {
    const { client } = await setup();
    expect(await client.lookup('ZZ9ZZZ', signal())).toEqual({ found: false, message: 'Not found: ZZ9ZZZ' });
  });

  it('detects a non-subscriber account and says the data is limited', async () => {
    const { client } = await setup(false);
    const r = await client.lookup('AA7BQ', signal());
    expect(r.found && r.details.error).toBe(QRZ_NON_SUBSCRIBER);
    expect(r.found && r.details.name).toBe('Fred L Lloyd');
    expect(r.found && r.details.image).toBeNull();
    expect(client.nonSubscriber).toBe(true);
  });

  it('a wrong password is an authentication error that does not contain the password', async () => {
    const { client } = await setup(true, 'wrong-pw-123');
    const err = await client.lookup('AA7BQ', signal()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LookupError);
    expect((err as LookupError).code).toBe('LOOKUP_AUTH_FAILED');
    expect((err as LookupError).message).toContain('Username/password incorrect');
    expect((err as LookupError).message).not.toContain('wrong-pw-123');
  });

  it('a hanging server gives a timeout error when the signal fires', async () => {
    const { fake, client } = await setup();
    fake.setMode({ kind: 'hang' });
    const err = await client.lookup('AA7BQ', AbortSignal.timeout(200)).catch((e: unknown) => e);
    expect((err as LookupError).code).toBe('LOOKUP_TIMEOUT');
  });

  it('HTTP errors and non-XML answers are typed errors', async () => {
    const { fake, client } = await setup();
    fake.setMode({ kind: 'status', status: 503 });
    expect(await client.lookup('AA7BQ', signal()).catch((e: unknown) => (e as LookupError).code)).toBe(
      'LOOKUP_HTTP_STATUS',
    );
    fake.setMode({ kind: 'normal' });
    await client.lookup('AA7BQ', signal());
    fake.setMode({ kind: 'garbage' });
    expect(await client.lookup('AA7BQ', signal()).catch((e: unknown) => (e as LookupError).code)).toBe(
      'LOOKUP_BAD_RESPONSE',
    );
  });

  it('a closed port is a network error', async () => {
    const { fake, client } = await setup();
    await fake.close();
    const err = await client.lookup('AA7BQ', signal()).catch((e: unknown) => e);
    expect((err as LookupError).code).toBe('LOOKUP_NETWORK');
  });

  it('concurrent lookups before the first login share one login', async () => {
    const { fake, client } = await setup();
    await Promise.all([client.lookup('AA7BQ', signal()), client.lookup('DL1ABC', signal())]);
    expect(fake.logins()).toBe(1);
  });
});
