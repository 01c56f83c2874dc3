/**
 * The caller page at a camp of several operating positions, against a real server whose positions are created
 * over protocol v2 (the typed client): on a phone, the caller sees every position, is told which slot they
 * already have (a QSO logged before on 20m CW) and gets no join button for it, joins another position, follows
 * their place there live as the operator works that queue, up to their turn and "You're in the log", and is
 * refused by the server a slot logged meanwhile by another way (an ADIF import), the page saying why.
 * axe-core finds no serious problem on the way. Screenshots go to test-results/screenshots/caller-positions-*.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import type { PileupClient } from '../packages/client/src/index.js';
import { CALLER, registerElsewhere, seedCamp } from './support/camp.js';
import { asOperator, createCamp } from './support/positions.js';
import { adminRequest, startTestServer, type E2eServer } from './support/server.js';

const PHONES = [
  { width: 360, height: 640 },
  { width: 412, height: 915 },
];
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: E2eServer | null = null;
let operator: PileupClient | null = null;

test.afterEach(async () => {
  operator?.close();
  operator = null;
  await server?.stop();
  server = null;
});

// axe is injected as an inline script, which the page's Content-Security-Policy (rightly) refuses
test.use({ bypassCSP: true });

async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: unknown[] }> } })
      .axe;
    return (await axe.run(document)).violations;
  })) as { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Logs a QSO with the caller on 15m SSB by an ADIF import (no event the caller page hears). */
async function importQso(s: E2eServer, band: string, mode: string): Promise<void> {
  const content =
    'Camp log\n<ADIF_VER:5>3.1.4 <EOH>\n' +
    `<CALL:${CALLER.length}>${CALLER} <QSO_DATE:8>20260101 <TIME_ON:6>101500 ` +
    `<BAND:${band.length}>${band} <MODE:${mode.length}>${mode} <EOR>\n`;
  await adminRequest(s, 'POST', '/api/admin/qsos/import', { filename: 'camp.adi', content });
  await expect
    .poll(async () => ((await adminRequest(s, 'GET', '/api/admin/qsos/import')) as { state: string }).state)
    .toBe('done');
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/caller-positions-${name}.png`, fullPage: true });
}

for (const phone of PHONES) {
  test(`at ${phone.width}x${phone.height} a caller sees every position, is refused the slot they have and joins another`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    server = await startTestServer();
    const s = server;
    operator = await seedCamp(s);
    const op = operator;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize(phone);
    await page.goto(s.url);

    // Every position, live: name, band, mode, frequency, queue, who is worked, on the air.
    const run1 = page.getByTestId('position-default');
    const run2 = page.getByTestId('position-run-2');
    const run3 = page.getByTestId('position-run-3');
    await expect(page.getByTestId('positions')).toBeVisible();
    await expect(run1.getByRole('heading', { name: 'Run 1 - 20m CW' })).toBeVisible();
    await expect(run1.getByTestId('position-radio')).toContainText('14.025 MHz');
    await expect(run1.getByTestId('position-radio')).toContainText('20m');
    await expect(run1.getByTestId('position-radio')).toContainText('CW');
    await expect(run1.getByTestId('position-queue')).toHaveText('1 waiting');
    await expect(run2.getByTestId('position-radio')).toContainText('7.074 MHz');
    await expect(run2.getByTestId('position-radio')).toContainText('FT8');
    await expect(run2.getByTestId('position-queue')).toHaveText('2 waiting');
    await expect(run2.getByTestId('position-status')).toHaveText('ON AIR');
    await expect(run3.getByTestId('position-queue')).toHaveText('empty');
    await expect(run1.getByTestId('position-note')).toHaveText('Enter your callsign above to join.');
    expect(await seriousViolations(page)).toEqual([]);

    // The caller gives their callsign: the page says what they already have, and offers only what they need.
    // The page first draws as a single station, then shows the camp's form once it knows the positions.
    await page.getByRole('heading', { name: 'Which bands do you need?' }).waitFor();
    await page.getByLabel('Your callsign').fill(CALLER.toLowerCase());
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page.getByTestId('worked-slots')).toHaveText("You're in the log on 20m CW.");
    await expect(run1.getByTestId('in-log')).toBeVisible();
    await expect(run1.getByTestId('position-note')).toHaveText(
      'You are already in the log on 20m CW: no need to call again.',
    );
    await expect(run1.getByTestId('position-join')).toHaveCount(0);
    await expect(run2.getByTestId('in-log')).toHaveCount(0);
    await expect(run2.getByRole('button', { name: 'Join Run 2 - 40m FT8' })).toBeVisible();
    await expect(run3.getByRole('button', { name: 'Join Run 3 - 15m SSB' })).toBeVisible();
    await shot(page, `${phone.width}-slots`);
    expect(await seriousViolations(page)).toEqual([]);

    // Joins run 2 and follows their place there.
    await run2.getByRole('button', { name: 'Join Run 2 - 40m FT8' }).click();
    const form = run2.getByTestId('manual-form');
    const place = page.getByTestId('my-position');
    await expect(place.or(form)).toBeVisible();
    if (await form.isVisible()) {
      await form.getByLabel('Name').fill('Daithi');
      await form.getByLabel('Location / city').fill('Cork');
      await form.getByLabel('Country').fill('Ireland');
      await form.getByRole('button', { name: 'Join queue' }).click();
    }
    await expect(place).toContainText('#3 of 3');
    await expect(page.getByTestId('my-position-at')).toHaveText('at Run 2 - 40m FT8');
    await expect(run2.getByTestId('position-place')).toContainText('#3 of 3');
    // This device registered there: it holds that position's leave secret.
    await expect(page.getByTestId('leave-elsewhere')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Leave the queue', exact: true })).toBeVisible();
    await expect(run2.getByTestId('position-queue')).toHaveText('3 waiting');
    // One queue at a time: the other position it still needs says where they wait, with a way to leave it.
    await expect(run3.getByTestId('position-note')).toHaveText(
      'You are waiting at Run 2 - 40m FT8: leave that queue first to join here.',
    );
    await expect(run3.getByRole('button', { name: 'Leave the queue at Run 2 - 40m FT8' })).toBeVisible();
    await shot(page, `${phone.width}-waiting`);
    expect(await seriousViolations(page)).toEqual([]);

    // The operator of run 2 works its queue: the caller's place moves, then it is their turn.
    await op.request('admin.next_qso', { position_id: 'run-2' });
    await expect(run2.getByTestId('position-working')).toHaveText('DL1ABC');
    await expect(place).toContainText('#2 of 2');
    await op.request('admin.complete_qso', { position_id: 'run-2' });
    await op.request('admin.next_qso', { position_id: 'run-2' });
    await expect(page.getByTestId('next-alert')).toBeVisible();
    await expect(page.getByTestId('turn-bar')).toBeVisible();
    // Run 1's operator works its own queue meanwhile: the caller's place at run 2 does not move.
    await op.request('admin.next_qso', {});
    await expect(run1.getByTestId('position-working')).toHaveText('W1AW');
    await expect(place).toContainText('#1 of 1');
    await op.request('admin.complete_qso', { position_id: 'run-2' });
    await op.request('admin.next_qso', { position_id: 'run-2' });
    await expect(page.getByTestId('turn-alert')).toBeVisible();
    await expect(page.getByTestId('turn-bar')).toContainText('7.074 MHz');
    await expect(run2.getByTestId('position-place')).toHaveText("It's your turn here: call now!");
    await op.request('admin.complete_qso', { position_id: 'run-2' });

    // In the log on 40m FT8 too: the page asks again and says so.
    await expect(page.getByTestId('worked-slots')).toHaveText("You're in the log on 20m CW and 40m FT8.");
    await expect(page.getByTestId('departure')).toContainText("You're in the log");
    await expect(run2.getByTestId('in-log')).toBeVisible();
    await expect(run3.getByRole('button', { name: 'Join Run 3 - 15m SSB' })).toBeVisible();

    // A QSO on 15m SSB logged by another way (an import) while the page did not know: the server refuses the
    // join and the page says why, then marks the slot.
    await importQso(s, '15m', 'SSB');
    await run3.getByRole('button', { name: 'Join Run 3 - 15m SSB' }).click();
    await expect(run3.getByTestId('position-refusal')).toHaveText(
      `${CALLER}: you are already in the log on 15m SSB. No need to call again: join another band or mode.`,
    );
    // In the order of the log: the imported QSO is dated earlier than the other two.
    await expect(page.getByTestId('worked-slots')).toHaveText(
      "You're in the log on 15m SSB, 20m CW and 40m FT8.",
    );
    await expect(run3.getByTestId('in-log')).toBeVisible();
    await expect(run3.getByTestId('position-join')).toHaveCount(0);
    await shot(page, `${phone.width}-refused`);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test('a caller waiting at one position leaves that queue from the card of another, then joins it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  server = await startTestServer();
  operator = await seedCamp(server);
  await page.setViewportSize(PHONES[0]!);
  await page.goto(server.url);
  // The page first draws as a single station, then shows the camp's form once it knows the positions.
  await page.getByRole('heading', { name: 'Which bands do you need?' }).waitFor();
  await page.getByLabel('Your callsign').fill(CALLER);
  await page.getByRole('button', { name: 'Show' }).click();
  const run2 = page.getByTestId('position-run-2');
  const run3 = page.getByTestId('position-run-3');
  await run3.getByRole('button', { name: 'Join Run 3 - 15m SSB' }).click();
  const form = run3.getByTestId('manual-form');
  const place = page.getByTestId('my-position');
  await expect(place.or(form)).toBeVisible();
  if (await form.isVisible()) {
    await form.getByLabel('Name').fill('Daithi');
    await form.getByLabel('Location / city').fill('Cork');
    await form.getByLabel('Country').fill('Ireland');
    await form.getByRole('button', { name: 'Join queue' }).click();
  }
  await expect(place).toContainText('#1 of 1');
  await expect(page.getByTestId('my-position-at')).toHaveText('at Run 3 - 15m SSB');

  await run2.getByRole('button', { name: 'Leave the queue at Run 3 - 15m SSB' }).click();
  await run2.getByRole('button', { name: 'Yes, leave' }).click();
  await expect(place).toHaveCount(0);
  await expect(run3.getByTestId('position-queue')).toHaveText('empty');
  await run2.getByRole('button', { name: 'Join Run 2 - 40m FT8' }).click();
  await expect(place.or(run2.getByTestId('manual-form'))).toBeVisible();
  if (await run2.getByTestId('manual-form').isVisible()) {
    const f = run2.getByTestId('manual-form');
    await f.getByLabel('Name').fill('Daithi');
    await f.getByLabel('Location / city').fill('Cork');
    await f.getByLabel('Country').fill('Ireland');
    await f.getByRole('button', { name: 'Join queue' }).click();
  }
  await expect(place).toContainText('#3 of 3');
  await expect(page.getByTestId('my-position-at')).toHaveText('at Run 2 - 40m FT8');
});

test('a page open at a station of one position shows the positions once the operator adds one, keeping what was typed', async ({
  page,
}) => {
  test.setTimeout(90_000);
  server = await startTestServer();
  const s = server;
  await adminRequest(s, 'POST', '/api/admin/status', { active: true });
  const asked: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/positions')) asked.push(r.url());
  });
  await page.clock.install();
  await page.setViewportSize(PHONES[0]!);
  await page.goto(s.url);
  await expect(page.getByTestId('air-status')).toHaveText('ON AIR');
  await expect(page.getByRole('button', { name: 'Join queue' })).toBeVisible();
  await expect(page.getByTestId('positions')).toHaveCount(0);
  await page.getByLabel('Your callsign').fill('ei6jgb');

  // Nothing polls: ten minutes on, the page has asked about positions once, when it started.
  await expect.poll(() => asked.length).toBe(1);
  await page.clock.runFor('10:00');
  expect(asked).toHaveLength(1);

  // The operator adds a position: the stream says so, the camp view shows at once, with the callsign typed.
  await createCamp(s, [
    { name: 'Run 1 - 20m CW', frequency: '14.025', mode: 'CW' },
    { id: 'run-2', name: 'Run 2 - 40m FT8', frequency: '7.074', mode: 'FT8' },
  ]);
  await expect(page.getByTestId('position-run-2')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Which bands do you need?' })).toBeVisible();
  await expect(page.getByLabel('Your callsign')).toHaveValue('EI6JGB');
  await shot(page, '360-became-a-camp');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(
    page.getByTestId('position-run-2').getByRole('button', { name: 'Join Run 2 - 40m FT8' }),
  ).toBeVisible();

  // The camp goes back to one position, then grows again: the page follows both ways without a reload.
  await asOperator(s, (c) => c.request('admin.delete_position', { position_id: 'run-2' }));
  await expect(page.getByTestId('positions')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Join queue' })).toBeVisible();
  await asOperator(s, (c) =>
    c.request('admin.create_position', {
      id: 'run-3',
      name: 'Run 3 - 15m SSB',
      frequency: '21.250',
      mode: 'SSB',
      active: true,
    }),
  );
  await expect(page.getByTestId('position-run-3')).toBeVisible();
  await expect(page.getByTestId('position-run-2')).toHaveCount(0);
  // and at a camp nothing polls either (once the reads of the new view are done: no change for half a second)
  let reads = -1;
  await expect
    .poll(
      () => {
        const same = asked.length === reads;
        reads = asked.length;
        return same;
      },
      { intervals: [500] },
    )
    .toBe(true);
  await page.clock.runFor('10:00');
  expect(asked).toHaveLength(reads);
});

test('a caller beyond the first 1,000 of a position other than the default one finds their place there', async ({
  page,
}) => {
  test.setTimeout(120_000);
  server = await startTestServer({ env: { MAX_QUEUE_SIZE: '2000' } });
  const s = server;
  await createCamp(s, [
    { name: 'Run 1 - 20m CW', frequency: '14.025', mode: 'CW' },
    { id: 'run-2', name: 'Run 2 - 40m FT8', frequency: '7.074', mode: 'FT8' },
  ]);
  const letters = (i: number) =>
    String.fromCharCode(65 + (i % 26), 65 + (Math.floor(i / 26) % 26), 65 + Math.floor(i / 676));
  const callsigns = Array.from({ length: 1003 }, (_, i) => `W${1 + (i % 9)}${letters(i)}`);
  for (let i = 0; i < callsigns.length; i += 50) {
    await Promise.all(callsigns.slice(i, i + 50).map((c) => registerElsewhere(s, c, 'run-2')));
  }
  const me = callsigns.at(-1)!;
  await page.addInitScript((c) => localStorage.setItem('pb.caller.callsign', c), me);
  await page.setViewportSize(PHONES[0]!);
  await page.goto(s.url);
  const run2 = page.getByTestId('position-run-2');
  await expect(run2.getByTestId('position-place')).toContainText('#1003 of 1003');
  // run-2's next queue update lists its first 1,000 only: the page asks the server for the place there
  await registerElsewhere(s, 'K9ZZZ', 'run-2');
  await expect(run2.getByTestId('position-place')).toContainText('#1003 of 1004');
  await expect(page.getByTestId('my-position')).toContainText('#1003 of 1004');
  await expect(page.getByTestId('my-position-at')).toHaveText('at Run 2 - 40m FT8');
  await asOperator(s, async (c) => {
    for (let i = 0; i < 3; i += 1) await c.request('admin.next_qso', { position_id: 'run-2' });
  });
  await expect(run2.getByTestId('position-place')).toContainText('#1000 of 1001');
});
