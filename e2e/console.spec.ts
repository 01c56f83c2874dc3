/**
 * The operator console against a real server, in Chromium: a full operator run by keyboard. The operator logs in
 * (a second operator on the LAN uses the browser console), switches the system on, callers register from a
 * second browser context on the caller page, the operator works and completes them by keyboard, exports the log
 * as ADIF (content checked), bans a caller, pauses, starts a QSO with a station that called directly, and
 * switches off. Screenshots of the main states go to test-results/screenshots/console-*.png.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startTestServer, type E2eServer } from './support/server.js';

const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 760 };

let server: E2eServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

/** The console's address, as documented. */
const consoleUrl = (s: E2eServer): string => `${s.url}/console/`;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/console-${name}.png` });
}

async function login(page: Page, s: E2eServer): Promise<void> {
  await page.goto(consoleUrl(s));
  await expect(page.getByRole('heading', { name: 'Operator console' })).toBeVisible();
  await page.getByLabel('Username').fill(s.admin.username);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('system-pill')).toBeVisible();
  await expect(page.getByTestId('connection')).toHaveText('Connected');
}

/** A caller on their phone: opens the caller page in its own browser context and joins the queue. */
async function joinFromPhone(browser: Browser, s: E2eServer, callsign: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  const phone = await context.newPage();
  await phone.goto(s.url);
  await phone.getByLabel('Your callsign').fill(callsign);
  await phone.getByRole('button', { name: 'Join queue' }).click();
  const position = phone.getByTestId('my-position');
  const manual = phone.getByTestId('manual-form');
  await expect(position.or(manual)).toBeVisible();
  if (await manual.isVisible()) {
    await manual.getByLabel('Name').fill('Op');
    await manual.getByLabel('Location / city').fill('Town');
    await manual.getByLabel('Country').fill('Land');
    await manual.getByRole('button', { name: 'Join queue' }).click();
    await expect(position).toBeVisible();
  }
  return phone;
}

/** Presses keys with the focus on the console itself (where the single-key shortcuts work). */
async function keys(page: Page, ...presses: string[]): Promise<void> {
  for (const key of presses) await page.keyboard.press(key);
}

const queueCalls = (page: Page) => page.getByTestId('queue-row').locator('.queue-call');

test('a full operator run by keyboard', async ({ page, browser }) => {
  server = await startTestServer();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.setViewportSize(WIDE);
  // The first start follows the operating system's theme: dark here; `T` switches to light later.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(consoleUrl(server));
  await expect(page.getByRole('heading', { name: 'Operator console' })).toBeVisible();
  await shot(page, 'login');
  await login(page, server);
  await expect(page.getByTestId('system-pill')).toHaveText('OFF');
  await shot(page, 'off');

  // Switch on (Shift+A asks first; Enter confirms).
  await keys(page, 'Escape', 'Shift+A');
  await expect(page.getByRole('dialog', { name: 'Switch the system on?' })).toBeVisible();
  await keys(page, 'Enter');
  await expect(page.getByTestId('system-pill')).toHaveText('ON AIR');

  // Frequency, band and mode from the keyboard.
  await keys(page, 'f');
  await expect(page.locator('#frequency-input')).toBeFocused();
  await page.keyboard.type('14.205');
  await keys(page, 'Tab');
  await page.keyboard.type('20m');
  await keys(page, 'Tab');
  await page.keyboard.type('SSB');
  await keys(page, 'Enter');
  await expect(page.getByTestId('toasts')).toContainText('Frequency set to 14.205');

  // Callers join from their phones.
  const phones = [
    await joinFromPhone(browser, server, 'DL1ABC'),
    await joinFromPhone(browser, server, 'G4XYZ'),
    await joinFromPhone(browser, server, 'EI6JGB'),
  ];
  await expect(queueCalls(page)).toHaveText(['DL1ABC', 'G4XYZ', 'EI6JGB']);
  await expect(page.getByTestId('queue-row').first()).toContainText('Germany');
  await shot(page, 'queue');

  // Work next, complete, by keyboard.
  await keys(page, 'n');
  await expect(page.getByTestId('current-callsign')).toHaveText('DL1ABC');
  await expect(page.getByTestId('qso-timer')).toBeVisible();
  await expect(queueCalls(page)).toHaveText(['G4XYZ', 'EI6JGB']);
  await shot(page, 'qso');
  await keys(page, 'c');
  await expect(page.getByTestId('no-qso')).toBeVisible();
  await expect(page.getByTestId('log-row')).toHaveCount(1);
  await expect(page.getByTestId('log-row').first()).toContainText('DL1ABC');

  // Work a chosen caller out of order: select the second one, Enter works it.
  await keys(page, 'ArrowDown', 'ArrowDown');
  await expect(page.locator('.queue-row.selected')).toContainText('EI6JGB');
  await keys(page, 'Enter');
  await expect(page.getByTestId('current-callsign')).toHaveText('EI6JGB');
  await keys(page, 'c');
  await expect(page.getByTestId('log-row')).toHaveCount(2);

  // Ban the remaining caller, with a reason, from the keyboard.
  await keys(page, 'ArrowDown');
  await expect(page.locator('.queue-row.selected')).toContainText('G4XYZ');
  await keys(page, 'b');
  const banDialog = page.getByRole('dialog', { name: 'Ban G4XYZ?' });
  await expect(banDialog).toBeVisible();
  await page.keyboard.type('Calling out of turn');
  await shot(page, 'ban-dialog');
  await keys(page, 'Enter');
  await expect(page.getByTestId('queue-empty')).toBeVisible();
  await keys(page, '2');
  await expect(page.getByTestId('ban-row')).toHaveCount(1);
  await expect(page.getByTestId('ban-row')).toContainText('G4XYZ');
  await expect(page.getByTestId('ban-row')).toContainText('Calling out of turn');

  // Pause: the caller page refuses new registrations.
  await keys(page, 'p');
  await expect(page.getByTestId('paused-pill')).toBeVisible();
  await shot(page, 'paused');
  const paused = await fetch(`${server.url}/api/queue/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ callsign: 'K1ABC' }),
  });
  expect(paused.status).toBe(503);
  await keys(page, 'p');
  await expect(page.getByTestId('paused-pill')).toBeHidden();

  // A station called directly: D, type, Enter.
  await keys(page, 'd');
  await expect(page.locator('#direct-callsign')).toBeFocused();
  await page.keyboard.type('k1abc');
  await keys(page, 'Enter');
  await expect(page.getByTestId('current-callsign')).toHaveText('K1ABC');
  await keys(page, 'c');
  await keys(page, '1');
  await expect(page.getByTestId('log-row')).toHaveCount(3);

  // The worked log: search, then ADIF export.
  await keys(page, '/');
  await expect(page.locator('#log-search')).toBeFocused();
  await page.keyboard.type('dl1');
  await expect(page.getByTestId('log-row')).toHaveCount(1);
  await shot(page, 'log-search');
  await keys(page, 'Escape');
  await page.locator('#log-search').fill('');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-adif').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.adi$/);
  const adif = readFileSync(await download.path(), 'utf8');
  expect(adif).toMatch(/<EOH>/i);
  expect(adif).toMatch(/<CALL:6>DL1ABC/i);
  expect(adif).toMatch(/<CALL:6>EI6JGB/i);
  expect(adif).toMatch(/<CALL:5>K1ABC/i);
  expect(adif).not.toMatch(/<CALL:5>G4XYZ/i);
  expect(adif.match(/<EOR>/gi)).toHaveLength(3);
  expect(adif).toMatch(/<BAND:3>20m/i);

  // LAN access: caller URL with its QR code, connect info for loggers.
  await keys(page, 'Escape', '3');
  await expect(page.getByTestId('caller-url').first()).toContainText(`http://127.0.0.1:${server.port}/`);
  await expect(page.getByTestId('caller-url').first().locator('svg.qr')).toBeVisible();
  await expect(page.getByTestId('logger-info')).toContainText('/ws/connect');
  await shot(page, 'lan');

  // The shortcut help, then the light theme.
  await keys(page, 'Shift+?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await shot(page, 'help');
  await keys(page, 'Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await keys(page, 't');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await keys(page, '1');
  await shot(page, 'light');
  await keys(page, '4');
  await expect(page.getByTestId('settings-panel')).toBeVisible();
  await shot(page, 'settings');

  // Switch off: asks first, then everything closes.
  await keys(page, 'Escape', 'Shift+A');
  await expect(page.getByRole('dialog', { name: 'Switch the system off?' })).toBeVisible();
  await keys(page, 'Enter');
  await expect(page.getByTestId('system-pill')).toHaveText('OFF');
  await expect(page.getByTestId('queue-empty')).toContainText('System off');
  await keys(page, 't');
  await shot(page, 'off-end');

  for (const phone of phones) await phone.context().close();
  expect(pageErrors).toEqual([]);
});

test('two operators: changes by one show up live on the other, settings are saved', async ({ browser }) => {
  server = await startTestServer();
  const first = await (await browser.newContext({ viewport: WIDE, colorScheme: 'dark' })).newPage();
  const second = await (await browser.newContext({ viewport: WIDE, colorScheme: 'light' })).newPage();
  await login(first, server);
  await login(second, server);

  await keys(first, 'Escape', 'Shift+A', 'Enter');
  await expect(second.getByTestId('system-pill')).toHaveText('ON AIR');
  await expect(second.getByTestId('connection-counts')).toContainText('2 consoles');

  // The second operator lowers the maximum queue size in Settings; the first sees it live.
  await keys(second, 'Escape', '4');
  const maxField = second.getByLabel('Max queue size');
  await expect(maxField).toHaveValue('50');
  await maxField.fill('7');
  await second.getByTestId('save-settings').click();
  await expect(second.getByTestId('toasts')).toContainText('Settings saved');
  await expect(first.getByTestId('queue-count')).toHaveText('0 / 7');

  // A direct QSO started by the first operator appears on the second console.
  await keys(first, 'd');
  await first.keyboard.type('EI6JGB');
  await keys(first, 'Enter');
  await expect(second.getByTestId('current-callsign')).toHaveText('EI6JGB');
  await shot(second, 'second-operator');

  // Saved in the data dir: still there after a server restart.
  await server.restart();
  const third = await (await browser.newContext({ viewport: WIDE })).newPage();
  await login(third, server);
  await keys(third, 'Escape', '4');
  await expect(third.getByLabel('Max queue size')).toHaveValue('7');
  await expect(third.getByTestId('current-callsign')).toHaveText('EI6JGB');
  for (const page of [first, second, third]) await page.context().close();
});
