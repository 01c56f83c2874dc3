/**
 * The caller's side of the pileup (issue 14), at two phone sizes against a real server: the fixed turn bar with
 * frequency and split, honest time-based state, the reason for every way out of the queue with one-tap rejoin,
 * leaving with the registration secret, the no-show rule, a join form that explains itself before submit,
 * "You're in the log" from the QSO record (also for a QSO logged by WSJT-X), sunlight-readable text and 0 axe
 * violations. Screenshots go to test-results/screenshots/turn-*.png.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { QSO_LOGGED } from '../main/server/integrations/wsjtx/fixtures/datagrams.js';
import { adminRequest as admin, startTestServer, type E2eServer } from './support/server.js';
import { freeUdpPort, sendUdp } from './support/udp.js';

const AXE = path.resolve(import.meta.dirname, '..', 'node_modules', 'axe-core', 'axe.min.js');
const SIZES = [
  { name: '360x640', width: 360, height: 640 },
  { name: '412x915', width: 412, height: 915 },
] as const;
const FILLERS = [
  'K1ABC',
  'G4XYZ',
  'F5ABC',
  'JA1XYZ',
  'VK2ABC',
  'ON4ABC',
  'PA3ABC',
  'SM5ABC',
  'OH2ABC',
  'LA9ABC',
];

let server: E2eServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

async function start(opts: { env?: Record<string, string>; args?: string[] } = {}): Promise<E2eServer> {
  server = await startTestServer(opts);
  return server;
}

const activate = (s: E2eServer) => admin(s, 'POST', '/api/admin/status', { active: true });

async function registerElsewhere(s: E2eServer, callsign: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(new URL('/api/queue/register', s.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ callsign }),
  });
  return { status: res.status, body: await res.json() };
}

async function openPage(page: Page, s: E2eServer): Promise<void> {
  await page.goto(s.url);
  await expect(page.getByTestId('air-status')).toBeVisible();
  await expect(page.getByTestId('connection-notice')).toBeHidden();
}

async function join(page: Page, callsign: string): Promise<void> {
  await page.getByLabel('Your callsign').fill(callsign);
  await page.getByRole('button', { name: 'Join queue' }).click();
  await expect(page.getByTestId('my-position')).toBeVisible();
}

const departure = (page: Page) => page.getByTestId('departure');

async function expectDeparture(page: Page, reason: string, text: RegExp | string): Promise<void> {
  await expect(departure(page).locator(`[data-reason="${reason}"]`)).toContainText(text);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/turn-${name}.png` });
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the page's CSP (script-src 'self') rightly refuses inline scripts.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (el: Element) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document.documentElement);
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}

/** Font size in px and contrast ratio against the nearest painted background, for one element. */
async function readability(page: Page, selector: string): Promise<{ size: number; contrast: number }> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const parse = (c: string): [number, number, number, number] => {
        const m = /rgba?\(([^)]+)\)/.exec(c);
        const p = (m?.[1] ?? '0,0,0,0')
          .split(/[ ,/]+/)
          .filter(Boolean)
          .map(Number);
        return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 1];
      };
      const lum = ([r, g, b]: number[]): number => {
        const ch = (v: number) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * ch(r!) + 0.7152 * ch(g!) + 0.0722 * ch(b!);
      };
      const style = getComputedStyle(el);
      let bg: [number, number, number, number] = [255, 255, 255, 1];
      for (let n: Element | null = el; n; n = n.parentElement) {
        const c = parse(getComputedStyle(n).backgroundColor);
        if (c[3] > 0.5) {
          bg = c;
          break;
        }
      }
      const fg = lum(parse(style.color));
      const back = lum(bg);
      const contrast = (Math.max(fg, back) + 0.05) / (Math.min(fg, back) + 0.05);
      return { size: parseFloat(style.fontSize), contrast };
    });
}

async function expectSunlight(page: Page, selectors: string[]): Promise<void> {
  for (const selector of selectors) {
    const r = await readability(page, selector);
    expect(r.size, `${selector} font size`).toBeGreaterThanOrEqual(24);
    expect(r.contrast, `${selector} contrast`).toBeGreaterThanOrEqual(7);
  }
}

for (const size of SIZES) {
  test.describe(`caller page ${size.name}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('a scrolled caller sees the fixed bar with frequency and split; sunlight text; 0 axe violations', async ({
      page,
    }) => {
      const s = await start();
      await activate(s);
      await admin(s, 'POST', '/api/admin/frequency', { frequency: '14.025', mode: 'CW' });
      await admin(s, 'POST', '/api/admin/split', { split: 'UP 2' });
      await registerElsewhere(s, 'W1AW');
      await openPage(page, s);
      await join(page, 'DL1ABC');
      for (const c of FILLERS) await registerElsewhere(s, c);
      await expect(page.getByTestId('my-position')).toContainText('You are #2 of 12');

      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await expectSunlight(page, [
          '[data-testid="frequency"] .freq',
          '[data-testid="split"]',
          '[data-testid="air-status"]',
          '[data-testid="my-position"] .place-text',
        ]);
      }
      await page.emulateMedia({ colorScheme: 'light' });

      await admin(s, 'POST', '/api/admin/queue/next'); // W1AW: DL1ABC is next
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const bar = page.getByTestId('turn-bar');
      await expect(bar).toBeInViewport();
      await expect(bar).toContainText("You're next");
      await expect(bar.getByTestId('turn-frequency')).toHaveText('14.025 MHz');
      await expect(bar.getByTestId('turn-split')).toHaveText('Split UP 2');
      await expect(page.locator('[aria-live="polite"]')).toHaveText(
        "You're next: number 1 of 11 in the queue. Get ready to call on 14.025 MHz CW, split UP 2.",
      );
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
      await shot(page, `${size.name}-next-light`);

      await admin(s, 'POST', '/api/admin/queue/next');
      await expect(bar).toContainText('YOUR TURN: call now!');
      await expect(bar).toBeInViewport();
      await expect(page.locator('[aria-live="assertive"]')).toHaveText(
        "It's your turn, DL1ABC: call now on 14.025 MHz CW, split UP 2!",
      );
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await expectSunlight(page, [
          '[data-testid="turn-frequency"]',
          '[data-testid="turn-split"]',
          '.turn-title',
        ]);
        await shot(page, `${size.name}-turn-${scheme}`);
        expect(await axeViolations(page)).toEqual([]);
      }
    });

    test('the false "next" cannot appear after a cancel within the first seconds', async ({ page }) => {
      const s = await start();
      await activate(s);
      await openPage(page, s);
      await join(page, 'DL1ABC');
      await admin(s, 'POST', '/api/admin/queue/next');
      await admin(s, 'POST', '/api/admin/qso/cancel');
      await expectDeparture(page, 'cancelled', 'The operator cancelled the QSO with DL1ABC (not logged).');
      await expect(page.getByTestId('next-alert')).toHaveCount(0);
      await expect(page.getByTestId('my-position')).toHaveCount(0);
      // Past the 5-second window nothing comes back either.
      await page.waitForTimeout(5500);
      await expect(page.getByTestId('next-alert')).toHaveCount(0);
      await expect(page.getByTestId('turn-bar')).toHaveCount(0);
      await expect(page).toHaveTitle('Pileup Buster');
    });

    test('each reason for leaving is shown, with one-tap rejoin where allowed', async ({ page }) => {
      const s = await start();
      await activate(s);
      await openPage(page, s);
      const rejoin = page.getByRole('button', { name: 'Rejoin the queue as DL1ABC' });
      await join(page, 'DL1ABC');

      await admin(s, 'POST', '/api/admin/queue/next');
      await admin(s, 'POST', '/api/admin/qso/cancel');
      await expectDeparture(page, 'cancelled', 'cancelled the QSO');
      await rejoin.click();
      await expect(page.getByTestId('my-position')).toContainText('You are #1 of 1');
      await expect(departure(page)).toHaveCount(0);

      await admin(s, 'DELETE', '/api/admin/queue/DL1ABC');
      await expectDeparture(page, 'removed', 'The operator removed DL1ABC from the queue.');
      await shot(page, `${size.name}-removed`);
      await rejoin.click();
      await expect(page.getByTestId('my-position')).toBeVisible();

      await admin(s, 'POST', '/api/admin/queue/clear');
      await expectDeparture(page, 'cleared', 'The operator cleared the queue.');
      await rejoin.click();
      await expect(page.getByTestId('my-position')).toBeVisible();

      await admin(s, 'POST', '/api/admin/banned-callsigns', { callsign: 'DL1ABC' });
      await expectDeparture(page, 'banned', 'DL1ABC may not join this queue.');
      await expect(rejoin).toHaveCount(0);
      await admin(s, 'DELETE', '/api/admin/banned-callsigns/DL1ABC');
      await join(page, 'DL1ABC');

      await admin(s, 'POST', '/api/admin/status', { active: false });
      await expectDeparture(page, 'off_air', 'The station went off the air');
      await expect(rejoin).toHaveCount(0);
      await expect(page.getByTestId('join-block')).toHaveAttribute('data-code', 'off_air');
      await shot(page, `${size.name}-off-air`);
      expect(await axeViolations(page)).toEqual([]);

      // After switching on again: no frequency yet, and the page says so.
      await activate(s);
      await expect(page.getByTestId('frequency-unknown')).toHaveText('Frequency not announced yet');
      await expect(page.getByTestId('queue-open')).toContainText('The queue is open');
    });

    test('leave-queue works with the secret and is refused without it', async ({ page, browser }) => {
      const s = await start();
      await activate(s);
      await openPage(page, s);
      await join(page, 'DL1ABC');
      await registerElsewhere(s, 'K1ABC');

      // A second device claiming the same callsign sees the place but cannot remove it.
      const other = await browser.newPage({ viewport: { width: size.width, height: size.height } });
      await openPage(other, s);
      await other.getByLabel('Your callsign').fill('DL1ABC');
      await other.getByRole('button', { name: 'Join queue' }).click();
      await expect(other.getByTestId('my-position')).toContainText('You are #1 of 2');
      await expect(other.getByTestId('leave-elsewhere')).toContainText('only that device can leave');
      await expect(other.getByRole('button', { name: 'Leave the queue' })).toHaveCount(0);
      const refused = await fetch(new URL('/api/queue/leave', s.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ callsign: 'DL1ABC' }),
      });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ code: 'INVALID_SECRET' });
      await expect(page.getByTestId('my-position')).toContainText('You are #1 of 2');

      await page.getByRole('button', { name: 'Leave the queue' }).click();
      await shot(page, `${size.name}-leave-confirm`);
      await page.getByRole('button', { name: 'Yes, leave' }).click();
      await expectDeparture(page, 'left', 'You left the queue');
      await expect(page.getByTestId('my-position')).toHaveCount(0);
      await expect(other.getByTestId('my-position')).toHaveCount(0);
      const queue = (await (await fetch(new URL('/api/queue/list', s.url))).json()) as {
        queue: { callsign: string }[];
      };
      expect(queue.queue.map((e) => e.callsign)).toEqual(['K1ABC']);
      await other.close();
    });

    test('three "call again" without answer apply the no-show rule and the page says so', async ({
      page,
    }) => {
      const s = await start();
      await activate(s);
      await openPage(page, s);
      await join(page, 'DL1ABC');
      await admin(s, 'POST', '/api/admin/queue/next');
      await expect(page.getByTestId('turn-bar')).toContainText('YOUR TURN');

      await admin(s, 'POST', '/api/admin/qso/call-again');
      await expect(page.getByTestId('turn-calls')).toHaveText('The station is calling you: 2nd call');
      await expect(page.getByTestId('calling')).toHaveText('The station is calling you: 2nd call');
      await expect(page.locator('[aria-live="assertive"]')).toContainText('2nd call');
      await admin(s, 'POST', '/api/admin/qso/call-again');
      await expect(page.getByTestId('turn-calls')).toHaveText('The station is calling you: 3rd call');
      await shot(page, `${size.name}-third-call`);
      const third = (await admin(s, 'POST', '/api/admin/qso/call-again')) as { outcome: string };
      expect(third.outcome).toBe('dropped');
      await expectDeparture(page, 'no_show', "You did not answer the station's calls");
      await expect(page.getByTestId('turn-bar')).toHaveCount(0);

      // Moved back instead: behind three waiting callers.
      await admin(s, 'POST', '/api/admin/no-show-rule', { action: 'move_back', places: 3 });
      await page.getByRole('button', { name: 'Rejoin the queue as DL1ABC' }).click();
      await expect(page.getByTestId('my-position')).toContainText('You are #1 of 1');
      for (const c of FILLERS.slice(0, 4)) await registerElsewhere(s, c);
      await admin(s, 'POST', '/api/admin/queue/next');
      await expect(page.getByTestId('turn-bar')).toContainText('YOUR TURN');
      await admin(s, 'POST', '/api/admin/qso/no-answer');
      await expectDeparture(page, 'no_show', 'you were moved back to #4');
      await expect(page.getByTestId('my-position')).toContainText('You are #4 of 5');
      await shot(page, `${size.name}-moved-back`);
    });

    test('an undo that puts the caller back clears their "you left" notice', async ({ page }) => {
      const s = await start();
      await activate(s);
      await openPage(page, s);
      await join(page, 'DL1ABC');
      await registerElsewhere(s, 'K1ABC');
      await expect(page.getByTestId('my-position')).toContainText('You are #1 of 2');
      const undo = (answer: unknown) =>
        admin(s, 'POST', '/api/admin/undo', { undo_id: (answer as { undo_id: string }).undo_id });

      // removed, then put back at their place: queued again, no notice, and they can still leave by themselves
      const removed = await admin(s, 'DELETE', '/api/admin/queue/DL1ABC');
      await expectDeparture(page, 'removed', 'The operator removed DL1ABC from the queue.');
      await undo(removed);
      await expect(page.getByTestId('my-position')).toContainText('You are #1 of 2');
      await expect(departure(page)).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Leave the queue' })).toBeVisible();
      await shot(page, `${size.name}-undo-removed`);

      // cancelled, then current again
      await admin(s, 'POST', '/api/admin/queue/next');
      await expect(page.getByTestId('turn-bar')).toContainText('YOUR TURN');
      const cancelled = await admin(s, 'POST', '/api/admin/qso/cancel');
      await expectDeparture(page, 'cancelled', 'cancelled the QSO');
      await undo(cancelled);
      await expect(page.getByTestId('turn-bar')).toContainText('YOUR TURN');
      await expect(departure(page)).toHaveCount(0);

      // dropped by the no-show rule, then current again
      const dropped = await admin(s, 'POST', '/api/admin/qso/no-answer');
      await expectDeparture(page, 'no_show', "You did not answer the station's calls");
      await undo(dropped);
      await expect(page.getByTestId('turn-bar')).toContainText('YOUR TURN');
      await expect(departure(page)).toHaveCount(0);

      // moved back by the rule (the notice stays while they wait there), then current again
      await admin(s, 'POST', '/api/admin/no-show-rule', { action: 'move_back', places: 1 });
      const moved = await admin(s, 'POST', '/api/admin/qso/no-answer');
      await expectDeparture(page, 'no_show', 'you were moved back to #2');
      await expect(page.getByTestId('my-position')).toContainText('You are #2 of 2');
      await page.waitForTimeout(500);
      await expectDeparture(page, 'no_show', 'you were moved back to #2');
      await undo(moved);
      await expect(page.getByTestId('turn-bar')).toContainText('YOUR TURN');
      await expect(departure(page)).toHaveCount(0);

      // cancelled again and put back by the latest undo (Ctrl+Z): a reload does not bring the stale notice back
      await admin(s, 'POST', '/api/admin/qso/cancel');
      await expectDeparture(page, 'cancelled', 'cancelled the QSO');
      await admin(s, 'POST', '/api/admin/undo');
      await expect(page.getByTestId('turn-bar')).toContainText('YOUR TURN');
      await expect(departure(page)).toHaveCount(0);
      await page.reload();
      await expect(page.getByTestId('turn-bar')).toContainText('YOUR TURN');
      await expect(departure(page)).toHaveCount(0);
    });

    test('the form explains off air, pause and full before submit, and says when the queue opens', async ({
      page,
    }) => {
      const s = await start({ env: { MAX_QUEUE_SIZE: '2' } });
      await openPage(page, s);
      const button = page.getByRole('button', { name: 'Join queue' });
      const block = page.getByTestId('join-block');
      await expect(block).toHaveAttribute('data-code', 'off_air');
      await expect(block).toContainText('The station is off the air');
      await expect(button).toBeDisabled();

      await activate(s);
      await expect(block).toHaveCount(0);
      await expect(page.getByTestId('queue-open')).toContainText('The queue is open: you can join now.');
      await expect(button).toBeEnabled();

      await admin(s, 'POST', '/api/admin/queue-pause', { paused: true });
      await expect(block).toHaveAttribute('data-code', 'paused');
      await expect(block).toContainText('paused');
      await expect(button).toBeDisabled();
      await shot(page, `${size.name}-paused`);
      expect(await axeViolations(page)).toEqual([]);
      await admin(s, 'POST', '/api/admin/queue-pause', { paused: false });
      await expect(page.getByTestId('queue-open')).toBeVisible();

      await registerElsewhere(s, 'K1ABC');
      await registerElsewhere(s, 'G4XYZ');
      await expect(block).toHaveAttribute('data-code', 'full');
      await expect(block).toContainText('The queue is full (2 stations)');
      await expect(button).toBeDisabled();
      await admin(s, 'DELETE', '/api/admin/queue/K1ABC');
      await expect(button).toBeEnabled();
      await join(page, 'DL1ABC');

      // Worked under a 30-minute cooldown: the form says how long before any submit, and counts down.
      await admin(s, 'POST', '/api/admin/rate-limit', { time_period_minutes: 30, enabled: true });
      await admin(s, 'POST', '/api/admin/queue/work/DL1ABC');
      await admin(s, 'POST', '/api/admin/qso/complete');
      await expect(block).toHaveAttribute('data-code', 'cooldown');
      await expect(block).toContainText(/DL1ABC was worked recently\. You can join again in 29 min \d+ s\./);
      const before = await block.textContent();
      await expect(block).not.toHaveText(before ?? '', { timeout: 3000 });
      await expect(button).toBeDisabled();
      await page.getByLabel('Your callsign').fill('K1ABC');
      await expect(block).toHaveCount(0);
      await expect(button).toBeEnabled();
    });

    test('"You\'re in the log" shows the QSO\'s frequency, mode and time, also when WSJT-X logged it', async ({
      page,
      browser,
    }) => {
      const wsjtxPort = await freeUdpPort();
      const s = await start({ args: ['--wsjtx-port', String(wsjtxPort)] });
      await activate(s);
      await admin(s, 'POST', '/api/admin/frequency', { frequency: '14.025', mode: 'CW' });
      await openPage(page, s);
      await join(page, 'W1AW');
      await admin(s, 'POST', '/api/admin/queue/next');
      await admin(s, 'POST', '/api/admin/qso/complete');
      const log = (await admin(s, 'GET', '/api/admin/qsos')) as { qsos: { time_on: string }[] };
      const hhmm = new Date(log.qsos[0]!.time_on).toISOString().slice(11, 16);
      await expectDeparture(page, 'worked', `You're in the log: 14.025 CW at ${hhmm}Z`);
      await shot(page, `${size.name}-in-the-log`);
      expect(await axeViolations(page)).toEqual([]);
      await page.reload();
      await expectDeparture(page, 'worked', `You're in the log: 14.025 CW at ${hhmm}Z`);

      // A caller waiting in the queue is logged by WSJT-X (QSO Logged, 14.074 FT8, time on 13:00:30 UTC).
      const waiting = await browser.newPage({ viewport: { width: size.width, height: size.height } });
      await openPage(waiting, s);
      await join(waiting, 'DL1ABC');
      await sendUdp(wsjtxPort, QSO_LOGGED);
      await expectDeparture(waiting, 'worked', "You're in the log: 14.074 FT8 at 13:00Z");
      await waiting.close();
    });

    test('the station callsign and message are shown when set', async ({ page }) => {
      const s = await start();
      await activate(s);
      // The operator sets the station identity through the admin settings operation (as the console's Settings
      // does); the page reads it from the server's public config.
      await admin(s, 'POST', '/api/admin/settings', {
        station_callsign: 'EI6JGB',
        station_message: 'QRV 20 m CW, listening UP 2',
      });
      await openPage(page, s);
      await expect(page.getByTestId('station-callsign')).toHaveText('EI6JGB');
      await expect(page.getByTestId('station-message')).toHaveText('QRV 20 m CW, listening UP 2');
      await expect(page.getByRole('heading', { level: 1 })).toContainText('EI6JGB');
      await shot(page, `${size.name}-identity`);
    });
  });
}

test('the console keys R and Shift+R call again and apply the no-show rule; the phone follows', async ({
  page,
  browser,
}) => {
  const s = await start();
  await activate(s);
  const phoneContext = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const phone = await phoneContext.newPage();
  await openPage(phone, s);
  await join(phone, 'DL1ABC');
  await registerElsewhere(s, 'K1ABC');

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Username').fill(s.admin.username);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await expect(page.getByTestId('queue-row')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await page.keyboard.press('n');
  await expect(page.getByTestId('current-callsign')).toHaveText('DL1ABC');
  await expect(phone.getByTestId('turn-bar')).toContainText('YOUR TURN');

  await page.keyboard.press('r');
  await expect(page.getByTestId('qso-calls')).toHaveText(' · call 2');
  await page.screenshot({ path: 'test-results/screenshots/turn-console-call-again.png' });
  await expect(phone.getByTestId('turn-calls')).toHaveText('The station is calling you: 2nd call');
  await page.keyboard.press('Shift+R');
  await expect(page.getByTestId('no-qso')).toBeVisible();
  await expectDeparture(phone, 'no_show', "You did not answer the station's calls");
  await phoneContext.close();
});
