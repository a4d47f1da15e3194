import {
  driftNoiseFloor,
  simulatedNoiseFloor,
  noiseCorrection,
  noiseVariance,
  wilsonHilfertyUpperQuantile,
} from '../../src/drift/noise-floor.js';
import { jensenShannon, psi } from '../../src/drift/divergence.js';
import { chiSquareUpperQuantile } from '../../src/drift/chi-square.js';
import { seededRandom } from '../../src/sample/seeded-random.js';

type Floor = 'asymptotic' | 'corrected';

/** Share of seeded no-drift windows whose statistic exceeds a floor (drawn here, not by the code under test). */
function exceedRate(
  bins: number,
  n: number,
  m: number | null,
  alpha: number,
  windows: number,
  seed: number,
  which: Floor = 'corrected'
) {
  const random = seededRandom(seed);
  const computed = driftNoiseFloor({ bins, samples: n, referenceSize: m, alpha });
  const floor = which === 'corrected' ? computed : computed.asymptotic;
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
  it('is q·v·(1 + c·v) for PSI, v = 1/n + 1/m, c = (Σ 1/r − 1)/(K − 1), and sqrt of an eighth of it for JS', () => {
    // χ²(9) upper 1% quantile 21.665994333461924 (scipy.stats.chi2.isf(0.01, 9)); equal shares: c = K + 1 = 11.
    const f = driftNoiseFloor({ bins: 10, samples: 1000, alpha: 0.01 });
    expect(f.df).toBe(9);
    expect(Math.abs(f.quantile - 21.665994333461924)).toBeLessThan(1e-12);
    expect(f.correction).toBe(11);
    expect(f.asymptotic.psi).toBeCloseTo(0.021665994333461924, 15);
    expect(f.psi).toBeCloseTo(0.021665994333461924 * 1.011, 15);
    expect(f.jensenShannon).toBeCloseTo(Math.sqrt((0.021665994333461924 * 1.011) / 8), 15);
    expect(f.asymptotic.jensenShannon).toBeCloseTo(Math.sqrt(0.021665994333461924 / 8), 15);
    const both = driftNoiseFloor({ bins: 10, samples: 1000, referenceSize: 4000, alpha: 0.01 });
    expect(both.asymptotic.psi / f.asymptotic.psi).toBeCloseTo(1.25, 12);
    expect(both.psi).toBeCloseTo(21.665994333461924 * 0.00125 * (1 + 11 * 0.00125), 15);
    expect(noiseVariance(200)).toBe(1 / 200);
    // Shares .5, .3, .1, .1: c = (2 + 10/3 + 10 + 10 − 1)/3; zero shares are not bins.
    expect(noiseCorrection(4, [0.5, 0.3, 0.1, 0.1, 0])).toBeCloseTo(24.333333333333333 / 3, 14);
    expect(driftNoiseFloor({ bins: 4, samples: 100, alpha: 0.01, shares: [0.5, 0.3, 0.1, 0.1] }).correction).toBe(
      noiseCorrection(4, [0.5, 0.3, 0.1, 0.1])
    );
  });

  it('falls as 1/n to first order and rises as α falls', () => {
    const at = (samples: number, alpha: number) => driftNoiseFloor({ bins: 10, samples, alpha });
    expect(at(2000, 0.01).asymptotic.psi / at(1000, 0.01).asymptotic.psi).toBeCloseTo(0.5, 12);
    expect(at(2000, 0.01).psi / at(1000, 0.01).psi).toBeCloseTo((0.5 * (1 + 11 / 2000)) / (1 + 11 / 1000), 12);
    expect(at(1000, 0.001).psi).toBeGreaterThan(at(1000, 0.01).psi);
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
    [10, 200, null],
    [10, 200, 4000],
  ])('B = %i, n = %i, m = %p: the share above the floor is α within the binomial tolerance', (bins, n, m) => {
    const rate = exceedRate(bins, n, m, alpha, windows, 20261205 + bins + n);
    expect(Math.abs(rate.psi - alpha)).toBeLessThan(tolerance);
    expect(Math.abs(rate.jensenShannon - alpha)).toBeLessThan(tolerance);
  });

  it('first order, PSI and JS exceed α at small windows (heavier tails than Pearson); the correction brings them back', () => {
    // B = 20, n = 200: 10 values per bin. 20,000 windows: four standard deviations are 0.28 points.
    const many = 20000;
    const bound = alpha + 4 * Math.sqrt((alpha * (1 - alpha)) / many);
    const first = exceedRate(20, 200, null, alpha, many, 7, 'asymptotic');
    const corrected = exceedRate(20, 200, null, alpha, many, 7, 'corrected');
    expect(first.psi).toBeGreaterThan(bound);
    expect(first.jensenShannon).toBeGreaterThan(bound);
    expect(corrected.psi).toBeLessThan(bound);
    expect(corrected.jensenShannon).toBeLessThan(bound);
  });

  it('is poor with few values per bin: PSI empty bins count 1e-4 and overshoot the floor far more often than α', () => {
    // 2.5 expected values per bin: many empty bins, each adding about (1/B)·ln(1e-4·B) to PSI.
    const first = exceedRate(20, 50, null, alpha, 2000, 11, 'asymptotic');
    expect(first.psi).toBeGreaterThan(20 * alpha);
    expect(first.jensenShannon).toBeGreaterThan(2 * alpha);
    // The correction helps the Jensen–Shannon distance, which has no epsilon, but not PSI.
    const corrected = exceedRate(20, 50, null, alpha, 2000, 11);
    expect(corrected.psi).toBeGreaterThan(10 * alpha);
    expect(corrected.jensenShannon).toBeLessThan(alpha);
  });

  it('simulatedNoiseFloor approaches the asymptotic floor for large n and is reproducible by seed', () => {
    const input = { bins: 5, samples: 1000, alpha: 0.05, simulations: 2000 };
    const asymptotic = driftNoiseFloor(input).asymptotic;
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
