// shutdown(): what stops, what the SDK keeps, and that a shut-down monitor never comes back on a provider the
// application registers later.
import { metrics } from '@opentelemetry/api';
import { ATTR, METRICS, SELF_ERRORS, prometheusName, promLabel, type MetricSpec } from '@modelwatch/semconv';
import { ModelMonitor, type MonitorEvent } from '@modelwatch/otel';
import {
  parseExposition,
  promtoolCheck,
  select,
  startPrometheus,
  type Family,
  type PrometheusEndpoint,
} from './support/prometheus';
import { classificationProfile } from './support/profiles';

const promName = (spec: MetricSpec): string => prometheusName(spec, 'exporter-prometheus');
const record = { features: { income: 2, region: 'north' }, attributes: { afam: 'no' }, score: 0.8 };

/** Every Modelwatch sample of one model, as `name{labels} value` lines, sorted. */
function samplesOf(families: Map<string, Family>, model: string): string[] {
  const lines: string[] = [];
  for (const [name, family] of families) {
    if (!name.startsWith('modelwatch_')) continue;
    for (const s of family.samples) {
      if (s.labels[promLabel(ATTR.modelName)] === model)
        lines.push(`${s.name}${JSON.stringify(Object.entries(s.labels).sort())} ${s.value}`);
    }
  }
  return lines.sort();
}

/** Exercises every recording method, so a re-bound monitor would show up in any family. */
function useEverything(m: ModelMonitor): void {
  const id = m.recordPrediction({ ...record, durationSeconds: 0.01 });
  if (id !== undefined) m.recordOutcome(id, 'yes');
  m.recordOutcome({ score: 0.3, actual: 'no', attributes: { afam: 'yes' } });
  m.recordError('timeout');
}

describe('ModelMonitor.shutdown()', () => {
  it('is idempotent and stops every update; the SDK keeps the last points (opentelemetry-js#4096)', async () => {
    const endpoint = await startPrometheus();
    const model = 'retiring';
    const m = new ModelMonitor({
      model: { name: model, version: '1' },
      profile: classificationProfile(),
      meterProvider: endpoint.provider,
    });
    const other = new ModelMonitor({
      model: { name: 'staying', version: '1' },
      profile: classificationProfile(),
      meterProvider: endpoint.provider,
    });
    try {
      for (let i = 0; i < 3; i++) useEverything(m);
      useEverything(other);
      const before = samplesOf(parseExposition(await endpoint.scrape()), model);
      expect(before.length).toBeGreaterThan(50);

      m.shutdown();
      expect(() => m.shutdown()).not.toThrow();
      for (let i = 0; i < 5; i++) useEverything(m);
      await m.time(() => 1);
      useEverything(other);

      const text = await endpoint.scrape();
      expect(promtoolCheck(text)).toEqual({ ok: true, output: '' });
      const after = parseExposition(text);
      // Pinned SDK behaviour: sdk-metrics (2.x) keeps exporting the last cumulative point of every attribute set
      // it has seen, for observable instruments whose callback was removed (open-telemetry/opentelemetry-js#4096)
      // and for synchronous ones (the API has no way to delete a series). The series stay, frozen. When this
      // fails because they are gone, the SDK has fixed it: update "Lifecycle" in the README.
      expect(samplesOf(after, model)).toEqual(before);
      // The other monitor on the provider still exports.
      const predictions = (f: Map<string, Family>): number =>
        select(f, promName(METRICS.predictions), { [promLabel(ATTR.modelName)]: 'staying' }).reduce(
          (n, s) => n + s.value,
          0
        );
      expect(predictions(after)).toBe(2);
      // Recording after shutdown is not an error: the counts still feed snapshot().
      expect(m.snapshot().predictions).toBe(8);
      expect(m.snapshot().internalErrors).toEqual(Object.fromEntries(SELF_ERRORS.map((kind) => [kind, 0])));
    } finally {
      m.shutdown();
      other.shutdown();
      await endpoint.shutdown();
    }
  });
});

describe('a shut-down monitor and a new global MeterProvider', () => {
  const endpoints: PrometheusEndpoint[] = [];
  beforeEach(() => metrics.disable());
  afterAll(async () => {
    metrics.disable();
    await Promise.all(endpoints.map((e) => e.shutdown()));
  });
  async function registered(): Promise<PrometheusEndpoint> {
    const endpoint = await startPrometheus();
    endpoints.push(endpoint);
    expect(metrics.setGlobalMeterProvider(endpoint.provider)).toBe(true);
    return endpoint;
  }
  const modelwatchFamilies = async (e: PrometheusEndpoint): Promise<string[]> =>
    [...parseExposition(await e.scrape()).keys()].filter((n) => n.startsWith('modelwatch_'));

  it('never binds to a provider registered after shutdown', async () => {
    const events: MonitorEvent[] = [];
    const m = new ModelMonitor({
      model: { name: 'gone', version: '1' },
      profile: classificationProfile(),
      onEvent: (e) => events.push(e),
    });
    const first = await registered();
    useEverything(m);
    expect(await modelwatchFamilies(first)).not.toEqual([]);
    expect(events).toEqual([{ type: 'rebound', model: { name: 'gone', version: '1' } }]);

    m.shutdown();
    metrics.disable();
    const second = await registered();
    for (let i = 0; i < 3; i++) useEverything(m);
    const wrapped = m.instrument(
      (x: number) => x * 2,
      (result) => ({ ...record, score: result / 10 })
    );
    await wrapped(4);
    expect(await modelwatchFamilies(second)).toEqual([]);
    expect(events).toHaveLength(1);
    expect(m.snapshot().internalErrors).toEqual(Object.fromEntries(SELF_ERRORS.map((kind) => [kind, 0])));
  });

  it('a monitor shut down before any provider was registered stays silent too', async () => {
    const m = new ModelMonitor({ model: { name: 'never-bound', version: '1' }, profile: classificationProfile() });
    m.shutdown();
    const endpoint = await registered();
    useEverything(m);
    expect(await modelwatchFamilies(endpoint)).toEqual([]);
  });
});
