import fc from 'fast-check';
import { kolmogorovCdf, kolmogorovSf, smirnovSf } from '../../src/special/kolmogorov.js';
import { expectClose, loadFixture } from './helpers.js';

interface KstwoFixture {
  provenance: string;
  columns: ['n', 'x', 'sf', 'cdf'];
  cases: [number, number, number, number][];
}

const kstwo = loadFixture<KstwoFixture>('scipy-kstwo.json');
// Below the normal range (2.2e-308) a double has no relative precision left, hence the absolute floor.
const REL = 1e-10;
const ABS = 1e-306;

describe('kolmogorovSf / kolmogorovCdf against scipy.stats.kstwo', () => {
  it('the fixture covers every branch of the method selection', () => {
    const regions = new Set<string>();
    for (const [n, x] of kstwo.cases) {
      const t = n * x;
      const nx2 = t * x;
      if (x >= 1) regions.add('d>=1');
      else if (t <= 0.5) regions.add('below support');
      else if (t <= 1) regions.add(n <= 140 ? 'ruben-gambino-low-product' : 'ruben-gambino-low-stirling');
      else if (t >= n - 1) regions.add('ruben-gambino-high');
      else if (x >= 0.5) regions.add('2*smirnov (d>=0.5)');
      else if (n <= 140) regions.add(nx2 <= 0.754693 ? 'durbin-small-n' : nx2 <= 4 ? 'pomeranz' : 'miller');
      else if (nx2 >= 370) regions.add('sf underflow');
      else if (nx2 >= 2.2) regions.add(n > 1000000 ? 'smirnov-approximation' : 'smirnov-exact-sum');
      else if (n <= 100000 && n * x ** 1.5 <= 1.4) regions.add('durbin-large-n');
      else regions.add('pelz-good');
    }
    expect([...regions].sort()).toEqual(
      [
        '2*smirnov (d>=0.5)',
        'below support',
        'd>=1',
        'durbin-large-n',
        'durbin-small-n',
        'miller',
        'pelz-good',
        'pomeranz',
        'ruben-gambino-high',
        'ruben-gambino-low-product',
        'ruben-gambino-low-stirling',
        'sf underflow',
        'smirnov-approximation',
        'smirnov-exact-sum',
      ].sort()
    );
  });

  it.each(kstwo.cases.map((c) => [c[0], c[1], c[2], c[3]] as const))('n=%d d=%p', (n, x, sf, cdf) => {
    expectClose(kolmogorovSf(x, n), sf, REL, ABS, 'sf');
    expectClose(kolmogorovCdf(x, n), cdf, REL, ABS, 'cdf');
  });
});

describe('Kolmogorov distributions: structure', () => {
  it('cdf and sf add up to 1 and the sf falls with d', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const sfLo = kolmogorovSf(lo, n);
          const sfHi = kolmogorovSf(hi, n);
          expect(sfLo).toBeGreaterThanOrEqual(0);
          expect(sfLo).toBeLessThanOrEqual(1);
          expect(Math.abs(kolmogorovCdf(lo, n) + sfLo - 1)).toBeLessThan(1e-12);
          // Each method is exact to ~1e-13, so a monotonicity violation can only be that small.
          expect(sfHi).toBeLessThanOrEqual(sfLo + 1e-12);
        }
      ),
      { numRuns: 300 }
    );
  });

  it('for d >= 0.5 the two-sided tail is exactly twice the one-sided one', () => {
    for (const n of [2, 3, 7, 40, 300]) {
      for (const d of [0.5, 0.6, 0.75, 0.9]) {
        if (n * d >= n - 1) continue;
        expect(kolmogorovSf(d, n)).toBe(2 * smirnovSf(d, n));
      }
    }
  });

  it('smirnovSf matches closed forms: n = 1 gives 1 − d, d >= 1 − 1/n gives (1 − d)^n', () => {
    expect(smirnovSf(0.3, 1)).toBe(0.7);
    expectClose(smirnovSf(0.8, 5), 0.2 ** 5, 1e-14);
    // n = 2, 1/2 <= d < 1: P(D⁺ >= d) = (1 − d)² (Birnbaum–Tingey with a single term).
    expectClose(smirnovSf(0.6, 2), 0.16, 1e-14);
    // n = 2, d < 1/2: (1 − d)² + 2d(d + ½)^0 (½ − d)^1 = (1 − d)² + d(1 − 2d).
    expectClose(smirnovSf(0.3, 2), 0.49 + 0.3 * 0.4, 1e-14);
    expect(smirnovSf(0, 10)).toBe(1);
    expect(smirnovSf(1, 10)).toBe(0);
  });

  it('rejects sizes that are not positive integers and NaN statistics', () => {
    expect(() => kolmogorovSf(0.1, 0)).toThrow(RangeError);
    expect(() => kolmogorovSf(0.1, 2.5)).toThrow(RangeError);
    expect(() => kolmogorovCdf(Number.NaN, 5)).toThrow(RangeError);
    expect(() => smirnovSf(0.1, -1)).toThrow(RangeError);
  });
});
