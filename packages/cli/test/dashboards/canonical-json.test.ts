import fc from 'fast-check';
import { canonical, canonicalJson } from '../../src/dashboards/json';

// Dashboards are written in one pass; the text must be exactly that of the sorted copy through JSON.stringify,
// or null (and then the copy is written). FC_SEED=<n> explores other cases.
const SEED = Number(process.env.FC_SEED ?? 20261206);

it('writes what JSON.stringify writes of the canonical copy, or leaves the value to it', () => {
  const key = fc.oneof(
    fc.string({ maxLength: 4 }),
    fc.constantFrom('__proto__', 'constructor', 'b', 'a', 'B', '10', '9')
  );
  const leaf = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.string({ unit: 'binary', maxLength: 3 }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constantFrom(null, undefined, () => 1, Symbol('s'), -0, new Date(0))
  );
  const { node } = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.dictionary(key, tie('node'), { maxKeys: 5, noNullPrototype: false }),
      fc.array(tie('node'), { maxLength: 4 })
    ),
  }));
  let direct = 0;
  fc.assert(
    fc.property(node, (value) => {
      const text = canonicalJson(value);
      if (text === null) return;
      direct++;
      expect(text).toBe(JSON.stringify(canonical(value), null, 2));
    }),
    { seed: SEED, numRuns: 3000 }
  );
  expect(direct).toBeGreaterThan(1000);
});
