import fc from 'fast-check';
import { EmpiricalDistribution, QuantileSummary, seededRandom } from '../../src/index';

/** R(x) = #{v <= x} of raw values, by binary search over the sorted copy. */
function exactRank(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** sup |R̂ − R| and ∫ |R̂ − R| dx: both are step functions that change only at data values. */
function observedErrors(values: number[], summary: QuantileSummary): { sup: number; integral: number } {
  const sorted = Float64Array.from(values).sort();
  const approx = summary.toDistribution();
  const points = Array.from(new Set(values)).sort((a, b) => a - b);
  let sup = 0;
  let integral = 0;
  for (let i = 0; i < points.length; i++) {
    const x = points[i]!;
    const gap = Math.abs(approx.countAtOrBelow(x) - exactRank(sorted, x));
    sup = Math.max(sup, gap);
    if (i + 1 < points.length) integral += gap * (points[i + 1]! - x);
  }
  return { sup, integral };
}

/** The a priori bounds of the docs: rank error <= H/k and at most k(H + 1) values held. */
function expectAPrioriBounds(summary: QuantileSummary): void {
  const n = summary.count;
  expect(summary.rankError).toBeLessThanOrEqual(QuantileSummary.rankErrorFor(n, summary.capacity) + 1e-12);
  expect(summary.retained).toBeLessThanOrEqual(QuantileSummary.retainedFor(n, summary.capacity));
}

function expectCertifiedBounds(values: number[], summary: QuantileSummary): void {
  const { sup, integral } = observedErrors(values, summary);
  expect(sup).toBeLessThanOrEqual(summary.rankErrorBound);
  expect(integral).toBeLessThanOrEqual(summary.integralErrorBound * (1 + 1e-9) + 1e-9);
  expect(summary.toDistribution().size).toBe(values.length);
  expectAPrioriBounds(summary);
}

function summaryOf(values: number[], capacity: number): QuantileSummary {
  const s = new QuantileSummary(capacity);
  s.addAll(values);
  return s;
}

/** Streams built to push every compaction's error the same way, and the usual hard cases for summaries. */
function adversarial(n: number, seed: number): Record<string, number[]> {
  const random = seededRandom(seed);
  const ascending = Array.from({ length: n }, (_, i) => i);
  return {
    ascending,
    descending: ascending.map((i) => n - i),
    constant: ascending.map(() => 7),
    twoValues: ascending.map((i) => (i % 3 === 0 ? 1 : 2)),
    alternatingExtremes: ascending.map((i) => (i % 2 === 0 ? -1e6 - i : 1e6 + i)),
    organPipe: ascending.map((i) => (i < n / 2 ? i : n - i)),
    heavyTail: ascending.map(() => 1 / (1 - random()) ** 3),
    fewDistinct: ascending.map(() => Math.floor(random() * 5)),
    zigzagBlocks: ascending.map((i) => ((i * 7919) % 64) + Math.floor(i / 64) * 0.001),
  };
}

describe('deterministic compactor quantile summary', () => {
  it('matches a hand calculation on two values', () => {
    // Capacity 2: [3, 1] sorts to [1, 3], the even position (1) moves up with weight 2. For x in [1, 3) the summary
    // counts 2 values <= x, the data 1: error 1 = 2^0, over an interval 3 − 1 = 2 long.
    const s = summaryOf([3, 1], 2);
    expect(Array.from(s.toDistribution().values)).toEqual([1]);
    expect(Array.from(s.toDistribution().counts)).toEqual([2]);
    expect(s.rankErrorBound).toBe(1);
    expect(s.integralErrorBound).toBe(2);
    expect([s.min, s.max]).toEqual([1, 3]);
  });

  it('is exact while nothing has been compacted', () => {
    const values = [5, 1, 4, 1, 3];
    const s = summaryOf(values, 8);
    expect(s.rankErrorBound).toBe(0);
    expect(s.toDistribution()).toEqual(EmpiricalDistribution.fromValues(values));
  });

  it.each(Object.entries(adversarial(20_000, 3)))('keeps its certified bounds on %s data', (_name, values) => {
    for (const capacity of [2, 16, 128]) expectCertifiedBounds(values, summaryOf(values, capacity));
  });

  it('keeps its certified bounds on random data (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), { maxLength: 3000 }),
        fc.constantFrom(2, 4, 8, 32, 256),
        (values, capacity) => expectCertifiedBounds(values, summaryOf(values, capacity))
      ),
      { seed: 17, numRuns: 200 }
    );
  });

  it('merges: the merged summary bounds the error on the union, and its bound is the sum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 1500 }), { minLength: 1, maxLength: 5 }),
        (parts) => {
          const capacity = 16;
          const merged = new QuantileSummary(capacity);
          let sum = 0;
          for (const part of parts) {
            const s = summaryOf(part, capacity);
            sum += s.rankErrorBound;
            const before = merged.rankErrorBound;
            merged.merge(s);
            // Merging adds the other bound plus the compactions the merge itself makes (never less).
            expect(merged.rankErrorBound).toBeGreaterThanOrEqual(before + s.rankErrorBound);
          }
          expect(merged.rankErrorBound).toBeGreaterThanOrEqual(sum);
          expectCertifiedBounds(parts.flat(), merged);
        }
      ),
      { seed: 5, numRuns: 150 }
    );
  });

  it('adding a batch gives the same summary as adding its values one by one', () => {
    const values = adversarial(9000, 4).heavyTail!;
    const one = new QuantileSummary(32);
    for (const x of values) one.add(x);
    const batched = new QuantileSummary(32);
    batched.addAll(values.slice(0, 1000));
    batched.addAll(values.slice(1000));
    expect(batched.toDistribution()).toEqual(one.toDistribution());
    expect([batched.count, batched.min, batched.max, batched.rankErrorBound, batched.integralErrorBound]).toEqual([
      one.count,
      one.min,
      one.max,
      one.rankErrorBound,
      one.integralErrorBound,
    ]);
  });

  it('merging into an empty summary reproduces the other', () => {
    const values = adversarial(5000, 9).heavyTail!;
    const s = summaryOf(values, 64);
    const copy = new QuantileSummary(64);
    copy.merge(s);
    expect(copy.toDistribution()).toEqual(s.toDistribution());
    expect([copy.count, copy.rankErrorBound, copy.integralErrorBound]).toEqual([
      s.count,
      s.rankErrorBound,
      s.integralErrorBound,
    ]);
  });

  it('holds O(k log(n/k)) values: memory grows by one level each time n doubles', () => {
    const capacity = 64;
    const s = new QuantileSummary(capacity);
    const random = seededRandom(11);
    const held: number[] = [];
    for (let n = 1; n <= 1 << 20; n++) {
      s.add(random());
      if ((n & (n - 1)) === 0 && n >= capacity) held.push(s.bytes / (8 * capacity));
      if (n % 4099 === 0) expect(s.retained).toBeLessThanOrEqual(QuantileSummary.retainedFor(n, capacity));
    }
    // Levels at n = 64, 128, …, 2^20: floor(log2(n/k)) + 1 (+1 for the level a full buffer just moved into).
    held.forEach((levels, i) => expect(levels).toBeLessThanOrEqual(i + 2));
    expect(s.rankError).toBeLessThanOrEqual(QuantileSummary.rankErrorFor(1 << 20, capacity));
  });

  it('rejects non-finite values, odd capacities and merges across capacities', () => {
    expect(() => new QuantileSummary(3)).toThrow(/even integer/);
    expect(() => new QuantileSummary(8).add(Number.NaN)).toThrow(/finite/);
    expect(() => new QuantileSummary(8).merge(new QuantileSummary(16))).toThrow(/capacity/);
  });
});
