import WebSocket from 'ws';
import { BENCH_ADMIN } from './servers.js';

/** An authenticated protocol v2 connection of the benchmark controller, for the admin operations HTTP lacks. */
export interface WsAdmin {
  request<T>(operation: string, data: Record<string, unknown>): Promise<T>;
  close(): void;
}

interface Response {
  type: string;
  id?: string | null;
  success?: boolean;
  data?: unknown;
  error?: string | null;
  error_code?: string | null;
}

export async function openWsAdmin(url: string): Promise<WsAdmin> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws/connect`, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const pending = new Map<string, (r: Response) => void>();
  let next = 1;
  ws.on('message', (raw: WebSocket.RawData) => {
    const bytes = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
    const text = bytes.toString('utf8');
    const msg = JSON.parse(text) as Response;
    if (msg.type !== 'response' || typeof msg.id !== 'string') return;
    pending.get(msg.id)?.(msg);
    pending.delete(msg.id);
  });
  const send = <T>(frame: Record<string, unknown>, operation: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = `a${next++}`;
      const timer = setTimeout(() => reject(new Error(`${operation}: no answer`)), 30_000);
      pending.set(id, (r) => {
        clearTimeout(timer);
        if (r.success) resolve(r.data as T);
        else reject(new Error(`${operation} failed: ${r.error_code ?? ''} ${r.error ?? ''}`));
      });
      ws.send(JSON.stringify({ ...frame, id }));
    });
  const request = <T>(operation: string, data: Record<string, unknown>): Promise<T> =>
    send<T>({ type: 'request', operation, data }, operation);
  await send(
    { type: 'auth', data: { username: BENCH_ADMIN.username, password: BENCH_ADMIN.password } },
    'auth',
  );
  return { request, close: () => ws.close() };
}
