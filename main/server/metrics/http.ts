import type { NextFunction, Request, Response } from 'express';
import type { Services } from '../services.js';
import { OpError } from '../util/errors.js';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * `GET /metrics` in the Prometheus text format. It needs the admin's credentials (Basic or Bearer, like
 * /api/admin): a bystander on the same Wi-Fi learns nothing from it. Prometheus sends them with
 * `basic_auth` (or `authorization: {credentials: <token>}`) in its scrape config.
 */
export function metricsHandler(services: Services, clientAddress: (req: Request) => string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const metrics = services.metrics;
    if (!metrics) {
      next(new OpError('NOT_FOUND', 'Metrics are not enabled'));
      return;
    }
    services.auth
      .verifyHeader(req.get('authorization'), clientAddress(req))
      .then(() => metrics.render())
      .then((text) => {
        res.setHeader('Cache-Control', 'no-store');
        res.type(METRICS_CONTENT_TYPE).send(text);
      })
      .catch(next);
  };
}
