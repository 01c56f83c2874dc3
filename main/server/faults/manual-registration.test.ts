import { afterEach, describe, expect, it } from 'vitest';
import { GERMANY_INFO, QSO_DL1ABC } from '../integrations/adif/fixtures/records.js';
import { qsoAdifFields } from '../integrations/adif/write.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { activate, knownLookup } from './support.js';

let ts: TestServer | undefined;
afterEach(async () => {
  await ts?.close();
  ts = undefined;
});

const manual = { name: 'Someone', location: 'Somewhere', country: 'Atlantis' };

describe('register-manual', () => {
  it('is refused (409 CONFLICT) for a callsign the lookup knows; the lookup data stays', async () => {
    ts = await startTestServer({ lookup: knownLookup() });
    await activate(ts);
    const res = await ts.request('POST', '/api/queue/register-manual', {
      body: { callsign: 'DL1ABC', ...manual },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'CONFLICT' });
    expect(((await ts.request('GET', '/api/queue/list')).body as { queue: unknown[] }).queue).toHaveLength(0);
  });

  it('is accepted where no lookup data exists', async () => {
    ts = await startTestServer(); // a lookup that knows nothing
    await activate(ts);
    const res = await ts.request('POST', '/api/queue/register-manual', {
      body: { callsign: 'W1AW', ...manual },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entry: { callsign: 'W1AW', qrz: { source: 'manual', name: 'Someone' } },
    });
  });

  it("a caller's typed country never replaces the DXCC entity in ADIF COUNTRY; it has its own field", () => {
    const qso = { ...QSO_DL1ABC, qrz: { ...GERMANY_INFO, dxcc_name: 'Atlantis', source: 'manual' as const } };
    const country = qsoAdifFields(qso).find(([name]) => name === 'COUNTRY')?.[1];
    expect(country).toBe(GERMANY_INFO.dxcc!.entity);
    // the caller's own words are kept, in their own field
    const typed = qsoAdifFields(qso).find(([name]) => name === 'APP_PILEUPBUSTER_CALLER_COUNTRY')?.[1];
    expect(typed).toBe('Atlantis');
    const looked = { ...qso, qrz: { ...GERMANY_INFO, source: 'qrz' as const } };
    expect(qsoAdifFields(looked).map(([name]) => name)).not.toContain('APP_PILEUPBUSTER_CALLER_COUNTRY');
    const unknown = { ...qso, qrz: { ...qso.qrz, dxcc: null } };
    expect(qsoAdifFields(unknown).find(([name]) => name === 'COUNTRY')).toBeUndefined();
  });
});
