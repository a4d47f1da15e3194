import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  importanceNdcg,
  importanceOf,
  importanceSums,
  importanceVectors,
  mergeImportance,
  tieAveragedDcg,
} from '../../src/index';

interface Case {
  id: string;
  reference: number[];
  current: number[];
  ndcg: number;
}
const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/sklearn-ndcg.json'), 'utf8')) as {
  provenance: string;
  cases: Case[];
};

describe("nDCG of the live importance ranking (scikit-learn's ndcg_score)", () => {
  it('names the library that computed the fixtures', () => {
    expect(fixture.provenance).toMatch(/^scikit-learn \d/);
    expect(fixture.cases.filter((c) => c.id.startsWith('random-ties')).length).toBeGreaterThanOrEqual(40);
  });

  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(importanceNdcg(c.reference, c.current)).toBeCloseTo(c.ndcg, 12);
  });

  it('averages the discounts of tied ranks (hand calculation)', () => {
    // Gains 3, 1, 0; the first two tie at the top: each gets (1 + 1/log2 3) / 2, the third 1/log2 4 = 1/2.
    const tied = (1 + 1 / Math.log2(3)) / 2;
    expect(tieAveragedDcg([3, 1, 0], [5, 5, 1])).toBeCloseTo(3 * tied + 1 * tied + 0, 14);
    const ideal = 3 + 1 / Math.log2(3);
    expect(importanceNdcg([3, 1, 0], [5, 5, 1])).toBeCloseTo((4 * tied) / ideal, 14);
  });

  it('is 1 for the same order and does not depend on the order ties are listed in (property)', () => {
    const importances = fc.array(
      fc.integer({ min: 0, max: 6 }).map((x) => x / 2),
      { minLength: 2, maxLength: 12 }
    );
    fc.assert(
      fc.property(importances, importances, (a, b) => {
        const n = Math.min(a.length, b.length);
        const ref = a.slice(0, n);
        const cur = b.slice(0, n);
        if (ref.some((x) => x > 0)) expect(importanceNdcg(ref, ref)).toBeCloseTo(1, 12);
        const v = importanceNdcg(ref, cur)!;
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1 + 1e-12);
        const reversed = importanceNdcg([...ref].reverse(), [...cur].reverse())!;
        expect(reversed).toBeCloseTo(v, 12);
      })
    );
  });

  it('has no value for a single feature, as scikit-learn refuses one', () => {
    expect(importanceNdcg([0.4], [0.2])).toBeNull();
  });

  it('refuses negative, non-finite or mismatched importances', () => {
    expect(() => importanceNdcg([0.1, -0.2], [0.1, 0.2])).toThrow(RangeError);
    expect(() => importanceNdcg([0.1, 0.2], [0.1, Number.NaN])).toThrow(RangeError);
    expect(() => importanceNdcg([0.1, 0.2], [0.1])).toThrow(RangeError);
  });
});

describe('global importance (mean |attribution|)', () => {
  it('is the mean absolute value of the finite attributions (hand calculation)', () => {
    const s = importanceSums([0.5, -1.5, Number.NaN, 1]);
    expect(s).toEqual({ absoluteSum: 3, count: 3 });
    expect(importanceOf(s)).toBe(1);
    expect(importanceOf({ absoluteSum: 0, count: 0 })).toBeNull();
  });

  it('merges across replicas by adding sums and counts before dividing (property)', () => {
    const values = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 50 });
    fc.assert(
      fc.property(values, values, (a, b) => {
        const merged = importanceOf(mergeImportance(importanceSums(a), importanceSums(b)))!;
        expect(merged).toBeCloseTo(importanceOf(importanceSums([...a, ...b]))!, 10);
      })
    );
  });

  it('ranks a feature never seen live last, at importance 0', () => {
    const v = importanceVectors({ b: 0.2, a: 0.5 }, { a: { absoluteSum: 1, count: 4 } });
    expect(v).toEqual({ features: ['a', 'b'], reference: [0.5, 0.2], current: [0.25, 0] });
  });
});
