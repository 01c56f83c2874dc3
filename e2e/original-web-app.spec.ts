/**
 * The original's web app against a camp server, in Chromium: a stand-in that calls the API exactly as the
 * original's deployed bundle does (e2e/support/original-web-app.ts), served from its own origin as
 * pileupbuster.com is served apart from its API host. The station has two more operating positions with callers
 * waiting and a QSO in progress. The page must see the default position only (its queue, QSO, frequency, live on
 * the plain SSE stream), a caller registering from it joins the default position's queue, and the admin page
 * (HTTP Basic auth from the allowed origin) works the default position only; the other positions are untouched.
 * From an origin the operator did not allow, the admin login is refused by the browser and nothing changes.
 */
import { expect, test, type Page } from '@playwright/test';
import { serveOriginalWebApp, type OriginalWebApp } from './support/original-web-app.js';
import { asOperator, createCamp, joinAt } from './support/positions.js';
import { adminRequest, startTestServer, type E2eServer } from './support/server.js';

let server: E2eServer | null = null;
const apps: OriginalWebApp[] = [];

test.afterEach(async () => {
  await server?.stop();
  server = null;
  for (const app of apps.splice(0)) await app.close();
});

interface Listed {
  id: string;
  current_callsign: string | null;
  frequency: string | null;
}

/** The other positions as the camp sees them: who each is working, its frequency and its queue. */
async function elsewhere(s: E2eServer): Promise<Record<string, unknown>> {
  return asOperator(s, async (c) => {
    const { positions } = (await c.request('positions.list', {})) as { positions: Listed[] };
    const out: Record<string, unknown> = {};
    for (const p of positions.filter((x) => x.id !== 'default')) {
      const { queue } = (await c.request('positions.get_queue', { position_id: p.id })) as {
        queue: { callsign: string }[];
      };
      out[p.id] = {
        current: p.current_callsign,
        frequency: p.frequency,
        queue: queue.map((e) => e.callsign),
      };
    }
    return out;
  });
}

const CAMP_ELSEWHERE = {
  'run-2': { current: 'K1ABC', frequency: '7.074', queue: ['W1AW'] },
  'run-3': { current: null, frequency: '21.250', queue: ['JA1XYZ'] },
};
/** Nothing of the other positions may show on the page. */
const ELSEWHERE_TEXT = ['K1ABC', 'W1AW', 'JA1XYZ', '7.074', '21.250', 'FT8', 'SSB'];

async function expectNothingElsewhere(page: Page): Promise<void> {
  const text = (await page.locator('body').textContent()) ?? '';
  expect(ELSEWHERE_TEXT.filter((t) => text.includes(t))).toEqual([]);
}

async function openApp(page: Page, app: OriginalWebApp, s: E2eServer): Promise<void> {
  await page.goto(`${app.url}?api=${encodeURIComponent(`${s.url}/api`)}`);
  await expect(page.locator('#splash')).toHaveText('Ready');
  await expect(page.locator('#sse')).toHaveText('SSE open');
}

test('the original web app, from its own origin, sees and works the default position only', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const app = await serveOriginalWebApp();
  apps.push(app);
  server = await startTestServer({ env: { ALLOWED_ORIGINS: app.origin } });
  const s = server;
  await createCamp(s);
  await joinAt(s, 'DL1ABC', 'default');
  for (const call of ['K1ABC', 'W1AW']) await joinAt(s, call, 'run-2');
  await joinAt(s, 'JA1XYZ', 'run-3');
  await asOperator(s, (c) => c.request('admin.next_qso', { position_id: 'run-2' }));
  expect(await elsewhere(s)).toEqual(CAMP_ELSEWHERE);

  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page, app, s);
  await expect(page.locator('#pill')).toHaveText('ON AIR 14.025 MHz | 20m | CW');
  await expect(page.locator('#queue li')).toHaveText(['DL1ABC']);
  await expect(page.locator('#current')).toHaveText('No active callsign');
  await expect(page.locator('#strip')).toHaveText('3 of 4 queue slots available');
  await expectNothingElsewhere(page);

  // A caller registers from the page: the default position's queue, shown live through the plain stream.
  await page.locator('#callsign').fill('g0web');
  await page.getByRole('button', { name: 'Add to Queue' }).click();
  const manual = page.locator('#manual');
  await expect(page.locator('#registered:not(:empty), #manual:not([hidden])')).toBeVisible();
  if (await manual.isVisible()) {
    await manual.getByLabel('Name').fill('Web');
    await manual.getByLabel('Location / city').fill('London');
    await manual.getByLabel('Country').fill('England');
    await manual.getByRole('button', { name: 'Submit' }).click();
  }
  await expect(page.locator('#registered')).toHaveText('Added G0WEB');
  await expect(page.locator('#queue li')).toHaveText(['DL1ABC', 'G0WEB']);
  // Registering twice: the server's reason, read cross-origin from `detail`.
  await page.getByRole('button', { name: 'Add to Queue' }).click();
  await expect(page.locator('#error')).toContainText(/already/i);

  // The other positions work on: nothing of it reaches the page.
  await asOperator(s, async (c) => {
    await c.request('admin.complete_qso', { position_id: 'run-2' });
    await c.request('admin.next_qso', { position_id: 'run-2' });
    await c.request('admin.next_qso', { position_id: 'run-3' });
    await c.request('admin.set_frequency', { position_id: 'run-3', frequency: '21.255', mode: 'SSB' });
  });
  await expect(page.locator('#current')).toHaveText('No active callsign');
  await expect(page.locator('#queue li')).toHaveText(['DL1ABC', 'G0WEB']);
  await expect(page.locator('#pill')).toHaveText('ON AIR 14.025 MHz | 20m | CW');

  // The admin page: the login probe with HTTP Basic auth from the allowed origin, then work the queue.
  await page.getByLabel('Username').fill(s.admin.username);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await expect(page.locator('#admin-state')).toHaveText('Logged in');
  await page.getByLabel('Frequency').fill('14.030');
  await page.getByRole('button', { name: 'Set', exact: true }).click();
  await expect(page.locator('#pill')).toContainText('ON AIR 14.030 MHz');
  await page.getByRole('button', { name: 'Work Next User' }).click();
  await expect(page.locator('#current')).toHaveText('DL1ABC');
  await expect(page.locator('#queue li')).toHaveText(['G0WEB']);
  await page.getByRole('button', { name: 'Complete Current QSO' }).click();
  await expect(page.locator('#current')).toHaveText('No active callsign');
  await page.getByRole('button', { name: 'Work Next User' }).click();
  await expect(page.locator('#current')).toHaveText('G0WEB');
  await page.getByRole('button', { name: 'Clear Current Caller' }).click();
  await expect(page.locator('#current')).toHaveText('No active callsign');
  await expect(page.locator('#error')).toHaveText('');
  await expectNothingElsewhere(page);

  // What the page did happened at the default position; the others are as the camp left them.
  expect(await elsewhere(s)).toEqual({
    'run-2': { current: 'W1AW', frequency: '7.074', queue: [] },
    'run-3': { current: 'JA1XYZ', frequency: '21.255', queue: [] },
  });
  const log = (await adminRequest(s, 'GET', '/api/admin/qsos')) as {
    qsos: { callsign: string; frequency: string | null; position_id?: string }[];
  };
  const dl1abc = log.qsos.find((q) => q.callsign === 'DL1ABC');
  expect(dl1abc).toMatchObject({ frequency: '14.030' });
  expect(dl1abc?.position_id ?? 'default').toBe('default');
  expect(log.qsos.find((q) => q.callsign === 'K1ABC')).toMatchObject({ position_id: 'run-2' });
  expect(errors).toEqual([]);
});

test('from an origin the operator did not allow, the admin login is refused and nothing changes', async ({
  page,
}) => {
  const allowed = await serveOriginalWebApp();
  const other = await serveOriginalWebApp();
  apps.push(allowed, other);
  server = await startTestServer({ env: { ALLOWED_ORIGINS: allowed.origin } });
  const s = server;
  await createCamp(s);
  await joinAt(s, 'DL1ABC', 'default');

  // The public page works from anywhere (CORS *), the admin calls do not.
  await openApp(page, other, s);
  await expect(page.locator('#queue li')).toHaveText(['DL1ABC']);
  await page.getByLabel('Username').fill(s.admin.username);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await expect(page.locator('#admin-state')).toHaveText(/^Login failed/);
  // Even a call sent without the login probe is refused before it acts (no CORS for this origin).
  const status = await page.evaluate(async (api) => {
    try {
      const res = await fetch(`${api}/admin/queue/next`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Basic ${btoa('admin:e2e-password-123')}`,
        },
      });
      return res.status;
    } catch {
      return 'refused';
    }
  }, `${s.url}/api`);
  expect(status).toBe('refused');
  expect((await adminRequest(s, 'GET', '/api/queue/current')) ?? null).toBe(null);
  await expect(page.locator('#queue li')).toHaveText(['DL1ABC']);
});
