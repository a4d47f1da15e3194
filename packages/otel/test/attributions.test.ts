// Attributions recorded with predictions: explanation drift and global importance, exported through a real SDK and
// exporter-prometheus, merged across two replicas by adding sums and counts before the nDCG is taken.
import { ATTR, METRICS, prometheusName, promLabel } from '@modelwatch/semconv';
import { attributionDrift, attributionProfile, importanceNdcg, type AttributionProfile } from '@modelwatch/stats';
import { ModelMonitor, type PredictionRecord } from '@modelwatch/otel';
import {
  parseExposition,
  promtoolCheck,
  sampleValue,
  startPrometheus,
  type PrometheusEndpoint,
} from './support/prometheus';
import { classificationProfile } from './support/profiles';

const MODEL = { name: 'credit', version: '2.0.0' };

/** xorshift32: the same stream on every run. */
function generator(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const FEATURES = ['income', 'region', 'tenure'] as const;
/** Reference attributions: income matters most, tenure least. */
function referenceAttributions(): Record<string, AttributionProfile> {
  const random = generator(11);
  const scale = { income: 1, region: 0.5, tenure: 0.1 };
  const out: Record<string, AttributionProfile> = {};
  for (const f of FEATURES)
    out[f] = attributionProfile(
      Array.from({ length: 500 }, () => (random() - 0.5) * 2 * scale[f]),
      4096
    )!;
  return out;
}

const profile = { ...classificationProfile(), attributions: referenceAttributions() };
/** Live attributions: tenure now drives decisions, income barely does. */
const LIVE = { income: 0.05, region: 0.5, tenure: 1.2 };

function records(seed: number, n: number): PredictionRecord[] {
  const random = generator(seed);
  return Array.from({ length: n }, () => ({
    features: { income: 1 + random() * 2, region: 'north', afam: 'no' },
    score: random(),
    attributions: {
      income: (random() - 0.5) * 2 * LIVE.income,
      region: (random() - 0.5) * 2 * LIVE.region,
      tenure: (random() - 0.5) * 2 * LIVE.tenure,
    },
  }));
}

const name = (key: keyof typeof METRICS): string => prometheusName(METRICS[key], 'exporter-prometheus');
const model = { [promLabel(ATTR.modelName)]: MODEL.name, [promLabel(ATTR.modelVersion)]: MODEL.version };

describe('attributions in recordPrediction', () => {
  const endpoints: PrometheusEndpoint[] = [];
  afterAll(async () => {
    for (const e of endpoints) await e.shutdown();
  });

  it('exports sums and counts that merge across replicas by addition; nDCG after the merge is the one-process nDCG', async () => {
    const stream = records(5, 1200);
    const halves = [stream.slice(0, 700), stream.slice(700)];
    const replicas = await Promise.all(halves.map(() => startPrometheus()));
    endpoints.push(...replicas);
    const monitors = replicas.map(
      (e) => new ModelMonitor({ model: MODEL, profile, meterProvider: e.provider, bins: 5 })
    );
    halves.forEach((h, i) => h.forEach((r) => monitors[i]!.recordPrediction(r)));
    const whole = new ModelMonitor({ model: { ...MODEL, version: 'whole' }, profile, bins: 5 });
    stream.forEach((r) => whole.recordPrediction(r));

    const merged: Record<string, { sum: number; count: number }> = {};
    for (const e of replicas) {
      const text = await e.scrape();
      const check = promtoolCheck(text);
      expect(check.output).toBe('');
      const families = parseExposition(text);
      for (const f of FEATURES) {
        const where = { ...model, [promLabel(ATTR.feature)]: f };
        merged[f] ??= { sum: 0, count: 0 };
        merged[f].sum += sampleValue(families, name('attributionAbsoluteSum'), where);
        merged[f].count += sampleValue(families, name('attributionCount'), where);
        expect(sampleValue(families, name('attributionReferenceImportance'), where)).toBe(
          profile.attributions[f]!.importance
        );
      }
    }
    const snap = whole.snapshot().attributions!;
    const exact = (f: string): number => stream.reduce((s, r) => s + Math.abs(r.attributions![f]!), 0) / stream.length;
    for (const f of FEATURES) {
      expect(merged[f]!.count).toBe(stream.length);
      expect(merged[f]!.sum / merged[f]!.count).toBeCloseTo(exact(f), 12);
      expect(snap.features[f]!.importance).toBeCloseTo(exact(f), 12);
    }
    const reference = FEATURES.map((f) => profile.attributions[f]!.importance);
    const afterMerge = importanceNdcg(
      reference,
      FEATURES.map((f) => merged[f]!.sum / merged[f]!.count)
    )!;
    expect(snap.ndcg).toBeCloseTo(afterMerge, 12);
    // The ranking turned over (tenure first, income last): well below the 0.9 level.
    expect(afterMerge).toBeLessThan(0.9);
    monitors.forEach((m) => m.shutdown());
    whole.shutdown();
  });

  it('bins attributions against the reference exactly as the check does (PSI and Jensen-Shannon)', () => {
    const m = new ModelMonitor({ model: { ...MODEL, version: 'bins' }, profile, bins: 10 });
    const stream = records(9, 400);
    stream.forEach((r) => m.recordPrediction(r));
    const snap = m.snapshot().attributions!;
    for (const f of FEATURES) {
      const d = attributionDrift(
        profile.attributions[f]!,
        stream.map((r) => r.attributions![f]!),
        { bins: 10 }
      )!;
      expect(snap.features[f]!.psi).toBeCloseTo(d.psi, 9);
      expect(snap.features[f]!.jensenShannon).toBeCloseTo(d.jensenShannon, 9);
    }
    expect(snap.features.tenure!.psi).toBeGreaterThan(1);
    m.shutdown();
  });

  it('counts and drops bad values and unknown features without throwing; the prediction still counts', async () => {
    const e = await startPrometheus();
    endpoints.push(e);
    const m = new ModelMonitor({ model: { ...MODEL, version: 'bad' }, profile, meterProvider: e.provider });
    const hostile = {
      get income(): number {
        throw new Error('getter');
      },
    };
    const inputs: unknown[] = [
      { income: Number.NaN, region: 'high', tenure: Number.POSITIVE_INFINITY, colour: 0.2, shoeSize: 1 },
      { income: 1e308, region: 0.2 },
      { income: 1e308 },
      hostile,
      [0.1, 0.2],
      'not an object',
    ];
    for (const attributions of inputs)
      expect(() =>
        m.recordPrediction({ score: 0.3, attributions: attributions as PredictionRecord['attributions'] })
      ).not.toThrow();
    const snap = m.snapshot();
    expect(snap.predictions).toBe(inputs.length);
    const a = snap.attributions!;
    expect(a.features.income!.issues.invalid_type).toBe(2); // NaN, then the 1e308 that would overflow the sum
    expect(a.features.income!.count).toBe(1);
    expect(a.features.region!.issues.invalid_type).toBe(1);
    expect(a.features.region!.count).toBe(1);
    expect(a.features.tenure!.issues.invalid_type).toBe(1);
    expect(a.unknown).toBe(2);
    expect(snap.internalErrors.record).toBeGreaterThanOrEqual(3); // the getter, the array, the string
    const families = parseExposition(await e.scrape());
    const issues = name('attributionIssues');
    expect(
      sampleValue(families, issues, {
        [promLabel(ATTR.feature)]: '__other__',
        [promLabel(ATTR.issue)]: 'unknown_feature',
      })
    ).toBe(2);
    expect(
      sampleValue(families, issues, { [promLabel(ATTR.feature)]: 'income', [promLabel(ATTR.issue)]: 'invalid_type' })
    ).toBe(2);
    m.shutdown();
  });

  it('fails fast, in one line naming the profile, on bad reference attributions', () => {
    const bad = { ...profile, attributions: { income: { ...profile.attributions.income, importance: -1 } } };
    expect(() => new ModelMonitor({ model: { ...MODEL, version: 'bad-profile' }, profile: bad })).toThrow(
      /option 'profile' .*attributions\.income\.importance/
    );
  });

  it('exports nothing for attributions and reports none when the profile has no attributions', () => {
    const m = new ModelMonitor({ model: { ...MODEL, version: 'plain' }, profile: classificationProfile() });
    expect(m.recordPrediction({ score: 0.3, attributions: { income: 0.1 } })).toBeDefined();
    expect(m.snapshot().attributions).toBeNull();
    m.shutdown();
  });
});
