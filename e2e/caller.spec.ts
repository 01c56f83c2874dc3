/**
 * The caller page against a real server: a phone registers, follows its place while the operator (driven
 * through the admin HTTP API) works the queue, gets the "next" and "your turn" alerts, sees every refusal,
 * and recovers by itself from a server restart. Screenshots of the main states go to
 * test-results/screenshots/caller-*.png.
 */
import { expect, test, type Page } from '@playwright/test';
import { adminRequest, startTestServer, type E2eServer as TestServer } from './support/server.js';

const PHONE = { width: 360, height: 640 };
const DESKTOP = { width: 1280, height: 800 };

let server: TestServer | null = null;

async function start(env: Record<string, string> = {}): Promise<TestServer> {
  server = await startTestServer({ env });
  return server;
}

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

const admin = adminRequest;

/**
 * Registers a callsign as another caller would (a second device), through the public API. When the server has no
 * lookup data for it, answers the manual-details question as that caller would.
 */
async function registerElsewhere(s: TestServer, callsign: string): Promise<void> {
  const post = (path: string, body: unknown) =>
    fetch(new URL(path, s.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  let res = await post('/api/queue/register', { callsign });
  if (!res.ok) throw new Error(`register ${callsign}: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { requires_manual_data?: boolean };
  if (body.requires_manual_data) {
    res = await post('/api/queue/register-manual', {
      callsign,
      name: 'Op',
      location: 'Town',
      country: 'Land',
    });
    if (!res.ok) throw new Error(`register-manual ${callsign}: HTTP ${res.status} ${await res.text()}`);
  }
}

const activate = (s: TestServer) => admin(s, 'POST', '/api/admin/status', { active: true });

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/caller-${name}.png`, fullPage: true });
}

async function openPage(page: Page, s: TestServer): Promise<void> {
  await page.goto(s.url);
  await expect(page.getByTestId('air-status')).toBeVisible();
  await expect(page.getByTestId('connection-notice')).toBeHidden();
}

async function join(page: Page, callsign: string): Promise<void> {
  await page.getByLabel('Your callsign').fill(callsign);
  await page.getByRole('button', { name: 'Join queue' }).click();
}

/** Joins and waits until the page follows the callsign; fills the manual-details form if the server asks for it. */
async function joinQueue(page: Page, callsign: string): Promise<void> {
  await join(page, callsign);
  await completeJoin(page);
}

async function completeJoin(page: Page): Promise<void> {
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

test.describe('caller page at phone size', () => {
  test.use({ viewport: PHONE });

  test('registers and follows its place as the operator works the queue, up to "your turn"', async ({
    page,
  }) => {
    const s = await start();
    await activate(s);
    await admin(s, 'POST', '/api/admin/frequency', { frequency: '14.195', band: '20m', mode: 'SSB' });
    await admin(s, 'POST', '/api/admin/split', { split: 'up 5' });
    await registerElsewhere(s, 'DL1ABC');
    await registerElsewhere(s, 'W1AW');
    await openPage(page, s);
    await expect(page.getByTestId('air-status')).toHaveText('ON AIR');
    await expect(page.getByTestId('frequency')).toContainText('14.195 MHz');
    await expect(page.getByTestId('frequency')).toContainText('20m');
    await expect(page.getByTestId('frequency')).toContainText('Split up 5');
    await shot(page, 'phone-start');

    // Checked as typed with the shared grammar.
    await page.getByLabel('Your callsign').fill('ei6jgb');
    await expect(page.getByTestId('callsign-hint')).toHaveText('✓ EI6JGB looks right.');
    await page.getByRole('button', { name: 'Join queue' }).click();
    await completeJoin(page);
    await expect(page.getByTestId('my-position')).toContainText('You are #3 of 3');
    await expect(page).toHaveTitle('#3 of 3 · Pileup Buster');
    await expect(page.locator('[aria-live="polite"]')).toHaveText('You are number 3 of 3 in the queue.');
    await expect(page.getByTestId('queue').locator('li[aria-current="true"]')).toContainText('EI6JGB');
    await shot(page, 'phone-registered');

    await admin(s, 'POST', '/api/admin/queue/next');
    await expect(page.getByTestId('my-position')).toContainText('You are #2 of 2');
    await expect(page.getByTestId('current-callsign')).toHaveText('DL1ABC');

    await admin(s, 'POST', '/api/admin/queue/next');
    await expect(page.getByTestId('my-position')).toContainText('You are #1 of 1');
    await expect(page.getByTestId('next-alert')).toContainText("You're next!");
    await expect(page).toHaveTitle(/^You're next/);
    await shot(page, 'phone-next');

    await admin(s, 'POST', '/api/admin/queue/next');
    await expect(page.getByTestId('turn-alert')).toContainText("It's your turn: call now!");
    await expect(page).toHaveTitle(/YOUR TURN/);
    await expect(page.getByTestId('current-callsign')).toHaveText('EI6JGB');
    await expect(page.locator('[aria-live="assertive"]')).toContainText("It's your turn, EI6JGB");
    await shot(page, 'phone-turn');

    // The page remembers the callsign across reloads.
    await page.reload();
    await expect(page.getByTestId('turn-alert')).toBeVisible();

    await admin(s, 'POST', '/api/admin/qso/complete');
    await expect(page.getByTestId('departure')).toContainText("You're in the log: 14.195 SSB at");
    await expect(page.getByTestId('worked')).toContainText('EI6JGB');
    await shot(page, 'phone-worked');
  });

  test('finds its place beyond the first 1,000 callers, which queue updates do not list', async ({
    page,
  }) => {
    const s = await start({ MAX_QUEUE_SIZE: '2000' });
    await activate(s);
    const letters = (i: number) =>
      String.fromCharCode(65 + (i % 26), 65 + (Math.floor(i / 26) % 26), 65 + Math.floor(i / 676));
    const callsigns = Array.from({ length: 1003 }, (_, i) => `W${1 + (i % 9)}${letters(i)}`);
    for (let i = 0; i < callsigns.length; i += 50) {
      await Promise.all(callsigns.slice(i, i + 50).map((c) => registerElsewhere(s, c)));
    }
    const me = callsigns.at(-1)!;
    await page.addInitScript((c) => localStorage.setItem('pb.caller.callsign', c), me);
    await openPage(page, s); // its first state is the whole queue
    await expect(page.getByTestId('my-position')).toContainText('You are #1003 of 1003');
    // the next queue update lists the first 1,000 only: the page asks the server for its place
    await registerElsewhere(s, 'K9ZZZ');
    await expect(page.getByTestId('my-position')).toContainText('You are #1003 of 1004');

    for (let i = 0; i < 3; i += 1) await admin(s, 'POST', '/api/admin/queue/next');
    await expect(page.getByTestId('my-position')).toContainText('You are #1000 of 1001');
  });

  test('shows the beam heading near the frequency while the operator shows it', async ({ page }) => {
    const s = await start();
    await activate(s);
    await admin(s, 'POST', '/api/admin/frequency', { frequency: '14.195', band: '20m', mode: 'SSB' });
    await admin(s, 'POST', '/api/admin/beam-heading', { beam_heading: 45 });
    await openPage(page, s);
    await expect(page.getByTestId('frequency')).toContainText('14.195 MHz');
    // Set but hidden from callers: not shown.
    await expect(page.getByTestId('beam-heading')).toBeHidden();
    await admin(s, 'POST', '/api/admin/beam-heading-visibility', { beam_heading_visible: true });
    await expect(page.getByTestId('beam-heading')).toHaveText('Beam: 045°');
    await expect(page.getByTestId('frequency').getByTestId('beam-heading')).toBeVisible();
    await shot(page, 'phone-beam');
    // Live: a new heading, then cleared, then (after a reload) from the snapshot.
    await admin(s, 'POST', '/api/admin/beam-heading', { beam_heading: 270 });
    await expect(page.getByTestId('beam-heading')).toHaveText('Beam: 270°');
    await page.reload();
    await expect(page.getByTestId('beam-heading')).toHaveText('Beam: 270°');
    await admin(s, 'DELETE', '/api/admin/beam-heading');
    await expect(page.getByTestId('beam-heading')).toBeHidden();
  });

  test('refuses an invalid callsign with a clear message', async ({ page }) => {
    const s = await start();
    await activate(s);
    await openPage(page, s);
    await page.getByLabel('Your callsign').fill('EI6#GB');
    await expect(page.getByTestId('callsign-hint')).toHaveText(
      '"#" is not allowed: use letters, digits and "/".',
    );
    await expect(page.getByLabel('Your callsign')).toHaveAttribute('aria-invalid', 'true');
    await join(page, 'ABCDEF');
    await expect(page.getByTestId('refusal')).toHaveText(
      "ABCDEF is not a valid callsign. Use letters, digits and '/', e.g. W1AW, EI6JGB/P, VK9/EI6JGB.",
    );
    await shot(page, 'refusal-invalid');
  });

  test('refuses a callsign already queued, and follows it', async ({ page }) => {
    const s = await start();
    await activate(s);
    await registerElsewhere(s, 'K1ABC');
    await openPage(page, s);
    await joinQueue(page, 'K1ABC');
    await expect(page.getByTestId('my-position')).toContainText('You are #1 of 1');
  });

  // Off air, paused and full are explained before submit (the button waits); the server's refusals for them
  // (when the page's picture is stale) are worded by refusals.ts and checked in its unit tests.
  test('says the queue is full before submit', async ({ page }) => {
    const s = await start({ MAX_QUEUE_SIZE: '2' });
    await activate(s);
    await registerElsewhere(s, 'DL1ABC');
    await registerElsewhere(s, 'W1AW');
    await openPage(page, s);
    await page.getByLabel('Your callsign').fill('G0ABC');
    await expect(page.getByTestId('join-block')).toHaveText(
      'The queue is full (2 stations). This page tells you when a place frees up.',
    );
    await expect(page.getByRole('button', { name: 'Join queue' })).toBeDisabled();
    await shot(page, 'refusal-full');
  });

  test('says before submit that the system is off, and says OFF AIR', async ({ page }) => {
    const s = await start();
    await openPage(page, s);
    await expect(page.getByTestId('air-status')).toHaveText('OFF AIR');
    await expect(page.getByTestId('off-air-note')).toBeVisible();
    await page.getByLabel('Your callsign').fill('G0ABC');
    await expect(page.getByTestId('join-block')).toHaveText(
      'The station is off the air. This page tells you when the queue opens.',
    );
    await expect(page.getByRole('button', { name: 'Join queue' })).toBeDisabled();
    await shot(page, 'refusal-off-air');
    // Going on air reaches the open page live.
    await activate(s);
    await expect(page.getByTestId('air-status')).toHaveText('ON AIR');
  });

  test('says before submit that the queue is paused', async ({ page }) => {
    const s = await start();
    await activate(s);
    await openPage(page, s);
    await admin(s, 'POST', '/api/admin/queue-pause', { paused: true });
    await expect(page.getByTestId('air-status')).toHaveText('ON AIR · QUEUE PAUSED');
    await page.getByLabel('Your callsign').fill('G0ABC');
    await expect(page.getByTestId('join-block')).toHaveText(
      'The operator has paused the queue. This page tells you when it opens again.',
    );
    await expect(page.getByRole('button', { name: 'Join queue' })).toBeDisabled();
    await shot(page, 'refusal-paused');
  });

  test('refuses a banned callsign', async ({ page }) => {
    const s = await start();
    await activate(s);
    await admin(s, 'POST', '/api/admin/banned-callsigns', { callsign: 'G0BAN', reason: 'test' });
    await openPage(page, s);
    await join(page, 'G0BAN');
    await expect(page.getByTestId('refusal')).toHaveText(
      'G0BAN may not join this queue. Please contact the operator.',
    );
  });

  test('refuses during the cooldown and shows the time left', async ({ page }) => {
    const s = await start();
    await activate(s);
    await admin(s, 'POST', '/api/admin/rate-limit', { time_period_minutes: 30, enabled: true });
    await registerElsewhere(s, 'DL1ABC');
    await admin(s, 'POST', '/api/admin/queue/next');
    await admin(s, 'POST', '/api/admin/qso/complete');
    await openPage(page, s);
    await join(page, 'DL1ABC');
    await expect(page.getByTestId('refusal')).toHaveText(
      /^DL1ABC was worked recently\. You can join again in (29 min \d+ s|30 min)\.$/,
    );
    await shot(page, 'refusal-cooldown');
  });

  test('refuses when the address registers too often, with the wait', async ({ page }) => {
    const s = await start({ REGISTRATION_RATE_PER_MINUTE: '1' });
    await activate(s);
    await registerElsewhere(s, 'DL1ABC'); // same address (127.0.0.1): uses the one registration a minute
    await openPage(page, s);
    await join(page, 'G0ABC');
    await expect(page.getByTestId('refusal')).toHaveText(
      /^Too many attempts\. Please wait (\d+ s|1 min) and try again\.$/,
    );
  });

  test('remembers the sound and vibration choice (off by default)', async ({ page }) => {
    const s = await start();
    await activate(s);
    await openPage(page, s);
    await joinQueue(page, 'G0ABC');
    const toggle = page.getByLabel("Sound and vibration when I'm next");
    await expect(toggle).not.toBeChecked();
    await toggle.check();
    await page.reload();
    await expect(page.getByLabel("Sound and vibration when I'm next")).toBeChecked();
  });

  test('asks for manual details when no lookup data exists; typed markup stays text everywhere', async ({
    page,
  }) => {
    const s = await start();
    await activate(s);
    await openPage(page, s);
    await join(page, 'Q1ABC');
    const form = page.getByTestId('manual-form');
    await expect(form).toBeVisible();
    await expect(form.getByRole('heading')).toHaveText('A few details for Q1ABC');
    // All three fields are required.
    await form.getByRole('button', { name: 'Join queue' }).click();
    await expect(form).toContainText('Name is required.');
    await shot(page, 'manual-form');

    const evil = '<img src=x onerror="window.__xss=1">Bob';
    await form.getByLabel('Name').fill(evil);
    await form.getByLabel('Location / city').fill('<b>Cork</b>');
    await form.getByLabel('Country').fill('<script>window.__xss=2</script>');
    await form.getByRole('button', { name: 'Join queue' }).click();
    await expect(page.getByTestId('my-position')).toContainText('You are #1 of 1');
    await expect(page.getByTestId('queue')).toContainText('<script>window.__xss=2</script>');

    await admin(s, 'POST', '/api/admin/queue/next');
    const card = page.getByTestId('current-qso');
    await expect(card).toContainText(evil);
    await expect(card).toContainText('<b>Cork</b>');
    await expect(card.locator('img[src="x"], b')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await shot(page, 'xss-as-text');

    // The /status page escapes it too.
    await page.goto(new URL('/status', s.url).href);
    await expect(page.locator('body')).toContainText('<img src=x');
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  test('recovers by itself from a server restart without a reload', async ({ page }) => {
    const s = await start();
    await activate(s);
    await registerElsewhere(s, 'DL1ABC');
    await openPage(page, s);
    await joinQueue(page, 'EI6JGB');
    await expect(page.getByTestId('my-position')).toContainText('You are #2 of 2');
    const marker = await page.evaluate(() => {
      (window as unknown as { __sameDocument?: boolean }).__sameDocument = true;
      return true;
    });
    expect(marker).toBe(true);

    await s.restart();
    // While the server was away the page said so, kept its state, and recovered on its own.
    await expect(page.getByTestId('connection-notice')).toBeHidden({ timeout: 30_000 });
    await expect(page.getByTestId('my-position')).toContainText('You are #2 of 2');
    await admin(s, 'POST', '/api/admin/queue/next');
    await expect(page.getByTestId('my-position')).toContainText('You are #1 of 1');
    await expect(page.getByTestId('next-alert')).toBeVisible();
    // Same document: no reload happened.
    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
  });

  test('shows the interruption while the server is down', async ({ page }) => {
    const s = await start();
    await activate(s);
    await registerElsewhere(s, 'DL1ABC');
    await openPage(page, s);
    await joinQueue(page, 'EI6JGB');
    await expect(page.getByTestId('my-position')).toContainText('You are #2 of 2');
    await s.stop();
    server = null;
    await expect(page.getByTestId('connection-notice')).toHaveText('Live updates interrupted, reconnecting…');
    // What was shown stays on screen.
    await expect(page.getByTestId('my-position')).toContainText('You are #2 of 2');
    await shot(page, 'phone-interrupted');
  });
});

test.describe('caller page at desktop size', () => {
  test.use({ viewport: DESKTOP });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`lays out in two columns (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      const s = await start();
      await activate(s);
      await admin(s, 'POST', '/api/admin/frequency', { frequency: '7.074', band: '40m', mode: 'FT8' });
      for (const call of ['DL1ABC', 'JA1XYZ', 'VK2DEF', 'PY2AA']) await registerElsewhere(s, call);
      await admin(s, 'POST', '/api/admin/queue/next');
      await admin(s, 'POST', '/api/admin/queue/next');
      await openPage(page, s);
      await joinQueue(page, 'EI6JGB');
      await expect(page.getByTestId('my-position')).toContainText('You are #3 of 3');
      await expect(page.getByTestId('map-current')).toContainText('JA1XYZ');
      await expect(page.getByTestId('world-map').locator('.marker-worked')).toHaveCount(1);
      await expect(page.getByTestId('world-map').locator('path.land')).toHaveCount(1);
      const mapBox = await page.getByTestId('world-map').boundingBox();
      const youBox = await page.getByTestId('you-panel').boundingBox();
      expect(mapBox && youBox && mapBox.x > youBox.x + youBox.width).toBe(true);
      await shot(page, `desktop-${colorScheme}`);
    });
  }

  test('is keyboard operable: tab to the field, type, press Enter', async ({ page }) => {
    const s = await start();
    await activate(s);
    await openPage(page, s);
    await page.keyboard.press('Tab'); // skip link
    await expect(page.getByRole('link', { name: /Skip to your place/ })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Your callsign')).toBeFocused();
    await page.keyboard.type('g0abc');
    await page.keyboard.press('Enter');
    const form = page.getByTestId('manual-form');
    await expect(page.getByTestId('my-position').or(form)).toBeVisible();
    if (await form.isVisible()) {
      // No lookup data: the details form opens with the focus on its first field.
      await expect(form.getByLabel('Name')).toBeFocused();
      await page.keyboard.type('Ann');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Leeds');
      await page.keyboard.press('Tab');
      await page.keyboard.type('England');
      await page.keyboard.press('Enter');
    }
    await expect(page.getByTestId('my-position')).toContainText('You are #1 of 1');
  });
});
