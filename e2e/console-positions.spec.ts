/**
 * Operating positions in the console, against a real server with two positions besides the default one (created
 * over protocol v2), in Chromium: two consoles (two browser contexts) on two positions work their own queues at
 * the same time while a third, on "All positions", sees both change live; the picker's choice survives a reload
 * and a card switches the console to its position; the log names each QSO's position. Then the watch-all view
 * at 1024x768 and 1920x1080, light and dark: every card whole and inside the page, nothing overlapping; and axe
 * (no serious or critical violation) on a console at a position with its picker and on the watch-all view.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startTestServer, type E2eServer } from './support/server.js';
import { asOperator, createCamp, joinAt } from './support/positions.js';
import { seriousViolations } from './support/axe.js';

let server: E2eServer | null = null;
const contexts: BrowserContext[] = [];

// axe is injected as an inline script, which the pages' Content-Security-Policy (rightly) refuses
test.use({ bypassCSP: true });

test.afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
  await server?.stop();
  server = null;
});

/** A console of its own (own browser context: own storage), signed in, at `path` (e.g. `?position=run-2`). */
async function openConsole(browser: Browser, s: E2eServer, query = ''): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${s.url}/console/${query}`);
  await page.getByLabel('Username').fill(s.admin.username);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await expect(page.getByTestId('position-picker')).toBeVisible();
  return page;
}

/** Presses keys with the focus on the console itself (where the single-key shortcuts work). */
async function keys(page: Page, ...presses: string[]): Promise<void> {
  await page.locator('#console-root').focus();
  for (const key of presses) await page.keyboard.press(key);
}

const queueCalls = (page: Page) => page.getByTestId('queue-row').locator('.queue-call');
const card = (page: Page, id: string) => page.locator(`[data-testid="position-card"][data-position="${id}"]`);

test('two consoles work two positions while a third watches all', async ({ browser }) => {
  test.setTimeout(240_000);
  server = await startTestServer();
  await createCamp(server);
  for (const call of ['K1ABC', 'W1AW']) await joinAt(server, call, 'run-2');
  for (const call of ['DL1ABC', 'F5XYZ']) await joinAt(server, call, 'run-3');

  // Console A by URL, console B by the picker, console C watches all.
  const a = await openConsole(browser, server, '?position=run-2');
  const b = await openConsole(browser, server);
  const c = await openConsole(browser, server);
  await expect(a.getByTestId('position-picker')).toHaveValue('run-2');
  await expect(b.getByTestId('position-picker')).toHaveValue('default');
  await b.getByTestId('position-picker').selectOption('run-3');
  await c.getByTestId('position-picker').selectOption({ label: 'All positions' });
  await expect(c.getByTestId('position-card')).toHaveCount(3);
  await expect(queueCalls(a)).toHaveText(['K1ABC', 'W1AW']);
  await expect(queueCalls(b)).toHaveText(['DL1ABC', 'F5XYZ']);
  await expect(card(c, 'run-2').getByTestId('card-queue-length')).toHaveText('2 / 50');
  await expect(card(c, 'run-3').getByTestId('card-radio')).toContainText('21.250');

  // Both work their next caller at the same time: each console's QSO and queue stay its own.
  await Promise.all([keys(a, 'n'), keys(b, 'n')]);
  await expect(a.getByTestId('current-callsign')).toHaveText('K1ABC');
  await expect(b.getByTestId('current-callsign')).toHaveText('DL1ABC');
  await expect(queueCalls(a)).toHaveText(['W1AW']);
  await expect(queueCalls(b)).toHaveText(['F5XYZ']);
  await expect(card(c, 'run-2').getByTestId('card-callsign')).toHaveText('K1ABC');
  await expect(card(c, 'run-3').getByTestId('card-callsign')).toHaveText('DL1ABC');
  await expect(card(c, 'run-2').getByTestId('card-next')).toContainText('W1AW');
  await expect(card(c, 'default').getByTestId('card-qso')).toHaveText('No QSO');

  // Both complete: logged on their own position.
  await Promise.all([keys(a, 'c'), keys(b, 'c')]);
  await expect(a.getByTestId('no-qso')).toBeVisible();
  await expect(b.getByTestId('no-qso')).toBeVisible();
  await expect(card(c, 'run-2').getByTestId('card-qso')).toHaveText('No QSO');
  await expect(card(c, 'run-3').getByTestId('card-qso')).toHaveText('No QSO');
  const logRow = (page: Page, call: string) => page.getByTestId('log-row').filter({ hasText: call });
  await expect(logRow(c, 'K1ABC').getByTestId('log-position')).toHaveText('Run 2 - 40m FT8');
  await expect(logRow(c, 'DL1ABC').getByTestId('log-position')).toHaveText('Run 3 - 15m SSB');
  await expect(logRow(a, 'DL1ABC')).toHaveCount(1); // one log for the camp

  // A second console on one position sees the same state live.
  const a2 = await openConsole(browser, server, '?position=run-2');
  await keys(a, 'n');
  await expect(a2.getByTestId('current-callsign')).toHaveText('W1AW');
  await expect(a2.getByTestId('queue-empty')).toBeVisible();
  await expect(card(c, 'run-2').getByTestId('card-callsign')).toHaveText('W1AW');

  // Undo at a position: Ctrl+Z takes run-2's completed QSO back, at run-2 (both of its consoles see it).
  await keys(a, 'c');
  await expect(a.getByTestId('no-qso')).toBeVisible();
  await keys(a, 'Control+z');
  await expect(a.getByTestId('current-callsign')).toHaveText('W1AW');
  await expect(a2.getByTestId('current-callsign')).toHaveText('W1AW');
  await expect(card(c, 'default').getByTestId('card-qso')).toHaveText('No QSO');

  // Pause and the frequency act on the console's position too.
  await keys(a, 'p');
  await expect(a.getByTestId('paused-pill')).toBeVisible();
  await expect(card(c, 'run-2').getByTestId('card-state')).toHaveText('PAUSED');
  await expect(card(c, 'default').getByTestId('card-state')).toHaveText('ON AIR');
  await keys(a, 'f');
  await a.keyboard.press('Control+A');
  await a.keyboard.type('7.076');
  await a.keyboard.press('Enter');
  await expect(card(c, 'run-2').getByTestId('card-radio')).toContainText('7.076');
  await expect(card(c, 'default').getByTestId('card-radio')).toContainText('14.025');

  // While watching all, the QSO keys act nowhere and say so.
  await keys(c, 'n');
  await expect(c.getByText('Watching all positions: pick one')).toBeVisible();
  await expect(card(c, 'run-3').getByTestId('card-queue-length')).toHaveText('1 / 50');

  // The choice is kept per console across a reload.
  await b.reload();
  await expect(b.getByTestId('position-picker')).toHaveValue('run-3');
  await expect(queueCalls(b)).toHaveText(['F5XYZ']);
  await c.reload();
  await expect(c.getByTestId('position-card')).toHaveCount(3);

  // A card switches the console to its position.
  await card(c, 'run-3')
    .getByRole('button', { name: /Work this position\W+Run 3 - 15m SSB/ })
    .click();
  await expect(c.getByTestId('position-picker')).toHaveValue('run-3');
  await expect(queueCalls(c)).toHaveText(['F5XYZ']);
  await expect(c.getByTestId('system-pill')).toHaveText('ON AIR');
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (p: Box, q: Box): boolean =>
  p.x < q.x + q.width - 0.5 &&
  q.x < p.x + p.width - 0.5 &&
  p.y < q.y + q.height - 0.5 &&
  q.y < p.y + p.height - 0.5;

for (const size of [
  { width: 1024, height: 768 },
  { width: 1920, height: 1080 },
]) {
  for (const theme of ['light', 'dark'] as const) {
    test(`all positions fit ${size.width}x${size.height}, ${theme}`, async ({ browser }) => {
      test.setTimeout(150_000);
      server = await startTestServer();
      await createCamp(server, [
        { name: 'Run 1 - 20m CW', frequency: '14.025', mode: 'CW' },
        { id: 'run-2', name: 'Run 2 - 40m FT8', frequency: '7.074', mode: 'FT8' },
        { id: 'run-3', name: 'Run 3 - 15m SSB', frequency: '21.250', mode: 'SSB' },
        { id: 'vhf', name: 'VHF - 6m FT8 meteor scatter', frequency: '50.313', mode: 'FT8' },
      ]);
      for (const call of ['VK9/EI6JGB/P', 'K1ABC', 'W1AW', 'JA1XYZ', 'F5XYZ']) {
        await joinAt(server, call, 'run-2');
      }
      await asOperator(server, async (c) => {
        await c.request('admin.next_qso', { position_id: 'run-2' });
        await c.request('admin.complete_qso', { position_id: 'run-2' });
      });
      const context = await browser.newContext({ viewport: size, colorScheme: theme });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${server.url}/console/?position=all`);
      await page.getByLabel('Username').fill(server.admin.username);
      await page.getByLabel('Password').fill(server.admin.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByTestId('position-card')).toHaveCount(4);
      await expect(page.getByTestId('position-picker')).toHaveValue('all');

      // The page itself never scrolls; four cards are whole inside the window, none over another.
      const scroll = await page.evaluate(() => ({
        page: document.scrollingElement!.scrollHeight,
        window: window.innerHeight,
      }));
      expect(scroll.page).toBeLessThanOrEqual(scroll.window);
      const boxes: Box[] = [];
      for (const item of await page.getByTestId('position-card').all()) {
        const box = (await item.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height).toBeLessThanOrEqual(size.height);
        expect(box.x + box.width).toBeLessThanOrEqual(size.width);
        for (const other of boxes) expect(overlaps(box, other)).toBe(false);
        boxes.push(box);
      }
      // Every card's button and name are visible and not covered (the point at a button's centre is the button).
      for (const button of await page.getByRole('button', { name: /^Work this position/ }).all()) {
        await expect(button).toBeVisible();
        const covered = await button.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          return !(hit && el.contains(hit));
        });
        expect(covered).toBe(false);
      }
      // The log names the QSO's position (a column from 1200 px up, a line under the callsign below), whole.
      const cell = page.getByTestId(size.width >= 1200 ? 'log-position' : 'log-position-tag').first();
      await expect(cell).toBeVisible();
      await expect(cell).toHaveText('Run 2 - 40m FT8');
      const whole = await cell.evaluate((el) => {
        const wrap = el.closest('.table-wrap')!.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return el.scrollWidth <= el.clientWidth && r.right <= wrap.right + 0.5;
      });
      expect(whole).toBe(true);
      // Every column of the log is inside it (Time to Edit): nothing is cut off at its right edge.
      const cut = await page.getByTestId('log-table').evaluate((table) => {
        const wrap = table.closest('.table-wrap')!.getBoundingClientRect();
        return [...table.querySelectorAll('th, td')]
          .filter((c) => (c as HTMLElement).offsetParent !== null)
          .filter((c) => c.getBoundingClientRect().right > wrap.right + 0.5)
          .map((c) => c.textContent);
      });
      expect(cut).toEqual([]);
      // The picker and the tabs are there beside the cards.
      await expect(page.getByRole('tab', { name: /Log/ })).toBeVisible();
      const picker = (await page.getByTestId('position-picker').boundingBox())!;
      expect(picker.y + picker.height).toBeLessThanOrEqual(60);
      await page.screenshot({
        path: `test-results/screenshots/console-positions-${size.width}x${size.height}-${theme}.png`,
      });
      if (size.width === 1024) {
        // axe: the watch-all view, then a console at a position with the picker in the top bar.
        const results: Record<string, string[]> = { 'all positions': await seriousViolations(page) };
        await page.getByRole('button', { name: /Work this position\W+Run 2 - 40m FT8/ }).click();
        await expect(page.getByTestId('queue-row')).toHaveCount(4);
        results['at run-2'] = await seriousViolations(page);
        await page.screenshot({ path: `test-results/screenshots/console-at-run-2-1024x768-${theme}.png` });
        expect(results).toEqual({ 'all positions': [], 'at run-2': [] });
      }
    });
  }
}
