/**
 * The console's layout on every laptop screen, light and dark, with a realistic pileup (30 callers, long portable
 * callsigns, a QSO in progress with VK9/EI6JGB/P): each key control is visible and the point at its centre is the
 * control itself (nothing covers it), the current callsign stays on one line, queue entries truncate without
 * running into the wait timer, the log's columns fit or scroll, the Log tab shows at least 5 QSO rows with their
 * Time, Callsign, Band and Mode uncut, no page scroll; and the compact list shows 20+ callers at 1280x800.
 */
import { expect, test, type Page } from '@playwright/test';
import { adminRequest, startTestServer, type E2eServer } from './support/server.js';
import { consoleLogin, seedPileup } from './support/screenshots.js';

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

const KEY_CONTROLS = [
  'current-callsign',
  'work-next',
  'complete',
  'cancel',
  'next-line',
  'system-toggle',
  'pause',
  'clear-queue',
  'compact-toggle',
  'export-adif',
];
const KEY_IDS = ['direct-callsign', 'frequency-input', 'split-input', 'log-search', 'tab-log', 'tab-lookup'];

let server: E2eServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

interface Hit {
  name: string;
  visible: boolean;
  hitsItself: boolean;
  rect: string;
}

/** For each element: inside the viewport, and elementFromPoint at its centre is it (or inside it). */
async function hits(page: Page, selectors: Record<string, string>): Promise<Hit[]> {
  return page.evaluate((sel) => {
    return Object.entries(sel).map(([name, css]) => {
      const el = document.querySelector(css);
      if (!el) return { name, visible: false, hitsItself: false, rect: 'missing' };
      const r = el.getBoundingClientRect();
      const visible =
        r.width > 0 &&
        r.height > 0 &&
        r.left >= 0 &&
        r.top >= 0 &&
        r.right <= innerWidth &&
        r.bottom <= innerHeight;
      const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      const hitsItself = at !== null && (at === el || el.contains(at));
      return { name, visible, hitsItself, rect: `${r.left},${r.top} ${r.width}x${r.height}` };
    });
  }, selectors);
}

test('the console fits every laptop screen, light and dark', async ({ page }) => {
  test.setTimeout(120_000);
  server = await startTestServer();
  // a log of 10 QSOs (8 here, 2 from the pileup's seed), so the Log tab has more rows than it can show
  await adminRequest(server, 'POST', '/api/admin/status', { active: true });
  for (const call of ['K1AA', 'K2BB', 'K3CC', 'K4DD', 'K5EE', 'K6FF', 'K7GG', 'K8HH']) {
    await adminRequest(server, 'POST', '/api/admin/qso/start', { callsign: call });
    await adminRequest(server, 'POST', '/api/admin/qso/complete');
  }
  await seedPileup(server);
  // the longest callsign of the pileup becomes the current QSO
  const auth = Buffer.from(`${server.admin.username}:${server.admin.password}`).toString('base64');
  await fetch(`${server.url}/api/admin/queue/work/VK9%2FEI6JGB%2FP`, {
    method: 'POST',
    headers: { authorization: `Basic ${auth}` },
  });
  await page.setViewportSize(SIZES[0]!);
  await page.emulateMedia({ colorScheme: 'light' });
  await consoleLogin(page, server);
  await expect(page.getByTestId('current-callsign')).toHaveText('VK9/EI6JGB/P');
  await page.keyboard.press('Escape');

  const selectors: Record<string, string> = {};
  for (const id of KEY_CONTROLS) selectors[id] = `[data-testid="${id}"]`;
  for (const id of KEY_IDS) selectors[id] = `#${id}`;
  selectors['first-queue-row'] = '[data-testid="queue-row"]';

  for (const theme of ['light', 'dark'] as const) {
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) {
      await page.keyboard.press('t');
    }
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.waitForTimeout(150);
      const where = `${size.width}x${size.height} ${theme}`;
      await page.screenshot({
        path: `test-results/screenshots/layout-${size.width}x${size.height}-${theme}.png`,
      });

      for (const hit of await hits(page, selectors)) {
        expect(hit.visible, `${where}: ${hit.name} visible (${hit.rect})`).toBe(true);
        expect(hit.hitsItself, `${where}: ${hit.name} not covered (${hit.rect})`).toBe(true);
      }

      const layout = await page.evaluate(() => {
        const call = document.querySelector<HTMLElement>('[data-testid="current-callsign"]')!;
        const range = document.createRange();
        range.selectNodeContents(call);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="queue-row"]')].slice(0, 8);
        const rowProblems = rows.flatMap((row) => {
          const c = row.querySelector<HTMLElement>('.queue-call')!;
          const w = row.querySelector<HTMLElement>('.queue-wait')!;
          const cr = c.getBoundingClientRect();
          const wr = w.getBoundingClientRect();
          const problems: string[] = [];
          if (cr.right > wr.left) problems.push(`${c.textContent} runs into its wait timer`);
          if (c.scrollWidth > c.clientWidth && getComputedStyle(c).textOverflow !== 'ellipsis')
            problems.push(`${c.textContent} is cut without an ellipsis`);
          if (cr.height > parseFloat(getComputedStyle(c).lineHeight) * 1.5)
            problems.push(`${c.textContent} wraps`);
          return problems;
        });
        const wrap = document.querySelector<HTMLElement>('.table-wrap')!;
        const lastTh = [...wrap.querySelectorAll('th')].at(-1)!;
        const columnsFit = lastTh.getBoundingClientRect().right <= wrap.getBoundingClientRect().right + 1;
        const scrolls = getComputedStyle(wrap).overflowX === 'auto';
        // the Log tab: QSO rows wholly inside the table's scroll box and the window, their key columns uncut
        const box = wrap.getBoundingClientRect();
        const logRows = [...wrap.querySelectorAll<HTMLElement>('[data-testid="log-row"]')];
        const shownRows = logRows.filter((row) => {
          const r = row.getBoundingClientRect();
          return r.height > 0 && r.top >= box.top - 1 && r.bottom <= Math.min(box.bottom, innerHeight) + 1;
        });
        const headers = [...wrap.querySelectorAll('th')].map((th) => th.textContent?.trim() ?? '');
        const keyColumns = ['UTC', 'Callsign', 'Band', 'Mode'].map((name) => headers.indexOf(name));
        const cutCells = shownRows.flatMap((row) =>
          keyColumns.flatMap((index) => {
            const cell = row.children[index] as HTMLElement | undefined;
            if (!cell) return ['missing column'];
            const r = cell.getBoundingClientRect();
            const whole = r.left >= box.left - 1 && r.right <= box.right + 1;
            return whole && cell.scrollWidth <= cell.clientWidth + 1
              ? []
              : [`${headers[index]}: ${cell.textContent}`];
          }),
        );
        const toolbar = document.querySelector<HTMLElement>('.log-toolbar')!;
        const toolbarRows = new Set(
          [...toolbar.children]
            .map((el) => el.getBoundingClientRect())
            .filter((r) => r.width > 1)
            .map((r) => Math.round(r.top + r.height / 2)),
        ).size;
        const toolbarFits =
          toolbar.getBoundingClientRect().right <= box.right + 1 &&
          [...toolbar.children].every(
            (el) => el.getBoundingClientRect().right <= toolbar.getBoundingClientRect().right + 1,
          );
        const labels = [
          ...document.querySelectorAll<HTMLElement>('.qso-actions .btn, .head-actions .btn, .tab'),
        ]
          .filter((b) => b.scrollWidth > b.clientWidth + 1)
          .map((b) => b.textContent);
        return {
          lines,
          fits: call.scrollWidth <= call.clientWidth + 1,
          rowProblems,
          columnsFit,
          scrolls,
          labels,
          shownRows: shownRows.length,
          toolbarRows,
          toolbarFits,
          cutCells,
          pageScroll: document.documentElement.scrollHeight > innerHeight + 1,
        };
      });
      expect(layout.lines, `${where}: current callsign on one line`).toBe(1);
      expect(layout.fits, `${where}: current callsign not cut`).toBe(true);
      expect(layout.rowProblems, `${where}: queue entries`).toEqual([]);
      expect(layout.columnsFit || layout.scrolls, `${where}: log columns fit or scroll`).toBe(true);
      expect(layout.labels, `${where}: clipped button labels`).toEqual([]);
      expect(layout.toolbarRows, `${where}: the log's toolbar is one row`).toBe(1);
      expect(layout.toolbarFits, `${where}: the log's toolbar fits its panel`).toBe(true);
      expect(layout.shownRows, `${where}: QSO rows shown in the Log tab`).toBeGreaterThanOrEqual(5);
      expect(layout.cutCells, `${where}: Time, Callsign, Band, Mode of the shown QSOs`).toEqual([]);
      expect(layout.pageScroll, `${where}: panels scroll inside, not the page`).toBe(false);
    }
  }

  // Compact list: one line a caller, 20 and more visible at 1280x800.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.keyboard.press('v');
  await expect(page.getByTestId('compact-toggle')).toHaveAttribute('aria-pressed', 'true');
  const visibleRows = await page.evaluate(() => {
    const list = document.querySelector('[data-testid="queue-list"]')!.getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid="queue-row"]')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= list.top - 1 && r.bottom <= list.bottom + 1;
    }).length;
  });
  expect(visibleRows).toBeGreaterThanOrEqual(20);
  await page.screenshot({ path: 'test-results/screenshots/layout-1280x800-compact.png' });
});
