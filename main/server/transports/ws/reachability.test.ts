import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../operations/table.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { LEGACY_ADMIN, LEGACY_PUBLIC } from './legacy/table.js';
import { V2_ONLY_OPERATIONS } from './legacy/v2-only.js';
import { webSocketAttach } from './index.js';
import { isBuiltin } from './v2/builtins.js';
import { RawClient, type Frame } from './test-client.js';

const legacyMapped = new Set(
  [...Object.values(LEGACY_PUBLIC), ...Object.values(LEGACY_ADMIN)].flatMap((entry) => entry.operations),
);
const tableNames = operations.map((op) => op.name);

describe('every operation of the table is reachable on both WebSocket protocols, or marked v2-only', () => {
  it("is mapped by a message type of the original's protocol or named in V2_ONLY_OPERATIONS, not both", () => {
    const unplaced = tableNames.filter(
      (name) => !legacyMapped.has(name) && !V2_ONLY_OPERATIONS.includes(name),
    );
    expect(unplaced).toEqual([]);
    const both = V2_ONLY_OPERATIONS.filter((name) => legacyMapped.has(name));
    expect(both).toEqual([]);
  });

  it('names only operations the table has', () => {
    const known = new Set(tableNames);
    // protocol v2's own operations (auth.logout, ...) are not in the table
    expect([...legacyMapped].filter((name) => !known.has(name) && !isBuiltin(name))).toEqual([]);
    expect(V2_ONLY_OPERATIONS.filter((name) => !known.has(name))).toEqual([]);
    expect(new Set(V2_ONLY_OPERATIONS).size).toBe(V2_ONLY_OPERATIONS.length);
  });

  describe('protocol v2 answers every operation by name', () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer({
        attach: [webSocketAttach],
        env: { WS_RATE_LIMIT_PER_S: '1000', WS_RATE_LIMIT_BURST: '1000' },
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('knows each name (an unauthenticated client gets AUTH_REQUIRED or a real answer, never UNKNOWN_OPERATION)', async () => {
      const c = await RawClient.open(t.url, '/ws/connect');
      const unknown: string[] = [];
      for (const [i, name] of tableNames.entries()) {
        const id = `r${i}`;
        c.send({ type: 'request', id, operation: name, data: {} });
        const reply = await c.next((f: Frame) => f.type !== 'event' && f.id === id);
        if (reply.error_code === 'UNKNOWN_OPERATION') unknown.push(name);
      }
      c.send({ type: 'request', id: 'x', operation: 'no.such_operation', data: {} });
      const control = await c.next((f: Frame) => f.type !== 'event' && f.id === 'x');
      expect(control.error_code).toBe('UNKNOWN_OPERATION');
      expect(unknown).toEqual([]);
      c.ws.close();
    });
  });
});
