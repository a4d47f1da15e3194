// The `privacy` option through the real SDK and exporter-prometheus: small groups and segments are exported under
// __suppressed__ until they reach minCellSize, counters never decrease, and differentially private group counters
// stay valid Prometheus counters across collections. Every expected number is worked out in the comments.
import { ATTR, BIN, METRICS, prometheusName, promLabel, type MetricSpec } from '@modelwatch/semconv';
import { ModelMonitor, ModelMonitorConfigError, type ModelMonitorOptions } from '@modelwatch/otel';
import { seededRandom } from '@modelwatch/stats';
import { parseExposition, promtoolCheck, startPrometheus, type PrometheusEndpoint } from './support/prometheus';
import { classificationProfile } from './support/profiles';

let endpoint: PrometheusEndpoint;
beforeAll(async () => {
  endpoint = await startPrometheus('privacy');
});
afterAll(() => endpoint.shutdown());

let sequence = 0;
function monitor(extra: Partial<ModelMonitorOptions> = {}): ModelMonitor {
  return new ModelMonitor({
    model: { name: `p${++sequence}`, version: '1' },
    profile: classificationProfile(),
    meterProvider: endpoint.provider,
    protectedAttributes: ['sex'],
    segments: ['region'],
    ...extra,
  });
}

const GROUP_VALUE = promLabel(ATTR.groupValue);
const SEGMENT_VALUE = promLabel(ATTR.segmentValue);
const CLASS = promLabel(ATTR.predictionClass);

/** One scrape (one collection): value per `value|class` of a metric for one model, and the promtool verdict. */
async function scrape(m: ModelMonitor, metric: MetricSpec, valueLabel: string): Promise<Record<string, number>> {
  const text = await endpoint.scrape();
  expect(promtoolCheck(text)).toEqual({ ok: true, output: '' });
  const family = parseExposition(text).get(prometheusName(metric, 'exporter-prometheus'));
  const out: Record<string, number> = {};
  for (const s of family?.samples ?? []) {
    if (s.labels[promLabel(ATTR.modelName)] !== m.model.name) continue;
    const actual = s.labels[promLabel(ATTR.actualClass)];
    out[`${s.labels[valueLabel]}|${s.labels[CLASS]}${actual === undefined ? '' : `|${actual}`}`] = s.value;
  }
  return out;
}

const predict = (m: ModelMonitor, sex: string, region: string, prediction: 'yes' | 'no'): void => {
  m.recordPrediction({ prediction, attributes: { sex, region } });
};

describe('small-cell suppression', () => {
  it('exports a group under __suppressed__ until it reaches minCellSize, keeping every counter monotone', async () => {
    const m = monitor({ privacy: { minCellSize: 3 } });
    // F: yes, no (2 predictions); M: yes ×3, no ×2 (5). Region: F's are in north, M's in south.
    predict(m, 'F', 'north', 'yes');
    predict(m, 'F', 'north', 'no');
    for (const p of ['yes', 'yes', 'yes', 'no', 'no'] as const) predict(m, 'M', 'south', p);
    // Collection 1: M (5 ≥ 3) is released with all it has (no collection exported it as suppressed); F (2 < 3) is
    // exported only inside __suppressed__: yes 1, no 1.
    const first = await scrape(m, METRICS.groupPredictions, GROUP_VALUE);
    expect(first).toEqual({ [`${BIN.suppressed}|yes`]: 1, [`${BIN.suppressed}|no`]: 1, 'M|yes': 3, 'M|no': 2 });
    // Segments follow the same rule (collection 2): south released with 5, north (2) suppressed.
    const segments = await scrape(m, METRICS.segmentPredictions, SEGMENT_VALUE);
    expect(segments).toEqual({
      [`${BIN.suppressed}|yes`]: 1,
      [`${BIN.suppressed}|no`]: 1,
      'south|yes': 3,
      'south|no': 2,
    });

    // F reaches 3 with one more yes; M gets one more yes.
    predict(m, 'F', 'north', 'yes');
    predict(m, 'M', 'south', 'yes');
    // Collection 3: F is released; the yes and no __suppressed__ exported for it stay there (1, 1), its own series
    // holds the rest (yes 2 − 1 = 1, no 0). M yes 4.
    const second = await scrape(m, METRICS.groupPredictions, GROUP_VALUE);
    expect(second).toEqual({
      [`${BIN.suppressed}|yes`]: 1,
      [`${BIN.suppressed}|no`]: 1,
      'M|yes': 4,
      'M|no': 2,
      'F|yes': 1,
      'F|no': 0,
    });
    for (const [series, v] of Object.entries(first)) expect(second[series]).toBeGreaterThanOrEqual(v);
    // The values of the attribute add up to every prediction: 6 yes, 3 no.
    const sum = (cls: string): number =>
      Object.entries(second)
        .filter(([k]) => k.endsWith(`|${cls}`))
        .reduce((n, [, v]) => n + v, 0);
    expect([sum('yes'), sum('no')]).toEqual([6, 3]);
    // The in-process snapshot stays exact.
    expect(m.snapshot().fairness.sex!.selection.groups.F!.count).toBe(3);
    m.shutdown();
  });

  it('suppresses outcomes with their group, and is off without the option', async () => {
    const m = monitor({ privacy: {} });
    // Default minCellSize 10: 9 predictions of F are not enough.
    const ids = Array.from({ length: 9 }, () => m.recordPrediction({ prediction: 'yes', attributes: { sex: 'F' } })!);
    m.recordOutcome(ids[0]!, 'no');
    const outcomes = await scrape(m, METRICS.groupOutcomes, GROUP_VALUE);
    expect(Object.keys(outcomes).some((k) => k.startsWith('F|'))).toBe(false);
    expect(outcomes[`${BIN.suppressed}|yes|no`]).toBe(1);
    // The tenth: F is released with it alone; the nine exported as suppressed stay there.
    m.recordPrediction({ prediction: 'yes', attributes: { sex: 'F' } });
    const released = await scrape(m, METRICS.groupPredictions, GROUP_VALUE);
    expect(released['F|yes']).toBe(1);
    expect(released[`${BIN.suppressed}|yes`]).toBe(9);

    const plain = monitor();
    plain.recordPrediction({ prediction: 'yes', attributes: { sex: 'F' } });
    expect(await scrape(plain, METRICS.groupPredictions, GROUP_VALUE)).toEqual({ 'F|yes': 1, 'F|no': 0 });
    m.shutdown();
    plain.shutdown();
  });
});

describe('small-cell suppression of drift per segment', () => {
  it('folds the bin counts of a small segment value into __suppressed__', async () => {
    const m = monitor({
      segments: ['channel'],
      segmentDrift: { features: ['income'], segments: ['channel'] },
      privacy: { minCellSize: 2 },
    });
    m.recordPrediction({ prediction: 'yes', features: { income: 1 }, attributes: { channel: 'web' } });
    m.recordPrediction({ prediction: 'yes', features: { income: 3 }, attributes: { channel: 'web' } });
    m.recordPrediction({ prediction: 'no', features: { income: 2 }, attributes: { channel: 'app' } });
    const text = await endpoint.scrape();
    expect(promtoolCheck(text)).toEqual({ ok: true, output: '' });
    const samples = parseExposition(text)
      .get(prometheusName(METRICS.segmentFeatureValues, 'exporter-prometheus'))!
      .samples.filter((x) => x.labels[promLabel(ATTR.modelName)] === m.model.name);
    const total = (value: string): number =>
      samples.filter((x) => x.labels[SEGMENT_VALUE] === value).reduce((n, x) => n + x.value, 0);
    // web (2 ≥ 2) has its own bins, app (1) only counts inside __suppressed__.
    // A value on a knot is shared between the bins it touches, so the totals are exact only up to rounding.
    expect(total('web')).toBeCloseTo(2, 12);
    expect(total(BIN.suppressed)).toBeCloseTo(1, 12);
    expect(samples.some((x) => x.labels[SEGMENT_VALUE] === 'app')).toBe(false);
    m.shutdown();
  });
});

describe('differentially private group counters', () => {
  it('stay monotone, non-negative integers across collections, close to the exact counts', async () => {
    const epsilon = 1;
    const m = monitor({ privacy: { minCellSize: 1, epsilon, horizon: 64, seed: 11 } });
    const random = seededRandom(5);
    const exact: Record<string, number> = {};
    let previous: Record<string, number> = {};
    let noisy = 0;
    const releases: number[] = [];
    for (let step = 0; step < 24; step++) {
      for (let i = 0; i < 20; i++) {
        const sex = random() < 0.7 ? 'M' : 'F';
        const prediction = random() < 0.4 ? 'yes' : 'no';
        predict(m, sex, 'north', prediction);
        exact[`${sex}|${prediction}`] = (exact[`${sex}|${prediction}`] ?? 0) + 1;
      }
      const now = await scrape(m, METRICS.groupPredictions, GROUP_VALUE);
      for (const [series, v] of Object.entries(now)) {
        expect(Number.isInteger(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeGreaterThanOrEqual(previous[series] ?? 0);
        if (v !== exact[series]) noisy++;
        releases.push(Math.abs(v - exact[series]!));
      }
      // Segments are not noised.
      const segments = await scrape(m, METRICS.segmentPredictions, SEGMENT_VALUE);
      expect(segments['north|yes']! + segments['north|no']!).toBe((step + 1) * 20);
      previous = now;
    }
    expect(noisy).toBeGreaterThan(0);
    // L = 7 levels, scale 7: the noisy sum's standard deviation is at most √(2·7)·7 ≈ 26.2. The released error stays
    // under 4 of them (the running maximum carries at most the largest noise so far).
    const bound = 4 * Math.sqrt(14) * 7 + 0.5;
    expect(Math.max(...releases)).toBeLessThan(bound);
    m.shutdown();
  });

  it('is reproducible with a seed', async () => {
    const run = async (): Promise<Record<string, number>> => {
      const m = monitor({ privacy: { minCellSize: 1, epsilon: 0.5, seed: 3 } });
      for (let i = 0; i < 12; i++) predict(m, i % 3 === 0 ? 'F' : 'M', 'north', i % 2 === 0 ? 'yes' : 'no');
      const out = await scrape(m, METRICS.groupPredictions, GROUP_VALUE);
      m.shutdown();
      return out;
    };
    expect(await run()).toEqual(await run());
  });
});

describe('privacy options', () => {
  it.each([
    [
      { minCellSize: 0 },
      /^ModelMonitor: option 'privacy\.minCellSize' must be a whole number of at least 1 \(got 0\): use 10/,
    ],
    [{ minCellSize: 2.5 }, /^ModelMonitor: option 'privacy\.minCellSize' must be a whole number/],
    [{ epsilon: 0 }, /^ModelMonitor: option 'privacy\.epsilon' must be a finite number above 0 \(got 0\)/],
    [{ epsilon: -1 }, /^ModelMonitor: option 'privacy\.epsilon' must be a finite number above 0/],
    [{ epsilon: Number.POSITIVE_INFINITY }, /option 'privacy\.epsilon'/],
    [{ horizon: 0 }, /^ModelMonitor: option 'privacy\.horizon' must be a whole number from 1/],
    [{ k: 10 }, /^ModelMonitor: option 'privacy\.k' is not an option: use minCellSize, epsilon, horizon or seed/],
  ])('refuses %j in one line naming the key', (privacy, message) => {
    let error: unknown;
    try {
      monitor({ privacy: privacy as ModelMonitorOptions['privacy'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelMonitorConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
