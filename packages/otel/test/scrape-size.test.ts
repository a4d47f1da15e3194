// The scrape-size bound of the README ("Guarantees"): with every option at its largest and every slot in use,
// with label values of the longest length made of the characters escaping doubles, one /metrics scrape through
// the real exporter-prometheus exports exactly the README's number of series and stays under its byte bound.
import { ISSUES, JOIN_RESULTS, SELF_ERRORS } from '@modelwatch/semconv';
import { ModelMonitor } from '@modelwatch/otel';
import { LIMITS, seriesBound } from '../src/config/limits';
import { startPrometheus, type PrometheusEndpoint } from './support/prometheus';
import { classificationProfile } from './support/profiles';

/**
 * The README's series bound S, written out from its text (not from the code): for a classifier with K classes
 * (C = K + 1 with __other__), A protected attributes and segments, value cap V, D detectors and H histogram
 * boundaries, over tracked profile columns with b_c bins each.
 */
function readmeSeries(p: { K: number; A: number; V: number; D: number; H: number; bins: number[] }): number {
  const C = p.K + 1;
  const features = p.bins.reduce((n, b) => n + 2 * b, 0) + (1 + ISSUES.length) * p.bins.length + (p.V + 1);
  // Error types, joins, pending outcomes, the Meter's cardinality, detectors, internal-error kinds, histogram lines.
  const service = p.V + 2 + JOIN_RESULTS.length + 1 + 1 + 3 * p.D + SELF_ERRORS.length + (p.H + 3);
  const classification = C + (C - 1) + C * C + 4 + p.A * (p.V + 2) * (C + C * C);
  return features + service + classification;
}

/** The README's byte bound: S lines of at most 512 + 12·M bytes, plus 32 KiB of family headers. */
const readmeBytes = (series: number, maxBytes: number): number => series * (512 + 12 * maxBytes) + 32 * 1024;

/** A label value of exactly `bytes` bytes, distinct by `i`, made of quotes: each is written as two bytes. */
const longValue = (i: number | string, bytes: number): string => `${i}`.padEnd(bytes, '"');

let endpoint: PrometheusEndpoint;
beforeAll(async () => {
  // The SDK's default of 2,000 series per instrument would fold most of them into otel.metric.overflow.
  endpoint = await startPrometheus('scrape-size', [
    { meterName: '@modelwatch/otel', aggregationCardinalityLimit: 100_000 },
  ]);
});
afterAll(() => endpoint.shutdown());

it('every option at its largest: the scrape has the README number of series and fewer bytes than its bound', async () => {
  const M = LIMITS.labelValueMaxBytes.max;
  const V = LIMITS.attributeValueCap.max;
  const B = LIMITS.bins.max;
  const H = LIMITS.durationBuckets;
  const detectors = ['ddm', 'eddm', 'adwin', 'kswin', 'page-hinkley'] as const;
  const [yes, no] = [longValue('yes', M), longValue('no', M)];
  const attribute = longValue('attribute', M);
  // With V at its largest, one attribute is what the series budget leaves room for.
  const shape = { K: 2, A: 1, V, D: detectors.length, H, bins: [B, 2 + 2, 2 + 2, B] }; // income, region, afam, score
  const S = readmeSeries(shape);
  expect(S).toBeLessThanOrEqual(LIMITS.series);
  // The budget the constructor enforces is the same number.
  const code = { task: 'classification' as const, classes: shape.K, columnBins: shape.bins, attributes: shape.A };
  expect(seriesBound({ ...code, attributeValueCap: V, durationBuckets: H, detectors: shape.D })).toBe(S);
  expect(readmeSeries({ ...shape, A: 2 })).toBeGreaterThan(LIMITS.series);

  const m = new ModelMonitor({
    model: { name: longValue('model', M), version: longValue('version', M) },
    profile: classificationProfile(),
    meterProvider: endpoint.provider,
    classes: [no, yes],
    positiveClass: yes,
    protectedAttributes: [attribute],
    labelValueMaxBytes: M,
    attributeValueCap: V,
    bins: B,
    durationBuckets: Array.from({ length: H }, (_, i) => i + 1),
    detectors: [...detectors],
  });
  try {
    const classes = [yes, no, 'not a class'];
    // Unknown names are looked for on every one of the first records: V + 1 of them in one record.
    const unknown = Object.fromEntries(Array.from({ length: V + 1 }, (_, i) => [longValue(`unknown ${i}`, M), 1]));
    m.recordPrediction({ features: { income: 2, region: 'north', ...unknown }, prediction: yes });
    // V + 1 values fill the kept slots and __other__; undefined fills __missing__: every class and every cell
    // in each. V + 2 error types of the longest length fill the error slots.
    for (let i = 0; i <= V + 1; i++) {
      const attributes = { [attribute]: i <= V ? longValue(i, M) : undefined };
      for (const prediction of classes) {
        m.recordPrediction({
          features: { income: 2, region: 'north' },
          prediction,
          durationSeconds: 0.5,
          attributes,
        });
        for (const actual of classes) m.recordOutcome({ prediction, actual, attributes });
      }
      m.recordError(longValue(`error ${i}`, M));
    }
    m.recordError(''); // __missing__
    const text = await endpoint.scrape();
    const samples = text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('target_info'));
    expect(samples.some((line) => line.includes('otel_metric_overflow'))).toBe(false);
    expect(samples).toHaveLength(S);
    const bytes = Buffer.byteLength(text, 'utf8');
    const bound = readmeBytes(S, M);
    expect(bytes).toBeLessThanOrEqual(bound);
    // The bound is not loose: the worst case fills well over half of it (about 72% here).
    expect(bytes).toBeGreaterThan(bound * 0.6);
  } finally {
    m.shutdown();
  }
}, 120_000);
