/**
 * A load generator holding subscribers: SSE streams and/or WebSocket connections (protocol v2, or plain
 * WebSocket for the bare baseline). It records when each connection receives each benchmark event (a
 * frequency_update whose frequency is "14.<100 + op>") and pushes `got` {op} once all of its connections have it.
 */
import http from 'node:http';
import WebSocket from 'ws';
import { now, push, serve, settledRss } from '../lib/child.js';

const MARKER = /"frequency":"14\.(\d+)"/;
const MAX_OPS = 64;

interface Conn {
  kind: 'sse' | 'ws';
  close(): void;
}

let conns: Conn[] = [];
let receipts: Float64Array[] = [];
let counts = new Int32Array(MAX_OPS);
let dupes = 0;
let errors = 0;
let dropped = 0;
const frameBytes: { sse: number; ws: number } = { sse: 0, ws: 0 };

function resetReceipts(n: number): void {
  receipts = Array.from({ length: MAX_OPS }, () => new Float64Array(n).fill(NaN));
  counts = new Int32Array(MAX_OPS);
  dupes = 0;
}

function received(index: number, text: string, at: number, kind: 'sse' | 'ws'): void {
  const m = MARKER.exec(text);
  if (!m) return;
  const op = Number(m[1]) - 100;
  if (op < 0 || op >= MAX_OPS) return;
  const row = receipts[op]!;
  if (index >= row.length) return;
  if (!Number.isNaN(row[index]!)) {
    dupes += 1;
    return;
  }
  if (frameBytes[kind] === 0) frameBytes[kind] = Buffer.byteLength(text);
  row[index] = at;
  counts[op]! += 1;
  if (counts[op] === conns.length) push('got', { op });
}

function openSse(url: string, index: number, ssePath: string, localAddress?: string): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}${ssePath}`, {
      agent: false,
      ...(localAddress ? { localAddress } : {}),
      headers: { accept: 'text/event-stream' },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`SSE answered ${res.statusCode}`));
        return;
      }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.includes('event: frequency_update')) received(index, block, at, 'sse');
        }
      });
      res.on('close', () => {
        dropped += 1;
      });
      resolve({ kind: 'sse', close: () => req.destroy() });
    });
  });
}

function openWs(
  url: string,
  wsPath: string,
  index: number,
  subscribe: boolean,
  subscribeData: Record<string, unknown>,
): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${wsPath}`, { perMessageDeflate: false });
    let ready = false;
    const conn: Conn = { kind: 'ws', close: () => ws.terminate() };
    ws.on('error', (err) => {
      if (!ready) reject(err);
    });
    ws.on('close', () => {
      if (ready) dropped += 1;
    });
    ws.on('open', () => {
      if (!subscribe) {
        ready = true;
        resolve(conn);
        return;
      }
      ws.send(
        JSON.stringify({ type: 'request', id: 'sub', operation: 'events.subscribe', data: subscribeData }),
      );
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const at = now();
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Buffer.from(data).toString('utf8');
      if (!ready) {
        if (text.includes('"type":"response"') && text.includes('"id":"sub"')) {
          if (!text.includes('"success":true')) {
            reject(new Error(`events.subscribe failed: ${text.slice(0, 200)}`));
            ws.terminate();
            return;
          }
          ready = true;
          resolve(conn);
        }
        return;
      }
      received(index, text, at, 'ws');
    });
  });
}

interface OpenArgs {
  url: string;
  sse: number;
  ws: number;
  wsPath: string;
  /** The SSE stream's path: the station's own, or a relay's subscriber location. */
  ssePath?: string;
  /** Source address of the SSE connections (loopback has 127/8): many generators to one port need their own. */
  localAddress?: string;
  subscribe: boolean;
  /** The `events.subscribe` data of the WebSocket v2 subscribers (e.g. `{positions: "all"}`). */
  subscribeData?: Record<string, unknown>;
  concurrency?: number;
}

serve(
  {
    open: async (args: OpenArgs) => {
      const total = args.sse + args.ws;
      const kinds: ('sse' | 'ws')[] = [];
      // interleaved, then what is left of either kind
      let sse = args.sse;
      let ws = args.ws;
      for (let i = 0; i < total; i += 1) {
        const want: 'sse' | 'ws' = (i % 2 === 0 && sse > 0) || ws === 0 ? 'sse' : 'ws';
        kinds.push(want);
        if (want === 'sse') sse -= 1;
        else ws -= 1;
      }
      const opened: Conn[] = new Array<Conn>(total);
      let failed = 0;
      let firstError: string | null = null;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < total) {
          const i = next++;
          try {
            opened[i] =
              kinds[i] === 'sse'
                ? await openSse(args.url, i, args.ssePath ?? '/api/events/stream', args.localAddress)
                : await openWs(args.url, args.wsPath, i, args.subscribe, args.subscribeData ?? {});
          } catch (err) {
            failed += 1;
            firstError ??= err instanceof Error ? err.message : String(err);
          }
        }
      };
      resetReceipts(total);
      conns = [];
      await Promise.all(Array.from({ length: args.concurrency ?? 100 }, () => worker()));
      conns = opened.filter((c): c is Conn => c !== undefined);
      if (conns.length !== total) {
        // keep indexes dense: only fully opened sets are measured
        for (const c of conns) c.close();
        conns = [];
        throw new Error(`opened ${total - failed} of ${total} connections; first error: ${firstError}`);
      }
      dropped = 0;
      errors = failed;
      return { opened: total, sse: args.sse, ws: args.ws };
    },
    collect: () => {
      const perOp: number[][] = [];
      for (let op = 0; op < MAX_OPS; op += 1) {
        const row = receipts[op];
        if (!row || counts[op] === 0) {
          perOp.push([]);
          continue;
        }
        perOp.push(Array.from(row));
      }
      return { perOp, dupes, errors, dropped, frameBytes };
    },
    closeAll: () => {
      for (const c of conns) c.close();
      conns = [];
      return null;
    },
    rss: () => settledRss(),
  },
  () => {
    for (const c of conns) c.close();
  },
);
