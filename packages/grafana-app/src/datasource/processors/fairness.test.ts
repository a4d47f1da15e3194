import type { DataFrame } from '@grafana/data';
import { FAIRNESS_FIELDS, FRAME_KIND, metaOf, type FairnessMeta } from '../../shared/frames';
import { resolveQuery, type FairnessOptions } from '../options/resolve';
import type { Labels } from '../prometheus/api';
import { vector } from '../testing/prometheus-json';
import type { MlQuery } from '../types';
import { fairnessFrames } from './fairness';

function options(query: Partial<MlQuery>): FairnessOptions {
  return resolveQuery(
    { refId: 'A', model: 'credit', queryType: 'fairness', ...query },
    'exporter-prometheus'
  ) as FairnessOptions;
}

const base = (attribute: string, group: string): Labels => ({
  model_name: 'credit',
  model_version: 'v1',
  group_attribute: attribute,
  group_value: group,
});

/** Group predictions per class and outcome cells (tp, fp, fn, tn) as the two instant queries return them. */
function groups(
  spec: Record<string, { attribute?: string; yes: number; no: number; cells: [number, number, number, number] }>
) {
  const predictions: Array<[Labels, number]> = [];
  const outcomes: Array<[Labels, number]> = [];
  for (const [group, g] of Object.entries(spec)) {
    const labels = base(g.attribute ?? 'sex', group);
    predictions.push([{ ...labels, prediction_class: 'yes' }, g.yes], [{ ...labels, prediction_class: 'no' }, g.no]);
    const order: Array<[string, string]> = [
      ['yes', 'yes'],
      ['yes', 'no'],
      ['no', 'yes'],
      ['no', 'no'],
    ];
    order.forEach(([p, a], i) => outcomes.push([{ ...labels, prediction_class: p, actual_class: a }, g.cells[i]!]));
  }
  return { predictions: vector(predictions), outcomes: vector(outcomes) };
}

// F: 100 predictions (40 positive), cells tp 30 fp 10 fn 20 tn 40; M: 80 (36 positive), tp 25 fp 11 fn 5 tn 39;
// X: 20 predictions, too few to judge at the default minimum of 30.
const SEX = groups({
  F: { yes: 40, no: 60, cells: [30, 10, 20, 40] },
  M: { yes: 36, no: 44, cells: [25, 11, 5, 39] },
  X: { yes: 12, no: 8, cells: [8, 4, 2, 6] },
});

/** Wilson score interval by hand, z = Φ⁻¹(0.975) = 1.959963984540054. */
function wilson(x: number, n: number, z = 1.959963984540054): [number, number] {
  const p = x / n;
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [centre - half, centre + half];
}

function row(frame: DataFrame, group: string, metric: string): Record<string, unknown> {
  const i = frame.fields[0]!.values.findIndex(
    (g: string, k: number) => g === group && frame.fields[1]!.values[k] === metric
  );
  return Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]]));
}

describe('fairness at the end of the range', () => {
  test('per-group rates with Wilson intervals over their own denominators', () => {
    const [frame] = fairnessFrames(options({}), SEX);
    expect(frame!.fields.map((f) => f.name)).toEqual(Object.values(FAIRNESS_FIELDS));
    const selF = row(frame!, 'F', 'selectionRate');
    expect(selF.value).toBeCloseTo(0.4, 15);
    expect(selF.count).toBe(100);
    const [lo, hi] = wilson(40, 100);
    expect(selF.lower).toBeCloseTo(lo, 12);
    expect(selF.upper).toBeCloseTo(hi, 12);
    // statsmodels' proportion_confint(40, 100, method='wilson'), rounded: (0.3094, 0.4980).
    expect(selF.lower).toBeCloseTo(0.3094, 4);
    expect(selF.upper).toBeCloseTo(0.498, 4);
    const tprF = row(frame!, 'F', 'tpr');
    expect(tprF.value).toBeCloseTo(30 / 50, 15);
    expect(tprF.count).toBe(50);
    expect(tprF.lower).toBeCloseTo(wilson(30, 50)[0], 12);
    expect(tprF.upper).toBeCloseTo(wilson(30, 50)[1], 12);
    expect(row(frame!, 'M', 'fpr')).toMatchObject({ count: 50, size: 80 });
    expect(row(frame!, 'M', 'fpr').value).toBeCloseTo(11 / 50, 15);
    expect(row(frame!, 'M', 'precision').value).toBeCloseTo(25 / 36, 15);
    expect(row(frame!, 'M', 'fnr').value).toBeCloseTo(5 / 30, 15);
  });

  test('a group under minGroupSize is inconclusive and out of the disparities; the largest eligible group is the reference', () => {
    const [frame] = fairnessFrames(options({}), SEX);
    const meta = metaOf<FairnessMeta>(frame!);
    expect(meta.kind).toBe(FRAME_KIND.fairness);
    expect(meta.referenceGroup).toBe('F');
    expect(meta.minGroupSize).toBe(30);
    expect(row(frame!, 'X', 'selectionRate').eligible).toBe(false);
    expect(row(frame!, 'M', 'selectionRate').eligible).toBe(true);
    // Eligible selection rates 0.4 (F) and 0.45 (M); X's 0.6 would make it 0.4 / 0.6.
    expect(meta.disparateImpact).toBeCloseTo(0.4 / 0.45, 15);
    expect(meta.disparities!.demographicParityDifference).toBeCloseTo(0.05, 15);
    expect(meta.disparities!.equalOpportunityDifference).toBeCloseTo(25 / 30 - 0.6, 15);
    expect(meta.disparities!.fprDifference).toBeCloseTo(0.22 - 0.2, 15);
    expect(meta.disparities!.fnrDifference).toBeCloseTo(0.4 - 5 / 30, 15);
    expect(meta.disparities!.equalizedOddsDifference).toBeCloseTo(25 / 30 - 0.6, 15);
    expect(row(frame!, 'M', 'selectionRate').ratio).toBeCloseTo(0.45 / 0.4, 15);
    expect(row(frame!, 'M', 'selectionRate').difference).toBeCloseTo(0.05, 15);
    expect(row(frame!, 'F', 'selectionRate').ratio).toBe(1);
    expect(meta.levels).toEqual({ warning: 0.8 });
  });

  test('minGroupSize and the reference group are the query’s to choose', () => {
    const [frame] = fairnessFrames(options({ minGroupSize: 10, referenceGroup: 'M' }), SEX);
    const meta = metaOf<FairnessMeta>(frame!);
    expect(meta.disparateImpact).toBeCloseTo(0.4 / 0.6, 15);
    expect(meta.referenceGroup).toBe('M');
    expect(row(frame!, 'F', 'selectionRate').ratio).toBeCloseTo(0.4 / 0.45, 15);
    expect(row(frame!, 'X', 'tpr').eligible).toBe(true);
    expect(() => fairnessFrames(options({ referenceGroup: 'Z' }), SEX)).toThrow(
      "referenceGroup: 'Z' is not a group of sex for credit v1 (groups: F, M, X); choose one of them or leave it empty for the largest"
    );
  });

  test('label-based rates are judged on labelled predictions, the selection rate on all predictions', () => {
    // 40 predictions but only 10 of them labelled yet.
    const late = groups({
      F: { yes: 40, no: 60, cells: [30, 10, 20, 40] },
      Y: { yes: 20, no: 20, cells: [3, 2, 1, 4] },
    });
    const [frame] = fairnessFrames(options({}), late);
    expect(row(frame!, 'Y', 'selectionRate')).toMatchObject({ eligible: true, size: 40, count: 40 });
    expect(row(frame!, 'Y', 'tpr')).toMatchObject({ eligible: false, size: 10, count: 4 });
    expect(metaOf<FairnessMeta>(frame!).disparateImpact).toBeCloseTo(0.4 / 0.5, 15);
    // Only F is eligible for TPR: a difference over one group is 0.
    expect(metaOf<FairnessMeta>(frame!).disparities!.equalOpportunityDifference).toBe(0);
  });

  test('a group without labelled outcomes has undefined rates (NaN), and the confidence level is the query’s', () => {
    const none = groups({
      F: { yes: 40, no: 60, cells: [30, 10, 20, 40] },
      N: { yes: 30, no: 20, cells: [0, 0, 0, 0] },
    });
    const [frame] = fairnessFrames(options({ confidence: 0.9, fairnessMetrics: ['tpr', 'accuracy'] }), none);
    expect(row(frame!, 'N', 'tpr').value).toBeNaN();
    expect(row(frame!, 'N', 'tpr').lower).toBeNaN();
    const acc = row(frame!, 'F', 'accuracy');
    expect(acc.value).toBeCloseTo(0.7, 15);
    // z = Φ⁻¹(0.95) = 1.6448536269514722 for 90 %.
    expect(acc.lower).toBeCloseTo(wilson(70, 100, 1.6448536269514722)[0], 12);
    expect(acc.upper).toBeCloseTo(wilson(70, 100, 1.6448536269514722)[1], 12);
  });

  test('without an attribute: one frame per attribute; with fewer than one eligible group the disparity is NaN', () => {
    const both = groups({
      F: { yes: 40, no: 60, cells: [30, 10, 20, 40] },
      M: { yes: 36, no: 44, cells: [25, 11, 5, 39] },
      a: { attribute: 'age', yes: 5, no: 5, cells: [1, 1, 1, 1] },
      b: { attribute: 'age', yes: 6, no: 4, cells: [1, 1, 1, 1] },
    });
    const frames = fairnessFrames(options({}), both);
    expect(frames.map((f) => metaOf<FairnessMeta>(f).attribute)).toEqual(['age', 'sex']);
    expect(metaOf<FairnessMeta>(frames[0]!).disparateImpact).toBeNaN();
    // No eligible group: the reference falls back to the largest group.
    expect(metaOf<FairnessMeta>(frames[0]!).referenceGroup).toBe('a');
  });
});

describe('privacy: __suppressed__ and private counters', () => {
  // F and M as above, plus 50 predictions of values below the monitors' minCellSize, folded into __suppressed__:
  // large enough to be judged if it were a group, and with a selection rate (45/50) that would set the disparity.
  const WITH_SUPPRESSED = groups({
    F: { yes: 40, no: 60, cells: [30, 10, 20, 40] },
    M: { yes: 36, no: 44, cells: [25, 11, 5, 39] },
    __suppressed__: { yes: 45, no: 5, cells: [20, 5, 1, 4] },
  });

  test('shows __suppressed__ as "suppressed (< k)", never judged nor compared, out of the disparities', () => {
    const [frame] = fairnessFrames(options({ minCellSize: 5 }), WITH_SUPPRESSED);
    const groupsShown = [...new Set(frame!.fields[0]!.values as string[])];
    expect(groupsShown).toEqual(['F', 'M', 'suppressed (< 5)']);
    const s = row(frame!, 'suppressed (< 5)', 'selectionRate');
    // Its own numbers, not zeros: 45 of 50.
    expect(s.value).toBeCloseTo(0.9, 15);
    expect(s.count).toBe(50);
    expect(s.eligible).toBe(false);
    expect(s.ratio).toBeNaN();
    expect(s.difference).toBeNaN();
    // Disparate impact over F (0.4) and M (0.45) only: 0.4 / 0.45.
    const meta = metaOf(frame!) as FairnessMeta;
    expect(meta.disparateImpact).toBeCloseTo(0.4 / 0.45, 12);
    expect(meta.referenceGroup).toBe('F');
    // The default minCellSize is 10.
    const [defaults] = fairnessFrames(options({}), WITH_SUPPRESSED);
    expect(defaults!.fields[0]!.values).toContain('suppressed (< 10)');
  });

  test('widens every interval by z times the noise of the private counters', () => {
    const plain = fairnessFrames(options({}), SEX)[0]!;
    const noisy = fairnessFrames(options({ privacyEpsilon: 1, privacyHorizon: 1024 }), SEX)[0]!;
    // L = 11; count sd √22·11 = 51.59, over a window √2 times: 72.96. F's selection rate 0.4 of 100:
    // σ = 72.96·√(0.6² + 0.4²)/100 = 0.52616, so the interval reaches both ends once widened by 1.96·σ.
    const sigma = (Math.sqrt(22) * 11 * Math.SQRT2 * Math.sqrt(0.36 + 0.16)) / 100;
    expect(sigma).toBeCloseTo(0.52616, 5);
    const [lo, hi] = wilson(40, 100);
    const z = 1.959963984540054;
    const sel = row(noisy, 'F', 'selectionRate');
    expect(sel.lower).toBeCloseTo(Math.max(0, lo - z * sigma), 12);
    expect(sel.upper).toBeCloseTo(Math.min(1, hi + z * sigma), 12);
    // A smaller horizon and larger ε widen less: ε = 100, T = 8 (L = 4): 16/100 = 0.16 per count.
    const mild = fairnessFrames(options({ privacyEpsilon: 100, privacyHorizon: 8 }), SEX)[0]!;
    const s2 = (0.16 * Math.sqrt(0.52)) / 100;
    expect(row(mild, 'F', 'selectionRate').lower).toBeCloseTo(lo - z * s2, 12);
    expect(row(mild, 'F', 'selectionRate').upper).toBeCloseTo(hi + z * s2, 12);
    // Values themselves are unchanged.
    expect(row(noisy, 'F', 'tpr').value).toBe(row(plain, 'F', 'tpr').value);
  });

  test('refuses a bad minCellSize or privacyEpsilon in one line naming the field', () => {
    expect(() => options({ minCellSize: 0 })).toThrow(/^minCellSize: 0 is not valid/);
    expect(() => options({ privacyEpsilon: 0 })).toThrow(/^privacyEpsilon: 0 is not valid/);
  });
});
