import fc from 'fast-check';
import { chiSquareGoodnessOfFit, chiSquareSurvival } from '../../src/drift/chi-square.js';
import { expectClose, loadFixture } from './helpers.js';

interface Chi2Fixture {
  provenance: string;
  survival: [number, number, number][];
  goodnessOfFit: { id: string; observed: number[]; shares: number[]; statistic: number; pValue: number; df: number }[];
}

interface PeerCase {
  id: string;
  reference: number[];
  current: number[];
  expected: Record<string, number>;
  tolerance: number;
}

const chi2 = loadFixture<Chi2Fixture>('scipy-chi2.json');
const peers = loadFixture<{ drift: PeerCase[] }>('peers.json');

describe('chiSquareSurvival against scipy.stats.chi2.sf', () => {
  it('the fixture reaches the far tail and df 1…200', () => {
    expect(Math.min(...chi2.survival.map((c) => c[2]).filter((p) => p > 0))).toBeLessThan(1e-280);
    expect(new Set(chi2.survival.map((c) => c[0])).size).toBeGreaterThanOrEqual(200);
  });

  it('agrees to 1e-10 relative at every grid point', () => {
    let worst = 0;
    for (const [df, x, sf] of chi2.survival) {
      const got = chiSquareSurvival(x, df);
      // Subnormal results (below 2.2e-308) have no relative precision left.
      expectClose(got, sf, 1e-10, 1e-306, `df=${df} x=${x}`);
      if (sf > 1e-300) worst = Math.max(worst, Math.abs(got - sf) / sf);
    }
    expect(worst).toBeLessThan(1e-10);
  });

  it('is 1 at and below 0, 0 at infinity, and rejects bad arguments', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(-2, 3)).toBe(1);
    expect(chiSquareSurvival(Infinity, 3)).toBe(0);
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
    expect(() => chiSquareSurvival(1, Infinity)).toThrow(RangeError);
    expect(() => chiSquareSurvival(Number.NaN, 2)).toThrow(RangeError);
  });

  it('matches closed forms: df = 2 is e^(−x/2), df = 1 is erfc(√(x/2))', () => {
    for (const x of [0.001, 0.5, 3, 40, 700, 1400]) expectClose(chiSquareSurvival(x, 2), Math.exp(-x / 2), 1e-13);
    // erfc(1) and erfc(3) to 17 digits.
    expectClose(chiSquareSurvival(2, 1), 0.15729920705028513, 1e-14);
    expectClose(chiSquareSurvival(18, 1), 2.209049699858544e-5, 1e-13);
  });

  it('lies in [0, 1] and falls as the statistic grows', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.integer({ min: 1, max: 300 }),
        (x, dx, df) => {
          const p = chiSquareSurvival(x, df);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(chiSquareSurvival(x + dx, df)).toBeLessThanOrEqual(p * (1 + 1e-13));
        }
      )
    );
  });
});

describe('chiSquareGoodnessOfFit', () => {
  const countsOf = (values: number[], categories: number[]): number[] =>
    categories.map((c) => values.filter((v) => v === c).length);

  it.each(peers.drift.filter((c) => c.id.startsWith('evidently-chisquare')).map((c) => [c.id, c] as const))(
    'reproduces %s (current counts against reference shares)',
    (_id, c) => {
      const categories = [...new Set(c.reference)].sort((a, b) => a - b);
      const reference = countsOf(c.reference, categories);
      const shares = reference.map((r) => r / c.reference.length);
      const result = chiSquareGoodnessOfFit(countsOf(c.current, categories), shares);
      expect(result.df).toBe(categories.length - 1);
      expectClose(result.pValue, c.expected['chiSquare.pValue']!, c.tolerance, 0, 'pValue');
      if (c.expected['chiSquare.statistic'] !== undefined) {
        expectClose(result.statistic, c.expected['chiSquare.statistic'], c.tolerance, 0, 'statistic');
      }
    }
  );

  it.each(chi2.goodnessOfFit.map((c) => [c.id, c] as const))('matches scipy.stats.chisquare: %s', (_id, c) => {
    const result = chiSquareGoodnessOfFit(c.observed, c.shares);
    expect(result.df).toBe(c.df);
    expectClose(result.statistic, c.statistic, 1e-12, 1e-12, 'statistic');
    expectClose(result.pValue, c.pValue, 1e-10, 1e-306, 'pValue');
  });

  it('gives statistic 0 and p = 1 when the counts are exactly proportional', () => {
    const r = chiSquareGoodnessOfFit([10, 20, 30], [1, 2, 3]);
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBe(1);
  });

  it('rejects zero shares, length mismatches, negative counts and a single category', () => {
    expect(() => chiSquareGoodnessOfFit([1, 2], [0.5, 0])).toThrow(RangeError);
    expect(() => chiSquareGoodnessOfFit([1, 2, 3], [0.5, 0.5])).toThrow(RangeError);
    expect(() => chiSquareGoodnessOfFit([1, -2], [0.5, 0.5])).toThrow(RangeError);
    expect(() => chiSquareGoodnessOfFit([4], [1])).toThrow(RangeError);
    expect(() => chiSquareGoodnessOfFit([0, 0], [0.5, 0.5])).toThrow(RangeError);
  });

  it('p lies in [0, 1] for arbitrary counts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0.001, max: 1, noNaN: true })), {
          minLength: 2,
          maxLength: 30,
        }),
        (cells) => {
          fc.pre(cells.some((c) => c[0] > 0));
          const r = chiSquareGoodnessOfFit(
            cells.map((c) => c[0]),
            cells.map((c) => c[1])
          );
          expect(r.statistic).toBeGreaterThanOrEqual(0);
          expect(r.pValue).toBeGreaterThanOrEqual(0);
          expect(r.pValue).toBeLessThanOrEqual(1);
        }
      )
    );
  });
});
