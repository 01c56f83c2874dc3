/**
 * An HTTP load generator: posts `{callsign}` bodies, one per callsign, with a fixed number of requests in
 * flight over keep-alive connections, and reports each request's latency and answer.
 */
import http from 'node:http';
import { now, serve } from '../lib/child.js';

interface RunArgs {
  url: string;
  path: string;
  callsigns: string[];
  concurrency: number;
  /** When given, request i joins the queue of positionIds[i % length] (`position_id` in the body). */
  positionIds?: string[];
}

function post(agent: http.Agent, url: URL, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.end(body);
  });
}

serve({
  run: async (args: RunArgs) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: args.concurrency });
    const url = new URL(`${args.url}${args.path}`);
    const latencies = new Float64Array(args.callsigns.length);
    const statuses: Record<string, number> = {};
    const kinds = { registered: 0, manual: 0, refused: 0, failed: 0 };
    let next = 0;
    const started = now();
    const worker = async (): Promise<void> => {
      while (next < args.callsigns.length) {
        const i = next++;
        const t0 = now();
        try {
          const ids = args.positionIds;
          const body = ids?.length
            ? { callsign: args.callsigns[i], position_id: ids[i % ids.length] }
            : { callsign: args.callsigns[i] };
          const res = await post(agent, url, JSON.stringify(body));
          latencies[i] = now() - t0;
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status !== 200) kinds.refused += 1;
          else if (res.text.includes('requires_manual_data')) kinds.manual += 1;
          else kinds.registered += 1;
        } catch {
          latencies[i] = now() - t0;
          kinds.failed += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: args.concurrency }, () => worker()));
    const durationMs = now() - started;
    agent.destroy();
    return { count: args.callsigns.length, durationMs, latencies: Array.from(latencies), statuses, kinds };
  },
});
