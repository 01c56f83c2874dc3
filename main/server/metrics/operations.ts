import { defineOperation, noInput } from '../operations/define.js';
import './services.js'; // ctx.services.metrics: the whole ServerMetrics

/** The figures of /metrics as JSON, for the console (HTTP GET /api/admin/metrics, or over WebSocket v2). */
export const metricsOperations = [
  defineOperation({
    name: 'admin.get_metrics',
    auth: 'admin',
    summary:
      'Live figures: connections by kind, events emitted and sent, event delivery latency, registrations, ' +
      'rejections by reason, dropped slow subscribers, store size and memory. The same as GET /metrics.',
    input: noInput,
    handler: async (ctx) => ctx.services.metrics.snapshot(),
  }),
];
