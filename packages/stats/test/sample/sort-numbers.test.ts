import fc from 'fast-check';
import { sortedCopy } from '../../src/sample/sort-numbers';

const sameOrder = (values: number[]): void => {
  const expected = Float64Array.from(values).sort();
  const input = Float64Array.from(values);
  const sorted = sortedCopy(input);
  expect(sorted.length).toBe(expected.length);
  let firstDifference = -1;
  for (let i = 0; i < expected.length && firstDifference < 0; i++)
    if (!Object.is(sorted[i], expected[i])) firstDifference = i;
  expect(firstDifference).toBe(-1);
  // The input is left as it was.
  let changed = -1;
  for (let i = 0; i < values.length && changed < 0; i++) if (!Object.is(input[i], values[i])) changed = i;
  expect(changed).toBe(-1);
};

describe('sortedCopy (radix sort of finite doubles)', () => {
  it('orders as Float64Array.prototype.sort, -0 before +0, above and below the size where it switches', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.array(finite, { minLength: 4000, maxLength: 9000 }), (values) => sameOrder(values)),
      { numRuns: 30 }
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(-0, 0, 1, -1, 5e-324, -5e-324, 1.5, Number.MAX_VALUE), {
          minLength: 5000,
          maxLength: 6000,
        }),
        (values) => sameOrder(values)
      ),
      { numRuns: 10 }
    );
  });

  it('sorts a million rounded normals as the typed-array sort does', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = Array.from({ length: 1_000_000 }, () => Number(((random() - 0.5) * 20).toFixed(4)));
    sameOrder(values);
  });
});
