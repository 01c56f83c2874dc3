/**
 * axe-core (the npm dev dependency, injected into the page) on the console and the caller page in each main
 * state, light and dark: no serious or critical violation. States: console login, off, on air with a pileup and
 * a QSO, paused, disconnected, a dialog open, the connect view; caller page off air, join form, in the queue.
 */
import { expect, test } from '@playwright/test';
import { adminRequest, startTestServer, type E2eServer } from './support/server.js';
import { consoleLogin, seedPileup } from './support/screenshots.js';
import { seriousViolations } from './support/axe.js';

// axe is injected as an inline script, which the pages' Content-Security-Policy (rightly) refuses
test.use({ bypassCSP: true });

let server: E2eServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

for (const theme of ['light', 'dark'] as const) {
  test(`the console has no serious accessibility problem in its main states, ${theme}`, async ({ page }) => {
    test.setTimeout(90_000);
    server = await startTestServer();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`${server.url}/console/`);
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
    const results: Record<string, string[]> = { login: await seriousViolations(page) };
    await consoleLogin(page, server);
    await expect(page.getByTestId('system-pill')).toHaveText('OFF');
    await expect(page.locator('h1')).toHaveCount(1);
    results.off = await seriousViolations(page);

    await seedPileup(server);
    await expect(page.getByTestId('current-callsign')).toBeVisible();
    await expect(page.getByTestId('log-row')).toHaveCount(2);
    results['on air'] = await seriousViolations(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press('v');
    results.compact = await seriousViolations(page);
    await page.keyboard.press('p');
    await expect(page.getByTestId('paused-pill')).toBeVisible();
    results.paused = await seriousViolations(page);
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog')).toBeVisible();
    results.shortcuts = await seriousViolations(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press('q');
    await expect(page.getByTestId('connect-view')).toBeVisible();
    results['connect view'] = await seriousViolations(page);
    await page.keyboard.press('Escape');
    for (const key of ['2', '3', '4', '5', '6']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(300);
      results[`tab ${key}`] = await seriousViolations(page);
    }
    await page.keyboard.press('1');
    // the "Log file" menu works by keyboard: Enter opens it on its first item, arrows move, Esc closes it and
    // gives the focus back to its button; its keys never reach the console's shortcuts
    const menuButton = page.getByTestId('log-file-menu');
    await menuButton.focus();
    await page.keyboard.press('Enter');
    await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('menuitem', { name: 'Refresh' })).toBeFocused();
    results['log file menu'] = await seriousViolations(page);
    await page.keyboard.press('End');
    await expect(page.getByRole('menuitem', { name: 'Clear worked list…' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Refresh' })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('menuitem', { name: 'Import ADIF…' })).toBeFocused();
    await page.keyboard.press('p'); // the queue is paused: P would resume it
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(menuButton).toBeFocused();
    await page.waitForTimeout(500);
    await expect(page.getByTestId('paused-pill')).toBeVisible();
    // the log table scrolls with the keyboard: it is focusable
    await expect(page.getByTestId('log-scroll')).toHaveAttribute('tabindex', '0');
    await server.stop();
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    results.disconnected = await seriousViolations(page);

    for (const [state, found] of Object.entries(results)) expect(found, `${theme}, ${state}`).toEqual([]);
  });

  test(`the caller page has no serious accessibility problem in its main states, ${theme}`, async ({
    page,
  }) => {
    server = await startTestServer();
    await page.setViewportSize({ width: 390, height: 760 });
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(server.url);
    await expect(page.getByRole('heading').first()).toBeVisible();
    const results: Record<string, string[]> = { 'off air': await seriousViolations(page) };
    await adminRequest(server, 'POST', '/api/admin/status', { active: true });
    await expect(page.getByLabel('Your callsign')).toBeEnabled();
    results['join form'] = await seriousViolations(page);
    await page.getByLabel('Your callsign').fill('DL1ABC');
    await page.getByRole('button', { name: 'Join queue' }).click();
    await expect(page.getByTestId('my-position')).toBeVisible();
    results['in the queue'] = await seriousViolations(page);
    await adminRequest(server, 'POST', '/api/admin/queue/next');
    await page.waitForTimeout(500);
    results['being worked'] = await seriousViolations(page);
    for (const [state, found] of Object.entries(results)) expect(found, `${theme}, ${state}`).toEqual([]);
  });
}
