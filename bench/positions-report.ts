/** The table of the positions benchmark: the default position alone beside the camp, and their ratio. */
import { table } from './lib/stats.js';
import type { PositionsResult, PositionsSide } from './positions.js';

const row = (label: string, s: PositionsSide): (string | number)[] => [
  label,
  `${s.waiting_before} -> ${s.queue_after}`,
  s.registration.per_second,
  s.registration.cpu_us_per_request,
  s.registration.latency_ms.p50,
  s.registration.latency_ms.p99,
  `${s.registration.kinds.registered}/${s.registration.requests}`,
  `${s.fanout.sse}/${s.fanout.ws_v2}`,
  s.fanout.latency_ms.p50,
  s.fanout.latency_ms.p99,
  s.fanout.latency_ms.max,
  `${s.fanout.received}/${s.fanout.expected}`,
  s.fanout.duplicates,
];

export function positionsTable(r: PositionsResult): string {
  const x = r.ratio;
  return (
    `Operating positions (registrations spread over the positions; frequency change -> each subscriber's receipt)\n` +
    table(
      [
        'positions',
        'waiting',
        'reg req/s',
        'CPU µs/req',
        'reg p50 ms',
        'reg p99 ms',
        'registered',
        'sse/ws',
        'fan-out p50 ms',
        'p99 ms',
        'max ms',
        'received/expected',
        'dup',
      ],
      [row(`${r.single.positions} (default alone)`, r.single), row(`${r.camp.positions} (camp)`, r.camp)],
    ) +
    `\ncamp / single: registration ${x.registration_per_second}x (req/s), ${x.registration_cpu}x (CPU/req); ` +
    `fan-out p50 ${x.fanout_p50}x, p99 ${x.fanout_p99}x, max ${x.fanout_max}x`
  );
}
