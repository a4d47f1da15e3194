// Real exposition: a MeterProvider with exporter-prometheus on 127.0.0.1, scraped over HTTP after a short,
// hand-worked sequence of predictions, outcomes and errors. Every expected number below is derived in the
// comments from the profiles in support/profiles.ts, not read off a previous run.
import {
  ATTR,
  BIN,
  ISSUES,
  JOIN_RESULTS,
  METRICS,
  SELF_ERRORS,
  prometheusName,
  promLabel,
  type AttributeKey,
  type MetricSpec,
} from '@modelwatch/semconv';
import { ModelMonitor } from '@modelwatch/otel';
import {
  SCOPE_LABELS,
  parseExposition,
  promtoolCheck,
  sampleValue,
  select,
  startPrometheus,
  type Family,
  type PrometheusEndpoint,
} from './support/prometheus';
import { classificationProfile, regressionProfile } from './support/profiles';

const MODEL = { name: 'credit', version: '1.4.0' };
const BINS = 4;
const BUCKETS = [0.01, 0.1, 1];
const TTL_SECONDS = 60;

const REGRESSION_ONLY = new Set<MetricSpec>([
  METRICS.regressionOutcomes,
  METRICS.regressionAbsoluteError,
  METRICS.regressionSquaredError,
  METRICS.regressionOverPrediction,
  METRICS.regressionUnderPrediction,
  METRICS.regressionAbsolutePercentageError,
]);
const CLASSIFICATION_ONLY = new Set<MetricSpec>([
  METRICS.predictionReferenceShare,
  METRICS.outcomes,
  METRICS.segmentOutcomes,
  METRICS.groupOutcomes,
  METRICS.estimatedOutcomes,
]);

/** Hand-written reference attributions of income: -0.5, 0.5 and 1 once each (importance 2/3). */
const ATTRIBUTIONS = {
  income: {
    type: 'numeric',
    role: 'feature',
    rows: 3,
    missing: 0,
    count: 3,
    min: -0.5,
    max: 1,
    mean: 1 / 3,
    std: Math.sqrt(((-0.5 - 1 / 3) ** 2 + (0.5 - 1 / 3) ** 2 + (1 - 1 / 3) ** 2) / 3),
    distinct: 3,
    exact: true,
    knots: { values: [-0.5, 0.5, 1], counts: [1, 1, 1] },
    importance: 2 / 3,
  },
};

/**
 * Hand-written chunk statistics (as `modelwatch profile --chunks 2 --bins 4` records them). Levels are mean + 3
 * population standard deviations, upper side: income psi .1, .3 → .2 + 3·.1 = .5; jensen_shannon .2, .2 → .2;
 * ks .1, .2 → .15 + 3·.05 = .3; region psi 0, .4 → .2 + 3·.2 = .8; region jensen_shannon has one value (a chunk
 * without values is null) and afam no statistics: neither exports a level.
 */
const CHUNKS = {
  by: 'count',
  rows: [6, 6],
  bins: BINS,
  columns: {
    income: { rules: { psi: [0.1, 0.3], jensenShannon: [0.2, 0.2], ks: [0.1, 0.2] }, check: {} },
    region: { rules: { psi: [0, 0.4], jensenShannon: [null, 0.1] }, check: {} },
  },
};

const promName = (spec: MetricSpec): string => prometheusName(spec, 'exporter-prometheus');

/** Attribute keys to Prometheus labels, plus this model's labels. */
function labels(
  model: { name: string; version: string },
  attributes: Partial<Record<AttributeKey, string>>
): Record<string, string> {
  const out: Record<string, string> = {
    [promLabel(ATTR.modelName)]: model.name,
    [promLabel(ATTR.modelVersion)]: model.version,
  };
  for (const [k, v] of Object.entries(attributes)) out[promLabel(k as AttributeKey)] = v!;
  return out;
}

function expectClose(actual: number, expected: number, what: string): void {
  const scale = Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= 1e-12 * scale))
    throw new Error(`${what}: scraped ${actual}, expected ${expected}`);
}

/** Label names every sample of a family must carry, exactly. */
function expectLabelNames(family: Family, spec: MetricSpec): void {
  const base = [
    promLabel(ATTR.modelName),
    promLabel(ATTR.modelVersion),
    ...spec.attributes.map(promLabel),
    ...SCOPE_LABELS,
  ];
  expect(family.samples.length).toBeGreaterThan(0);
  for (const s of family.samples) {
    const expected = s.name.endsWith('_bucket') ? [...base, 'le'] : base;
    expect({ sample: s.name, labels: Object.keys(s.labels).sort() }).toEqual({
      sample: s.name,
      labels: [...expected].sort(),
    });
    expect(s.labels.otel_scope_name).toBe('@modelwatch/otel');
  }
}

const PROMETHEUS_TYPE = { counter: 'counter', gauge: 'gauge', histogram: 'histogram' } as const;

describe('classification monitor: the scrape of exporter-prometheus', () => {
  let endpoint: PrometheusEndpoint;
  let monitor: ModelMonitor;
  let text: string;
  let families: Map<string, Family>;
  const returned: Record<string, unknown> = {};

  const value = (spec: MetricSpec, attributes: Partial<Record<AttributeKey, string>>, suffix = ''): number =>
    sampleValue(families, promName(spec), labels(MODEL, attributes), promName(spec) + suffix);

  beforeAll(async () => {
    endpoint = await startPrometheus();
    monitor = new ModelMonitor({
      model: MODEL,
      profile: { ...classificationProfile(), chunks: CHUNKS, attributions: ATTRIBUTIONS },
      meterProvider: endpoint.provider,
      segments: ['channel'],
      segmentDrift: { features: ['region'], segments: ['channel'] },
      // Every classification metric is exposed, the scoring counts too.
      scoringRate: true,
      bins: BINS,
      durationBuckets: BUCKETS,
      outcomes: { maxPending: 4, ttlSeconds: TTL_SECONDS },
    });
    // Only Date is faked: the pending store's TTL reads Date.now(), while the exporter's HTTP server and the
    // SDK keep their real timers and clock.
    jest.useFakeTimers({
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
      now: Date.now(),
    });
    try {
      // A: income 2 is tied with 3 of the 5 reference values (ranks 1..4 → [4, 16] on the ×4 scale): it splits
      // 1/12, 5/12, 5/12, 1/12 over the bins [0,5], [5,10], [10,15], [15,20]. Score 0.7 has 3 reference scores
      // below it → bin 3, predicted yes; CBPE adds 0.7 to (yes, yes) and 1 − 0.7 to (yes, no).
      returned.px = monitor.recordPrediction({
        id: 'px',
        features: { income: 2, region: 'north' },
        score: 0.7,
        durationSeconds: 0.005,
        attributes: { afam: 'yes', channel: 'web' },
      });
      jest.setSystemTime(Date.now() + (TTL_SECONDS + 1) * 1000);
      // B: px is past its TTL: expired, not matched.
      returned.B = monitor.recordOutcome('px', 'yes');
      // C: income 1.5 (1 reference value below → rank 4 → bin 0); score 0.2 (1 below → bin 1), predicted no;
      // CBPE (no, yes) += 0.2, (no, no) += 0.8.
      returned.p0 = monitor.recordPrediction({
        id: 'p0',
        features: { income: 1.5, region: 'south' },
        score: 0.2,
        durationSeconds: 0.05,
        attributes: { afam: 'no', channel: 'web' },
      });
      // D: income 3 is the reference maximum (ranks 4..5 → [16, 20]): all in bin 3. 'east' is not kept by the
      // profile but the reference had other values: __other__, not an unseen category. zip is an unknown feature.
      returned.p1 = monitor.recordPrediction({
        id: 'p1',
        features: { income: 3, region: 'east', zip: '12345' },
        prediction: 'yes',
        durationSeconds: 0.5,
        attributes: { afam: 'no', channel: 'app' },
      });
      // E: income 10 is above the reference (bin 3 and out_of_range); region null is __missing__ and a missing
      // issue; channel is absent, so the segment value is __missing__.
      returned.p2 = monitor.recordPrediction({
        id: 'p2',
        features: { income: 10, region: null },
        prediction: 'no',
        durationSeconds: 2,
        attributes: { afam: 'no' },
      });
      // F: income 'abc' is an invalid type; afam 'maybe' is unseen (the reference had no other values) and a
      // new group. Score 0.9 is tied with the top reference score (ranks 3..4 → [12, 16]): bin 3, predicted yes;
      // CBPE (yes, yes) += 0.9, (yes, no) += 1 − 0.9.
      returned.p3 = monitor.recordPrediction({
        id: 'p3',
        features: { income: 'abc' as unknown as number, region: 'south' },
        score: 0.9,
        durationSeconds: 0.005,
        attributes: { afam: 'maybe', channel: 'web' },
      });
      // G: the store holds p0..p3 (4 = maxPending): p4 evicts p0. Income 2 splits as in A. Score 0.4 is tied
      // with the third reference score (ranks 2..3 → [8, 12]): bin 2, predicted no; CBPE (no, yes) += 0.4,
      // (no, no) += 0.6.
      returned.p4 = monitor.recordPrediction({
        id: 'p4',
        features: { income: 2, region: 'north' },
        score: 0.4,
        durationSeconds: 0.05,
        attributes: { afam: 'yes', channel: 'app' },
      });
      returned.H = monitor.recordOutcome('p0', 'no'); // evicted: unmatched
      returned.I = monitor.recordOutcome('p1', 'no'); // (yes, no), group no, segment app
      returned.J = monitor.recordOutcome('p2', 'yes'); // (no, yes), group no, segment __missing__
      returned.K = monitor.recordOutcome('p3', 'yes'); // (yes, yes), group maybe, segment web
      returned.L = monitor.recordOutcome({
        prediction: 'no',
        actual: 'no',
        attributes: { afam: 'yes', channel: 'web' },
      }); // (no, no), stateless
      returned.M = monitor.recordOutcome('ghost', 'yes'); // unmatched
      monitor.recordError('timeout');
      monitor.recordError('timeout');
      monitor.recordError(new RangeError('bad input'));
      text = await endpoint.scrape();
    } finally {
      jest.useRealTimers();
    }
    families = parseExposition(text);
  });

  afterAll(async () => {
    monitor?.shutdown();
    await endpoint?.shutdown();
  });

  it('returned ids and join results as the sequence implies', () => {
    expect(returned).toEqual({
      px: 'px',
      B: false,
      p0: 'p0',
      p1: 'p1',
      p2: 'p2',
      p3: 'p3',
      p4: 'p4',
      H: false,
      I: true,
      J: true,
      K: true,
      L: true,
      M: false,
    });
  });

  it('passes promtool check metrics', () => {
    const { ok, output } = promtoolCheck(text);
    expect({ ok, output }).toEqual({ ok: true, output: '' });
  });

  it('exposes every classification metric under its exporter-prometheus name, type, unit, help and labels', () => {
    for (const spec of Object.values(METRICS)) {
      const name = promName(spec);
      const family = families.get(name);
      if (REGRESSION_ONLY.has(spec)) {
        expect({ name, present: family !== undefined }).toEqual({ name, present: false });
        continue;
      }
      expect({ name, present: family !== undefined }).toEqual({ name, present: true });
      expect({ name, type: family!.type }).toEqual({ name, type: PROMETHEUS_TYPE[spec.kind] });
      expect({ name, unit: family!.unit }).toEqual({ name, unit: spec.unit });
      expect({ name, help: family!.help }).toEqual({ name, help: spec.description });
      expectLabelNames(family!, spec);
    }
    // The pinned literal names users put in dashboards and alerts.
    expect(promName(METRICS.featureValues)).toBe('modelwatch_feature_values_total');
    expect(promName(METRICS.inferenceDuration)).toBe('modelwatch_inference_duration');
    expect(families.has('target_info')).toBe(true);
  });

  it('feature values: fractional bins of tied numbers, categories, __other__ and __missing__', () => {
    const income = (bin: string): number =>
      value(METRICS.featureValues, { [ATTR.feature]: 'income', [ATTR.featureRole]: 'feature', [ATTR.bin]: bin });
    // Two tied 2s (A, G) give 2/12, 10/12, 10/12, 2/12; 1.5 adds 1 to bin 0; 3 and 10 add 1 each to bin 3.
    expectClose(income('0'), 1 + 2 / 12, 'income bin 0');
    expectClose(income('1'), 10 / 12, 'income bin 1');
    expectClose(income('2'), 10 / 12, 'income bin 2');
    expectClose(income('3'), 2 + 2 / 12, 'income bin 3');
    expect(select(families, promName(METRICS.featureValues), { feature: 'income' })).toHaveLength(BINS);

    const region = (bin: string): number =>
      value(METRICS.featureValues, { [ATTR.feature]: 'region', [ATTR.featureRole]: 'feature', [ATTR.bin]: bin });
    expect([region('north'), region('south'), region(BIN.other), region(BIN.missing)]).toEqual([2, 2, 1, 1]);
    const afam = (bin: string): number =>
      value(METRICS.featureValues, { [ATTR.feature]: 'afam', [ATTR.featureRole]: 'protected', [ATTR.bin]: bin });
    expect([afam('no'), afam('yes'), afam(BIN.other), afam(BIN.missing)]).toEqual([3, 2, 1, 0]);
    const score = (bin: string): number =>
      value(METRICS.featureValues, { [ATTR.feature]: 'score', [ATTR.featureRole]: 'score', [ATTR.bin]: bin });
    expect([score('0'), score('1'), score('2'), score('3')]).toEqual([0, 1, 1, 2]);
    // Labels and outcomes are not features: no drift series for them.
    expect(select(families, promName(METRICS.featureValues), { feature: 'deny' })).toHaveLength(0);
  });

  it('reference shares: 1/B for numeric bins, reference frequencies (missing included) for categories', () => {
    const share = (feature: string, role: string, bin: string): number =>
      value(METRICS.featureReferenceShare, { [ATTR.feature]: feature, [ATTR.featureRole]: role, [ATTR.bin]: bin });
    for (const bin of ['0', '1', '2', '3']) {
      expect(share('income', 'feature', bin)).toBe(0.25);
      expect(share('score', 'score', bin)).toBe(0.25);
    }
    expect([
      share('region', 'feature', 'north'),
      share('region', 'feature', 'south'),
      share('region', 'feature', BIN.other),
      share('region', 'feature', BIN.missing),
    ]).toEqual([6 / 12, 3 / 12, 1 / 12, 2 / 12]);
    expect([
      share('afam', 'protected', 'no'),
      share('afam', 'protected', 'yes'),
      share('afam', 'protected', BIN.other),
    ]).toEqual([0.8, 0.2, 0]);
    // Class balance: 1 of 4 reference scores is >= 0.5.
    expect(value(METRICS.predictionReferenceShare, { [ATTR.predictionClass]: 'yes' })).toBe(0.25);
    expect(value(METRICS.predictionReferenceShare, { [ATTR.predictionClass]: 'no' })).toBe(0.75);
  });

  it('reference sizes behind the shares: non-missing values for numeric features, all rows for categorical ones', () => {
    const count = (feature: string, role: string): number =>
      value(METRICS.featureReferenceSize, { [ATTR.feature]: feature, [ATTR.featureRole]: role });
    expect(promName(METRICS.featureReferenceSize)).toBe('modelwatch_feature_reference_size');
    expect(count('income', 'feature')).toBe(5);
    expect(count('region', 'feature')).toBe(12);
    expect(count('afam', 'protected')).toBe(10);
    expect(count('score', 'score')).toBe(4);
  });

  it('drift levels learned from the reference chunks: mean + 3 standard deviations per feature and statistic', () => {
    const name = promName(METRICS.featureDriftLevel);
    expect(name).toBe('modelwatch_feature_drift_level');
    const level = (feature: string, role: string, statistic: string): number =>
      sampleValue(
        families,
        name,
        labels(MODEL, { [ATTR.feature]: feature, [ATTR.featureRole]: role, [ATTR.driftStatistic]: statistic })
      );
    expectClose(level('income', 'feature', 'psi'), 0.5, 'income psi level');
    expectClose(level('income', 'feature', 'jensen_shannon'), 0.2, 'income jensen_shannon level');
    expectClose(level('income', 'feature', 'ks'), 0.3, 'income ks level');
    expectClose(level('region', 'feature', 'psi'), 0.8, 'region psi level');
    expect(select(families, name).length).toBe(4);
  });

  it('data-quality issues per feature, unknown feature names included', () => {
    const issues = (feature: string): Record<string, number> =>
      Object.fromEntries(
        ISSUES.map((issue) => [issue, value(METRICS.featureIssues, { [ATTR.feature]: feature, [ATTR.issue]: issue })])
      );
    expect(issues('income')).toEqual({
      missing: 0,
      out_of_range: 1,
      invalid_type: 1,
      unseen_category: 0,
      unknown_feature: 0,
    });
    expect(issues('region')).toEqual({
      missing: 1,
      out_of_range: 0,
      invalid_type: 0,
      unseen_category: 0,
      unknown_feature: 0,
    });
    expect(issues('afam')).toEqual({
      missing: 0,
      out_of_range: 0,
      invalid_type: 0,
      unseen_category: 1,
      unknown_feature: 0,
    });
    expect(issues('score')).toEqual({
      missing: 0,
      out_of_range: 0,
      invalid_type: 0,
      unseen_category: 0,
      unknown_feature: 0,
    });
    expect(value(METRICS.featureIssues, { [ATTR.feature]: 'zip', [ATTR.issue]: 'unknown_feature' })).toBe(1);
    // Unknown names export only the issue they can have; the shared overflow series appears only once used.
    expect(select(families, promName(METRICS.featureIssues), { feature: 'zip' })).toHaveLength(1);
    expect(select(families, promName(METRICS.featureIssues), { feature: BIN.other })).toHaveLength(0);
  });

  it('predictions per class, per group and per segment', () => {
    const predictions = (cls: string): number => value(METRICS.predictions, { [ATTR.predictionClass]: cls });
    expect([predictions('yes'), predictions('no')]).toEqual([3, 3]);
    // No prediction outside the known classes: no __other__ series.
    expect(select(families, promName(METRICS.predictions), { prediction_class: BIN.other })).toHaveLength(0);

    const group = (g: string, cls: string): number =>
      value(METRICS.groupPredictions, {
        [ATTR.groupAttribute]: 'afam',
        [ATTR.groupValue]: g,
        [ATTR.predictionClass]: cls,
      });
    expect({
      yes: [group('yes', 'yes'), group('yes', 'no')],
      no: [group('no', 'yes'), group('no', 'no')],
      maybe: [group('maybe', 'yes'), group('maybe', 'no')],
    }).toEqual({ yes: [1, 1], no: [1, 2], maybe: [1, 0] });
    expect(new Set(select(families, promName(METRICS.groupPredictions)).map((s) => s.labels.group_value))).toEqual(
      new Set(['yes', 'no', 'maybe'])
    );

    const segment = (v: string, cls: string): number =>
      value(METRICS.segmentPredictions, {
        [ATTR.segmentName]: 'channel',
        [ATTR.segmentValue]: v,
        [ATTR.predictionClass]: cls,
      });
    expect({
      web: [segment('web', 'yes'), segment('web', 'no')],
      app: [segment('app', 'yes'), segment('app', 'no')],
      missing: [segment(BIN.missing, 'yes'), segment(BIN.missing, 'no')],
    }).toEqual({ web: [2, 1], app: [1, 1], missing: [0, 1] });
  });

  it('confusion cells overall, per group and per segment', () => {
    const cell = (spec: MetricSpec, extra: Partial<Record<AttributeKey, string>>, p: string, a: string): number =>
      value(spec, { ...extra, [ATTR.predictionClass]: p, [ATTR.actualClass]: a });
    const matrix = (spec: MetricSpec, extra: Partial<Record<AttributeKey, string>> = {}): number[] => [
      cell(spec, extra, 'yes', 'yes'),
      cell(spec, extra, 'yes', 'no'),
      cell(spec, extra, 'no', 'yes'),
      cell(spec, extra, 'no', 'no'),
    ];
    expect(matrix(METRICS.outcomes)).toEqual([1, 1, 1, 1]);
    expect(select(families, promName(METRICS.outcomes))).toHaveLength(4);

    const group = (g: string): Partial<Record<AttributeKey, string>> => ({
      [ATTR.groupAttribute]: 'afam',
      [ATTR.groupValue]: g,
    });
    expect(matrix(METRICS.groupOutcomes, group('no'))).toEqual([0, 1, 1, 0]);
    expect(matrix(METRICS.groupOutcomes, group('maybe'))).toEqual([1, 0, 0, 0]);
    expect(matrix(METRICS.groupOutcomes, group('yes'))).toEqual([0, 0, 0, 1]);

    const segment = (v: string): Partial<Record<AttributeKey, string>> => ({
      [ATTR.segmentName]: 'channel',
      [ATTR.segmentValue]: v,
    });
    expect(matrix(METRICS.segmentOutcomes, segment('app'))).toEqual([0, 1, 0, 0]);
    expect(matrix(METRICS.segmentOutcomes, segment(BIN.missing))).toEqual([0, 0, 1, 0]);
    expect(matrix(METRICS.segmentOutcomes, segment('web'))).toEqual([1, 0, 0, 1]);
  });

  it('CBPE expected cells: sums of s and 1 − s of the scored predictions', () => {
    const cell = (p: string, a: string): number =>
      value(METRICS.estimatedOutcomes, { [ATTR.predictionClass]: p, [ATTR.actualClass]: a });
    expectClose(cell('yes', 'yes'), 0.7 + 0.9, 'expected (yes, yes)');
    expectClose(cell('yes', 'no'), 0.3 + 0.1, 'expected (yes, no)');
    expectClose(cell('no', 'yes'), 0.2 + 0.4, 'expected (no, yes)');
    expectClose(cell('no', 'no'), 0.8 + 0.6, 'expected (no, no)');
    expect(select(families, promName(METRICS.estimatedOutcomes))).toHaveLength(4);
  });

  it('joins: matched, unmatched, expired, evicted; one prediction still pending', () => {
    const joins = Object.fromEntries(
      JOIN_RESULTS.map((r) => [r, value(METRICS.outcomeJoins, { [ATTR.joinResult]: r })])
    );
    expect(joins).toEqual({ matched: 3, unmatched: 2, expired: 1, evicted: 1 });
    expect(value(METRICS.pendingOutcomes, {})).toBe(1);
  });

  it('errors by type, the duration histogram buckets, detectors and internal errors', () => {
    expect(value(METRICS.errors, { [ATTR.errorType]: 'timeout' })).toBe(2);
    expect(value(METRICS.errors, { [ATTR.errorType]: 'RangeError' })).toBe(1);
    // 'error' (the type of a bare recordError()) is exported at 0 from the start, so increase() sees its first error.
    expect(value(METRICS.errors, { [ATTR.errorType]: 'error' })).toBe(0);
    expect(select(families, promName(METRICS.errors))).toHaveLength(3);

    // Durations 0.005, 0.05, 0.5, 2, 0.005, 0.05 against buckets 0.01, 0.1, 1.
    const bucket = (le: string): number =>
      value(METRICS.inferenceDuration, { le } as Partial<Record<AttributeKey, string>>, '_bucket');
    expect([bucket('0.01'), bucket('0.1'), bucket('1'), bucket('+Inf')]).toEqual([2, 4, 5, 6]);
    expect(
      select(families, promName(METRICS.inferenceDuration), {}, `${promName(METRICS.inferenceDuration)}_bucket`)
    ).toHaveLength(BUCKETS.length + 1);
    expect(value(METRICS.inferenceDuration, {}, '_count')).toBe(6);
    expectClose(value(METRICS.inferenceDuration, {}, '_sum'), 0.005 + 0.05 + 0.5 + 2 + 0.005 + 0.05, 'duration sum');

    // Four outcomes are far below what DDM and ADWIN need to decide anything.
    for (const detector of ['ddm', 'adwin']) {
      expect(value(METRICS.detectorStatus, { [ATTR.detector]: detector })).toBe(0);
      for (const level of ['drift', 'warning'])
        expect(value(METRICS.detectorDetections, { [ATTR.detector]: detector, [ATTR.detectionLevel]: level })).toBe(0);
    }
    for (const kind of SELF_ERRORS)
      expect({ kind, v: value(METRICS.selfErrors, { [ATTR.selfErrorKind]: kind }) }).toEqual({ kind, v: 0 });
  });

  it('every Modelwatch series carries this model', () => {
    for (const [name, family] of families) {
      if (!name.startsWith('modelwatch_')) continue;
      for (const s of family.samples)
        expect({ name, model: [s.labels.model_name, s.labels.model_version] }).toEqual({
          name,
          model: [MODEL.name, MODEL.version],
        });
    }
  });
});

describe('regression monitor: the scrape of exporter-prometheus', () => {
  const model = { name: 'house-price', version: '0.9.1' };
  let endpoint: PrometheusEndpoint;
  let monitor: ModelMonitor;
  let text: string;
  let families: Map<string, Family>;

  const value = (spec: MetricSpec, attributes: Partial<Record<AttributeKey, string>> = {}): number =>
    sampleValue(families, promName(spec), labels(model, attributes));

  beforeAll(async () => {
    endpoint = await startPrometheus();
    monitor = new ModelMonitor({
      model,
      profile: regressionProfile(),
      task: 'regression',
      meterProvider: endpoint.provider,
      bins: BINS,
    });
    const a = monitor.recordPrediction({ features: { size: 15 }, prediction: 150, durationSeconds: 0.01 });
    const b = monitor.recordPrediction({ features: { size: 25 }, prediction: 200, durationSeconds: 0.02 });
    expect(monitor.recordOutcome(a!, 100)).toBe(true); // error +50: over 50, APE 50/100
    expect(monitor.recordOutcome(b!, 250)).toBe(true); // error −50: under 50, APE 50/250
    expect(monitor.recordOutcome({ prediction: 300, actual: 300 })).toBe(true); // error 0
    expect(monitor.recordOutcome({ prediction: 90, actual: 100 })).toBe(true); // error −10: under 10, APE 10/100
    expect(monitor.recordOutcome({ prediction: 90, actual: 'x' as unknown as number })).toBe(false); // contained, not counted
    text = await endpoint.scrape();
    families = parseExposition(text);
  });

  afterAll(async () => {
    monitor?.shutdown();
    await endpoint?.shutdown();
  });

  it('passes promtool check metrics', () => {
    expect(promtoolCheck(text)).toEqual({ ok: true, output: '' });
  });

  it('exposes the regression sums and no classification metric', () => {
    expect(value(METRICS.regressionOutcomes)).toBe(4);
    expect(value(METRICS.regressionAbsoluteError)).toBe(110);
    expect(value(METRICS.regressionSquaredError)).toBe(2500 + 2500 + 0 + 100);
    expect(value(METRICS.regressionOverPrediction)).toBe(50);
    expect(value(METRICS.regressionUnderPrediction)).toBe(60);
    expectClose(value(METRICS.regressionAbsolutePercentageError), 0.5 + 0.2 + 0.1, 'APE sum');
    for (const spec of REGRESSION_ONLY) {
      const family = families.get(promName(spec))!;
      expect(family.type).toBe('counter');
      expectLabelNames(family, spec);
    }
    for (const spec of CLASSIFICATION_ONLY)
      expect({ name: promName(spec), present: families.has(promName(spec)) }).toEqual({
        name: promName(spec),
        present: false,
      });
    expect(value(METRICS.selfErrors, { [ATTR.selfErrorKind]: 'record' })).toBe(1);
  });

  it('counts predictions without a prediction class', () => {
    // Two recordPrediction calls; stateless outcomes are not predictions.
    expect(value(METRICS.predictions)).toBe(2);
    const family = families.get(promName(METRICS.predictions))!;
    expect(
      family.samples.map((sample) => Object.keys(sample.labels).includes(promLabel(ATTR.predictionClass)))
    ).toEqual([false]);
  });

  it('bins the feature and the predicted value like any numeric column', () => {
    // size 15 and 25 fall strictly between reference values: 1 and 2 of 4 below → bins 1 and 2.
    const size = (bin: string): number =>
      value(METRICS.featureValues, { [ATTR.feature]: 'size', [ATTR.featureRole]: 'feature', [ATTR.bin]: bin });
    expect([size('0'), size('1'), size('2'), size('3')]).toEqual([0, 1, 1, 0]);
    // Predicted 150 (1 below → bin 1) and 200 (tied with the second knot, ranks 1..2 → bin 1).
    const predicted = (bin: string): number =>
      value(METRICS.featureValues, { [ATTR.feature]: 'predicted', [ATTR.featureRole]: 'score', [ATTR.bin]: bin });
    expect([predicted('0'), predicted('1'), predicted('2'), predicted('3')]).toEqual([0, 2, 0, 0]);
  });
});
