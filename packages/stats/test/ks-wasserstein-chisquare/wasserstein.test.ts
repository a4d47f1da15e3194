import fc from 'fast-check';
import { normalizedWasserstein, wasserstein1 } from '../../src/drift/wasserstein.js';
import { EmpiricalDistribution } from '../../src/sample/empirical-distribution.js';
import { expectClose, loadFixture, sample, type SampleSpec } from './helpers.js';

interface WassersteinCase {
  id: string;
  a: SampleSpec;
  b: SampleSpec;
  aWeights?: number[];
  bWeights?: number[];
  distance: number;
  normalized: number;
}

const fixture = loadFixture<{ provenance: string; cases: WassersteinCase[] }>('scipy-wasserstein.json');

/** Builds the distribution, merging equal values and their weights (knots must be distinct). */
function distribution(values: Float64Array, weights?: number[]): EmpiricalDistribution {
  if (!weights) return EmpiricalDistribution.fromValues(values);
  const byValue = new Map<number, number>();
  values.forEach((v, i) => byValue.set(v, (byValue.get(v) ?? 0) + weights[i]!));
  const knots = [...byValue.keys()].sort((x, y) => x - y);
  return EmpiricalDistribution.fromKnots(
    knots,
    knots.map((k) => byValue.get(k)!)
  );
}

describe('wasserstein1 / normalizedWasserstein against scipy.stats.wasserstein_distance', () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const a = distribution(sample(c.a), c.aWeights);
    const b = distribution(sample(c.b), c.bWeights);
    // Same CDF arithmetic; only the order of summation differs (NumPy sums pairwise, we compensate).
    expectClose(wasserstein1(a, b), c.distance, 1e-12, 1e-300, 'distance');
    expectClose(normalizedWasserstein(a, b), c.normalized, 1e-12, 1e-300, 'normalized');
  });
});

describe('wasserstein1: properties', () => {
  const values = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 50 });

  it('is symmetric, non-negative and 0 on identical samples', () => {
    fc.assert(
      fc.property(values, values, (x, y) => {
        const a = EmpiricalDistribution.fromValues(x);
        const b = EmpiricalDistribution.fromValues(y);
        const w = wasserstein1(a, b);
        expect(w).toBeGreaterThanOrEqual(0);
        expectClose(wasserstein1(b, a), w, 1e-12, 1e-12, 'symmetry');
        expect(wasserstein1(a, EmpiricalDistribution.fromValues([...x].reverse()))).toBe(0);
      })
    );
  });

  it('equals |shift| for a shifted copy', () => {
    fc.assert(
      fc.property(values, fc.double({ min: -100, max: 100, noNaN: true }), (x, shift) => {
        const a = EmpiricalDistribution.fromValues(x);
        const b = EmpiricalDistribution.fromValues(x.map((v) => v + shift));
        // x + shift is rounded, each value by at most half an ulp of ~1e3.
        expectClose(wasserstein1(a, b), Math.abs(shift), 1e-9, 1e-9, 'shift');
      })
    );
  });

  it('equals the mean absolute difference of sorted values for equal sizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })), {
          minLength: 1,
          maxLength: 40,
        }),
        (pairs) => {
          const x = pairs.map((p) => p[0]).sort((s, t) => s - t);
          const y = pairs.map((p) => p[1]).sort((s, t) => s - t);
          const expected = x.reduce((s, v, i) => s + Math.abs(v - y[i]!), 0) / x.length;
          expectClose(
            wasserstein1(EmpiricalDistribution.fromValues(x), EmpiricalDistribution.fromValues(y)),
            expected,
            1e-12,
            1e-12,
            'sorted'
          );
        }
      )
    );
  });

  it('normalises by the population std of the reference with a 0.001 floor', () => {
    const ref = EmpiricalDistribution.fromValues([1, 2, 3, 4]);
    const cur = EmpiricalDistribution.fromValues([2, 3, 4, 5]);
    expectClose(normalizedWasserstein(ref, cur), 1 / Math.sqrt(1.25), 1e-15);
    const constant = EmpiricalDistribution.fromValues([5, 5, 5]);
    expectClose(normalizedWasserstein(constant, EmpiricalDistribution.fromValues([6])), 1000, 1e-12);
    expectClose(normalizedWasserstein(constant, EmpiricalDistribution.fromValues([6]), 0.5), 2, 1e-15);
    expect(() => normalizedWasserstein(ref, cur, 0)).toThrow(RangeError);
    expect(() => wasserstein1(EmpiricalDistribution.fromValues([]), cur)).toThrow(RangeError);
  });
});
