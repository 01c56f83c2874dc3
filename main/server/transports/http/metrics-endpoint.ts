import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../../services.js';
import { clientAddress, headerOf, sendBody } from './http-io.js';
import { OpError } from '../../util/errors.js';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * `GET /metrics` in the Prometheus text format, as the metrics subsystem renders it. It needs the admin's credentials (Basic or Bearer, like
 * /api/admin): a bystander on the same Wi-Fi learns nothing from it. Prometheus sends them with
 * `basic_auth` (or `authorization: {credentials: <token>}`) in its scrape config.
 */
export async function serveMetrics(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const metrics = services.metrics;
  if (!metrics) throw new OpError('NOT_FOUND', 'Metrics are not enabled');
  await services.auth.verifyHeader(headerOf(req, 'authorization'), clientAddress(req));
  const text = await metrics.render();
  sendBody(res, 200, METRICS_CONTENT_TYPE, text, { 'Cache-Control': 'no-store' });
}
