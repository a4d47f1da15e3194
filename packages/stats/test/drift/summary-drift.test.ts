import fc from 'fast-check';
import {
  EmpiricalDistribution,
  StreamingNumericColumn,
  ksPValue,
  numericDrift,
  seededRandom,
  type SummaryNumericDrift,
} from '../../src/index';

function normalSample(n: number, seed: number, shift = 0, scale = 1): number[] {
  const random = seededRandom(seed);
  return Array.from(
    { length: n },
    () => shift + scale * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  );
}

function streamed(reference: EmpiricalDistribution, values: number[], capacity: number): SummaryNumericDrift {
  const column = new StreamingNumericColumn(reference, { capacity });
  column.addAll(values);
  return column.drift({ ksMethod: 'asymp' });
}

/** Every statistic from the summary is within its stated bound of the exact one; the p-value is never lower. */
function expectWithinBounds(reference: EmpiricalDistribution, values: number[], capacity: number): void {
  const exact = numericDrift(reference, EmpiricalDistribution.fromValues(values), { ksMethod: 'asymp' });
  const s = streamed(reference, values, capacity);
  expect(Math.abs(s.ks.statistic - exact.ks.statistic)).toBeLessThanOrEqual(s.bounds.ksStatistic + 1e-12);
  expect(s.ks.pValue).toBeGreaterThanOrEqual(exact.ks.pValue);
  expect(Math.abs(s.wasserstein - exact.wasserstein)).toBeLessThanOrEqual(s.bounds.wasserstein * (1 + 1e-9) + 1e-12);
  expect(s.psi).toBeCloseTo(exact.psi, 12);
  expect(s.jensenShannon).toBeCloseTo(exact.jensenShannon, 12);
  s.binShares.forEach((share, j) => expect(share).toBeCloseTo(exact.binShares[j]!, 12));
}

describe('numeric drift from a streamed column', () => {
  const reference = EmpiricalDistribution.fromValues(normalSample(4000, 1));

  it('is exact while the summary has not compacted', () => {
    const values = normalSample(500, 2, 0.3);
    const exact = numericDrift(reference, EmpiricalDistribution.fromValues(values), { ksMethod: 'asymp' });
    const s = streamed(reference, values, 1024);
    expect(s.bounds.ksStatistic).toBe(0);
    expect(s.ks.statistic).toBe(exact.ks.statistic);
    expect(s.ks.pValue).toBe(exact.ks.pValue);
    expect(s.wasserstein).toBeCloseTo(exact.wasserstein, 12);
  });

  it('keeps KS, its p-value and Wasserstein within the stated bounds on shifted, scaled and tied data', () => {
    expectWithinBounds(reference, normalSample(30_000, 3, 0.05), 64);
    expectWithinBounds(reference, normalSample(30_000, 4, 0, 2), 32);
    expectWithinBounds(
      reference,
      normalSample(20_000, 5).map((x) => Math.round(x * 4) / 4),
      16
    );
    // Adversarial orders: sorted ascending and descending, and blocks that repeat the same values.
    const sorted = normalSample(20_000, 6, 0.2).sort((a, b) => a - b);
    expectWithinBounds(reference, sorted, 16);
    expectWithinBounds(reference, [...sorted].reverse(), 16);
  });

  it('keeps the bounds on random data (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1 << 30 }),
        fc.integer({ min: 200, max: 6000 }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.constantFrom(4, 16, 64),
        (seed, n, shift, scale, capacity) =>
          expectWithinBounds(reference, normalSample(n, seed, shift, scale), capacity)
      ),
      { seed: 23, numRuns: 60 }
    );
  });

  it('takes the p-value at D̂ − ε, the largest p-value the exact D allows', () => {
    const values = normalSample(50_000, 7, 0.01);
    const s = streamed(reference, values, 64);
    const atLowerEnd = ksPValue(Math.max(0, s.ks.statistic - s.bounds.ksStatistic), 4000, 50_000, 'asymp');
    expect(s.ks.pValue).toBe(atLowerEnd.pValue);
    expect(s.bounds.ksStatistic).toBeGreaterThan(0);
  });

  it('merges columns read in parts into the statistics of the whole, within the bounds', () => {
    const parts = [normalSample(9000, 8, 0.1), normalSample(7000, 9, 0.1), normalSample(100, 10, 0.1)];
    const merged = new StreamingNumericColumn(reference, { capacity: 32 });
    for (const part of parts) {
      const c = new StreamingNumericColumn(reference, { capacity: 32 });
      c.addAll(part);
      merged.merge(c);
    }
    const all = parts.flat();
    const exact = numericDrift(reference, EmpiricalDistribution.fromValues(all), { ksMethod: 'asymp' });
    const s = merged.drift({ ksMethod: 'asymp' });
    expect(merged.count).toBe(all.length);
    expect(s.psi).toBeCloseTo(exact.psi, 12);
    expect(Math.abs(s.ks.statistic - exact.ks.statistic)).toBeLessThanOrEqual(s.bounds.ksStatistic);
    expect(Math.abs(s.wasserstein - exact.wasserstein)).toBeLessThanOrEqual(s.bounds.wasserstein);
    const other = new StreamingNumericColumn(EmpiricalDistribution.fromValues([1, 2, 3]), { capacity: 32 });
    expect(() => merged.merge(other)).toThrow(/different references/);
  });
});
