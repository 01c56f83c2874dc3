/**
 * Loggers per operating position, end to end: a real server whose config.json maps the WSJT-X instance with
 * client id "WSJT-X" to position run-2 (a real UDP listener on a free port), two positions on the air, one
 * console at run-2 and one watching all, in Chromium, and DL1ABC's phone. WSJT-X's Status moves run-2's radio,
 * not the default position's; its QSO Logged for DL1ABC completes run-2's QSO (the console at run-2 and the
 * watching console see it at once, the log names run-2, the default position's QSO is untouched) and the phone
 * says which slot DL1ABC now has. A QSO Logged from an instance no one mapped ("JTDX") works the default position.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import {
  fromClient,
  QSO_LOGGED,
  STATUS,
  withDxCall,
} from '../main/server/integrations/wsjtx/fixtures/datagrams.js';
import { adminRequest, startTestServer, type E2eServer } from './support/server.js';
import { asOperator, createCamp, joinAt } from './support/positions.js';
import { consoleLogin } from './support/screenshots.js';
import { freeUdpPort, sendUdp } from './support/udp.js';

let server: E2eServer | null = null;
const contexts: BrowserContext[] = [];

test.afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
  await server?.stop();
  server = null;
});

/** A console of its own (own browser context), signed in, at `query` (e.g. `?position=run-2`). */
async function openConsole(browser: Browser, s: E2eServer, query: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await consoleLogin(page, s, query);
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  return page;
}

const card = (page: Page, id: string) => page.locator(`[data-testid="position-card"][data-position="${id}"]`);
const logRow = (page: Page, call: string) => page.getByTestId('log-row').filter({ hasText: call });

interface LoggedQso {
  callsign: string;
  mode: string | null;
  frequency: string | null;
  position_id?: string;
}

test("a WSJT-X QSO Logged from the client id mapped to position 2 completes position 2's QSO", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const wsjtxPort = await freeUdpPort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pb-e2e-loggers-'));
  writeFileSync(
    path.join(dataDir, 'config.json'),
    JSON.stringify({ integrations: { wsjtx: { positions: { 'WSJT-X': 'run-2' } } } }),
  );
  server = await startTestServer({ dataDir, args: ['--wsjtx-port', String(wsjtxPort)] });
  const s = server;
  await createCamp(s, [
    { name: 'Run 1 - 20m CW', frequency: '14.025', mode: 'CW' },
    { id: 'run-2', name: 'Run 2 - 20m FT8', frequency: '14.080', mode: 'FT8' },
  ]);
  await joinAt(s, 'DL1ABC', 'run-2');
  await joinAt(s, 'K1ABC', 'default');
  await joinAt(s, 'W1AW', 'default');

  const atRun2 = await openConsole(browser, s, '?position=run-2');
  const watching = await openConsole(browser, s, '?position=all');
  await expect(watching.getByTestId('position-card')).toHaveCount(2);

  // DL1ABC's phone: the caller page with their callsign given.
  const phoneContext = await browser.newContext({ viewport: { width: 360, height: 640 } });
  contexts.push(phoneContext);
  const phone = await phoneContext.newPage();
  await phone.goto(s.url);
  await phone.getByRole('heading', { name: 'Which bands do you need?' }).waitFor();
  await phone.getByLabel('Your callsign').fill('DL1ABC');
  await phone.getByRole('button', { name: 'Show' }).click();
  await expect(phone.getByTestId('position-run-2').getByTestId('in-log')).toHaveCount(0);

  // Each position works its next caller.
  await atRun2.locator('#console-root').focus();
  await atRun2.keyboard.press('n');
  await expect(atRun2.getByTestId('current-callsign')).toHaveText('DL1ABC');
  await asOperator(s, (c) => c.request('admin.next_qso', { position_id: 'default' }));
  await expect(card(watching, 'default').getByTestId('card-callsign')).toHaveText('K1ABC');
  await expect(card(watching, 'run-2').getByTestId('card-callsign')).toHaveText('DL1ABC');

  // WSJT-X's Status (dial 14.074 FT8) moves run-2's radio; the default position's stays on 14.025 CW.
  await sendUdp(wsjtxPort, STATUS);
  await expect(card(watching, 'run-2').getByTestId('card-radio')).toContainText('14.074');
  await expect(card(watching, 'default').getByTestId('card-radio')).toContainText('14.025');

  // WSJT-X logs DL1ABC: run-2's QSO is complete, on both consoles, and the default position's is untouched.
  await sendUdp(wsjtxPort, QSO_LOGGED);
  await expect(atRun2.getByTestId('no-qso')).toBeVisible();
  await expect(card(watching, 'run-2').getByTestId('card-qso')).toHaveText('No QSO');
  await expect(card(watching, 'default').getByTestId('card-callsign')).toHaveText('K1ABC');
  await expect(logRow(watching, 'DL1ABC').getByTestId('log-position')).toHaveText('Run 2 - 20m FT8');
  await expect(logRow(watching, 'DL1ABC')).toContainText('FT8');
  await expect(logRow(watching, 'DL1ABC')).toContainText('13:01');
  await expect(logRow(atRun2, 'DL1ABC')).toHaveCount(1);

  // The phone: DL1ABC now has 20m FT8, and run-2 offers no join for it.
  await expect(phone.getByTestId('worked-slots')).toContainText('20m FT8');
  await expect(phone.getByTestId('position-run-2').getByTestId('in-log')).toBeVisible();
  await expect(phone.getByTestId('position-run-2').getByTestId('position-join')).toHaveCount(0);

  const log = (await adminRequest(s, 'GET', '/api/admin/qsos')) as { qsos: LoggedQso[] };
  expect(log.qsos).toEqual([
    expect.objectContaining({ callsign: 'DL1ABC', mode: 'FT8', frequency: '14.074', position_id: 'run-2' }),
  ]);

  // An instance no one mapped ("JTDX") works the default position: its QSO Logged for K1ABC completes K1ABC.
  await sendUdp(wsjtxPort, jtdxLogged());
  await expect(card(watching, 'default').getByTestId('card-qso')).toHaveText('No QSO');
  await expect(card(watching, 'default').getByTestId('card-next')).toContainText('W1AW');
  await expect(atRun2.getByTestId('no-qso')).toBeVisible();
  const after = (await adminRequest(s, 'GET', '/api/admin/qsos')) as { qsos: LoggedQso[] };
  expect(after.qsos.map((q) => [q.callsign, q.position_id ?? 'default']).sort()).toEqual([
    ['DL1ABC', 'run-2'],
    ['K1ABC', 'default'],
  ]);
});

/** JTDX's QSO Logged for K1ABC: the fixture with the DX call and client id replaced. */
function jtdxLogged(): Uint8Array {
  return fromClient(withDxCall(QSO_LOGGED, 'K1ABC'), 'JTDX');
}
