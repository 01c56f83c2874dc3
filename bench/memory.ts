/**
 * Memory per idle connection: resident memory growth of the server per 1,000 idle WebSocket (protocol v2)
 * and SSE connections, against a bare `ws` server holding the same number of idle connections.
 */
import { Child } from './lib/children.js';
import { hasWsV2, startBaseline, startServerChild, waitForConnections } from './lib/servers.js';
import { round, sleep } from './lib/stats.js';

export interface MemoryOptions {
  connections: number;
}

export interface MemoryResult {
  connections: number;
  /** MiB of RSS growth per 1,000 connections. */
  server_ws_v2_mib_per_1000: number | null;
  server_sse_mib_per_1000: number;
  bare_ws_mib_per_1000: number;
  baseline_rss_mib: { server: number; bare: number };
}

const MIB = 1024 * 1024;

export async function runMemory(o: MemoryOptions): Promise<MemoryResult> {
  const holders = new Child('subscribers', 'subscribers.ts');
  const perK = (before: number, after: number): number =>
    round(((after - before) / MIB / o.connections) * 1000, 3);
  const server = await startServerChild({}, { nodeFlags: ['--expose-gc'] });
  try {
    const wsAvailable = await hasWsV2(server.url);
    // settle: one connection of each kind first, so that lazily loaded code is not counted
    await holders.call('open', {
      url: server.url,
      sse: 1,
      ws: wsAvailable ? 1 : 0,
      wsPath: '/ws/connect',
      subscribe: true,
    });
    await holders.call('closeAll');
    await waitForConnections(server.url, 0);
    await sleep(200);

    let wsPerK: number | null = null;
    const base0 = await server.child.call<number>('rss');
    if (wsAvailable) {
      await holders.call(
        'open',
        { url: server.url, sse: 0, ws: o.connections, wsPath: '/ws/connect', subscribe: true },
        300_000,
      );
      await waitForConnections(server.url, o.connections);
      wsPerK = perK(base0, await server.child.call<number>('rss'));
      await holders.call('closeAll');
      await waitForConnections(server.url, 0);
      await sleep(200);
    }
    const base1 = await server.child.call<number>('rss');
    await holders.call(
      'open',
      { url: server.url, sse: o.connections, ws: 0, wsPath: '/ws/connect', subscribe: true },
      300_000,
    );
    await waitForConnections(server.url, o.connections);
    const ssePerK = perK(base1, await server.child.call<number>('rss'));
    await holders.call('closeAll');
    await server.stop();

    const bare = await startBaseline('bare-ws.ts', { nodeFlags: ['--expose-gc'] });
    try {
      await holders.call('open', { url: bare.url, sse: 0, ws: 1, wsPath: '/', subscribe: false });
      await holders.call('closeAll');
      await sleep(200);
      const b0 = await bare.child.call<number>('rss');
      await holders.call(
        'open',
        { url: bare.url, sse: 0, ws: o.connections, wsPath: '/', subscribe: false },
        300_000,
      );
      const b1 = await bare.child.call<number>('rss');
      return {
        connections: o.connections,
        server_ws_v2_mib_per_1000: wsPerK,
        server_sse_mib_per_1000: ssePerK,
        bare_ws_mib_per_1000: perK(b0, b1),
        baseline_rss_mib: { server: round(base0 / MIB, 1), bare: round(b0 / MIB, 1) },
      };
    } finally {
      await holders.call('closeAll').catch(() => undefined);
      await bare.child.stop();
    }
  } finally {
    await server.stop().catch(() => undefined);
    await holders.stop();
  }
}
