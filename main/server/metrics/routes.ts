/**
 * The metrics' HTTP route for the console's figures, handed to the core by compose.ts. (GET /metrics, the
 * Prometheus text, is the HTTP layer's own: transports/http/metrics-endpoint.ts.)
 */
import type { Route } from '../transports/http/routes.js';

export const metricsRoutes: readonly Route[] = [
  { method: 'GET', path: '/api/admin/metrics', operation: 'admin.get_metrics' },
];
