import { afterEach, describe, expect, it } from 'vitest';
import { HamqthClient } from './hamqth.js';
import { LookupError } from './online.js';
import { startFakeHamqth, type FakeHamqth } from './testing/fake-hamqth.js';
import { HAMQTH_RECORDS } from './testing/records.js';

let fake: FakeHamqth | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const signal = (): AbortSignal => AbortSignal.timeout(3000);

async function setup(password = 'secret-pw'): Promise<{ fake: FakeHamqth; client: HamqthClient }> {
  fake = await startFakeHamqth({ records: HAMQTH_RECORDS });
  return { fake, client: new HamqthClient({ username: 'n0call', password, url: fake.url }) };
}

describe('HamqthClient', () => {
  it('logs in once, sends the program name and maps the record', async () => {
    const { fake, client } = await setup();
    const r = await client.lookup('OK2CQR', signal());
    await client.lookup('DL1ABC', signal());
    expect(fake.logins()).toBe(1);
    expect(fake.requests.at(-1)?.params.prg).toBe('PileupBusterDesktop');
    expect(r).toEqual({
      found: true,
      details: {
        callsign: 'OK2CQR',
        name: 'Petr Example',
        address: 'Ulice 1, Neratovice, 27711, Czech Republic',
        dxcc_name: 'Czech Republic',
        image: 'https://hamqth.example.invalid/ok2cqr.jpg',
        grid: { lat: 50.25, long: 14.52, grid: 'JO70gg' },
        error: null,
        source: 'hamqth',
      },
    });
  });

  it('falls back to the nickname when there is no address name', async () => {
    const { client } = await setup();
    const r = await client.lookup('DL1ABC', signal());
    expect(r.found && r.details.name).toBe('Anna');
    expect(r.found && r.details.grid).toEqual({ lat: null, long: null, grid: 'JO30lw' });
  });

  it('an expired session costs one re-login', async () => {
    const { fake, client } = await setup();
    await client.lookup('OK2CQR', signal());
    fake.expireSessions();
    expect((await client.lookup('OK2CQR', signal())).found).toBe(true);
    expect(fake.logins()).toBe(2);
  });

  it('"Callsign not found" is a result', async () => {
    const { client } = await setup();
    expect(await client.lookup('ZZ9ZZZ', signal())).toEqual({ found: false, message: 'Callsign not found' });
  });

  it('a wrong password is an authentication error without the password', async () => {
    const { client } = await setup('hunter2-wrong');
    const err = (await client.lookup('OK2CQR', signal()).catch((e: unknown) => e)) as LookupError;
    expect(err).toBeInstanceOf(LookupError);
    expect(err.code).toBe('LOOKUP_AUTH_FAILED');
    expect(err.message).toBe('HamQTH login failed: Wrong user name or password');
  });

  it('a slow answer past the deadline is a timeout', async () => {
    const { fake, client } = await setup();
    fake.setMode({ kind: 'slow', delayMs: 2000 });
    const err = (await client
      .lookup('OK2CQR', AbortSignal.timeout(150))
      .catch((e: unknown) => e)) as LookupError;
    expect(err.code).toBe('LOOKUP_TIMEOUT');
  });
});
