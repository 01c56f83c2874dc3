/**
 * Regenerates the console screenshots in docs/images: a real server with a realistic pileup (30 callers, long
 * portable calls, a QSO in progress, a few QSOs logged), the console in Chromium at 1024x768 and 1920x1080 (and
 * any sizes given as WxH arguments), light and dark; then three more operating positions with their own callers
 * and QSOs, and the console's "All positions" view (console-positions-*.png). Then the caller page at a camp of
 * operating positions on a 360x640 phone, light and dark (caller-positions-360x640-*.png).
 *
 *   npx vite build && npx tsx e2e/support/screenshots.ts [--out dir] [1280x800 ...]
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CALLER, seedCamp as seedCallerCamp } from './camp.js';
import { adminRequest, startTestServer, type E2eServer } from './server.js';
import { asOperator, createCamp, joinAt } from './positions.js';

export const PILEUP_CALLS = [
  'DL1ABC',
  'EA8/DL2ABC',
  'SP1/UX1HW/M',
  'VK9/EI6JGB/P',
  'G4XYZ',
  'JA1XYZ',
  'W1AW',
  'F5NQL',
  'I2ABC',
  'OH2BH',
  'ON4UN',
  'PA3ABC',
  'SM5ABC',
  'LA9ABC',
  'OK1ABC',
  'HA5ABC',
  'YO3ABC',
  'LZ1ABC',
  'S51ABC',
  '9A1ABC',
  'OE1ABC',
  'HB9ABC',
  'CT1ABC',
  'EI7ABC',
  'GM3ABC',
  'K1ABC',
  'VE3ABC',
  'ZL1ABC',
  'PY2ABC',
  'LU1ABC',
];

/** Switches on, sets 14.205 SSB, logs two QSOs, queues the pileup and starts a QSO with its head. */
export async function seedPileup(server: E2eServer, calls: readonly string[] = PILEUP_CALLS): Promise<void> {
  await adminRequest(server, 'POST', '/api/admin/status', { active: true });
  await adminRequest(server, 'POST', '/api/admin/frequency', {
    frequency: '14.205',
    band: '20m',
    mode: 'SSB',
  });
  for (const call of ['G4XYZ', 'OH2BH']) {
    await adminRequest(server, 'POST', '/api/admin/qso/start', { callsign: call });
    await adminRequest(server, 'POST', '/api/admin/qso/complete');
  }
  for (const callsign of calls) {
    const res = await fetch(`${server.url}/api/queue/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callsign }),
    });
    if (res.status === 200) continue;
    await fetch(`${server.url}/api/queue/register-manual`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callsign, name: 'Op', location: 'Town', country: 'Land' }),
    });
  }
  await adminRequest(server, 'POST', '/api/admin/queue/next');
}

export async function consoleLogin(page: Page, server: E2eServer, query = ''): Promise<void> {
  await page.goto(`${server.url}/console/${query}`);
  await page.getByLabel('Username').fill(server.admin.username);
  await page.getByLabel('Password').fill(server.admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId(query.includes('position=all') ? 'watch-all' : 'system-pill').waitFor();
}

/** Beside the pileup at the default position: three more positions, with callers, a QSO logged and one running. */
export async function seedCamp(server: E2eServer): Promise<void> {
  await createCamp(server, [
    { id: 'run-2', name: 'Run 2 - 40m FT8', frequency: '7.074', mode: 'FT8' },
    { id: 'run-3', name: 'Run 3 - 15m CW', frequency: '21.025', mode: 'CW' },
    { id: 'vhf', name: 'VHF - 6m FT8', frequency: '50.313', mode: 'FT8' },
  ]);
  const queues: Record<string, string[]> = {
    'run-2': ['N0CALL', 'KH6ABC', 'ZS6ABC', 'VU2ABC', 'BY1ABC'],
    'run-3': ['UA3ABC', 'EA1ABC'],
  };
  for (const [id, calls] of Object.entries(queues)) for (const call of calls) await joinAt(server, call, id);
  await asOperator(server, async (c) => {
    await c.request('admin.next_qso', { position_id: 'run-2' });
    await c.request('admin.complete_qso', { position_id: 'run-2' });
    await c.request('admin.next_qso', { position_id: 'run-2' });
    await c.request('admin.set_queue_pause', { paused: true, position_id: 'vhf' });
  });
}

/**
 * The caller page at a camp of three positions on a 360x640 phone: the caller, in the log on 20m CW, waits at
 * Run 2 - 40m FT8. The whole page, light and dark.
 */
export async function shootCallerPositions(browser: Browser, out: string): Promise<void> {
  const server = await startTestServer();
  const operator = await seedCallerCamp(server);
  const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 360, height: 640 } });
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    // The page first draws as a single station, then shows the camp's form once it knows the positions.
    await page.getByRole('heading', { name: 'Which bands do you need?' }).waitFor();
    await page.getByLabel('Your callsign').fill(CALLER);
    await page.getByRole('button', { name: 'Show' }).click();
    const run2 = page.getByTestId('position-run-2');
    await run2.getByRole('button', { name: 'Join Run 2 - 40m FT8' }).click();
    const form = run2.getByTestId('manual-form');
    const place = page.getByTestId('my-position');
    await place.or(form).waitFor();
    if (await form.isVisible()) {
      await form.getByLabel('Name').fill('Daithi');
      await form.getByLabel('Location / city').fill('Cork');
      await form.getByLabel('Country').fill('Ireland');
      await form.getByRole('button', { name: 'Join queue' }).click();
    }
    await place.waitFor();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.waitForTimeout(300);
      const file = path.join(out, `caller-positions-360x640-${theme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
  } finally {
    await context.close();
    operator.close();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 ? args[outIndex + 1]! : 'docs/images';
  const sizeArgs = args.filter((a, i) => /^\d+x\d+$/.test(a) && i !== outIndex + 1);
  const sizes = (sizeArgs.length > 0 ? sizeArgs : ['1024x768', '1920x1080']).map((s) => {
    const [width, height] = s.split('x').map(Number);
    return { width: width!, height: height! };
  });
  mkdirSync(out, { recursive: true });
  const server = await startTestServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
    ],
  });
  try {
    await seedPileup(server);
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme: theme, viewport: sizes[0]! });
      const page = await context.newPage();
      await consoleLogin(page, server);
      await page.getByTestId('current-callsign').waitFor();
      for (const size of sizes) {
        await page.setViewportSize(size);
        await page.waitForTimeout(300);
        const file = path.join(out, `console-${size.width}x${size.height}-${theme}.png`);
        await page.screenshot({ path: file });
        console.log(file);
      }
      await context.close();
    }
    await seedCamp(server);
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme: theme, viewport: sizes[0]! });
      const page = await context.newPage();
      await consoleLogin(page, server, '?position=all');
      await page.getByTestId('position-card').first().waitFor();
      for (const size of sizes) {
        await page.setViewportSize(size);
        await page.waitForTimeout(300);
        const file = path.join(out, `console-positions-${size.width}x${size.height}-${theme}.png`);
        await page.screenshot({ path: file });
        console.log(file);
      }
      await context.close();
    }
    await shootCallerPositions(browser, out);
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
