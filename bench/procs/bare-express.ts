/**
 * The baseline for registrations: a bare express endpoint at the same path, with the same JSON body parser and
 * an in-memory queue (no validation, no store, no events).
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { push, serve } from '../lib/child.js';

const queue = new Set<string>();
const app = express();
app.use(express.json({ limit: 16 * 1024 }));
app.post('/api/queue/register', (req, res) => {
  const raw = (req.body as { callsign?: unknown }).callsign;
  const callsign = typeof raw === 'string' ? raw.toUpperCase() : '';
  if (queue.has(callsign)) {
    res.status(400).json({ detail: 'Callsign already in queue', code: 'ALREADY_QUEUED' });
    return;
  }
  queue.add(callsign);
  res.json({ message: 'Callsign registered successfully', entry: { callsign, position: queue.size } });
});
const server = app.listen(0, '127.0.0.1', () => {
  push('listening', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
serve({ size: () => queue.size, cpu: () => process.cpuUsage() }, () => {
  server.closeAllConnections();
  server.close();
});
