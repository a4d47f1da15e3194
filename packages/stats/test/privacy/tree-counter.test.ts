import {
  TreeCounter,
  dyadicCover,
  laplace,
  popcount,
  privateRateStdDev,
  seededRandom,
  treeCounterMaxStdDev,
  treeCounterStdDev,
  treeLevels,
} from '../../src/index';

describe('binary-tree mechanism: structure', () => {
  it('tiles [1, t] with one dyadic block per set bit of t (by hand)', () => {
    expect(dyadicCover(1)).toEqual([[1, 1]]);
    expect(dyadicCover(6)).toEqual([
      [1, 4],
      [5, 6],
    ]);
    // 13 = 8 + 4 + 1
    expect(dyadicCover(13)).toEqual([
      [1, 8],
      [9, 12],
      [13, 13],
    ]);
    expect(dyadicCover(16)).toEqual([[1, 16]]);
    for (let t = 1; t <= 300; t++) {
      const blocks = dyadicCover(t);
      expect(blocks.length).toBe(popcount(t));
      // Contiguous, from 1 to t, every block aligned to its own size.
      let next = 1;
      for (const [s, e] of blocks) {
        expect(s).toBe(next);
        const size = e - s + 1;
        expect(Math.log2(size) % 1).toBe(0);
        expect((s - 1) % size).toBe(0);
        next = e + 1;
      }
      expect(next).toBe(t + 1);
    }
  });

  it('has ⌊log₂ T⌋ + 1 levels and a Laplace scale of L/ε', () => {
    expect(treeLevels(1)).toBe(1);
    expect(treeLevels(7)).toBe(3);
    expect(treeLevels(8)).toBe(4);
    expect(treeLevels(1024)).toBe(11);
    const c = new TreeCounter({ epsilon: 0.5, horizon: 1024, random: seededRandom(1) });
    expect(c.levels).toBe(11);
    expect(c.scale).toBe(22);
    // 1023 = ten set bits: √(2·10)·22
    expect(treeCounterStdDev(1023, 0.5, 1024)).toBeCloseTo(Math.sqrt(20) * 22, 12);
    expect(treeCounterMaxStdDev(0.5, 1024)).toBeCloseTo(Math.sqrt(22) * 22, 12);
  });

  it('draws Laplace noise by inversion (by hand: u = 0.75 gives b·ln 2, u = 0.5 gives 0)', () => {
    expect(laplace(() => 0.75, 3)).toBeCloseTo(3 * Math.LN2, 14);
    expect(laplace(() => 0.25, 3)).toBeCloseTo(-3 * Math.LN2, 14);
    expect(laplace(() => 0.5, 3)).toBe(0);
    expect(laplace(() => 0, 3)).toBe(0);
  });

  it('releases the true count plus the noise of the covering blocks, rounded, as a running maximum (by hand)', () => {
    // ε = 4, T = 8: L = 4 levels, scale 1; every draw is ln 2, so the release at t is t + popcount(t)·ln 2.
    const c = new TreeCounter({ epsilon: 4, horizon: 8, random: () => 0.75 });
    const released = Array.from({ length: 8 }, () => c.step(1));
    // t:        1      2      3      4      5      6      7      8
    // noisy: 1.693  2.693  4.386  4.693  6.386  7.386  9.079  8.693
    expect(released).toEqual([2, 3, 4, 5, 6, 7, 9, 9]);
    expect(c.noisySum).toBeCloseTo(8 + Math.LN2, 12);
  });

  it('is exact with zero noise, whatever the increments', () => {
    const c = new TreeCounter({ epsilon: 1, horizon: 100, random: () => 0.5 });
    const increments = [3, 0, 5, 1, 0, 0, 7, 2, 9, 4, 1];
    let total = 0;
    for (const x of increments) {
      total += x;
      expect(c.step(x)).toBe(total);
      expect(c.noisySum).toBe(total);
    }
  });

  it('stays monotone and non-negative under heavy noise', () => {
    const c = new TreeCounter({ epsilon: 0.01, horizon: 4096, random: seededRandom(7) });
    let previous = 0;
    let negativeNoisy = 0;
    for (let t = 1; t <= 4096; t++) {
      const v = c.step(t % 3 === 0 ? 1 : 0);
      expect(v).toBeGreaterThanOrEqual(previous);
      expect(Number.isInteger(v)).toBe(true);
      if (c.noisySum < 0) negativeNoisy++;
      previous = v;
    }
    // The raw sums did go negative, so the floor and the running maximum were exercised.
    expect(negativeNoisy).toBeGreaterThan(0);
  });

  it('is reproducible with a seed', () => {
    const run = (seed: number): number[] => {
      const c = new TreeCounter({ epsilon: 1, horizon: 256, random: seededRandom(seed) });
      return Array.from({ length: 256 }, (_, t) => c.step(t % 5));
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it('keeps O(log T) memory and holds its value past the horizon', () => {
    const c = new TreeCounter({ epsilon: 1, horizon: 1000, random: seededRandom(3) });
    const exact = (c as unknown as { exact: Float64Array }).exact;
    const noisy = (c as unknown as { noisy: Float64Array }).noisy;
    expect(exact.length).toBe(10);
    expect(noisy.length).toBe(10);
    let last = 0;
    for (let t = 0; t < 1000; t++) last = c.step(1);
    expect(c.exhausted).toBe(true);
    for (let t = 0; t < 500; t++) expect(c.step(100)).toBe(last);
    expect(c.steps).toBe(1000);
    expect((c as unknown as { exact: Float64Array }).exact).toBe(exact);
    expect(new TreeCounter({ epsilon: 1, horizon: 2 ** 40, random: Math.random }).levels).toBe(41);
  });

  it('ignores increments that are not finite numbers ≥ 0 instead of poisoning the sums', () => {
    const c = new TreeCounter({ epsilon: 1, horizon: 16, random: () => 0.5 });
    c.step(2);
    c.step(Number.NaN);
    c.step(-5);
    c.step(Number.POSITIVE_INFINITY);
    expect(c.step(1)).toBe(3);
  });

  it('refuses a bad budget or horizon in one line naming the key', () => {
    expect(() => new TreeCounter({ epsilon: 0, horizon: 8, random: Math.random })).toThrow(/^epsilon: .*above 0/);
    expect(() => new TreeCounter({ epsilon: -1, horizon: 8, random: Math.random })).toThrow(/^epsilon:/);
    expect(() => new TreeCounter({ epsilon: 1, horizon: 0, random: Math.random })).toThrow(/^horizon:/);
    expect(() => new TreeCounter({ epsilon: 1, horizon: 2.5, random: Math.random })).toThrow(/^horizon:/);
  });
});

describe('binary-tree mechanism: error against its bound (seeded)', () => {
  it('has the standard deviation √(2·popcount(t))·L/ε at every step, and the release stays within the bound', () => {
    const epsilon = 1;
    const horizon = 256;
    const runs = 2000;
    const random = seededRandom(2026);
    const sumSq = new Float64Array(horizon + 1);
    let releasedWithin = 0;
    let releasedTotal = 0;
    for (let r = 0; r < runs; r++) {
      const c = new TreeCounter({ epsilon, horizon, random });
      let total = 0;
      for (let t = 1; t <= horizon; t++) {
        const x = (t * 7 + r) % 4;
        total += x;
        const v = c.step(x);
        const e = c.noisySum - total;
        sumSq[t]! += e * e;
        // The released value is off by at most the largest noise so far plus rounding: 4 max standard deviations
        // bound it with high probability.
        releasedTotal++;
        if (Math.abs(v - total) <= 4 * treeCounterMaxStdDev(epsilon, horizon) + 0.5) releasedWithin++;
      }
    }
    // The empirical standard deviation at t = 255 (8 blocks), 128 (1 block) and 192 (2 blocks) against theory:
    // with 2000 runs its relative standard error is about √(Var(e²)/n)/(2σ²) ≈ 3.5 % (Laplace kurtosis 6).
    for (const t of [255, 128, 192, 100]) {
      const sd = Math.sqrt(sumSq[t]! / runs);
      const theory = treeCounterStdDev(t, epsilon, horizon);
      expect(sd / theory).toBeGreaterThan(0.85);
      expect(sd / theory).toBeLessThan(1.15);
    }
    expect(releasedWithin / releasedTotal).toBeGreaterThan(0.999);
  });
});

describe('noise of a rate of released counters', () => {
  it('follows the delta method (by hand) and matches a simulation', () => {
    // ε = 1, T = 8: L = 4, largest count sd √8·4 = 11.31; over a window √2 times that = 16; p = 0.25, n = 400:
    // 16·√(0.75² + 0.25²)/400 = 16·0.7906/400 = 0.031623.
    expect(privateRateStdDev(0.25, 400, 1, 8)).toBeCloseTo((16 * Math.sqrt(0.625)) / 400, 12);
    expect(privateRateStdDev(0.25, 400, 1, 8, { numerator: 1, rest: 1 }, false)).toBeCloseTo(
      (Math.sqrt(128) * Math.sqrt(0.625)) / 400,
      12
    );
    expect(privateRateStdDev(0.5, 0, 1, 8)).toBeNaN();
    // Simulation at the step with the most blocks (t = 7 = 4 + 2 + 1 of T = 7, L = 3): two independent counters,
    // a = 300 and b = 700; the rate's sd must come out under the bound (it uses the largest block count) and near it.
    const random = seededRandom(99);
    const rates: number[] = [];
    for (let r = 0; r < 4000; r++) {
      const ca = new TreeCounter({ epsilon: 2, horizon: 7, random });
      const cb = new TreeCounter({ epsilon: 2, horizon: 7, random });
      for (let t = 1; t <= 7; t++) {
        ca.step(t === 1 ? 300 : 0);
        cb.step(t === 1 ? 700 : 0);
      }
      rates.push(ca.noisySum / (ca.noisySum + cb.noisySum));
    }
    const mean = rates.reduce((s, x) => s + x, 0) / rates.length;
    const sd = Math.sqrt(rates.reduce((s, x) => s + (x - mean) ** 2, 0) / (rates.length - 1));
    // popcount(7) = 3 of at most L = 3 blocks, so the bound is attained: single release, no window.
    const theory = privateRateStdDev(0.3, 1000, 2, 7, { numerator: 1, rest: 1 }, false);
    expect(sd / theory).toBeGreaterThan(0.9);
    expect(sd / theory).toBeLessThan(1.1);
  });
});
