import fc from 'fast-check';
import { median, medianOfCounts } from '@modelwatch/stats';

describe('medianOfCounts', () => {
  it('equals the median of the expanded sample, odd and even counts, any order of the values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.nat({ max: 5 })), { maxLength: 30 }),
        (pairs) => {
          const expanded = pairs.flatMap(([v, c]) => Array.from({ length: c }, () => v));
          const got = medianOfCounts(
            pairs.map(([v]) => v),
            pairs.map(([, c]) => c)
          );
          expect(Object.is(got, median(expanded)) || got === median(expanded)).toBe(true);
        }
      ),
      { seed: 20261205, numRuns: 500 }
    );
  });

  it('by hand: [1×2, 3×1, 10×1] has middle values 1 and 3, so 2; [1×2, 3×1] has 1', () => {
    expect(medianOfCounts([10, 1, 3], [1, 2, 1])).toBe(2);
    expect(medianOfCounts([1, 3], [2, 1])).toBe(1);
    expect(medianOfCounts([], [])).toBeNaN();
    expect(() => medianOfCounts([1], [0.5])).toThrow(RangeError);
    expect(() => medianOfCounts([1, 2], [1])).toThrow(RangeError);
  });
});
