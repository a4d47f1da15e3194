import {
  BIN_LABELS,
  FEATURE_LABELS,
  PSI_EPSILON,
  binCounts,
  binShares,
  chiSquare,
  chiSquareUpperQuantileByBins,
  countInReferenceBins,
  eq,
  featureCount,
  jensenShannon,
  ksBinned,
  psi,
  psiOfSmoothed,
  referenceShares,
  smoothedShares,
  type Scope,
} from '@modelwatch/promql';
import {
  PSI_EPSILON as STATS_PSI_EPSILON,
  binnedKsDistance,
  chiSquareGoodnessOfFit,
  chiSquareUpperQuantile,
  wilsonHilfertyUpperQuantile,
  jensenShannon as jsDistance,
  psi as psiIndex,
  toShares,
} from '@modelwatch/stats';
import type { Naming } from '@modelwatch/semconv';
import { expectRules, input, steady, WINDOW_MINUTES, type Labels, type Sample } from './support/promtool';

const VALUES = 'modelwatch_feature_values_total';
const REFERENCE: Record<Naming, string> = {
  'exporter-prometheus': 'modelwatch_feature_reference_share',
  otlp: 'modelwatch_feature_reference_share_ratio',
};
const TARGET = { job: 'svc', otel_scope_name: '@modelwatch/otel' };

interface Feature {
  name: string;
  role: string;
  numeric: boolean;
  bins: string[];
  reference: number[];
  /** Values per minute and bin on replica a, and on replica b when it runs. */
  a: number[];
  b?: number[];
}

const numericBins = (n: number): string[] => Array.from({ length: n }, (_, j) => String(j));
const QUARTERS = [0.25, 0.25, 0.25, 0.25];

// The window of 5m ending at 10m; see support/promtool for why increase() is exactly 5 × the rate there.
const FEATURES: Feature[] = [
  { name: 'income', role: 'feature', numeric: true, bins: numericBins(4), reference: QUARTERS, a: [40, 30, 20, 10] },
  // Two replicas; b's bin 0 restarts between 7m and 8m (see RESTART) and b never sees bin 3.
  {
    name: 'age',
    role: 'feature',
    numeric: true,
    bins: numericBins(4),
    reference: QUARTERS,
    a: [5, 5, 5, 5],
    b: [10, 5, 5, 0],
  },
  // An empty current bin: PSI replaces its share by 1e-4, Jensen–Shannon leaves its 0·ln 0 term out.
  { name: 'tenure', role: 'score', numeric: true, bins: numericBins(4), reference: QUARTERS, a: [10, 0, 5, 5] },
  // A categorical feature whose categories are named like numeric bins: only its __missing__ bin tells KS to
  // leave it out. Empty reference bin (__missing__), empty current bin (__other__).
  {
    name: 'grade',
    role: 'feature',
    numeric: false,
    bins: ['0', '1', '2', '__other__', '__missing__'],
    reference: [0.4, 0.3, 0.2, 0.1, 0],
    a: [8, 6, 2, 0, 4],
  },
  // Zero on both sides in __missing__: (ε − ε)·ln 1 = 0.
  {
    name: 'channel',
    role: 'feature',
    numeric: false,
    bins: ['web', 'branch', '__other__', '__missing__'],
    reference: [0.6, 0.4, 0, 0],
    a: [10, 6, 4, 0],
  },
];
/** b's counter of age, bin 0: 10/min, restarted between 7m and 8m (70 → 10); increase() still sees 50. */
const RESTART = '0+10x7 10+10x7';

const model = (version: string) => ({ model_name: 'credit', model_version: version });
const featureLabels = (f: Feature): Labels => ({ ...model('1.0'), feature: f.name, feature_role: f.role });
const binLabels = (f: Feature, bin: string): Labels => ({ ...featureLabels(f), bin });

function counts(f: Feature): number[] {
  return f.a.map((x, j) => WINDOW_MINUTES * (x + (f.b?.[j] ?? 0)));
}

function inputs(naming: Naming): { series: string; values: string }[] {
  const out: { series: string; values: string }[] = [];
  for (const f of FEATURES) {
    f.bins.forEach((bin, j) => {
      const labels = (version: string, instance: string, name = 'credit'): Labels => ({
        model_name: name,
        model_version: version,
        feature: f.name,
        feature_role: f.role,
        bin,
        ...TARGET,
        instance,
      });
      out.push(input(VALUES, labels('1.0', 'a'), steady(f.a[j]!)));
      out.push(input(REFERENCE[naming], labels('1.0', 'a'), `${f.reference[j]}+0x15`));
      if (f.b) {
        out.push(input(VALUES, labels('1.0', 'b'), f.name === 'age' && j === 0 ? RESTART : steady(f.b[j]!)));
        out.push(input(REFERENCE[naming], labels('1.0', 'b'), `${f.reference[j]}+0x15`));
      }
      // Out of scope (another version, another model), with other numbers: nothing of them may show.
      out.push(input(VALUES, labels('2.0', 'a'), steady(1000 * (j + 1))));
      out.push(input(REFERENCE[naming], labels('2.0', 'a'), `${j === 0 ? 1 : 0}+0x15`));
      out.push(input(VALUES, labels('1.0', 'a', 'other'), steady(1000 * (j + 1))));
      out.push(input(REFERENCE[naming], labels('1.0', 'a', 'other'), `${j === 0 ? 1 : 0}+0x15`));
    });
  }
  return out;
}

/** The drift rules as the rule generator chains them: counts, shares, reference, then the statistics. */
function pipeline(scope: Scope): Record<string, string> {
  const sel = '{model_name="credit"}';
  return {
    'test:counts': binCounts(scope, '5m'),
    'test:shares': binShares(`test:counts${sel}`),
    'test:reference': referenceShares(scope),
    'test:count': featureCount(`test:counts${sel}`),
    'test:psi': psi(`test:shares${sel}`, `test:reference${sel}`),
    'test:js': jensenShannon(`test:shares${sel}`, `test:reference${sel}`),
    'test:chi': chiSquare(`test:counts${sel}`, `test:reference${sel}`),
    'test:ks': ksBinned('test:shares', 'test:reference', 4, { model_name: eq('credit') }),
  };
}

/** One sample per feature of statistic(reference shares, current counts), for the features `keep` selects. */
function perFeature(stat: (f: Feature) => number, keep: (f: Feature) => boolean = () => true): Sample[] {
  return FEATURES.filter(keep).map((f) => ({ labels: featureLabels(f), value: stat(f) }));
}

/** Chi-square over the bins whose reference share is above 0 (the others cannot be expected). */
function chiSquareOf(f: Feature): number {
  const kept = f.reference.map((_, i) => i).filter((i) => f.reference[i]! > 0);
  const c = counts(f);
  return chiSquareGoodnessOfFit(
    kept.map((i) => c[i]!),
    kept.map((i) => f.reference[i]!)
  ).statistic;
}

describe('labels', () => {
  it('drift statistics keep one series per feature, bin statistics one per bin', () => {
    expect(FEATURE_LABELS).toEqual(['model_name', 'model_version', 'feature', 'feature_role']);
    expect(BIN_LABELS).toEqual(['model_name', 'model_version', 'feature', 'feature_role', 'bin']);
  });

  it('replaces an empty share by the same epsilon as @modelwatch/stats', () => {
    expect(PSI_EPSILON).toBe(STATS_PSI_EPSILON);
  });
});

describe('binCounts', () => {
  it('reads an earlier window with offset inside increase()', () => {
    const scope: Scope = { model: 'credit', version: '1\\.0', naming: 'exporter-prometheus' };
    expect(binCounts(scope, '1h')).toBe(
      'sum by (model_name, model_version, feature, feature_role, bin) ' +
        '(increase(modelwatch_feature_values_total{model_name="credit", model_version=~"1\\\\.0"}[1h]))'
    );
    expect(binCounts(scope, '1h', '1w')).toBe(
      'sum by (model_name, model_version, feature, feature_role, bin) ' +
        '(increase(modelwatch_feature_values_total{model_name="credit", model_version=~"1\\\\.0"}[1h] offset 1w))'
    );
  });
});

describe('ksBinned', () => {
  it('sums the first j + 1 bins at edge j, one anchored regex per edge, and drops features with a __missing__ bin', () => {
    const expr = ksBinned('cur', 'ref', 3, { model_name: '="m"' }, 'cat');
    const by = 'by (model_name, model_version, feature, feature_role)';
    expect(expr).toBe(
      `max ${by} (` +
        `label_replace(abs(sum ${by} (cur{model_name="m", bin=~"0"}) - sum ${by} (ref{model_name="m", bin=~"0"})), "bin", "0", "", "") or ` +
        `label_replace(abs(sum ${by} (cur{model_name="m", bin=~"0|1"}) - sum ${by} (ref{model_name="m", bin=~"0|1"})), "bin", "1", "", "")` +
        `) unless on (model_name, model_version, feature, feature_role) cat{model_name="m", bin="__missing__"}`
    );
  });
});

describe.each<Naming>(['exporter-prometheus', 'otlp'])('on promtool, %s naming', (naming) => {
  const scope: Scope = { model: 'credit', version: '1\\..*', naming };
  const run = (expect: Record<string, Sample[]>) =>
    expectRules({ rules: pipeline(scope), input: inputs(naming), expect });

  it('binCounts sums replicas through a counter reset; featureCount totals each feature', () => {
    run({
      'test:counts': FEATURES.flatMap((f) =>
        f.bins.map((bin, j) => ({ labels: binLabels(f, bin), value: counts(f)[j]! }))
      ),
      'test:count': perFeature((f) => counts(f).reduce((s, x) => s + x, 0)),
    });
  });

  it('binShares divides by the feature total; referenceShares merges replicas that export the same share', () => {
    run({
      'test:shares': FEATURES.flatMap((f) => {
        const q = toShares(counts(f));
        return f.bins.map((bin, j) => ({ labels: binLabels(f, bin), value: q[j]! }));
      }),
      'test:reference': FEATURES.flatMap((f) =>
        f.bins.map((bin, j) => ({ labels: binLabels(f, bin), value: f.reference[j]! }))
      ),
    });
  });

  it('psi equals @modelwatch/stats, with 1e-4 for an empty share on either side', () => {
    run({ 'test:psi': perFeature((f) => psiIndex(f.reference, toShares(counts(f)))) });
  });

  it('jensenShannon equals @modelwatch/stats, leaving zero shares out', () => {
    run({ 'test:js': perFeature((f) => jsDistance(f.reference, toShares(counts(f)))) });
  });

  it('chiSquare equals @modelwatch/stats over the bins the reference has', () => {
    run({ 'test:chi': perFeature(chiSquareOf) });
  });

  it('ksBinned equals @modelwatch/stats for numeric features and leaves categorical features out', () => {
    run({
      'test:ks': perFeature(
        (f) => binnedKsDistance(f.reference, toShares(counts(f))),
        (f) => f.numeric
      ),
    });
  });

  it('psi, jensenShannon, chiSquare and featureCount read unrecorded expressions too (operator precedence)', () => {
    // The builders splice their arguments into larger expressions: a share that is itself a division with
    // group_left must keep its meaning there.
    const countsExpr = binCounts(scope, '5m');
    const sharesExpr = binShares(countsExpr);
    const referenceExpr = referenceShares(scope);
    expectRules({
      rules: {
        'test:psi': psi(sharesExpr, referenceExpr),
        'test:js': jensenShannon(sharesExpr, referenceExpr),
        'test:chi': chiSquare(countsExpr, referenceExpr),
        'test:count': featureCount(countsExpr),
      },
      input: inputs(naming),
      expect: {
        'test:psi': perFeature((f) => psiIndex(f.reference, toShares(counts(f)))),
        'test:js': perFeature((f) => jsDistance(f.reference, toShares(counts(f)))),
        'test:chi': perFeature(chiSquareOf),
        'test:count': perFeature((f) => counts(f).reduce((s, x) => s + x, 0)),
      },
    });
  });
});

describe('on promtool, an earlier window as the baseline', () => {
  // Rates change at 5m: 10, 20, 30, 40 per minute before, 40, 30, 20, 10 after. At 10m the current window
  // (5m..10m) holds 200 150 100 50 and the window offset by 5m (0m..5m) holds 50 100 150 200.
  const before = [10, 20, 30, 40];
  const after = [40, 30, 20, 10];
  const f = { name: 'income', role: 'feature' };
  const labels = (bin: string): Labels => ({ ...model('1.0'), feature: f.name, feature_role: f.role, bin });
  const scope: Scope = { model: 'credit', naming: 'exporter-prometheus' };
  const current = after.map((x) => 5 * x);
  const earlier = before.map((x) => 5 * x);

  it('binCounts with an offset, its shares and count, and PSI and KS against them', () => {
    expectRules({
      rules: {
        'test:counts': binCounts(scope, '5m'),
        'test:shares': binShares('test:counts'),
        'test:baseline_counts': binCounts(scope, '5m', '5m'),
        'test:baseline_shares': binShares(binCounts(scope, '5m', '5m')),
        'test:baseline_count': featureCount(binCounts(scope, '5m', '5m')),
        'test:psi': psi('test:shares', 'test:baseline_shares'),
        'test:js': jensenShannon('test:shares', 'test:baseline_shares'),
        'test:ks': ksBinned('test:shares', 'test:baseline_shares', 4),
      },
      input: numericBins(4).map((bin, j) =>
        input(
          VALUES,
          { ...labels(bin), ...TARGET, instance: 'a' },
          `0+${before[j]}x5 ${5 * before[j]! + after[j]!}+${after[j]}x9`
        )
      ),
      expect: {
        'test:baseline_counts': numericBins(4).map((bin, j) => ({ labels: labels(bin), value: earlier[j]! })),
        'test:baseline_shares': numericBins(4).map((bin, j) => ({ labels: labels(bin), value: toShares(earlier)[j]! })),
        'test:baseline_count': [
          { labels: { ...model('1.0'), ...{ feature: 'income', feature_role: 'feature' } }, value: 500 },
        ],
        'test:psi': [
          {
            labels: { ...model('1.0'), feature: 'income', feature_role: 'feature' },
            value: psiIndex(toShares(earlier), toShares(current)),
          },
        ],
        'test:js': [
          {
            labels: { ...model('1.0'), feature: 'income', feature_role: 'feature' },
            value: jsDistance(earlier, current),
          },
        ],
        'test:ks': [
          {
            labels: { ...model('1.0'), feature: 'income', feature_role: 'feature' },
            value: binnedKsDistance(earlier, current),
          },
        ],
      },
    });
  });
});

describe('on promtool, ksBinned over recorded shares', () => {
  const shares = (name: string, m: string, feature: string, bins: string[], values: number[]) =>
    bins.map((bin, j) =>
      input(name, { model_name: m, model_version: '1', feature, feature_role: 'feature', bin }, `${values[j]}+0x15`)
    );
  const out = (feature: string, value: number): Sample => ({
    labels: { model_name: 'credit', model_version: '1', feature, feature_role: 'feature' },
    value,
  });

  it('with 12 bins, the edge of bin 1 does not take in bins 10 and 11 (the regex is anchored)', () => {
    const bins = numericBins(12);
    const reference = bins.map(() => 1 / 12);
    // Most of the current mass in bins 10 and 11: an unanchored "0|1" would count it at the first edges.
    const current = [0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.4, 0.4];
    expectRules({
      rules: { 'test:ks': ksBinned('cur', 'ref', 12) },
      input: [...shares('cur', 'credit', 'score', bins, current), ...shares('ref', 'credit', 'score', bins, reference)],
      expect: { 'test:ks': [out('score', binnedKsDistance(reference, current))] },
    });
  });

  it('a categorical feature is told by the __missing__ bin of categoricalSeries, even when the baseline lacks it', () => {
    const numeric = numericBins(3);
    const categories = ['0', '1', '2', '__other__', '__missing__'];
    const last = [0.2, 0.3, 0.5];
    const now = [0.5, 0.3, 0.2];
    expectRules({
      rules: { 'test:ks': ksBinned('cur', 'baseline', 3, { model_name: eq('credit') }, 'ref') },
      input: [
        ...shares('cur', 'credit', 'x', numeric, now),
        ...shares('baseline', 'credit', 'x', numeric, last),
        ...shares('ref', 'credit', 'x', numeric, [1 / 3, 1 / 3, 1 / 3]),
        // grade: categories named like bins; the baseline (counts from last week) has no __missing__ bin.
        ...shares('cur', 'credit', 'grade', categories, [0.1, 0.1, 0.1, 0.1, 0.6]),
        ...shares('baseline', 'credit', 'grade', categories.slice(0, 4), [0.7, 0.1, 0.1, 0.1]),
        ...shares('ref', 'credit', 'grade', categories, [0.7, 0.1, 0.1, 0.05, 0.05]),
        // Another model in the same recorded series: the match keeps it out of every sum.
        ...shares('cur', 'other', 'x', numeric, [1, 0, 0]),
        ...shares('baseline', 'other', 'x', numeric, [0, 0, 1]),
      ],
      expect: { 'test:ks': [out('x', binnedKsDistance(last, now))] },
    });
  });
});

describe('on promtool, the cheaper forms the rules use give the values of the forms they replace, to the last bit', () => {
  const scope: Scope = { model: 'credit', version: '1\\.0', naming: 'exporter-prometheus' };
  const sel = '{model_name="credit"}';
  const by = 'by (model_name, model_version, feature, feature_role)';
  // `a == bool b` is 1 only when the doubles are equal; promtool's check of 1 within 1e-9 then asks for equality.
  const same = perFeature(() => 1);

  it('PSI from recorded smoothed shares, Jensen–Shannon filtering x > 0 before multiplying, chi-square from a recorded total', () => {
    const c = `test:shares${sel}`;
    const r = `test:reference${sel}`;
    // The forms the rules used before, written out here: 8 reads of each share in PSI, an `and` per half in JS.
    const eps = (x: string): string => `(${x} + 0.0001 * (${x} == bool 0))`;
    const formerPsi = `sum ${by} ((${eps(c)} - ${eps(r)}) * ln(${eps(c)} / ${eps(r)}))`;
    const m = `((${c} + ${r}) / 2)`;
    const half = (x: string): string => `sum ${by} ((${x} * ln(${x} / ${m})) and (${x} > 0))`;
    const formerJs = `sqrt(0.5 * ${half(r)} + 0.5 * ${half(c)})`;
    expectRules({
      rules: {
        ...pipeline(scope),
        'test:q': smoothedShares(c),
        'test:p': smoothedShares(r),
        'test:psi_recorded': psiOfSmoothed(`test:q${sel}`, `test:p${sel}`),
        'test:psi_former': formerPsi,
        'test:js_former': formerJs,
        'test:psi_same': `test:psi_recorded == bool test:psi_former`,
        'test:psi_inline_same': `test:psi == bool test:psi_former`,
        'test:js_same': `test:js == bool test:js_former`,
        'test:seen': countInReferenceBins(`test:counts${sel}`, r),
        'test:chi_recorded': chiSquare(`test:counts${sel}`, r, `test:seen${sel}`),
        'test:chi_same': `test:chi_recorded == bool test:chi`,
      },
      input: inputs('exporter-prometheus'),
      expect: { 'test:psi_same': same, 'test:psi_inline_same': same, 'test:js_same': same, 'test:chi_same': same },
    });
  });

  it('the χ² noise quantile joined on df equals Wilson–Hilferty plus one correction term per df', () => {
    const alpha = 0.025;
    const z = 1.959963984540054;
    const exact = Array.from({ length: 12 }, (_, i) => i + 1).map((df) => ({
      df,
      correction: chiSquareUpperQuantile(alpha, df) - wilsonHilfertyUpperQuantile(alpha, df),
    }));
    const bins = 'test_bins';
    // The former form: a term (df == bool k) · correction for every k of the table.
    const df = `((${bins} > 1) - 1)`;
    const c = `(2 / (9 * ${df}))`;
    const wilsonHilferty = `${df} * (1 - ${c} + ${z} * sqrt(${c})) ^ 3`;
    const former = [wilsonHilferty, ...exact.map((e) => `(${df} == bool ${e.df}) * ${e.correction}`)].join(' + ');
    // 1 bin has no df (no value); 13 bins is past the table (Wilson–Hilferty alone).
    const counts = [1, 2, 3, 5, 11, 13, 13];
    const labels = (i: number): Labels => ({ ...model('1.0'), feature: `f${i}`, feature_role: 'feature' });
    expectRules({
      rules: {
        'test:former': former,
        'test:joined': chiSquareUpperQuantileByBins(bins, z, exact),
        'test:same': 'test:joined == bool test:former',
      },
      input: counts.map((k, i) => input(bins, labels(i), `${k}+0x15`)),
      expect: {
        'test:same': counts.flatMap((k, i) => (k > 1 ? [{ labels: labels(i), value: 1 }] : [])),
        'test:joined': counts.flatMap((k, i) =>
          k > 1 ? [{ labels: labels(i), value: chiSquareUpperQuantile(alpha, k - 1) }] : []
        ),
      },
    });
  });
});
