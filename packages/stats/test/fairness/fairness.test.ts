import fc from 'fast-check';
import {
  fairnessFromCounts,
  fairnessReport,
  groupCounts,
  selectionRate,
  type Disparities,
} from '../../src/fairness/fairness.js';
import { wilsonInterval } from '../../src/fairness/wilson.js';
import { at, expectClose, fixture, peerCase, type Peers } from '../performance/close.js';

const peers = fixture<Peers>('peers.json');

interface FlCase {
  groups: string[];
  actual: number[];
  predicted: number[];
  weights: number[] | null;
  expected: Record<string, number | null>;
}
const fl = fixture<{ cases: FlCase[] }>('fairlearn-disparities.json');

describe('golden: peers.json fairness', () => {
  test('fairlearn-docs-metricframe (tiny groups: over all groups)', () => {
    const c = peerCase(peers, 'fairness', 'fairlearn-docs-metricframe');
    const report = fairnessReport(c['groups'] as string[], c['predictions'] as number[], c['labels'] as number[]);
    const keys = Object.keys(c.expected);
    expect(keys.length).toBe(21);
    for (const key of keys) expectClose(at(report, key), c.expected[key]!, c.tolerance, key);
    // Every group is below the default minimum of 30: all inconclusive, nothing eligible.
    for (const g of ['a', 'b', 'c']) expect(report.groups[g]!.inconclusive).toBe(true);
    expect(report.eligible.included).toEqual([]);
    expect(report.eligible.demographicParityDifference).toBeNaN();
    // With a minimum of 5, group a (4 rows) drops out of the eligible disparities.
    const eligible = fairnessReport(c['groups'] as string[], c['predictions'] as number[], c['labels'] as number[], {
      minGroupSize: 5,
    }).eligible;
    expect(eligible.included).toEqual(['b', 'c']);
    expect(eligible.demographicParityDifference).toBe(0);
    expectClose(eligible.equalOpportunityDifference, 0.2, 1e-12, 'eligible TPR difference');
    expectClose(eligible.equalizedOddsDifference, 2 / 3, 1e-12, 'eligible equalized odds');
  });

  test('fairlearn-selection-rate', () => {
    const c = peerCase(peers, 'fairness', 'fairlearn-selection-rate');
    const predictions = c['predictions'] as number[];
    expectClose(selectionRate(predictions), c.expected['selectionRate']!, c.tolerance, 'selectionRate');
    const report = fairnessReport(
      predictions.map(() => 'all'),
      predictions
    );
    expectClose(report.groups['all']!.selectionRate, c.expected['selectionRate']!, c.tolerance, 'report');
  });

  test('fairlearn-selection-rate-weighted', () => {
    const c = peerCase(peers, 'fairness', 'fairlearn-selection-rate-weighted');
    const predictions = c['predictions'] as number[];
    const weights = c['weights'] as number[];
    expectClose(selectionRate(predictions, weights), c.expected['selectionRate']!, c.tolerance, 'selectionRate');
    const report = fairnessReport(
      predictions.map(() => 'all'),
      predictions,
      null,
      { weights }
    );
    expectClose(report.groups['all']!.selectionRate, c.expected['selectionRate']!, c.tolerance, 'report');
    expect(report.groups['all']!.count).toBe(16);
  });
});

describe('Fairlearn MetricFrame fixture', () => {
  test('per-group rates and disparities, with and without weights', () => {
    expect(fl.cases.some((c) => c.weights !== null)).toBe(true);
    for (const [k, c] of fl.cases.entries()) {
      const report = fairnessReport(c.groups, c.predicted, c.actual, { weights: c.weights });
      for (const [key, value] of Object.entries(c.expected))
        expectClose(at(report, key), value, 1e-12, `case ${k} ${key}`);
    }
  });
});

describe('fairnessFromCounts', () => {
  test('intervals are Wilson intervals over each rate’s own denominator', () => {
    const r = fairnessFromCounts({ x: { tp: 8, fp: 2, tn: 25, fn: 5 } }, { confidence: 0.9 });
    const g = r.groups['x']!;
    expect(g.count).toBe(40);
    expect(g.inconclusive).toBe(false);
    expect(g.intervals.selectionRate).toEqual(wilsonInterval(10, 40, 0.9));
    expect(g.intervals.tpr).toEqual(wilsonInterval(8, 13, 0.9));
    expect(g.intervals.fpr).toEqual(wilsonInterval(2, 27, 0.9));
    expect(g.intervals.fnr).toEqual(wilsonInterval(5, 13, 0.9));
    expect(g.intervals.precision).toEqual(wilsonInterval(8, 10, 0.9));
    expect(g.precision).toBe(0.8);
  });

  test('without labels only selection-rate metrics exist', () => {
    const r = fairnessReport(['a', 'a', 'b', 'b', 'b'], [1, 0, 1, 1, 0], null, { minGroupSize: 0 });
    expect(r.labelled).toBe(false);
    expect(r.groups['a']).toEqual({
      count: 2,
      inconclusive: false,
      selectionRate: 0.5,
      intervals: { selectionRate: wilsonInterval(1, 2) },
    });
    expect(r.equalOpportunityDifference).toBeUndefined();
    expect(r.equalizedOddsDifference).toBeUndefined();
    expectClose(r.demographicParityDifference, 1 / 6, 1e-15, 'dp');
    expectClose(r.disparateImpact, 0.75, 1e-15, 'di');
    expect(
      fairnessFromCounts({ a: { count: 2, selected: 1 }, b: { count: 3, selected: 2 } }, { minGroupSize: 0 })
    ).toEqual(r);
  });

  test('a group whose rate is undefined is left out of that difference only', () => {
    const r = fairnessFromCounts(
      {
        a: { tp: 0, fp: 3, tn: 7, fn: 0 }, // no positives: TPR and FNR undefined
        b: { tp: 4, fp: 1, tn: 4, fn: 1 },
        c: { tp: 2, fp: 0, tn: 5, fn: 3 },
      },
      { minGroupSize: 0 }
    );
    expect(r.groups['a']!.tpr).toBeNaN();
    expectClose(r.equalOpportunityDifference, 0.8 - 0.4, 1e-15, 'TPR difference over b and c');
    expectClose(r.fnrDifference, 0.6 - 0.2, 1e-15, 'FNR difference');
    expectClose(r.demographicParityDifference, 0.5 - 0.2, 1e-15, 'selection rate over all three');
  });

  test('ratios with a zero maximum are undefined; a single group has difference 0', () => {
    const zero = fairnessFromCounts({ a: { count: 5, selected: 0 }, b: { count: 5, selected: 0 } });
    expect(zero.demographicParityDifference).toBe(0);
    expect(zero.disparateImpact).toBeNaN();
    const one = fairnessFromCounts({ a: { count: 5, selected: 2 } });
    expect(one.demographicParityDifference).toBe(0);
    expect(one.demographicParityRatio).toBe(1);
    const none = fairnessFromCounts({});
    expect(none.demographicParityDifference).toBeNaN();
    expect(none.labelled).toBe(false);
  });

  test('small groups are reported but judged only through eligible', () => {
    const r = fairnessFromCounts({
      big1: { count: 100, selected: 50 },
      big2: { count: 60, selected: 27 },
      tiny: { count: 3, selected: 3 },
    });
    expect(r.groups['tiny']!.inconclusive).toBe(true);
    expect(r.demographicParityDifference).toBe(0.55);
    expect(r.eligible.included).toEqual(['big1', 'big2']);
    expectClose(r.eligible.demographicParityDifference, 0.05, 1e-15, 'eligible');
    expectClose(r.eligible.disparateImpact, 0.9, 1e-15, 'eligible DI');
  });

  test('bad input', () => {
    expect(() => fairnessFromCounts({ a: { tp: 1, fp: 0, tn: 0, fn: 0 }, b: { count: 1, selected: 0 } })).toThrow(
      /mix/
    );
    expect(() => fairnessFromCounts({ a: { count: 1, selected: 2 } })).toThrow(RangeError);
    expect(() => fairnessFromCounts({ a: { tp: -1, fp: 0, tn: 0, fn: 0 } })).toThrow(RangeError);
    expect(() => fairnessFromCounts({}, { minGroupSize: -1 })).toThrow(/minGroupSize/);
    expect(() => fairnessFromCounts({}, { confidence: 2 })).toThrow(/confidence/);
    expect(() => fairnessReport(['a'], [1, 0])).toThrow(RangeError);
    expect(() => fairnessReport(['a', 'b'], [1, 0], [1])).toThrow(RangeError);
    expect(() => fairnessReport(['a', 3 as unknown as string], [1, 0])).toThrow(/group at position 1/);
    expect(() => fairnessReport(['a'], [1], null, { weights: [-2] })).toThrow(/weight/);
  });

  test('groupCounts keeps first-appearance order and odd names', () => {
    expect(Object.keys(groupCounts(['z', '__proto__', 'a', 'z'], [1, 0, 1, 1]))).toEqual(['z', '__proto__', 'a']);
  });
});

describe('properties', () => {
  const groupRows = fc.array(
    fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 })),
    { minLength: 1, maxLength: 80 }
  );
  const keys = [
    'demographicParityDifference',
    'demographicParityRatio',
    'disparateImpact',
    'equalOpportunityDifference',
    'equalizedOddsDifference',
    'fnrDifference',
  ] as const;
  const values = (d: Disparities): number[] => keys.map((k) => d[k] ?? Number.NaN);

  test('disparities are invariant to group order and renaming; differences >= 0, ratios in [0, 1]', () => {
    fc.assert(
      fc.property(
        groupRows,
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 10 }),
        (rows, seed, minGroupSize) => {
          const names = ['g0', 'g1', 'g2', 'g3', 'g4'];
          const renamed = ['x-' + seed, '__proto__', 'é', '0', ''];
          const groups = rows.map((r) => names[r[0]]!);
          const predicted = rows.map((r) => r[1]);
          const actual = rows.map((r) => r[2]);
          const base = fairnessReport(groups, predicted, actual, { minGroupSize });
          // Reverse the rows (so groups first appear in another order) and rename every group.
          const order = rows.map((_, i) => i).reverse();
          const other = fairnessReport(
            order.map((i) => renamed[rows[i]![0]]!),
            order.map((i) => predicted[i]!),
            order.map((i) => actual[i]!),
            { minGroupSize }
          );
          for (const [a, b] of [
            [values(base), values(other)],
            [values(base.eligible), values(other.eligible)],
          ] as const) {
            a.forEach((v, i) => {
              if (Number.isNaN(v)) expect(b[i]).toBeNaN();
              else expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(1e-15);
            });
          }
          for (const d of [base, base.eligible]) {
            for (const k of [
              'demographicParityDifference',
              'equalOpportunityDifference',
              'equalizedOddsDifference',
              'fnrDifference',
            ] as const) {
              const v = d[k]!;
              if (!Number.isNaN(v)) expect(v).toBeGreaterThanOrEqual(0);
            }
            for (const k of ['demographicParityRatio', 'disparateImpact'] as const) {
              const v = d[k];
              if (!Number.isNaN(v)) {
                expect(v).toBeGreaterThanOrEqual(0);
                expect(v).toBeLessThanOrEqual(1);
              }
            }
          }
          // Eligible groups are exactly those with count >= minGroupSize.
          expect(base.eligible.included).toEqual(
            Object.keys(base.groups).filter((g) => base.groups[g]!.count >= minGroupSize)
          );
        }
      )
    );
  });
});
