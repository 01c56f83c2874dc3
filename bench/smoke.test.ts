import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FanoutResult } from './fanout.js';
import type { MemoryResult } from './memory.js';
import type { RegistrationResult } from './registration.js';
import type { StartupResult } from './startup.js';
import type { RelayResult } from './relay.js';
import type { PositionsResult } from './positions.js';
import { BENCHES, runSuite } from './suite.js';

/**
 * Runs every benchmark at its smoke size, so that the suite keeps working. Asserts only that every event and
 * request was accounted for and that results were written; timings are never asserted.
 */
const outDir = mkdtempSync(path.join(os.tmpdir(), 'pb-bench-smoke-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('benchmark suite (smoke sizes)', () => {
  it(
    'runs fan-out, registration, memory, start-up, the relay and positions and writes their results',
    { timeout: 400_000 },
    async () => {
      const lines: string[] = [];
      const suite = await runSuite({ smoke: true, outDir, print: (t) => lines.push(t) });

      const fanout = suite.results.fanout as FanoutResult[];
      expect(fanout.length).toBeGreaterThan(0);
      for (const r of fanout) {
        for (const side of [r.server, r.bare]) {
          expect(side.expected).toBe(r.subscribers * r.ops);
          expect(side.received).toBe(side.expected);
          expect(side.lost).toBe(0);
          expect(side.duplicates).toBe(0);
          expect(Number.isFinite(side.latency_ms.p99)).toBe(true);
        }
        expect(r.sse + r.ws_v2).toBe(r.subscribers);
      }

      const reg = suite.results.registration as RegistrationResult;
      for (const side of [reg.server, reg.bare]) {
        expect(side.kinds.failed).toBe(0);
        expect(side.kinds.refused).toBe(0);
        expect(side.kinds.registered + side.kinds.manual).toBe(reg.registrations);
        expect(side.per_second).toBeGreaterThan(0);
      }
      expect(reg.queue_after).toBe(reg.server.kinds.registered);
      expect(reg.subscribers.dropped_by_server).toBe(0);

      const mem = suite.results.memory as MemoryResult;
      expect(Number.isFinite(mem.server_sse_mib_per_1000)).toBe(true);
      expect(Number.isFinite(mem.bare_ws_mib_per_1000)).toBe(true);

      const start = suite.results.startup as StartupResult;
      expect(start.with_log.first_request_ms).toBeGreaterThan(0);
      expect(start.empty.first_request_ms).toBeGreaterThan(0);

      const relay = suite.results.relay as RelayResult;
      expect(relay.runs.map((r) => r.watchers)).toEqual([1, 40]);
      for (const run of relay.runs) {
        expect(run.nchan_subscribers).toBe(run.watchers);
        expect(run.delivery.expected).toBe(run.watchers * relay.ops);
        expect(run.delivery.received).toBe(run.delivery.expected);
        expect(run.delivery.duplicates).toBe(0);
        expect(run.published_per_op).toBeGreaterThanOrEqual(1);
        expect(run.station_bytes_per_event).toBeGreaterThan(0);
      }
      // one publish per event, whatever the audience
      expect(relay.runs[1]!.station_bytes_per_event).toBe(relay.runs[0]!.station_bytes_per_event);

      const positions = suite.results.positions as PositionsResult;
      expect(positions.single.positions).toBe(1);
      expect(positions.camp.positions).toBeGreaterThan(1);
      for (const side of [positions.single, positions.camp]) {
        const reg = side.registration;
        expect(reg.kinds.failed).toBe(0);
        expect(reg.kinds.refused).toBe(0);
        expect(side.queue_after).toBe(side.waiting_before + reg.kinds.registered);
        expect(side.fanout.expected).toBe((side.fanout.sse + side.fanout.ws_v2) * positions.ops);
        expect(side.fanout.received).toBe(side.fanout.expected);
        expect(side.fanout.duplicates).toBe(0);
      }
      // the same callers, spread over the camp instead of one queue
      expect(positions.camp.queue_after).toBe(positions.single.queue_after);

      expect(suite.files).toHaveLength(BENCHES.length);
      for (const file of suite.files) {
        expect(existsSync(file)).toBe(true);
        expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ smoke: true });
      }
      expect(lines.join('\n')).toContain('Fan-out');
    },
  );
});
