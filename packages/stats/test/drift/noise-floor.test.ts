import {
  driftNoiseFloor,
  simulatedNoiseFloor,
  noiseVariance,
  wilsonHilfertyUpperQuantile,
} from '../../src/drift/noise-floor.js';
import { jensenShannon, psi } from '../../src/drift/divergence.js';
import { chiSquareUpperQuantile } from '../../src/drift/chi-square.js';
import { seededRandom } from '../../src/sample/seeded-random.js';

/** Share of seeded no-drift windows whose statistic exceeds the asymptotic floor (drawn here, not by the code under test). */
function exceedRate(bins: number, n: number, m: number | null, alpha: number, windows: number, seed: number) {
  const random = seededRandom(seed);
  const floor = driftNoiseFloor({ bins, samples: n, referenceSize: m, alpha });
  const exact = new Float64Array(bins).fill(1 / bins);
  const draw = (size: number): Float64Array => {
    const shares = new Float64Array(bins);
    for (let i = 0; i < size; i++) shares[Math.floor(random() * bins)]! += 1 / size;
    return shares;
  };
  let psiAbove = 0;
  let jsAbove = 0;
  for (let w = 0; w < windows; w++) {
    const p = m === null ? exact : draw(m);
    const q = draw(n);
    if (psi(p, q) > floor.psi) psiAbove++;
    if (jensenShannon(p, q) > floor.jensenShannon) jsAbove++;
  }
  return { psi: psiAbove / windows, jensenShannon: jsAbove / windows };
}

describe('driftNoiseFloor', () => {
  it('is q·(1/n + 1/m) for PSI and sqrt of an eighth of it for the Jensen–Shannon distance', () => {
    // χ²(9) upper 1% quantile 21.665994333461924 (scipy.stats.chi2.isf(0.01, 9)).
    const f = driftNoiseFloor({ bins: 10, samples: 1000, alpha: 0.01 });
    expect(f.df).toBe(9);
    expect(Math.abs(f.quantile - 21.665994333461924)).toBeLessThan(1e-12);
    expect(f.psi).toBeCloseTo(0.021665994333461924, 15);
    expect(f.jensenShannon).toBeCloseTo(Math.sqrt(0.021665994333461924 / 8), 15);
    const both = driftNoiseFloor({ bins: 10, samples: 1000, referenceSize: 4000, alpha: 0.01 });
    expect(both.psi / f.psi).toBeCloseTo(1.25, 12);
    expect(noiseVariance(200)).toBe(1 / 200);
  });

  it('falls as 1/n and rises as α falls', () => {
    const at = (samples: number, alpha: number) => driftNoiseFloor({ bins: 10, samples, alpha }).psi;
    expect(at(2000, 0.01) / at(1000, 0.01)).toBeCloseTo(0.5, 12);
    expect(at(1000, 0.001)).toBeGreaterThan(at(1000, 0.01));
    expect(driftNoiseFloor({ bins: 2, samples: 1, alpha: 0.05 }).quantile).toBeCloseTo(
      chiSquareUpperQuantile(0.05, 1),
      14
    );
  });

  it('rejects inputs it has no answer for', () => {
    expect(() => driftNoiseFloor({ bins: 1, samples: 100, alpha: 0.01 })).toThrow(/bins/);
    expect(() => driftNoiseFloor({ bins: 10, samples: 0, alpha: 0.01 })).toThrow(/samples/);
    expect(() => driftNoiseFloor({ bins: 10, samples: 10, referenceSize: 0, alpha: 0.01 })).toThrow(/referenceSize/);
    expect(() => driftNoiseFloor({ bins: 10, samples: 10, alpha: 1 })).toThrow(/alpha/);
  });
});

describe('the noise floor by simulation (seeded multinomial draws from equal shares)', () => {
  const alpha = 0.01;
  const windows = 4000;
  // Binomial tolerance: four standard deviations of a share of `windows` draws at α.
  const tolerance = 4 * Math.sqrt((alpha * (1 - alpha)) / windows);

  it.each([
    [5, 500, null],
    [5, 500, 500],
    [3, 600, null],
  ])('B = %i, n = %i, m = %p: the share above the floor is α within the binomial tolerance', (bins, n, m) => {
    const rate = exceedRate(bins, n, m, alpha, windows, 20261205 + bins + n);
    expect(Math.abs(rate.psi - alpha)).toBeLessThan(tolerance);
    expect(Math.abs(rate.jensenShannon - alpha)).toBeLessThan(tolerance);
  });

  it('is poor with few values per bin: PSI empty bins count 1e-4 and overshoot the floor far more often than α', () => {
    // 2.5 expected values per bin: many empty bins, each adding about (1/B)·ln(1e-4·B) to PSI.
    const rate = exceedRate(20, 50, null, alpha, 2000, 11);
    expect(rate.psi).toBeGreaterThan(20 * alpha);
    // The Jensen–Shannon distance has no epsilon and degrades less, but still exceeds α.
    expect(rate.jensenShannon).toBeGreaterThan(2 * alpha);
  });

  it('simulatedNoiseFloor approaches the asymptotic floor for large n and is reproducible by seed', () => {
    const input = { bins: 5, samples: 1000, alpha: 0.05, simulations: 2000 };
    const asymptotic = driftNoiseFloor(input);
    const mcPsi = simulatedNoiseFloor({ ...input, statistic: 'psi', random: seededRandom(3) });
    const mcJs = simulatedNoiseFloor({ ...input, statistic: 'jensenShannon', random: seededRandom(3) });
    expect(Math.abs(mcPsi / asymptotic.psi - 1)).toBeLessThan(0.06);
    expect(Math.abs(mcJs / asymptotic.jensenShannon - 1)).toBeLessThan(0.03);
    expect(simulatedNoiseFloor({ ...input, statistic: 'psi', random: seededRandom(3) })).toBe(mcPsi);
    expect(() => simulatedNoiseFloor({ ...input, simulations: 0, statistic: 'psi', random: seededRandom(3) })).toThrow(
      /simulations/
    );
  });
});

describe('wilsonHilfertyUpperQuantile: what the rules evaluate past their exact table', () => {
  it.each([
    [0.05, 51, 1e-4],
    [0.01, 51, 2.5e-4],
    [0.001, 51, 1e-3],
    [0.0001, 51, 2e-3],
  ])('at α = %p its relative error past df %i stays below %p', (alpha, table, bound) => {
    let worst = 0;
    for (let df = table + 1; df <= 3000; df += 1) {
      worst = Math.max(worst, Math.abs(wilsonHilfertyUpperQuantile(alpha, df) / chiSquareUpperQuantile(alpha, df) - 1));
    }
    expect(worst).toBeLessThan(bound);
    // …and the table is needed: at df = 1 the closed form is off by far more.
    expect(Math.abs(wilsonHilfertyUpperQuantile(alpha, 1) / chiSquareUpperQuantile(alpha, 1) - 1)).toBeGreaterThan(
      bound
    );
  });
});
