import fc from 'fast-check';
import { chiSquareQuantile, chiSquareSurvival, chiSquareUpperQuantile } from '../../src/drift/chi-square.js';
import { inverseRegularizedGamma } from '../../src/special/inverse-gamma.js';
import { regularizedGammaP } from '../../src/special/gamma.js';
import { expectClose, loadFixture } from './helpers.js';

interface QuantileFixture {
  provenance: string;
  ppf: [number, number, number][];
  isf: [number, number, number][];
}

const fixture = loadFixture<QuantileFixture>('scipy-chi2-quantile.json');

describe('chiSquareQuantile against scipy.stats.chi2.ppf and isf', () => {
  it('the fixture spans df 0.1…10000 and tails down to 1e-15', () => {
    expect(fixture.provenance).toMatch(/scipy \d/);
    expect(new Set(fixture.ppf.map((c) => c[0])).size).toBeGreaterThanOrEqual(20);
    expect(Math.min(...fixture.isf.map((c) => c[1]))).toBeLessThanOrEqual(1e-15);
  });

  it('lower quantiles agree to 1e-10 relative', () => {
    for (const [df, p, q] of fixture.ppf) expectClose(chiSquareQuantile(p, df), q, 1e-10, 0, `ppf df=${df} p=${p}`);
  });

  it('upper quantiles agree to 1e-10 relative', () => {
    for (const [df, alpha, q] of fixture.isf) {
      expectClose(chiSquareUpperQuantile(alpha, df), q, 1e-10, 0, `isf df=${df} alpha=${alpha}`);
    }
  });

  it('inverts the survival function it is built on', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 400 }), (alpha, df) => {
        const x = chiSquareUpperQuantile(alpha, df);
        expectClose(chiSquareSurvival(x, df), alpha, 1e-9, 0, `df=${df} alpha=${alpha}`);
      })
    );
  });

  it('matches closed forms: df = 2 is −2 ln α', () => {
    for (const alpha of [1e-300, 1e-9, 0.01, 0.5, 0.9])
      expectClose(chiSquareUpperQuantile(alpha, 2), -2 * Math.log(alpha), 1e-13);
  });

  it('has the ends and rejects bad arguments', () => {
    expect(chiSquareQuantile(0, 3)).toBe(0);
    expect(chiSquareQuantile(1, 3)).toBe(Infinity);
    expect(chiSquareUpperQuantile(1, 3)).toBe(0);
    expect(chiSquareUpperQuantile(0, 3)).toBe(Infinity);
    expect(() => chiSquareQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => chiSquareQuantile(1.5, 2)).toThrow(RangeError);
    expect(() => chiSquareUpperQuantile(Number.NaN, 2)).toThrow(RangeError);
  });

  it('inverseRegularizedGamma inverts P for shapes below 1', () => {
    for (const a of [0.05, 0.3, 0.9]) {
      for (const p of [1e-8, 0.2, 0.5, 0.97])
        expectClose(regularizedGammaP(a, inverseRegularizedGamma(a, p)), p, 1e-10);
    }
  });
});
