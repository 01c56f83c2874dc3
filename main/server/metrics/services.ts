/**
 * The metrics as operations see them: the core's `MetricsPort` (main/server/services.ts) widened to the whole
 * `ServerMetrics`, whose `snapshot()` the console's figures come from.
 */
import type { ServerMetrics } from './server-metrics.js';

declare module '../services.js' {
  interface SubsystemServices {
    metrics: ServerMetrics;
  }
}
