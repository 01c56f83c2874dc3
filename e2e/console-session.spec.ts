/**
 * The console in a real pileup against a real server, in Chromium: it stays logged in and working across a
 * server restart (a clear "Disconnected: actions paused" state meanwhile, and a failed action said in words
 * that stay on screen, with Retry); Undo of Remove and of a logged QSO (toast button and Ctrl+Z), the guard
 * against a second N, and correcting and deleting a QSO in the log tab.
 */
import { expect, test, type Page } from '@playwright/test';
import { adminRequest, startTestServer, type E2eServer } from './support/server.js';
import { consoleLogin } from './support/screenshots.js';

let server: E2eServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

async function register(s: E2eServer, ...calls: string[]): Promise<void> {
  for (const callsign of calls) {
    const res = await fetch(`${s.url}/api/queue/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callsign }),
    });
    expect(res.status).toBe(200);
  }
}

const queueCalls = (page: Page) => page.getByTestId('queue-row').locator('.queue-call');

test('a logged-in console stays logged in and working across a server restart', async ({ page }) => {
  test.setTimeout(90_000);
  server = await startTestServer();
  await adminRequest(server, 'POST', '/api/admin/status', { active: true });
  await register(server, 'DL1ABC', 'G4XYZ');
  await page.setViewportSize({ width: 1280, height: 800 });
  await consoleLogin(page, server);
  await page.keyboard.press('Escape');
  await page.keyboard.press('n');
  await expect(page.getByTestId('current-callsign')).toHaveText('DL1ABC');

  await server.stop();
  await expect(page.getByTestId('offline-banner')).toContainText('Disconnected: actions paused');
  await expect(page.getByTestId('complete')).toBeDisabled();
  await page.keyboard.press('c'); // pressed during the drop: not lost silently
  const failure = page.getByTestId('toast-error');
  await expect(failure).toContainText('QSO with DL1ABC not logged: server unreachable.');
  await page.screenshot({ path: 'test-results/screenshots/console-disconnected.png' });
  await page.waitForTimeout(4000);
  await expect(failure, 'the failure stays on screen').toBeVisible();

  await server.restart();
  await expect(page.getByTestId('connection')).toHaveText('Connected', { timeout: 30_000 });
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Log in' })).toHaveCount(0);
  await expect(page.getByTestId('current-callsign')).toHaveText('DL1ABC');
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('log-row').first()).toContainText('DL1ABC');
  await expect(page.getByTestId('no-qso')).toBeVisible();
  // and it works: the next caller
  await page.keyboard.press('n');
  await expect(page.getByTestId('current-callsign')).toHaveText('G4XYZ');
});

test('undo, the double-N guard and QSO correction from the console', async ({ page }) => {
  test.setTimeout(90_000);
  server = await startTestServer();
  await adminRequest(server, 'POST', '/api/admin/status', { active: true });
  await adminRequest(server, 'POST', '/api/admin/frequency', {
    frequency: '14.205',
    band: '20m',
    mode: 'SSB',
  });
  await register(server, 'DL1ABC', 'G4XYZ', 'EA8/DL2XYZ');
  await page.setViewportSize({ width: 1366, height: 768 });
  await consoleLogin(page, server);
  await page.keyboard.press('Escape');

  // End and Home select the last and the first caller; remove the second (Del), then Undo from the toast:
  // back at their place.
  await page.keyboard.press('End');
  await expect(page.locator('.queue-row.selected .queue-call')).toHaveText('EA8/DL2XYZ');
  await page.keyboard.press('Home');
  await expect(page.locator('.queue-row.selected .queue-call')).toHaveText('DL1ABC');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Delete');
  await expect(queueCalls(page)).toHaveText(['DL1ABC', 'EA8/DL2XYZ']);
  const removed = page.getByTestId('toast-info').filter({ hasText: 'G4XYZ removed from the queue' });
  await removed.getByRole('button', { name: /Undo/ }).click();
  await expect(queueCalls(page)).toHaveText(['DL1ABC', 'G4XYZ', 'EA8/DL2XYZ']);

  // N, then N again at once: asks first instead of logging a phantom QSO.
  await page.keyboard.press('n');
  await expect(page.getByTestId('current-callsign')).toHaveText('DL1ABC');
  await expect(page.getByTestId('next-callsign')).toHaveText('G4XYZ');
  await page.keyboard.press('n');
  const guard = page.getByRole('dialog', { name: 'Log this QSO and work the next?' });
  await expect(guard).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('current-callsign')).toHaveText('DL1ABC');

  // C logs it ("Logged DL1ABC"); Ctrl+Z takes it out of the log and makes it current again.
  await page.keyboard.press('c');
  await expect(page.getByTestId('toasts')).toContainText('Logged DL1ABC');
  await expect(page.getByTestId('log-row')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('current-callsign')).toHaveText('DL1ABC');
  await expect(page.getByTestId('log-row')).toHaveCount(0);
  await page.keyboard.press('c');
  await expect(page.getByTestId('log-row')).toHaveCount(1);
  // a queued caller worked before on this band and mode would be a dupe; DL1ABC is not queued: none shown
  await expect(page.getByTestId('dupe-dupe')).toHaveCount(0);

  // Correct the QSO in the log tab, then delete it (asks first).
  await page.getByRole('button', { name: 'Edit QSO with DL1ABC' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit the QSO with DL1ABC' });
  await edit.getByLabel('RST sent').fill('59');
  await edit.getByLabel('RST received').fill('57');
  await edit.getByLabel('Notes').fill('QSB');
  await edit.getByLabel('Band').fill('40m');
  await edit.getByRole('button', { name: /Save/ }).click();
  await expect(page.getByTestId('toasts')).toContainText('QSO with DL1ABC corrected');
  await expect(page.getByTestId('log-row').first()).toContainText('40m');
  const qsos = (await adminRequest(server, 'GET', '/api/admin/qsos')) as { qsos: Record<string, unknown>[] };
  expect(qsos.qsos[0]).toMatchObject({ band: '40m', rst_sent: '59', rst_rcvd: '57', comment: 'QSB' });
  await page.getByRole('button', { name: 'Edit QSO with DL1ABC' }).click();
  await page.getByTestId('delete-qso').click();
  await page
    .getByRole('dialog', { name: 'Delete the QSO with DL1ABC?' })
    .getByRole('button', { name: /Delete QSO/ })
    .click();
  await expect(page.getByTestId('log-row')).toHaveCount(0);

  // Typing in a field pauses the shortcuts, visibly.
  await page.keyboard.press('/');
  await expect(page.getByTestId('shortcuts-paused')).toContainText(
    'Shortcuts paused: typing in a field (Esc)',
  );
  await page.keyboard.type('xn');
  await expect(page.getByTestId('current-callsign')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-paused')).toHaveCount(0);

  // Q: the full-screen connect view.
  await page.keyboard.press('q');
  await expect(page.getByTestId('connect-view')).toBeVisible();
  const qr = await page.getByTestId('connect-view').locator('svg.qr').boundingBox();
  expect(qr!.width).toBeGreaterThan(300);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('connect-view')).toHaveCount(0);
});
