/** A loopback HTTP server for fake callbook services: records requests, can be slow or hang. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeMode =
  | { kind: 'normal' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'hang' }
  /** Answers wait until `release()`. */
  | { kind: 'held' }
  | { kind: 'status'; status: number }
  | { kind: 'garbage' };

export interface FakeRequest {
  params: Record<string, string>;
}

export interface FakeHttp {
  url: string;
  requests: FakeRequest[];
  setMode(mode: FakeMode): void;
  /** Sends every held answer and returns to normal mode. */
  release(): void;
  close(): Promise<void>;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function leavesXml(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('');
}

export async function startFakeHttp(
  path: string,
  answer: (params: Record<string, string>) => string,
): Promise<FakeHttp> {
  let mode: FakeMode = { kind: 'normal' };
  const requests: FakeRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const held: (() => void)[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params = Object.fromEntries(url.searchParams.entries());
    requests.push({ params });
    if (url.pathname !== path) {
      res.writeHead(404).end('not here');
      return;
    }
    const send = (): void => {
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      res.end(`<?xml version="1.0" encoding="utf-8" ?>\n${answer(params)}`);
    };
    switch (mode.kind) {
      case 'hang':
        return; // never answer; closed when the server closes
      case 'held':
        held.push(send);
        return;
      case 'status':
        res.writeHead(mode.status, { 'content-type': 'text/plain' }).end('unavailable');
        return;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>maintenance</body></html>');
        return;
      case 'slow': {
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, mode.delayMs);
        timers.add(t);
        return;
      }
      case 'normal':
        send();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    setMode(m) {
      mode = m;
    },
    release() {
      mode = { kind: 'normal' };
      for (const send of held.splice(0)) send();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
