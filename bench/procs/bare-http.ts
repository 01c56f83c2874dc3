/**
 * The floor under the floor: the same endpoint as bare-express.ts on node:http alone (read the body, parse it,
 * answer with JSON), to show what the framework layers cost.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { push, serve } from '../lib/child.js';

const queue = new Set<string>();
const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/queue/register') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const raw = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { callsign?: unknown }).callsign;
    const callsign = typeof raw === 'string' ? raw.toUpperCase() : '';
    let status = 200;
    let body: unknown;
    if (queue.has(callsign)) {
      status = 400;
      body = { detail: 'Callsign already in queue', code: 'ALREADY_QUEUED' };
    } else {
      queue.add(callsign);
      body = { message: 'Callsign registered successfully', entry: { callsign, position: queue.size } };
    }
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  });
});
server.listen(0, '127.0.0.1', () =>
  push('listening', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
);
serve({ size: () => queue.size, cpu: () => process.cpuUsage() }, () => {
  server.closeAllConnections();
  server.close();
});
