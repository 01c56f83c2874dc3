/**
 * A small logger for a web page: signs in, follows the current QSO and works the next caller on a button.
 * Measured as the SDK's browser bundle (bench/sdk-bundle.ts, docs/benchmarks.md).
 */
import { PileupClient, PileupRequestError, v2UrlFor } from '@pileup-buster/client';

export async function startLogger(server: string, username: string, password: string): Promise<PileupClient> {
  const client = new PileupClient({ url: v2UrlFor(server) });
  const status = document.createElement('p');
  const button = document.createElement('button');
  button.textContent = 'Work next';
  document.body.append(status, button);
  client.onConnectionChange((state) => (status.dataset.state = state));
  client.on('current_qso', ({ current_qso }) => {
    status.textContent = current_qso ? `Working ${current_qso.callsign}` : 'No QSO';
  });
  button.addEventListener('click', () => {
    client.request('admin.work_next').then(
      (next) => (status.textContent = `${next.message} (${next.remaining} waiting)`),
      (err: unknown) => (status.textContent = err instanceof PileupRequestError ? err.code : String(err)),
    );
  });
  await client.connect();
  await client.auth({ username, password });
  return client;
}
