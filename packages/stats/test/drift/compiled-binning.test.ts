import fc from 'fast-check';
import { CompiledBinning, EmpiricalDistribution, ReferenceBinning } from '../../src/index';

describe('compiled binning', () => {
  it('gives exactly the same bin masses as the full reference, for tied and untied values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 2, max: 25 }),
        fc.array(fc.oneof(fc.integer({ min: -35, max: 35 }), fc.double({ min: -35, max: 35, noNaN: true })), {
          maxLength: 200,
        }),
        (reference, bins, current) => {
          const full = new ReferenceBinning(EmpiricalDistribution.fromValues(reference), bins);
          const compiled = new CompiledBinning(full);
          const a = new Float64Array(bins);
          const b = new Float64Array(bins);
          for (const x of current) {
            full.add(a, x);
            compiled.add(b, x);
          }
          expect(Array.from(b)).toEqual(Array.from(a));
        }
      ),
      { numRuns: 300 }
    );
  });

  it('keeps O(B) values for a large reference', () => {
    const values = Array.from({ length: 50_000 }, (_, i) => Math.sin(i) * 1000);
    const compiled = new CompiledBinning(new ReferenceBinning(EmpiricalDistribution.fromValues(values), 10));
    expect(compiled.size).toBeLessThanOrEqual(2 * 9);
  });

  it('writes at an offset and ignores non-finite values', () => {
    const compiled = new CompiledBinning(new ReferenceBinning(EmpiricalDistribution.fromValues([1, 2, 3, 4]), 2));
    const target = new Float64Array(5);
    compiled.add(target, 1, 3);
    compiled.add(target, Number.NaN, 3);
    compiled.add(target, -Infinity, 3);
    expect(Array.from(target)).toEqual([0, 0, 0, 1, 0]);
  });
});
