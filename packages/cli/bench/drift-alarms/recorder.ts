// Traffic recorded through the real ModelMonitor on a real OpenTelemetry SDK MeterProvider, read the way
// Prometheus reads it: exporter-prometheus collects and serializes the cumulative counters, and each collection
// becomes one sample of every series at the end of a window (compressed time: one collection per window).
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { ModelMonitor } from '@modelwatch/otel';
import type { TrafficSource } from './traffic.js';

/** One exposed sample: its series (`name{labels}` as exposed) and value. */
export type Exposition = Map<string, number>;

/** Series per window end, in order; a series absent from a collection has no sample there. */
export class SeriesHistory {
  readonly collections: Exposition[] = [];

  add(exposition: Exposition): void {
    this.collections.push(exposition);
  }

  /** Every series seen, with its values per collection (undefined where it was not exposed). */
  series(): Map<string, (number | undefined)[]> {
    const out = new Map<string, (number | undefined)[]>();
    this.collections.forEach((c, i) => {
      for (const [key, value] of c) {
        let values = out.get(key);
        if (!values) out.set(key, (values = new Array<number | undefined>(this.collections.length).fill(undefined)));
        values[i] = value;
      }
    });
    return out;
  }
}

/** Samples of a text exposition (comments and blank lines skipped). */
function parseExposition(text: string): Exposition {
  const out: Exposition = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    out.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return out;
}

/** A model whose every window holds `samples` rows of a traffic source. */
export class SimulatedModel {
  private readonly exporter = new PrometheusExporter({ preventServerStart: true });
  private readonly provider = new MeterProvider({ readers: [this.exporter] });
  private readonly monitor: ModelMonitor;
  private readonly serializer = new PrometheusSerializer();

  constructor(
    readonly name: string,
    readonly samples: number,
    private readonly traffic: TrafficSource
  ) {
    this.monitor = new ModelMonitor({
      model: { name, version: '1' },
      profile: traffic.profile,
      meterProvider: this.provider,
      protectedAttributes: traffic.protectedAttributes,
      // A profile without a label column (synthetic features only) still needs classes to construct a monitor.
      ...(traffic.profile.target.label === null ? { classes: ['no', 'yes'], positiveClass: 'yes' } : {}),
    });
  }

  /** Records one window's rows. */
  recordWindow(random: () => number): void {
    for (let i = 0; i < this.samples; i++) {
      const row = this.traffic.row(random);
      this.monitor.recordPrediction({ features: row.features, attributes: row.attributes });
    }
  }

  /** What a scrape would read now, restricted to series whose name passes `keep`. */
  async scrape(keep: (name: string) => boolean): Promise<Exposition> {
    const { resourceMetrics, errors } = await this.exporter.collect();
    if (errors.length > 0) throw new Error(`collection failed: ${String(errors[0])}`);
    const all = parseExposition(this.serializer.serialize(resourceMetrics));
    for (const key of all.keys()) {
      const brace = key.indexOf('{');
      if (!keep(brace < 0 ? key : key.slice(0, brace))) all.delete(key);
    }
    return all;
  }

  async shutdown(): Promise<void> {
    this.monitor.shutdown();
    await this.provider.shutdown();
  }
}
