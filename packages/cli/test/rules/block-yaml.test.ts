import fc from 'fast-check';
import { blockYaml } from '../../src/rules/block-yaml';
import { HEADER, libraryYaml, toYaml } from '../../src/rules/write';

// The direct YAML writer must write exactly what the `yaml` library writes, or say it cannot (null, and the
// library writes it). Drawn documents of the generators' shapes, with keys and values full of YAML indicators,
// quotes, numbers-as-text, controls and separators, are compared byte for byte. FC_SEED=<n> explores other cases.
const SEED = Number(process.env.FC_SEED ?? 20261206);

const PIECES = [
  ...['', ' ', '  ', '\t', '\n', '\r', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029'],
  ...['\ufeff', '\ufffe', '\uffff', '\ud800', '😀', 'é', '#', ' #', ': ', ':', '-', '- ', '?', '? ', '%', '---', '...'],
  ...['&a', '*a', '!x', '|', '>', '@', '`', "'", '"', '\\', '\\n', '{', '}', '[', ']', ',', '{{ "{{" }}', '$$'],
  ...['true', 'False', 'null', '~', 'NULL', 'yes', 'no', 'on', '0', '-1', '0.5', '.5', '1e3', '0x1F', '0o17', '.inf'],
  ...['-.Inf', '.NaN', '+12', '1_000', '0b1', '2026-12-06', 'sum by (feature) (x{a="b"})', 'a: b', 'x #y', 'v1'],
];
const text = fc.oneof(
  { arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((a) => a.join('')), weight: 6 },
  { arbitrary: fc.string({ maxLength: 6 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 4 }), weight: 1 }
);
const leaf = fc.oneof(
  { arbitrary: text, weight: 8 },
  { arbitrary: fc.integer({ min: -1e6, max: 1e6 }), weight: 1 },
  { arbitrary: fc.double({ noNaN: false }), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constantFrom(null, undefined), weight: 1 }
);
const key = fc.oneof(
  { arbitrary: fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/), weight: 4 },
  { arbitrary: text, weight: 1 }
);
const { node } = fc.letrec<{ node: unknown; map: Record<string, unknown>; list: unknown[] }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('map'), tie('list')),
  map: fc.dictionary(key, tie('node'), { maxKeys: 4, noNullPrototype: false }),
  list: fc.array(tie('node'), { maxLength: 3 }),
}));

it('writes what the library writes, or leaves the value to it', () => {
  let direct = 0;
  fc.assert(
    fc.property(fc.dictionary(key, node, { minKeys: 1, maxKeys: 4 }), (doc) => {
      const text = blockYaml(doc);
      if (text !== null) {
        direct++;
        expect(text).toBe(libraryYaml(doc));
      }
      expect(toYaml(doc)).toBe(HEADER + libraryYaml(doc));
    }),
    { seed: SEED, numRuns: 3000 }
  );
  // The test means something only if the direct writer takes many of the drawn documents.
  expect(direct).toBeGreaterThan(300);
});

it('writes a rule file as the library does: groups, rules, labels and annotations, empty lists and maps', () => {
  const doc = {
    groups: [
      {
        name: 'modelwatch-a-drift',
        interval: '30s',
        rules: [
          {
            record: 'modelwatch:x:1h',
            expr: 'sum by (feature) (x{model_name="a #1"})',
            labels: { baseline: 'reference' },
          },
          {
            alert: 'ModelwatchDrift',
            expr: 'x{model_name="it\'s"} > 0.1',
            for: '0s',
            labels: { severity: 'warning', team: '{{ "{{" }} x }}', empty: '' },
            annotations: { summary: '{{ $labels.feature }} drifted', description: '- "quoted": yes' },
          },
        ],
      },
      { name: 'modelwatch-a-slo', interval: '1m', rules: [] },
    ],
    apiVersion: 1,
    nested: [{ data: [{ refId: 'A', relativeTimeRange: { from: 600, to: 0 }, model: {} }] }],
  };
  const text = blockYaml(doc);
  expect(text).not.toBeNull();
  expect(text).toBe(libraryYaml(doc));
});

// The writer styles printable ASCII by its own short scans and anything else by the library's tests: long texts
// (PromQL, descriptions) with indicators anywhere in them must come out as the library writes them too.
const ASCII_PIECES = PIECES.filter((p) => /^[\t\x20-\x7e]*$/.test(p));
it('styles long values as the library does, whatever indicators they hold and where', () => {
  let direct = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...ASCII_PIECES), { minLength: 5, maxLength: 16 }), (pieces) => {
      const doc = { expr: pieces.join(''), [pieces.join('').slice(0, 40)]: 'x' };
      const text = blockYaml(doc);
      if (text !== null) {
        direct++;
        expect(text).toBe(libraryYaml(doc));
      }
    }),
    { seed: SEED, numRuns: 3000 }
  );
  expect(direct).toBeGreaterThan(300);
});
