/**
 * The floor for fan-out: a bare `ws` server. `POST /broadcast` sends its body, as one text message, to every
 * connected client, then answers 204.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { push, serve, settledRss } from '../lib/child.js';

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/broadcast') {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      for (const client of wss.clients) client.send(body);
      res.writeHead(204).end();
    });
    return;
  }
  res.writeHead(404).end();
});
const wss = new WebSocketServer({ server });

serve(
  { rss: () => settledRss(), clients: () => wss.clients.size },
  () =>
    new Promise<void>((resolve) => {
      for (const c of wss.clients) c.terminate();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);

server.listen(0, '127.0.0.1', () => {
  push('listening', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
