import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { adminRequest, startTestServer, type E2eServer } from '../../e2e/support/server.js';

const calls = readFileSync(new URL('../../shared/fixtures/MASTER.SCP', import.meta.url), 'utf8')
  .split(/\r?\n/)
  .filter((l) => l && !l.startsWith('#') && l !== 'VER20230502')
  .slice(1000, 1600);

let server: E2eServer | null = null;
afterAll(async () => {
  if (server) {
    await server.stop({ kill: true });
    rmSync(server.dataDir, { recursive: true, force: true });
  }
});

describe('durability', () => {
  it('SIGKILL during a registration burst loses nothing that was acknowledged, and keeps the order', async () => {
    server = await startTestServer({ args: ['--max-queue-size', '10000'] });
    const s = server;
    await adminRequest(s, 'POST', '/api/admin/status', { active: true });

    const acked: { callsign: string; position: number }[] = [];
    let next = 0;
    let killed = false;
    const worker = async (): Promise<void> => {
      while (next < calls.length) {
        const callsign = calls[next++]!;
        try {
          // (these calls are all known to the offline DXCC table, so they queue at once)
          const res = await fetch(`${s.url}/api/queue/register`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ callsign }),
          });
          if (res.status === 200) {
            const body = (await res.json()) as { entry: { callsign: string; position: number } };
            acked.push(body.entry);
          }
        } catch {
          return; // the server is gone
        }
        if (acked.length >= 150 && !killed) {
          killed = true;
          await s.stop({ kill: true });
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(killed).toBe(true);
    expect(acked.length).toBeGreaterThanOrEqual(150);

    await s.restart();
    const queue = (await adminRequest(s, 'GET', '/api/admin/queue')) as { queue: { callsign: string }[] };
    const stored = queue.queue.map((e) => e.callsign);
    const ackedSet = new Set(acked.map((a) => a.callsign));
    // every acknowledged registration survived
    for (const a of acked) expect(stored).toContain(a.callsign);
    // in the order they were acknowledged as (their positions)
    const ackedOrder = [...acked].sort((a, b) => a.position - b.position).map((a) => a.callsign);
    expect(stored.filter((c) => ackedSet.has(c))).toEqual(ackedOrder);
    // no duplicates, contiguous positions after restart
    expect(new Set(stored).size).toBe(stored.length);
  }, 60_000);
});
