import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  binnedKsDistance,
  chiSquareGoodnessOfFit,
  driftNoiseFloor,
  estimatePerformanceFromCounts,
  fairnessFromCounts,
  jensenShannon,
  psi,
  rates,
  toShares,
  type GroupCounts,
} from '@modelwatch/stats';
import { RULES_TEST_DIR } from './tools';

// The promtool suites check the recorded statistics against numbers worked out by hand (in their comments).
// Here @modelwatch/stats computes the same statistics from the same counts and must land on those very
// numbers, read from the suites, so the hand arithmetic, the PromQL and the TypeScript cannot drift apart.
const TOLERANCE = 1e-9;

interface ExprTest {
  expr: string;
  exp_samples?: { labels: string; value: number }[] | null;
}

const suites = new Map<string, ExprTest[]>();
function exprTests(suite: string): ExprTest[] {
  let tests = suites.get(suite);
  if (!tests) {
    const spec = parse(readFileSync(join(RULES_TEST_DIR, 'promtool', `${suite}.test.yml`), 'utf8')) as {
      tests: { promql_expr_test?: ExprTest[] }[];
    };
    tests = spec.tests.flatMap((t) => t.promql_expr_test ?? []);
    suites.set(suite, tests);
  }
  return tests;
}

/** The number the suite compares `selector` with (`abs(selector - v) < bool 1e-9` expected to be 1). */
function handValue(suite: string, selector: string): number {
  const prefix = `abs(${selector} - `;
  const found = exprTests(suite).filter((t) => t.expr.startsWith(prefix) && t.expr.endsWith(') < bool 1e-9'));
  if (found.length !== 1)
    throw new Error(`${suite}.test.yml: expected one check of ${selector}, found ${found.length}`);
  const t = found[0]!;
  expect(t.exp_samples?.map((s) => s.value)).toEqual([1]);
  return Number(t.expr.slice(prefix.length, -') < bool 1e-9'.length));
}

/** Whether the suite expects `selector` to return nothing (where @modelwatch/stats says NaN). */
function expectsNothing(suite: string, selector: string): boolean {
  return exprTests(suite).some((t) => t.expr === selector && (t.exp_samples == null || t.exp_samples.length === 0));
}

function agree(suite: string, selector: string, typescript: number): void {
  const hand = handValue(suite, selector);
  expect(Number.isFinite(hand)).toBe(true);
  if (!(Math.abs(typescript - hand) < TOLERANCE)) {
    throw new Error(`${suite}.test.yml checks ${selector} against ${hand}; @modelwatch/stats gives ${typescript}`);
  }
}

/** Chi-square over the bins whose reference share is above 0, as the recording rule does. */
function chiSquare(counts: number[], reference: number[]): number {
  const keep = reference.map((p, i) => i).filter((i) => reference[i]! > 0);
  return chiSquareGoodnessOfFit(
    keep.map((i) => counts[i]!),
    keep.map((i) => reference[i]!)
  ).statistic;
}

describe('drift.test.yml: PSI, Jensen–Shannon, chi-square and binned KS', () => {
  const uniform = [0.25, 0.25, 0.25, 0.25];
  const features: Record<string, { counts: number[]; reference: number[]; numeric: boolean }> = {
    income: { counts: [200, 150, 100, 50], reference: uniform, numeric: true },
    age: { counts: [75, 50, 50, 25], reference: uniform, numeric: true },
    tenure: { counts: [35, 25, 25, 15], reference: uniform, numeric: true },
    debt: { counts: [20, 15, 10, 5], reference: uniform, numeric: true },
    // car, home, __other__, __missing__: the current __other__ share is 0 (PSI's 1e-4 replacement applies)
    purpose: { counts: [60, 30, 0, 10], reference: [0.5, 0.3, 0.1, 0.1], numeric: false },
    // web, branch, __other__, __missing__: __other__ has no reference share, __missing__ is 0 on both sides
    channel: { counts: [50, 30, 20, 0], reference: [0.6, 0.4, 0, 0], numeric: false },
  };
  for (const [feature, { counts, reference, numeric }] of Object.entries(features)) {
    it(feature, () => {
      const current = Array.from(toShares(counts));
      const at = (record: string): string =>
        `modelwatch:feature_${record}:5m{feature="${feature}", baseline="reference"}`;
      agree('drift', at('psi'), psi(reference, current));
      agree('drift', at('jensen_shannon'), jensenShannon(reference, current));
      agree('drift', at('chi_square'), chiSquare(counts, reference));
      if (numeric) agree('drift', at('ks'), binnedKsDistance(reference, current));
    });
  }
});

describe('noise-floor.test.yml: the noise floor PromQL records is driftNoiseFloor of the same counts', () => {
  // feature: reference shares, values in the window, the exported reference size (none: exact)
  const quarter = [0.25, 0.25, 0.25, 0.25];
  const features: Record<string, [number[], number, number | null]> = {
    income: [quarter, 500, 500],
    age: [quarter, 200, 1000],
    tenure: [quarter, 100, null],
    purpose: [[0.5, 0.3, 0.1, 0.1], 100, null],
    channel: [[0.6, 0.4, 0, 0], 100, null],
  };
  for (const [feature, [shares, samples, referenceSize]] of Object.entries(features)) {
    it(feature, () => {
      const bins = shares.filter((r) => r > 0).length;
      // α = 0.01 per feature-window, shared by the three statistics with levels in noise-floor.modelwatch.yaml.
      const floor = driftNoiseFloor({ bins, samples, referenceSize, alpha: 0.01 / 3, shares });
      const at = (record: string): string =>
        `modelwatch:feature_${record}:5m{feature="${feature}", baseline="reference"}`;
      agree('noise-floor', `modelwatch:feature_noise_quantile:chi2{feature="${feature}"}`, floor.quantile);
      agree('noise-floor', at('psi_noise_floor'), floor.psi);
      agree('noise-floor', at('jensen_shannon_noise_floor'), floor.jensenShannon);
    });
  }
});

describe('seasonal.test.yml: against the reference and against the same window a week earlier', () => {
  const now = Array.from(toShares([80, 60, 40, 20]));
  it('PSI and KS', () => {
    agree(
      'seasonal',
      'modelwatch:feature_psi:1h{feature="hour_load", baseline="reference"}',
      psi([0.25, 0.25, 0.25, 0.25], now)
    );
    agree('seasonal', 'modelwatch:feature_psi:1h{feature="hour_load", baseline="last_week"}', psi(now, now));
    agree(
      'seasonal',
      'modelwatch:feature_psi:1h{feature="basket", baseline="last_week"}',
      psi(Array.from(toShares([50, 50, 50, 50])), now)
    );
    agree(
      'seasonal',
      'modelwatch:feature_psi:1h{feature="promo", baseline="last_week"}',
      psi(Array.from(toShares([20, 0, 0, 0])), now)
    );
    agree(
      'seasonal',
      'modelwatch:feature_ks:1h{feature="basket", baseline="last_week"}',
      binnedKsDistance(Array.from(toShares([50, 50, 50, 50])), now)
    );
    agree(
      'seasonal',
      'modelwatch:feature_ks:1h{feature="hour_load", baseline="reference"}',
      binnedKsDistance([0.25, 0.25, 0.25, 0.25], now)
    );
  });
});

describe('quality-performance.test.yml: realized and estimated performance from cells', () => {
  it('realized, from the outcome cells', () => {
    const r = rates({ tp: 40, fp: 10, fn: 20, tn: 130 });
    for (const metric of ['accuracy', 'precision', 'recall', 'f1'] as const) {
      agree(
        'quality-performance',
        `modelwatch:model_${metric}:ratio5m{model_version="3", source="realized"}`,
        r[metric]
      );
    }
  });

  it('estimated, from the expected cells', () => {
    const e = estimatePerformanceFromCounts({ tp: 35.625, fp: 14.375, fn: 12.5, tn: 137.5 });
    for (const metric of ['accuracy', 'precision', 'recall', 'f1'] as const) {
      agree(
        'quality-performance',
        `modelwatch:model_${metric}:ratio5m{model_version="3", source="estimated"}`,
        e[metric]
      );
    }
  });
});

describe('fairness.test.yml: disparities over eligible groups', () => {
  const at = (statistic: string, attribute: string): string =>
    `modelwatch:fairness_${statistic}:5m{group_attribute="${attribute}"}`;
  /** FPR difference over eligible groups (the report has no field for it). */
  const fprDifference = (report: ReturnType<typeof fairnessFromCounts>): number => {
    const fprs = report.eligible.included.map((g) => report.groups[g]!.fpr!).filter((x) => !Number.isNaN(x));
    return Math.max(...fprs) - Math.min(...fprs);
  };
  const selection = (groups: Record<string, GroupCounts>, minGroupSize: number) =>
    fairnessFromCounts(groups, { minGroupSize });

  it('selection rates: disparate impact and demographic parity, each attribute with its own minimum', () => {
    const sex = selection(
      { f: { count: 200, selected: 50 }, m: { count: 200, selected: 100 }, x: { count: 20, selected: 0 } },
      100
    );
    const race = selection({ a: { count: 200, selected: 60 }, b: { count: 200, selected: 80 } }, 100);
    const age = selection(
      { young: { count: 25, selected: 11.25 }, old: { count: 200, selected: 100 }, teen: { count: 10, selected: 0 } },
      20
    );
    for (const [attribute, report] of [
      ['sex', sex],
      ['race', race],
      ['age', age],
    ] as const) {
      agree('fairness', at('disparate_impact', attribute), report.eligible.disparateImpact);
      agree('fairness', at('demographic_parity_difference', attribute), report.eligible.demographicParityDifference);
    }
    // The tiny group is what keeps these from firing: with it, sex's disparate impact would be 0.
    expect(sex.disparateImpact).toBe(0);
  });

  it('error rates: equal opportunity, FPR, FNR and equalized odds differences', () => {
    const sex = fairnessFromCounts(
      {
        f: { tp: 40, fp: 10, fn: 10, tn: 40 },
        m: { tp: 45, fp: 20, fn: 5, tn: 30 },
        x: { tp: 0, fp: 5, fn: 5, tn: 0 },
      },
      { minGroupSize: 100 }
    );
    agree('fairness', at('equal_opportunity_difference', 'sex'), sex.eligible.equalOpportunityDifference!);
    agree('fairness', at('fnr_difference', 'sex'), sex.eligible.fnrDifference!);
    agree('fairness', at('equalized_odds_difference', 'sex'), sex.eligible.equalizedOddsDifference!);
    agree('fairness', at('fpr_difference', 'sex'), fprDifference(sex));
    agree(
      'fairness',
      'modelwatch:group_precision:ratio5m{group_attribute="sex", group_value="m"}',
      sex.groups.m!.precision!
    );

    const race = fairnessFromCounts(
      { a: { tp: 0, fp: 30, fn: 0, tn: 120 }, b: { tp: 50, fp: 10, fn: 50, tn: 40 } },
      { minGroupSize: 100 }
    );
    agree('fairness', at('equal_opportunity_difference', 'race'), race.eligible.equalOpportunityDifference!);
    agree('fairness', at('equalized_odds_difference', 'race'), race.eligible.equalizedOddsDifference!);
    agree('fairness', at('fpr_difference', 'race'), fprDifference(race));

    // No group has an actual positive: TPR is undefined everywhere, so @modelwatch/stats says NaN and the
    // rules record nothing, for equal opportunity and for equalized odds.
    const region = fairnessFromCounts(
      { n: { tp: 0, fp: 30, fn: 0, tn: 120 }, s: { tp: 0, fp: 15, fn: 0, tn: 135 } },
      { minGroupSize: 100 }
    );
    agree('fairness', at('fpr_difference', 'region'), fprDifference(region));
    expect(region.eligible.equalOpportunityDifference).toBeNaN();
    expect(expectsNothing('fairness', at('equal_opportunity_difference', 'region'))).toBe(true);
    expect(region.eligible.equalizedOddsDifference).toBeNaN();
    expect(expectsNothing('fairness', at('equalized_odds_difference', 'region'))).toBe(true);
  });
});
