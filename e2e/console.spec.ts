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
import { freeUdpPort, sendUdp } from './support/udp.js';

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

  // The no-show rule (default: 3 calls, then dropped) is set in Settings by the second operator; the first,
  // with Settings open, sees the new rule at once.
  await keys(first, 'Escape', '4');
  await expect(first.getByTestId('no-show-rule')).toContainText(
    'After 3 calls without an answer the caller is dropped from the queue',
  );
  await expect(second.getByLabel('Calls without an answer')).toHaveValue('3');
  await expect(second.getByLabel('Places back')).toBeDisabled();
  await second.getByLabel('Calls without an answer').fill('0');
  await second.getByTestId('save-no-show').click();
  await expect(second.getByTestId('no-show-settings').getByRole('alert')).toHaveText(
    'Calls without an answer: a whole number from 1 to 20',
  );
  await second.getByLabel('Calls without an answer').fill('2');
  await second.getByLabel('Then').selectOption('move_back');
  await second.getByLabel('Places back').fill('4');
  await second.getByTestId('save-no-show').click();
  await expect(second.getByTestId('toasts')).toContainText('No-show rule saved');
  await expect(first.getByTestId('no-show-rule')).toContainText(
    'After 2 calls without an answer the caller is moved back 4 places in the queue',
  );
  await expect(first.getByLabel('Calls without an answer')).toHaveValue('2');
  await expect(first.getByLabel('Places back')).toHaveValue('4');
  await keys(first, 'Escape', '1');

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
  await expect(third.getByTestId('no-show-rule')).toContainText('After 2 calls without an answer');
  await expect(third.getByTestId('current-callsign')).toHaveText('EI6JGB');
  for (const page of [first, second, third]) await page.context().close();
});

test('radio integrations, lookups, server figures, the beam heading and clearing the worked list', async ({
  page,
  browser,
}) => {
  const n1mmPort = await freeUdpPort();
  const wsjtxPort = await freeUdpPort();
  server = await startTestServer({ args: ['--n1mm-port', String(n1mmPort)] });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.setViewportSize(WIDE);
  await page.emulateMedia({ colorScheme: 'dark' });
  await login(page, server);

  // Radio (5): N1MM+ listens on the port given on the command line; a bad packet is counted by its code.
  await keys(page, 'Escape', '5');
  const n1mm = page.getByTestId('integration-n1mm');
  await expect(n1mm.getByTestId('integration-state')).toHaveText('Listening');
  await expect(n1mm.getByTestId('integration-endpoint')).toHaveText(`127.0.0.1:${n1mmPort}`);
  await expect(n1mm.getByTestId('integration-last')).toContainText('never');
  await sendUdp(n1mmPort, '<RadioInfo><Freq>not a number');
  await expect(n1mm.getByTestId('integration-packets')).toContainText('1 received', { timeout: 10_000 });
  await expect(n1mm.getByTestId('integration-rejected').getByTestId('code-count')).toHaveText(
    'N1MM_MALFORMED 1',
  );
  await expect(n1mm.getByTestId('integration-last')).toContainText('ago');

  // WSJT-X: moved to a free port and switched on from the console.
  const wsjtx = page.getByTestId('integration-wsjtx');
  await expect(wsjtx.getByTestId('integration-state')).toHaveText('Off');
  await wsjtx.getByText('Address and port').click();
  await wsjtx.getByLabel('Port').fill(String(wsjtxPort));
  await wsjtx.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('toasts')).toContainText('WSJT-X (UDP): settings saved');
  await wsjtx.getByTestId('integration-toggle').click();
  await expect(wsjtx.getByTestId('integration-state')).toHaveText('Listening');
  await expect(wsjtx.getByTestId('integration-endpoint')).toHaveText(`127.0.0.1:${wsjtxPort}`);
  await expect(wsjtx.getByTestId('integration-toggle')).toHaveText('Switch off');
  await shot(page, 'radio');

  // Lookup (6): offline only; a bad country file is refused with its code and the shipped one stays.
  await keys(page, 'Escape', '6');
  await expect(page.getByTestId('lookup-state')).toHaveText('Offline only');
  await expect(page.getByTestId('cty-summary')).toContainText('shipped with the app');
  await page.locator('#cty-file').setInputFiles({
    name: 'cty.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('this is not a country file\n'),
  });
  await page.getByTestId('cty-import-button').click();
  await expect(page.getByTestId('cty-import-error')).toContainText('CTY_INVALID');
  await expect(page.getByTestId('cty-summary')).toContainText('shipped with the app');
  await page.locator('#lookup-callsign').fill('dl1abc');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByTestId('lookup-answer')).toContainText('DL1ABC');
  await expect(page.getByTestId('lookup-answer')).toContainText('Germany');
  await expect(page.getByTestId('lookup-answer')).toContainText('offline DXCC data only');
  await page.getByTestId('lookup-answer').scrollIntoViewIfNeeded();
  await shot(page, 'lookup');

  // On air, beam 045° shown to callers: a caller page shows it near the frequency.
  await keys(page, 'Escape', 'Shift+A', 'Enter');
  await expect(page.getByTestId('system-pill')).toHaveText('ON AIR');
  await page.locator('#beam-input').fill('45');
  // Controlled by the server's state: it turns checked when the change comes back as an event.
  await page.getByLabel('Show to callers').click();
  await expect(page.getByLabel('Show to callers')).toBeChecked();
  await page.locator('#beam-input').press('Enter');
  await expect(page.getByTestId('toasts')).toContainText('Beam heading 45°');
  const caller = await (await browser.newContext({ viewport: PHONE })).newPage();
  await caller.goto(server.url);
  await expect(caller.getByTestId('beam-heading')).toHaveText('Beam: 045°');

  // Server figures (LAN tab): the open caller page is an SSE connection.
  await keys(page, 'Escape', '3');
  await expect(page.getByTestId('figure-sse')).toHaveText(/^[1-9]\d*$/, { timeout: 15_000 });
  await page.getByTestId('server-figures').scrollIntoViewIfNeeded();
  await expect(page.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
  await shot(page, 'server');

  // A QSO shows on the caller page as worked; clearing the worked list (asks first) hides it there only.
  await keys(page, 'd');
  await expect(page.locator('#direct-callsign')).toBeFocused();
  await page.keyboard.type('EI6JGB');
  await keys(page, 'Enter');
  await expect(page.getByTestId('current-callsign')).toHaveText('EI6JGB');
  await keys(page, 'c', '1');
  await expect(caller.getByTestId('worked')).toContainText('EI6JGB');
  await page.getByTestId('log-file-menu').click();
  await page.getByTestId('clear-worked').click();
  await expect(page.getByRole('dialog', { name: 'Clear the worked list?' })).toBeVisible();
  await shot(page, 'clear-worked');
  await keys(page, 'Enter');
  await expect(page.getByTestId('toasts')).toContainText('Worked list cleared (1 station)');
  await expect(caller.getByTestId('worked')).toContainText('No QSOs yet.');
  await expect(page.getByTestId('log-row')).toHaveCount(1);

  await caller.context().close();
  expect(pageErrors).toEqual([]);
});

test('Import ADIF sends the file over HTTP; a queued caller in it leaves the queue as worked', async ({
  page,
}) => {
  server = await startTestServer();
  await page.setViewportSize(WIDE);
  await login(page, server);
  await keys(page, 'Escape', 'Shift+A', 'Enter');
  await expect(page.getByTestId('system-pill')).toHaveText('ON AIR');
  for (const callsign of ['W1AW', 'K1ABC']) {
    const res = await fetch(`${server.url}/api/queue/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callsign }),
    });
    expect(res.status).toBe(200);
  }
  await expect(queueCalls(page)).toHaveText(['W1AW', 'K1ABC']);

  const adi =
    'Exported by another logger <ADIF_VER:5>3.1.4 <EOH>\n' +
    '<CALL:4>W1AW <QSO_DATE:8>20260101 <TIME_ON:6>100000 <BAND:3>20m <MODE:2>CW <EOR>\n' +
    '<CALL:6>JA1XYZ <QSO_DATE:8>20260101 <TIME_ON:6>101500 <BAND:3>15m <MODE:3>SSB <EOR>\n';
  const upload = page.waitForRequest(
    (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/admin/qsos/import',
  );
  // what "Log file → Import ADIF…" opens
  await page.getByTestId('import-adif-file').setInputFiles({
    name: 'first-days.adi',
    mimeType: 'text/plain',
    buffer: Buffer.from(adi),
  });
  const request = await upload;
  expect(request.headers()['authorization']).toMatch(/^Bearer /);
  expect(JSON.parse(request.postData() ?? '{}')).toMatchObject({
    filename: 'first-days.adi',
    encoding: 'text',
  });
  await expect(page.getByTestId('import-progress')).toContainText(
    '2 records, 2 new, 0 already in the log, 0 bad',
  );
  await expect(page.getByTestId('toasts')).toContainText('Imported first-days.adi');
  await expect(queueCalls(page)).toHaveText(['K1ABC']);
  await expect(page.getByTestId('log-row')).toHaveCount(2);
});
