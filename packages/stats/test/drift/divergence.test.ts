import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { categoricalDrift, EmpiricalDistribution, jensenShannon, numericDrift, psi } from '../../src/index';

interface DriftCase {
  id: string;
  reference: (number | string)[];
  current: (number | string)[];
  expected: Record<string, number>;
  tolerance: number;
}
const peers = JSON.parse(readFileSync(join(__dirname, '../fixtures/peers.json'), 'utf8')) as { drift: DriftCase[] };

function counts(values: (number | string)[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(String(v), (m.get(String(v)) ?? 0) + 1);
  return m;
}

describe('categorical drift against published Evidently vectors', () => {
  for (const c of peers.drift) {
    it(c.id, () => {
      const d = categoricalDrift(counts(c.reference), counts(c.current));
      const actual: Record<string, number | undefined> = {
        psi: d.psi,
        hellinger: d.hellinger,
        'chiSquare.statistic': d.chiSquare?.statistic,
        'chiSquare.pValue': d.chiSquare?.pValue,
      };
      for (const [key, value] of Object.entries(c.expected)) {
        expect({ key, diff: Math.abs(actual[key]! - value) <= c.tolerance }).toEqual({ key, diff: true });
      }
    });
  }

  it('excludes unseen categories from the chi-square and reports their share', () => {
    const d = categoricalDrift({ a: 50, b: 50 }, { a: 40, b: 40, c: 20 });
    expect(d.newCategoryShare).toBeCloseTo(0.2, 15);
    // Observed 40/40 against expected 40/40: a perfect fit once the unseen category is set aside.
    expect(d.chiSquare).toEqual({ statistic: 0, pValue: 1, df: 1 });
    // Shares over the union: c has reference share 0, replaced by 1e-4 in PSI.
    expect(d.psi).toBeCloseTo(2 * (0.4 - 0.5) * Math.log(0.4 / 0.5) + (0.2 - 1e-4) * Math.log(0.2 / 1e-4), 12);
  });
});

describe('PSI and Jensen–Shannon', () => {
  it('match a hand calculation', () => {
    // p = (0.5, 0.5), q = (0.25, 0.75): PSI = (0.25−0.5)·ln(0.5) + (0.75−0.5)·ln(1.5)
    expect(psi([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(-0.25 * Math.log(0.5) + 0.25 * Math.log(1.5), 15);
    // Disjoint supports reach the maximum sqrt(ln 2).
    expect(jensenShannon([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.LN2), 15);
    // m = (0.375, 0.625): JS² = ½[0.5 ln(0.5/0.375) + 0.5 ln(0.5/0.625) + 0.25 ln(0.25/0.375) + 0.75 ln(0.75/0.625)]
    const js2 =
      0.5 *
      (0.5 * Math.log(0.5 / 0.375) +
        0.5 * Math.log(0.5 / 0.625) +
        0.25 * Math.log(0.25 / 0.375) +
        0.75 * Math.log(0.75 / 0.625));
    expect(jensenShannon([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(Math.sqrt(js2), 15);
  });

  it('are 0 for identical samples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e3, max: 1e3 }), { minLength: 2, maxLength: 200 }),
        (values) => {
          const s = EmpiricalDistribution.fromValues(values);
          const d = numericDrift(s, s);
          expect(Math.abs(d.psi)).toBeLessThan(1e-12);
          expect(d.jensenShannon).toBeLessThan(1e-6);
          expect(d.ks.statistic).toBe(0);
          expect(d.wasserstein).toBe(0);
        }
      )
    );
  });

  it('grow as more of the current sample moves away from the reference', () => {
    // Shares along the mixture (1 − t)·p + t·q: an f-divergence from p is convex in t and 0 at t = 0, so it
    // strictly increases; t < 1 keeps every share positive, so the 1e-4 replacement never applies.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0.5, max: 100, noNaN: true }), (seed, shift) => {
        const ref = Array.from({ length: 200 }, (_, i) => Math.sin(seed * (i + 1)) * 10);
        const sample = EmpiricalDistribution.fromValues(ref);
        const moved = ref.map((x) => x + shift);
        let previous = { psi: 0, js: 0 };
        for (const away of [1, 3, 6, 9]) {
          const current = [
            ...Array.from({ length: 10 - away }, () => ref).flat(),
            ...Array.from({ length: away }, () => moved).flat(),
          ];
          const d = numericDrift(sample, EmpiricalDistribution.fromValues(current));
          expect(d.psi).toBeGreaterThanOrEqual(previous.psi);
          expect(d.jensenShannon).toBeGreaterThanOrEqual(previous.js);
          previous = { psi: d.psi, js: d.jensenShannon };
        }
        expect(previous.psi).toBeGreaterThan(0);
      }),
      { numRuns: 40 }
    );
  });

  it('are symmetric in their arguments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 3 }),
        (a, b) => {
          fc.pre(a.some((x) => x > 0) && b.some((x) => x > 0));
          expect(Math.abs(psi(a, b) - psi(b, a))).toBeLessThanOrEqual(1e-12 * Math.max(1, psi(a, b)));
          expect(jensenShannon(a, b)).toBeCloseTo(jensenShannon(b, a), 12);
        }
      )
    );
  });
});
