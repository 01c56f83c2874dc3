/**
 * The caller page through the tested relay deployment: Debian's nginx with nchan on loopback, serving the
 * configuration shipped in docs/deployment/nginx-relay.conf over TLS. The page (real Chromium) is loaded from
 * nginx, registers through it, follows its place and its turn live from the relay's event stream (not from the
 * station's), and keeps following across a relay restart and a station restart. Needs nginx and
 * libnginx-mod-nchan: fails (never skips) without them.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  freePort,
  removeDir,
  selfSignedCertificate,
  startNginx,
  type Certificate,
  type RunningNginx,
} from '../main/server/testing/nginx.js';
import { asOperator } from './support/positions.js';
import { adminRequest, startTestServer, type E2eServer } from './support/server.js';

const NAME = 'pileup.example.org';
const SECRET = 'change-this-relay-secret';

let cert: Certificate | null = null;
let nginx: RunningNginx | null = null;
let station: E2eServer | null = null;

test.use({ ignoreHTTPSErrors: true, viewport: { width: 360, height: 640 } });

test.afterEach(async () => {
  await station?.stop();
  await nginx?.stop();
  if (nginx) removeDir(nginx.dir);
  if (cert) removeDir(cert.dir);
  station = null;
  nginx = null;
  cert = null;
});

async function registerDirect(s: E2eServer, callsign: string): Promise<void> {
  const post = (path: string, body: unknown) =>
    fetch(new URL(path, s.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  let res = await post('/api/queue/register', { callsign });
  if (!res.ok) throw new Error(`register ${callsign}: HTTP ${res.status}`);
  const body = (await res.json()) as { requires_manual_data?: boolean };
  if (body.requires_manual_data) {
    res = await post('/api/queue/register-manual', {
      callsign,
      name: 'Op',
      location: 'Town',
      country: 'Land',
    });
    if (!res.ok) throw new Error(`register-manual ${callsign}: HTTP ${res.status}`);
  }
}

async function joinQueue(page: Page, callsign: string): Promise<void> {
  await page.getByLabel('Your callsign').fill(callsign);
  await page.getByRole('button', { name: 'Join queue' }).click();
  const position = page.getByTestId('my-position');
  const form = page.getByTestId('manual-form');
  await expect(position.or(form)).toBeVisible();
  if (await form.isVisible()) {
    await form.getByLabel('Name').fill('Daithi');
    await form.getByLabel('Location / city').fill('Cork');
    await form.getByLabel('Country').fill('Ireland');
    await form.getByRole('button', { name: 'Join queue' }).click();
  }
  await expect(position).toBeVisible();
}

interface Health {
  connections: { sse: number };
}
interface RelayState {
  status: { state: string; subscribers: number | null } | null;
}

test('a caller follows the queue through nginx + nchan, across a relay restart and a station restart', async ({
  page,
}) => {
  test.setTimeout(120_000);
  cert = selfSignedCertificate([NAME]);
  const tlsPort = await freePort();
  const publishPort = await freePort();
  const stationPort = await freePort();
  nginx = await startNginx({
    siteFile: 'nginx-relay.conf',
    nchan: true,
    pairs: [
      ['listen 443 ssl;', `listen 127.0.0.1:${tlsPort} ssl;`],
      ['listen 127.0.0.1:8080;', `listen 127.0.0.1:${publishPort};`],
      ['server 127.0.0.1:8000;', `server 127.0.0.1:${stationPort};`],
      [`/etc/letsencrypt/live/${NAME}/fullchain.pem`, cert.certFile],
      [`/etc/letsencrypt/live/${NAME}/privkey.pem`, cert.keyFile],
    ],
    ports: [tlsPort, publishPort],
  });
  station = await startTestServer({
    args: ['--port', String(stationPort)],
    env: {
      TRUSTED_PROXIES: '127.0.0.1',
      PUBLIC_HOSTS: NAME,
      RELAY_PUBLISH_URL: `http://127.0.0.1:${publishPort}/relay/publish`,
      RELAY_EVENTS_URL: '/relay/events',
      RELAY_SECRET: SECRET,
    },
  });
  const s = station;
  const admin = (method: string, path: string, body?: unknown) => adminRequest(s, method, path, body);
  await admin('POST', '/api/admin/status', { active: true });
  await registerDirect(s, 'DL1ABC');

  const streams: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'eventsource') streams.push(new URL(r.url()).pathname);
  });
  await page.goto(`https://127.0.0.1:${tlsPort}/`);
  await expect(page.getByTestId('air-status')).toHaveText('ON AIR');
  await joinQueue(page, 'EI6JGB');
  await expect(page.getByTestId('my-position')).toContainText('You are #2 of 2');

  // Live through the relay: the page holds no stream on the station, nchan counts it as a subscriber.
  expect(streams).toContain('/relay/events');
  expect(streams).not.toContain('/api/events/stream');
  expect(((await admin('GET', '/api/health')) as Health).connections.sse).toBe(0);
  await registerDirect(s, 'F5XYZ');
  await expect(page.getByTestId('my-position')).toContainText('You are #2 of 3');
  await expect
    .poll(async () => ((await admin('GET', '/api/admin/relay')) as RelayState).status?.subscribers ?? 0)
    .toBeGreaterThanOrEqual(1);

  // The relay restarts (its buffer is gone); the page reconnects and the station resyncs the relay.
  await nginx.restart();
  await expect
    .poll(async () => ((await admin('GET', '/api/admin/relay')) as RelayState).status?.state, {
      timeout: 20_000,
    })
    .toBe('connected');
  await admin('POST', '/api/admin/queue/next');
  await expect(page.getByTestId('my-position')).toContainText('You are #1 of 2', { timeout: 30_000 });
  await expect(page.getByTestId('next-alert')).toContainText("You're next!");

  // The station restarts; the relay keeps the page's stream, the station publishes a snapshot when back.
  await s.restart();
  await expect
    .poll(async () => ((await admin('GET', '/api/admin/relay')) as RelayState).status?.state, {
      timeout: 20_000,
    })
    .toBe('connected');
  await admin('POST', '/api/admin/queue/next');
  await expect(page.getByTestId('turn-alert')).toContainText("It's your turn: call now!", {
    timeout: 30_000,
  });
  await expect(page.getByTestId('current-callsign')).toHaveText('EI6JGB');
  expect(((await admin('GET', '/api/health')) as Health).connections.sse).toBe(0);

  // The operator adds a second operating position: its position_update comes through the relay, and the page
  // shows both positions at once (it polls nothing); a camp is then followed on the station's own stream.
  await asOperator(s, (c) =>
    c.request('admin.create_position', {
      id: 'run-2',
      name: 'Run 2 - 40m FT8',
      frequency: '7.074',
      mode: 'FT8',
      active: true,
    }),
  );
  await expect(page.getByTestId('position-run-2')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('position-run-2').getByRole('heading')).toHaveText('Run 2 - 40m FT8');
});
