/**
 * A small logger: signs in, switches the system on, lets a caller register, works the next caller and prints
 * who is being worked. Usage: node logger.js <server URL> <username> <password>
 * (Node 22 and browsers have WebSocket built in; Node 20 passes the `ws` package's.)
 */
import { PileupClient, PileupRequestError, v2UrlFor } from '@pileup-buster/client';
import { WebSocket } from 'ws';

const [server = 'http://127.0.0.1:8000', username = 'admin', password = ''] = process.argv.slice(2);
const client = new PileupClient({ url: v2UrlFor(server), WebSocket, reconnect: false });

const seen: string[] = [];
client.on('current_qso', (data) => {
  if (data.current_qso) seen.push(data.current_qso.callsign);
});

await client.connect();
await client.auth({ username, password });
await client.subscribe(['current_qso']);
await client.request('admin.set_system_status', { active: true });
try {
  await client.request('queue.register', { callsign: 'W1AW' });
} catch (err) {
  if (!(err instanceof PileupRequestError) || err.code !== 'ALREADY_QUEUED') throw err;
}

const next = await client.request('admin.work_next');
// The result's type comes from the server's operations table: no casts.
const worked: string | null = next.current_qso === null ? null : next.current_qso.callsign;
const remaining: number = next.remaining;
// @ts-expect-error: not a field of admin.work_next's result (so the result type is real, not `any`)
void next.no_such_field;

await new Promise((resolve) => setTimeout(resolve, 200));
console.log(JSON.stringify({ worked, remaining, message: next.message, events: seen }));
client.close();
