import fc from 'fast-check';
import { ksPValue, ksStatistic, ksTwoSample, type KsMethod } from '../../src/drift/ks.js';
import { EmpiricalDistribution } from '../../src/sample/empirical-distribution.js';
import { expectClose, loadFixture, sample, type SampleSpec } from './helpers.js';

interface KsCase {
  id: string;
  a: SampleSpec;
  b: SampleSpec;
  method: KsMethod;
  n1: number;
  n2: number;
  rawStatistic: number;
  statistic: number;
  pValue: number;
  methodUsed: 'exact' | 'asymp';
}

const fixture = loadFixture<{ provenance: string; cases: KsCase[] }>('scipy-ks.json');

describe('ksTwoSample against scipy.stats.ks_2samp', () => {
  it('the fixture spans tiny, tied, equal, unequal, switch-over and extreme cases', () => {
    const ps = fixture.cases.map((c) => c.pValue);
    expect(Math.min(...ps)).toBeLessThan(1e-200);
    expect(ps.filter((p) => p === 1).length).toBeGreaterThan(0);
    expect(
      fixture.cases.some((c) => c.methodUsed === 'asymp' && c.method !== 'asymp' && Math.max(c.n1, c.n2) <= 10000)
    ).toBe(true);
    expect(fixture.cases.some((c) => c.n1 === 10000 && c.n2 === 10001)).toBe(true);
  });

  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const ref = EmpiricalDistribution.fromValues(sample(c.a));
    const cur = EmpiricalDistribution.fromValues(sample(c.b));
    expect(ref.size).toBe(c.n1);
    expect(cur.size).toBe(c.n2);
    // The statistic is the same float expression as SciPy's, so it must agree to the last bit.
    expect(ksStatistic(ref, cur)).toBe(c.rawStatistic);
    const result = ksTwoSample(ref, cur, { method: c.method });
    expect(result.method).toBe(c.methodUsed);
    expect(result.statistic).toBe(c.statistic);
    // Exact: the same recursions in the same operation order (bit-identical in practice). Asymptotic: the
    // Kolmogorov distribution agrees with kstwo to ~1e-12 (see kolmogorov.test.ts), so 1e-10 holds throughout.
    expectClose(result.pValue, c.pValue, 1e-10, 1e-306, c.id);
    const viaPValue = ksPValue(c.rawStatistic, c.n1, c.n2, c.method);
    expect(viaPValue).toEqual({ pValue: result.pValue, method: result.method });
  });
});

describe('ksPValue: method selection and limits', () => {
  it("'auto' is exact up to max(n1, n2) = 10000 and asymptotic above", () => {
    expect(ksPValue(0.05, 10000, 10000).method).toBe('exact');
    expect(ksPValue(0.05, 10000, 10001).method).toBe('asymp');
    expect(ksPValue(0.3, 5, 20000).method).toBe('asymp');
    expect(ksPValue(0.3, 5, 20000, 'exact').method).toBe('exact');
  });

  it('d = 0 gives p = 1; d = 1 with large samples gives p = 0 or nearly', () => {
    expect(ksPValue(0, 10, 17)).toEqual({ pValue: 1, method: 'exact' });
    expect(ksPValue(0, 20000, 30000).pValue).toBe(1);
    expect(ksPValue(1, 20000, 30000).pValue).toBe(0);
    expect(ksPValue(1, 500, 700).pValue).toBeLessThan(1e-200);
  });

  it('n1 = n2 = 1 under asymp uses n = 1 (SciPy returns NaN there)', () => {
    expect(ksPValue(1, 1, 1, 'asymp')).toEqual({ pValue: 0, method: 'asymp' });
    expect(ksPValue(0.2, 1, 1, 'asymp').pValue).toBe(1);
  });

  it('the exact p-value is symmetric in the sample sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n1, n2, d) => {
          expect(ksPValue(d, n1, n2)).toEqual(ksPValue(d, n2, n1));
        }
      )
    );
  });

  it('the exact p-value falls as d grows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 0, max: 100 }),
        (n1, n2, k) => {
          const d = k / 100;
          const p = ksPValue(d, n1, n2).pValue;
          const q = ksPValue(Math.min(1, d + 0.05), n1, n2).pValue;
          expect(q).toBeLessThanOrEqual(p + 1e-12);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
      )
    );
  });

  it('matches a brute-force count of lattice paths for small samples', () => {
    // Enumerate all C(n1 + n2, n1) orderings of two samples and count those with D >= d.
    const bruteForce = (n1: number, n2: number, d: number): number => {
      let hits = 0;
      let total = 0;
      const walk = (i: number, j: number, maxGap: number): void => {
        const gap = Math.max(maxGap, Math.abs(i / n1 - j / n2));
        if (i === n1 && j === n2) {
          total++;
          if (gap >= d - 1e-12) hits++;
          return;
        }
        if (i < n1) walk(i + 1, j, gap);
        if (j < n2) walk(i, j + 1, gap);
      };
      walk(0, 0, 0);
      return hits / total;
    };
    for (const [n1, n2] of [
      [3, 4],
      [5, 5],
      [4, 6],
      [6, 9],
      [7, 3],
      [8, 8],
    ] as const) {
      let lcm = n1;
      while (lcm % n2 !== 0) lcm += n1;
      // Every attainable D is a multiple of 1/lcm(n1, n2); ksPValue rounds onto that lattice.
      for (let h = 1; h <= lcm; h++) {
        const d = h / lcm;
        const { pValue, method } = ksPValue(d, n1, n2, 'exact');
        if (method === 'exact') expectClose(pValue, bruteForce(n1, n2, d), 1e-12, 1e-15, `${n1}x${n2} d=${d}`);
      }
    }
  });

  it('rejects malformed arguments', () => {
    expect(() => ksPValue(-0.1, 5, 5)).toThrow(RangeError);
    expect(() => ksPValue(1.1, 5, 5)).toThrow(RangeError);
    expect(() => ksPValue(Number.NaN, 5, 5)).toThrow(RangeError);
    expect(() => ksPValue(0.5, 0, 5)).toThrow(RangeError);
    expect(() => ksPValue(0.5, 5, 2.5)).toThrow(RangeError);
    expect(() => ksPValue(0.5, 5, 5, 'approx' as KsMethod)).toThrow(RangeError);
    const empty = EmpiricalDistribution.fromValues([]);
    const one = EmpiricalDistribution.fromValues([1]);
    expect(() => ksStatistic(empty, one)).toThrow(RangeError);
    const fractional = EmpiricalDistribution.fromKnots([1, 2], [0.5, 1]);
    expect(() => ksTwoSample(fractional, one)).toThrow(RangeError);
  });

  it('computes the heaviest exact case (10000 × 9999, large D) quickly', () => {
    const start = performance.now();
    const { method, pValue } = ksPValue(0.9, 10000, 9999);
    const elapsed = performance.now() - start;
    expect(method).toBe('exact');
    expect(pValue).toBe(0);
    // About 1e8 simple steps; generous bound for slow CI machines under Jest's transform.
    expect(elapsed).toBeLessThan(5000);
  });
});

describe('ksStatistic: properties', () => {
  const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), {
    minLength: 1,
    maxLength: 60,
  });
  const small = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 40 });

  it('lies in [0, 1] and is symmetric', () => {
    fc.assert(
      fc.property(fc.oneof(values, small), fc.oneof(values, small), (a, b) => {
        const ra = EmpiricalDistribution.fromValues(a);
        const rb = EmpiricalDistribution.fromValues(b);
        const d = ksStatistic(ra, rb);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(1);
        expect(ksStatistic(rb, ra)).toBe(d);
      })
    );
  });

  it('is 0 with p = 1 for a sample against itself', () => {
    fc.assert(
      fc.property(fc.oneof(values, small), (a) => {
        const r = EmpiricalDistribution.fromValues(a);
        expect(ksStatistic(r, r)).toBe(0);
        const t = ksTwoSample(r, EmpiricalDistribution.fromValues([...a].reverse()));
        expect(t.statistic).toBe(0);
        expect(t.pValue).toBe(1);
      })
    );
  });

  it('equals the maximum CDF gap found by brute force', () => {
    fc.assert(
      fc.property(small, small, (a, b) => {
        let best = 0;
        for (const x of [...a, ...b]) {
          const fa = a.filter((v) => v <= x).length / a.length;
          const fb = b.filter((v) => v <= x).length / b.length;
          best = Math.max(best, Math.abs(fa - fb));
        }
        expect(ksStatistic(EmpiricalDistribution.fromValues(a), EmpiricalDistribution.fromValues(b))).toBe(best);
      })
    );
  });
});
