import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FanoutResult } from './fanout.js';
import type { MemoryResult } from './memory.js';
import type { RegistrationResult } from './registration.js';
import type { StartupResult } from './startup.js';
import { runSuite } from './suite.js';

/**
 * Runs every benchmark at its smoke size, so that the suite keeps working. Asserts only that every event and
 * request was accounted for and that results were written; timings are never asserted.
 */
const outDir = mkdtempSync(path.join(os.tmpdir(), 'pb-bench-smoke-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('benchmark suite (smoke sizes)', () => {
  it(
    'runs fan-out, registration, memory and start-up and writes their results',
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

      expect(suite.files).toHaveLength(4);
      for (const file of suite.files) {
        expect(existsSync(file)).toBe(true);
        expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ smoke: true });
      }
      expect(lines.join('\n')).toContain('Fan-out');
    },
  );
});
