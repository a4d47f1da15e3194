// The series budget is only as good as each monitor's bound of the series it can create per instrument: fed until
// every cap is full, a monitor's scrape must reach each bound (so none is loose) and never exceed it.
import { METRICS, prometheusName, promLabel, ATTR, type MetricKey } from '@modelwatch/semconv';
import { ModelMonitor, type ModelMonitorOptions } from '@modelwatch/otel';
import { resolveOptions } from '../src/config/resolve-options';
import { ModelCounts } from '../src/counts';
import { seriesDemand } from '../src/export/series-demand';
import { parseExposition, promtoolCheck, startPrometheus, type Family } from './support/prometheus';
import { classificationProfile } from './support/profiles';

const CAP = 5;

/** Attribute sets per instrument of one model in a scrape (a histogram counts once per attribute set). */
function seriesPerMetric(families: Map<string, Family>, model: string): Record<MetricKey, number> {
  const out = {} as Record<MetricKey, number>;
  for (const key of Object.keys(METRICS) as MetricKey[]) {
    const spec = METRICS[key];
    const name = prometheusName(spec, 'exporter-prometheus');
    const samples = (families.get(name)?.samples ?? []).filter(
      (s) => s.labels[promLabel(ATTR.modelName)] === model && (spec.kind !== 'histogram' || s.name === `${name}_count`)
    );
    out[key] = samples.length;
  }
  return out;
}

/** Every slot of a capped attribute: CAP distinct values, one more (__other__) and a missing one (__missing__). */
const slotValues = (prefix: string): (string | undefined)[] => [
  ...Array.from({ length: CAP + 1 }, (_, i) => `${prefix}${i}`),
  undefined,
];

function saturate(m: ModelMonitor, task: 'classification' | 'regression'): void {
  const classes = ['yes', 'no', 'maybe']; // 'maybe' is outside the profile: the __other__ class
  for (let i = 0; i < 2 * CAP; i++) m.recordPrediction({ features: { [`unknown_${i}`]: 1 }, score: 0.5 });
  for (const type of [...slotValues('error_'), '']) m.recordError(type ?? '');
  // Two protected attributes and their intersection: its CAP kept values, __other__ and __missing__ fill too.
  for (const afam of slotValues('g')) {
    for (const [channel, sex] of slotValues('c').map((c, i) => [c, slotValues('s')[(i + 1) % (CAP + 2)]] as const)) {
      const attributes = { afam, channel, sex };
      if (task === 'regression') {
        const id = m.recordPrediction({ prediction: 3, attributes, durationSeconds: 0.1 });
        m.recordOutcome(id!, 2.5);
        continue;
      }
      // Each intersectional cell is reached by one combination only; the zero TTL below expires an outcome whenever
      // the coarse clock ticks between prediction and outcome, so every cell is fed three times.
      for (let repeat = 0; repeat < 3; repeat++) {
        for (const prediction of classes) {
          for (const actual of classes) {
            const id = m.recordPrediction({ prediction, score: 0.7, attributes, durationSeconds: 0.1 });
            m.recordOutcome(id!, actual);
          }
        }
      }
    }
  }
  m.recordOutcome('no-such-id', 'yes'); // an unmatched join
}

describe.each(['classification', 'regression'] as const)('series demand of a %s monitor', (task) => {
  it('is reached by every instrument once every cap is full, and never exceeded', async () => {
    const endpoint = await startPrometheus('demand', [
      { meterName: '@modelwatch/otel', aggregationCardinalityLimit: 100_000 },
    ]);
    const options: ModelMonitorOptions = {
      model: { name: `demand-${task}`, version: '1' },
      profile: classificationProfile(),
      meterProvider: endpoint.provider,
      task,
      segments: ['channel'],
      // Records without features count region as __missing__ in every channel slot, so each slot is exported.
      segmentDrift: { features: ['region'], segments: ['channel'] },
      protectedAttributes: ['afam', 'sex'],
      intersections: [['afam', 'sex']],
      // Scoring counts per group and intersection (classifiers only).
      ...(task === 'classification' ? { scoringRate: true } : {}),
      attributeValueCap: CAP,
      // Evictions and expiries are the store's own; a tiny store with a zero TTL makes both happen.
      outcomes: { maxPending: 2, ttlSeconds: 1e-9 },
    };
    const m = new ModelMonitor(options);
    try {
      saturate(m, task);
      const resolved = resolveOptions(options);
      const demand = seriesDemand(new ModelCounts(resolved), resolved);
      const text = await endpoint.scrape();
      expect(promtoolCheck(text)).toEqual({ ok: true, output: '' });
      const actual = seriesPerMetric(parseExposition(text), options.model.name);
      // The reference shares of the predicted classes leave out the __other__ class (it has no reference).
      const loose: Partial<Record<MetricKey, number>> =
        task === 'classification' ? { predictionReferenceShare: 1 } : {};
      const expected = Object.fromEntries(
        (Object.keys(demand) as MetricKey[]).map((k) => [k, demand[k] - (loose[k] ?? 0)])
      );
      expect(actual).toEqual(expected);
    } finally {
      m.shutdown();
      await endpoint.shutdown();
    }
  });
});
