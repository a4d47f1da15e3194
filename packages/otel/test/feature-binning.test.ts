// The hot loop bins numeric values with its own search over packed arrays; the batch binning of
// @modelwatch/stats is the definition. Property: for any reference (ties, few or many knots, any bin count),
// the monitor's counts equal ReferenceBinning's on the same values, including values exactly on a knot.
import fc from 'fast-check';
import { PROFILE_VERSION, ReferenceBinning, referenceDistribution, type NumericColumnProfile } from '@modelwatch/stats';
import { FeatureSet } from '../src/features/feature-set.js';

function numericColumn(values: number[], counts: number[]): NumericColumnProfile {
  const count = counts.reduce((a, b) => a + b, 0);
  const mean = values.reduce((s, v, i) => s + v * counts[i]!, 0) / count;
  return {
    type: 'numeric',
    role: 'feature',
    rows: count,
    missing: 0,
    count,
    min: values[0]!,
    max: values.at(-1)!,
    mean,
    std: 1,
    distinct: values.length,
    exact: true,
    knots: { values, counts },
  };
}

const reference = fc.uniqueArray(fc.integer({ min: -500, max: 500 }), { minLength: 1, maxLength: 80 }).chain((ints) =>
  fc.record({
    values: fc.constant([...ints].sort((a, b) => a - b).map((v) => v / 4)),
    counts: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: ints.length, maxLength: ints.length }),
    bins: fc.integer({ min: 2, max: 20 }),
  })
);

describe('numeric binning on the hot path', () => {
  test('equals the batch binning of @modelwatch/stats for any reference and any value', () => {
    fc.assert(
      fc.property(
        reference,
        fc.array(fc.integer({ min: -520, max: 520 }), { minLength: 1, maxLength: 60 }),
        ({ values, counts, bins }, raw) => {
          const column = numericColumn(values, counts);
          const profile = {
            profileVersion: PROFILE_VERSION,
            createdAt: '2026-11-23T00:00:00.000Z',
            source: { name: 'property', rows: column.rows },
            options: { maxKnots: 4096, maxCategories: 50 },
            target: {
              label: null,
              positive: null,
              score: null,
              prediction: null,
              threshold: 0.5,
              performance: null,
              calibration: null,
            },
            protected: [],
            columns: { x: column },
          };
          // Quarter steps over the knots' range and beyond: about one value in four lands exactly on a knot.
          const xs = raw.map((v) => v / 4);
          const features = new FeatureSet(profile as never, bins, 8);
          for (const x of xs) features.record({ x }, undefined);
          const expected = new ReferenceBinning(referenceDistribution(column), bins).counts(xs);
          expect(Array.from(features.counts)).toHaveLength(bins);
          features.counts.forEach((c, b) => expect(c).toBeCloseTo(expected[b]!, 12));
        }
      ),
      { numRuns: 300 }
    );
  });
});
