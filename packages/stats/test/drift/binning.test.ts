import fc from 'fast-check';
import { EmpiricalDistribution, ReferenceBinning, binnedKsDistance, ksStatistic, toShares } from '../../src/index';

describe('fractional equal-probability binning', () => {
  it('puts a value between reference values in bin floor(#{r<x}·B/m)', () => {
    // Reference 1..10, B = 5: x = 4.5 has 4 values below, so bin floor(4·5/10) = 2.
    const b = new ReferenceBinning(EmpiricalDistribution.fromValues([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 5);
    expect(Array.from(b.counts([4.5]))).toEqual([0, 0, 1, 0, 0]);
    expect(Array.from(b.counts([0]))).toEqual([1, 0, 0, 0, 0]);
    expect(Array.from(b.counts([99]))).toEqual([0, 0, 0, 0, 1]);
  });

  it('spreads a tied value over its CDF step in proportion to the overlap (hand calculation)', () => {
    // Reference [1, 2, 2, 2, 3], B = 2: x = 2 has a = 1/5, b = 4/5. Overlap with [0, 1/2] is 3/10 and with
    // [1/2, 1] is 3/10, of a step 6/10 wide: half the mass in each bin.
    const b = new ReferenceBinning(EmpiricalDistribution.fromValues([1, 2, 2, 2, 3]), 2);
    expect(Array.from(b.counts([2]))).toEqual([0.5, 0.5]);
    // With B = 4: bins [0,.25] [.25,.5] [.5,.75] [.75,1]; step [.2,.8] overlaps .05, .25, .25, .05 of .6.
    const b4 = new ReferenceBinning(EmpiricalDistribution.fromValues([1, 2, 2, 2, 3]), 4);
    const c = b4.counts([2]);
    [0.05 / 0.6, 0.25 / 0.6, 0.25 / 0.6, 0.05 / 0.6].forEach((v, i) => expect(c[i]).toBeCloseTo(v, 14));
  });

  it('gives the reference against itself exactly 1/B per bin, whatever its ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 2, max: 40 }),
        (raw, bins) => {
          const ref = EmpiricalDistribution.fromValues(raw);
          const shares = toShares(new ReferenceBinning(ref, bins).countsOf(ref));
          for (const s of shares) expect(Math.abs(s - 1 / bins)).toBeLessThan(1e-12);
        }
      )
    );
  });

  it('conserves mass: every finite value adds exactly its weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 100 }),
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { maxLength: 100 }),
        (ref, cur) => {
          const counts = new ReferenceBinning(EmpiricalDistribution.fromValues(ref), 10).counts(cur);
          expect(counts.reduce((a, b) => a + b, 0)).toBeCloseTo(cur.length, 9);
        }
      )
    );
  });

  it('ignores non-finite values rather than corrupting counts', () => {
    const b = new ReferenceBinning(EmpiricalDistribution.fromValues([1, 2, 3]), 3);
    expect(Array.from(b.counts([Number.NaN, Infinity, -Infinity]))).toEqual([0, 0, 0]);
  });

  it('rejects fewer than two bins', () => {
    expect(() => new ReferenceBinning(EmpiricalDistribution.fromValues([1]), 1)).toThrow(RangeError);
  });

  it('reports bin upper edges at reference quantiles', () => {
    const b = new ReferenceBinning(EmpiricalDistribution.fromValues([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 5);
    expect(Array.from(b.upperEdges())).toEqual([2, 4, 6, 8, 10]);
  });
});

describe('binned KS distance', () => {
  it('is the largest gap between cumulative shares (hand calculation)', () => {
    // CDFs at the edges: p 0.25, 0.5, 0.75; q 0.5, 0.75, 0.875 → gaps 0.25, 0.25, 0.125.
    expect(binnedKsDistance([0.25, 0.25, 0.25, 0.25], [0.5, 0.25, 0.125, 0.125])).toBeCloseTo(0.25, 15);
    expect(binnedKsDistance([1, 1], [1, 1])).toBe(0);
  });

  it('never exceeds the KS statistic of the raw samples it bins', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 5, maxLength: 200 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 5, maxLength: 200 }),
        (r, c) => {
          const ref = EmpiricalDistribution.fromValues(r);
          const cur = EmpiricalDistribution.fromValues(c);
          const b = new ReferenceBinning(ref, 10);
          expect(binnedKsDistance(b.countsOf(ref), b.countsOf(cur))).toBeLessThanOrEqual(ksStatistic(ref, cur) + 1e-12);
        }
      )
    );
  });
});
