import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from './registry.js';

describe('MetricsRegistry', () => {
  it('renders counters and gauges with HELP, TYPE and escaped labels', () => {
    const r = new MetricsRegistry();
    const c = r.counter('x_total', 'Things\ncounted');
    c.inc({ reason: 'A"B' });
    c.inc({ reason: 'A"B' }, 2);
    c.inc();
    r.gauge('y', 'A gauge', (g) => g.set({ kind: 'sse' }, 7));
    expect(r.render()).toBe(
      '# HELP x_total Things\\ncounted\n# TYPE x_total counter\nx_total{reason="A\\"B"} 3\nx_total 1\n' +
        '# HELP y A gauge\n# TYPE y gauge\ny{kind="sse"} 7\n',
    );
  });

  it('renders a histogram with cumulative buckets, sum and count', () => {
    const r = new MetricsRegistry();
    const h = r.histogram('lat_seconds', 'Latency', [0.01, 0.1, 1]);
    for (const v of [0.005, 0.05, 0.05, 2]) h.observe(v);
    const text = r.render();
    expect(text).toContain('lat_seconds_bucket{le="0.01"} 1\n');
    expect(text).toContain('lat_seconds_bucket{le="0.1"} 3\n');
    expect(text).toContain('lat_seconds_bucket{le="1"} 3\n');
    expect(text).toContain('lat_seconds_bucket{le="+Inf"} 4\n');
    expect(text).toContain('lat_seconds_sum 2.105\n');
    expect(text).toContain('lat_seconds_count 4\n');
    expect(h.quantile(0.5)).toBe(0.1);
    expect(h.quantile(1)).toBe(Infinity);
  });

  it('refuses invalid names, duplicates, shrinking counters and unordered buckets', () => {
    const r = new MetricsRegistry();
    expect(() => r.counter('bad-name', 'x')).toThrow(/invalid metric name/);
    r.counter('ok', 'x');
    expect(() => r.gauge('ok', 'x')).toThrow(/twice/);
    expect(() => r.counter('neg', 'x').inc({}, -1)).toThrow(/only grow/);
    expect(() => r.histogram('h', 'x', [1, 1])).toThrow(/increase/);
    expect(() => r.counter('lbl', 'x').inc({ 'bad-label': 'v' })).toThrow(/invalid label/);
  });
});

describe('Counter.series', () => {
  it('increments the same series as inc with those labels', () => {
    const r = new MetricsRegistry();
    const c = r.counter('sent_total', 'Sent');
    const sse = c.series({ transport: 'sse' });
    sse();
    sse();
    c.inc({ transport: 'sse' });
    expect(c.get({ transport: 'sse' })).toBe(3);
    expect(r.render()).toContain('sent_total{transport="sse"} 3\n');
  });
});
