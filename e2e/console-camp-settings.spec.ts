/**
 * Settings > Operating positions and "Move to position…" against a real server, in Chromium, at 1024x768: with
 * the default position alone the section only says how to add one and the queue offers no move; one console
 * creates two positions and renames one while a second console sees each change at once; a name taken and a
 * delete of a position with callers waiting are refused in words; the caller rules changed on one console show on
 * the other; a caller is moved from the default position's queue to the other position's (checked over the
 * HTTP API), and a move the server refuses says why. axe on the section, light and dark; screenshots of both
 * themes go to test-results/screenshots/console-camp-*.png.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { adminRequest, startTestServer, type E2eServer } from './support/server.js';
import { consoleLogin } from './support/screenshots.js';

const SIZE = { width: 1024, height: 768 };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// axe is injected as an inline script, which the console's Content-Security-Policy (rightly) refuses
test.use({ bypassCSP: true });

let server: E2eServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async (sel) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Element,
          ) => Promise<{ violations: { id: string; impact: string | null; help: string }[] }>;
        };
      }
    ).axe;
    return (await axe.run(document.querySelector(sel)!)).violations;
  }, selector);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}`);
}

async function openConsole(browser: Browser, s: E2eServer, theme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: SIZE, colorScheme: theme });
  const page = await context.newPage();
  await consoleLogin(page, s);
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await page.keyboard.press('Escape');
  await page.keyboard.press('4');
  await expect(page.getByTestId('positions-settings')).toBeVisible();
  return page;
}

/** A caller registers over HTTP (the original's API), at the default position or at `position_id`. */
async function register(s: E2eServer, callsign: string, positionId?: string): Promise<void> {
  const body = { callsign, ...(positionId ? { position_id: positionId } : {}) };
  const res = await fetch(`${s.url}/api/queue/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as { requires_manual_data?: boolean };
  expect(res.status, `${callsign} registers`).toBe(200);
  if (!answer.requires_manual_data) return;
  const manual = await fetch(`${s.url}/api/queue/register-manual`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, name: 'Op', location: 'Town', country: 'Land' }),
  });
  expect(manual.status, `${callsign} registers with manual data`).toBe(200);
}

async function queueOf(s: E2eServer, id: string): Promise<string[]> {
  const res = await fetch(`${s.url}/api/positions/queue/${id}`);
  const body = (await res.json()) as { queue: { callsign: string }[] };
  return body.queue.map((e) => e.callsign);
}

const rows = (page: Page) => page.getByTestId('position-row');
const names = (page: Page) => page.getByTestId('position-name');

async function createPosition(
  page: Page,
  fields: { name: string; id?: string; frequency?: string; mode?: string },
): Promise<void> {
  await page.getByTestId('add-position').click();
  const form = page.getByTestId('position-create-form');
  await expect(form.getByLabel('Position name')).toBeFocused();
  await page.keyboard.type(fields.name);
  if (fields.id) await form.getByLabel('Id (optional)').fill(fields.id);
  if (fields.frequency) await form.getByLabel('Frequency').fill(fields.frequency);
  if (fields.mode) await form.getByLabel('Mode').fill(fields.mode);
  await form.getByLabel('Mode').press('Enter');
}

test('positions defined in Settings, seen live by a second console; a caller moved between queues', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  server = await startTestServer();
  await adminRequest(server, 'POST', '/api/admin/status', { active: true });
  await adminRequest(server, 'POST', '/api/admin/frequency', {
    frequency: '14.025',
    band: '20m',
    mode: 'CW',
  });
  await register(server, 'K1ABC');
  await register(server, 'DL1ABC');

  const first = await openConsole(browser, server, 'dark');
  const second = await openConsole(browser, server, 'light');

  // The default position alone: one sentence and the way to add a position, no list, no rules, no move.
  await expect(first.getByTestId('positions-intro')).toContainText('add a second position');
  await expect(first.getByTestId('position-list')).toHaveCount(0);
  await expect(first.getByTestId('caller-rules')).toHaveCount(0);
  await first.getByTestId('queue-row').first().click();
  await expect(first.getByTestId('queue-row').first().getByRole('button', { name: /^Work/ })).toBeVisible();
  await expect(first.getByTestId('move-caller')).toHaveCount(0);
  await first.screenshot({ path: 'test-results/screenshots/console-camp-single-dark.png' });

  // Two positions created by keyboard on the first console; the second sees each at once.
  await createPosition(first, { name: 'Run 2 - 40m FT8', frequency: '7.074', mode: 'ft8' });
  await expect(names(first)).toHaveText(['Main', 'Run 2 - 40m FT8']);
  await expect(names(second)).toHaveText(['Main', 'Run 2 - 40m FT8']);
  await expect(rows(second).nth(1)).toContainText('id run-2-40m-ft8');
  await expect(rows(second).nth(1)).toContainText('7.074 · 40m FT8 · on air · 0 waiting');
  await createPosition(first, { name: 'Run 3 - 15m SSB', id: 'run-3' });
  await expect(names(second)).toHaveText(['Main', 'Run 2 - 40m FT8', 'Run 3 - 15m SSB']);

  // A name taken (compared without case) is refused in words, at the name field; the form stays open.
  await createPosition(first, { name: 'run 2 - 40M ft8' });
  const form = first.getByTestId('position-create-form');
  await expect(form.getByRole('alert')).toContainText(
    'The position "Run 2 - 40m FT8" already has this name (names are compared without case)',
  );
  await expect(form.getByLabel('Position name')).toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('alert').scrollIntoViewIfNeeded();
  await first.screenshot({ path: 'test-results/screenshots/console-camp-refused-dark.png' });
  await form.getByLabel('Position name').press('Escape');
  await expect(form).toHaveCount(0);

  // Renamed on the first console, renamed on the second.
  await first.getByRole('button', { name: 'Edit position Run 3 - 15m SSB' }).click();
  const edit = first.getByTestId('position-edit-form');
  await expect(edit.getByLabel('Position name')).toBeFocused();
  await edit.getByLabel('Position name').fill('Run 3 - 17m SSB');
  await edit.getByLabel('Frequency').fill('18.130');
  await edit.getByRole('button', { name: 'Save position' }).click();
  await expect(names(second)).toHaveText(['Main', 'Run 2 - 40m FT8', 'Run 3 - 17m SSB']);
  await expect(rows(second).nth(2)).toContainText('18.130 · 17m');

  // The caller rules, in words, changed on one console and seen on the other.
  const rules = second.getByTestId('caller-rules');
  await expect(rules.getByTestId('rule-queues-words')).toContainText('One queue at a time');
  await expect(rules.getByTestId('rule-dupes-words')).toContainText('No dupes');
  await first.getByTestId('caller-rules').getByLabel('Allow dupes').check();
  await first.getByTestId('caller-rules').getByLabel('Queues per caller at most').fill('2');
  await expect(first.getByTestId('rule-queues-words')).toContainText('Up to 2 queues at a time');
  await first.getByTestId('save-caller-rules').click();
  await expect(rules.getByLabel('Allow dupes')).toBeChecked();
  await expect(rules.getByLabel('Queues per caller at most')).toHaveValue('2');
  await expect(rules.getByTestId('rule-dupes-words')).toContainText('Dupes allowed');
  await expect(rules.getByTestId('rule-queues-words')).toContainText('Up to 2 queues at a time');
  await rules.scrollIntoViewIfNeeded();
  await second.screenshot({ path: 'test-results/screenshots/console-camp-rules-light.png' });
  const listed = (await (await fetch(`${server.url}/api/positions`)).json()) as { caller_rules: unknown };
  expect(listed.caller_rules).toEqual({ allow_dupes: true, max_queues_per_caller: 2 });

  // K1ABC moved from the default queue to Run 2's, at the end: the queue row's action, the target chosen.
  await first.getByTestId('queue-row').filter({ hasText: 'K1ABC' }).click();
  await first.keyboard.press('Escape');
  await first.keyboard.press('m');
  const dialog = first.getByRole('dialog', { name: 'Move K1ABC to another position' });
  await expect(dialog.getByLabel('To position')).toBeFocused();
  await expect(dialog.getByLabel('To position').locator('option')).toHaveText([
    'Run 2 - 40m FT8 (40m FT8, 0 waiting)',
    'Run 3 - 17m SSB (17m, 0 waiting)',
  ]);
  await first.screenshot({ path: 'test-results/screenshots/console-camp-move-dark.png' });
  await dialog.getByRole('button', { name: 'Move K1ABC' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(first.getByTestId('toasts')).toContainText('K1ABC moved to "Run 2 - 40m FT8", place 1');
  expect(await queueOf(server, 'run-2-40m-ft8')).toEqual(['K1ABC']);
  expect(await queueOf(server, 'default')).toEqual(['DL1ABC']);
  await expect(first.getByTestId('queue-row')).toHaveCount(1);
  await expect(rows(second).nth(1)).toContainText('1 waiting');

  // K1ABC also waits here again (two queues allowed); moving them where they already wait is refused in words.
  await register(server, 'K1ABC');
  const k1 = first.getByTestId('queue-row').filter({ hasText: 'K1ABC' });
  await k1.click();
  await k1.getByRole('button', { name: 'Move K1ABC to another position' }).click();
  await dialog.getByLabel('Place in its queue (optional)').fill('1');
  await dialog.getByLabel('Place in its queue (optional)').press('Enter');
  await expect(dialog.getByTestId('move-problem')).toContainText(
    'K1ABC already waits or is being worked at "Run 2 - 40m FT8"',
  );
  await dialog.getByRole('button', { name: 'Keep' }).click();
  expect(await queueOf(server, 'default')).toEqual(['DL1ABC', 'K1ABC']);

  // DL1ABC goes to the head of Run 2's queue.
  const dl = first.getByTestId('queue-row').filter({ hasText: 'DL1ABC' });
  await dl.click();
  await dl.getByRole('button', { name: 'Move DL1ABC to another position' }).click();
  const dlDialog = first.getByRole('dialog', { name: 'Move DL1ABC to another position' });
  await dlDialog.getByLabel('Place in its queue (optional)').fill('1');
  await dlDialog.getByRole('button', { name: 'Move DL1ABC' }).click();
  await expect(dlDialog).toHaveCount(0);
  expect(await queueOf(server, 'run-2-40m-ft8')).toEqual(['DL1ABC', 'K1ABC']);

  // Deleting Run 2 while callers wait there is refused, saying what to do; the empty Run 3 goes, on both consoles.
  await first.getByRole('button', { name: 'Delete position Run 2 - 40m FT8' }).click();
  await expect(first.getByRole('dialog', { name: 'Delete position "Run 2 - 40m FT8"?' })).toBeVisible();
  await first.keyboard.press('Enter');
  const refusal = first.getByTestId('position-delete-problem');
  await expect(refusal).toContainText(
    '"Run 2 - 40m FT8" cannot be deleted while it still has 2 callers waiting: move its callers to another position',
  );
  await expect(names(first)).toHaveText(['Main', 'Run 2 - 40m FT8', 'Run 3 - 17m SSB']);
  await first.getByRole('button', { name: 'Delete position Run 3 - 17m SSB' }).click();
  await first.keyboard.press('Enter');
  await expect(names(second)).toHaveText(['Main', 'Run 2 - 40m FT8']);
  await expect(first.getByTestId('toasts')).toContainText('Position "Run 3 - 17m SSB" deleted');

  // axe on the section, in both themes, and how it looks at 1024x768.
  for (const [page, theme] of [
    [first, 'dark'],
    [second, 'light'],
  ] as const) {
    expect(await seriousViolations(page, '[data-testid="positions-settings"]'), theme).toEqual([]);
    await expect(page.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
    await page.getByTestId('settings-panel').evaluate((panel) => panel.scrollTo(0, 0));
    // fits the tab at 1024x768: nothing runs out sideways, the first row's actions are in view
    const overflow = await page
      .getByTestId('settings-panel')
      .evaluate((panel) => panel.scrollWidth - panel.clientWidth);
    expect(overflow, `${theme}: sideways overflow`).toBeLessThanOrEqual(0);
    await expect(page.getByRole('button', { name: 'Edit position Main' })).toBeInViewport();
    await page.screenshot({ path: `test-results/screenshots/console-camp-settings-${theme}.png` });
  }
  await first.getByRole('button', { name: 'Edit position Main' }).click();
  expect(await seriousViolations(first, '[data-testid="positions-settings"]'), 'editing').toEqual([]);
  await first.screenshot({ path: 'test-results/screenshots/console-camp-edit-dark.png' });
});
