/**
 * A small metrics registry rendering the Prometheus text exposition format (version 0.0.4): counters and
 * gauges with optional labels, and histograms with fixed buckets. No dependency, no global state.
 */

export type Labels = Readonly<Record<string, string>>;

const NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}

function labelKey(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  for (const k of keys) if (!LABEL_RE.test(k)) throw new Error(`invalid label name "${k}"`);
  return keys.map((k) => `${k}="${escapeLabelValue(labels[k] ?? '')}"`).join(',');
}

function series(name: string, key: string, value: number): string {
  return `${name}${key === '' ? '' : `{${key}}`} ${formatNumber(value)}\n`;
}

interface Metric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  render(): string;
}

export class Counter implements Metric {
  readonly type = 'counter';
  private readonly values = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    if (by < 0 || !Number.isFinite(by)) throw new Error(`counter ${this.name} can only grow`);
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }

  /** A handle that increments one labelled series without building its key each time (hot paths). */
  series(labels: Labels = {}): () => void {
    const key = labelKey(labels);
    return () => {
      this.values.set(key, (this.values.get(key) ?? 0) + 1);
    };
  }

  /** Every labelled value, as label string -> value (for JSON snapshots). */
  entries(): [string, number][] {
    return [...this.values.entries()];
  }

  render(): string {
    let out = '';
    for (const [key, value] of this.values) out += series(this.name, key, value);
    return out;
  }
}

export class Gauge implements Metric {
  readonly type = 'gauge';
  private readonly values = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly help: string,
    /** Called before rendering, to set values that are read rather than counted. */
    private readonly collect?: (gauge: Gauge) => void,
  ) {}

  set(labels: Labels, value: number): void {
    this.values.set(labelKey(labels), value);
  }

  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }

  refresh(): void {
    this.collect?.(this);
  }

  render(): string {
    this.refresh();
    let out = '';
    for (const [key, value] of this.values) out += series(this.name, key, value);
    return out;
  }
}

export class Histogram implements Metric {
  readonly type = 'histogram';
  private readonly counts: number[];
  private sumValue = 0;
  private countValue = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    /** Upper bounds, increasing; +Inf is implied. */
    readonly buckets: readonly number[],
  ) {
    for (let i = 1; i < buckets.length; i += 1) {
      if (buckets[i]! <= buckets[i - 1]!) throw new Error(`histogram ${name}: buckets must increase`);
    }
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.sumValue += value;
    this.countValue += 1;
    for (let i = 0; i < this.buckets.length; i += 1) {
      if (value <= this.buckets[i]!) {
        this.counts[i]! += 1;
        return;
      }
    }
  }

  get count(): number {
    return this.countValue;
  }

  get sum(): number {
    return this.sumValue;
  }

  /** Cumulative counts per bucket bound, +Inf last. */
  cumulative(): { le: number; count: number }[] {
    let running = 0;
    const out = this.buckets.map((le, i) => {
      running += this.counts[i]!;
      return { le, count: running };
    });
    out.push({ le: Infinity, count: this.countValue });
    return out;
  }

  /** An estimate of a quantile from the buckets (the upper bound of the bucket that holds it). */
  quantile(q: number): number | null {
    if (this.countValue === 0) return null;
    const rank = q * this.countValue;
    for (const b of this.cumulative()) if (b.count >= rank) return b.le;
    return Infinity;
  }

  render(): string {
    let out = '';
    for (const b of this.cumulative())
      out += series(`${this.name}_bucket`, `le="${formatNumber(b.le)}"`, b.count);
    out += series(`${this.name}_sum`, '', this.sumValue);
    out += series(`${this.name}_count`, '', this.countValue);
    return out;
  }
}

export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();

  counter(name: string, help: string): Counter {
    return this.add(new Counter(name, help));
  }

  gauge(name: string, help: string, collect?: (gauge: Gauge) => void): Gauge {
    return this.add(new Gauge(name, help, collect));
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, buckets));
  }

  /** The Prometheus text format: HELP, TYPE and the series of each metric. */
  render(): string {
    let out = '';
    for (const m of this.metrics.values()) {
      out += `# HELP ${m.name} ${escapeHelp(m.help)}\n# TYPE ${m.name} ${m.type}\n${m.render()}`;
    }
    return out;
  }

  private add<M extends Metric>(metric: M): M {
    if (!NAME_RE.test(metric.name)) throw new Error(`invalid metric name "${metric.name}"`);
    if (this.metrics.has(metric.name)) throw new Error(`metric "${metric.name}" is registered twice`);
    this.metrics.set(metric.name, metric);
    return metric;
  }
}
