// A wide model exports more bin series than the SDK keeps per instrument by default (2,000): the monitor says
// so through diag at the first collection, and a View on the provider raises the limit, as the README shows.
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { METRICS, prometheusName } from '@modelwatch/semconv';
import { ModelMonitor } from '@modelwatch/otel';
import { parseExposition, startPrometheus, type PrometheusEndpoint } from './support/prometheus';

const FEATURES = 250; // × 10 bins = 2,500 series of modelwatch.feature.values

function wideProfile(): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  const values = Array.from({ length: 20 }, (_, i) => i + 1);
  for (let f = 0; f < FEATURES; f++) {
    columns[`f${f}`] = {
      type: 'numeric',
      role: 'feature',
      rows: 20,
      missing: 0,
      count: 20,
      min: 1,
      max: 20,
      mean: 10.5,
      std: 5.77,
      distinct: 20,
      exact: true,
      knots: { values, counts: values.map(() => 1) },
    };
  }
  return {
    profileVersion: 1,
    columns,
    target: { label: null, positive: null, score: null, prediction: null, threshold: 0.5 },
    protected: [],
  };
}

async function scrapeWide(endpoint: PrometheusEndpoint): Promise<{ series: number; overflow: boolean }> {
  const monitor = new ModelMonitor({
    model: { name: 'wide', version: '1' },
    profile: wideProfile(),
    meterProvider: endpoint.provider,
    classes: ['no', 'yes'],
    positiveClass: 'yes',
  });
  const features = Object.fromEntries(Array.from({ length: FEATURES }, (_, f) => [`f${f}`, 5]));
  monitor.recordPrediction({ features, score: 0.2 });
  const text = await endpoint.scrape();
  monitor.shutdown();
  const family = parseExposition(text).get(prometheusName(METRICS.featureValues, 'exporter-prometheus'))!;
  return {
    series: family.samples.length,
    overflow: family.samples.some((s) => s.labels.otel_metric_overflow === 'true'),
  };
}

describe('wide models and the SDK cardinality limit', () => {
  const warnings: string[] = [];
  beforeAll(() => {
    diag.setLogger(
      { error: () => {}, warn: (m: string) => warnings.push(m), info: () => {}, debug: () => {}, verbose: () => {} },
      DiagLogLevel.WARN
    );
  });
  afterAll(() => diag.disable());

  it('warns at the first collection and loses series to overflow under the default limit', async () => {
    const endpoint = await startPrometheus();
    try {
      const { series, overflow } = await scrapeWide(endpoint);
      expect(overflow).toBe(true);
      expect(series).toBeLessThan(FEATURES * 10);
      expect(warnings.some((w) => w.includes('cardinality limit') && w.includes('2500'))).toBe(true);
    } finally {
      await endpoint.shutdown();
    }
  });

  it('exports every series once a View raises the limit for the Modelwatch meter', async () => {
    const endpoint = await startPrometheus('wide', [
      { meterName: '@modelwatch/otel', aggregationCardinalityLimit: 20_000 },
    ]);
    try {
      expect(await scrapeWide(endpoint)).toEqual({ series: FEATURES * 10, overflow: false });
    } finally {
      await endpoint.shutdown();
    }
  });
});
