import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify, type ToStringOptions } from 'yaml';
import { fleetConfig } from '../../bench/fleet-config';
import { parseYamlValue } from '../../src/rules/config-yaml';
import { ROOT } from '../run-cli';

// modelwatch.yaml is read by js-yaml where that is faster; it must read every text as the `yaml` library does
// (same value, same error), or leave the text to the library. FC_SEED=<n> explores other cases.
const SEED = Number(process.env.FC_SEED ?? 20261206);

/** The library's value, or its error message: what users got before the faster reader. */
function library(text: string): unknown {
  try {
    return { value: parse(text) as unknown };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
function fast(text: string): unknown {
  try {
    return { value: parseYamlValue(text) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

it('reads the shipped configs and a fleet config as the library does', () => {
  const texts = [
    readFileSync(join(ROOT, 'examples/lending/modelwatch.yaml'), 'utf8'),
    readFileSync(join(ROOT, 'packages/cli/test/rules/golden/options.modelwatch.yaml'), 'utf8'),
    fleetConfig(200),
  ];
  for (const text of texts) expect(fast(text)).toEqual(library(text));
});

it('resolves plain scalars by the YAML 1.2 core schema, as the library does', () => {
  const scalars = [
    ...['0', '-1', '+12', '007', '0o17', '0o18', '0x1F', '0xG', '0b101', '1_000', '1e3', '1E-3', '.5', '5.', '-.5'],
    ...['.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'NaN', 'inf', 'true', 'True', 'TRUE', 'tRue', 'false', 'yes', 'no'],
    ...['on', 'off', 'y', 'n', '~', 'null', 'Null', 'NULL', 'nULL', '', '2026-12-06', '12:30:00', '1:20', '0.1.2'],
    ...['9007199254740993', '1e400', '-0', '0.0', '+', '-', '.', '<<', 'v1', "it's", 'a "b"', '10s', '1h'],
  ];
  for (const s of scalars) {
    for (const text of [`x: ${s}\n`, `- ${s}\n`, `x: [${s}]\n`, `x: {a: ${s}}\n`, `${s}: 1\n`]) {
      expect([text, fast(text)]).toEqual([text, library(text)]);
    }
  }
});

it('gives the library its say on errors and on what lies beyond plain YAML', () => {
  const texts = [
    'models: [\n  - name: m\n',
    'a: 1\na: 2\n',
    'a: &x {b: 1}\nc: *x\n',
    'a: !!str 1\n',
    '%YAML 1.2\n---\na: 1\n',
    'a: 1\n---\nb: 2\n',
    '? a\n: 1\n',
    'a:\n\t- 1\n',
    'a: b: c\n',
    'a: "unclosed\n',
    '<<: {a: 1}\nb: 2\n',
    '__proto__: {a: 1}\nlabels: {__proto__: x}\n',
    '\ufeffa: 1\n',
    'a: 1\r\nb: [1, 2]\r\n',
    'a: |\n  line one\n  line two\nb: >-\n  folded\n  text\n',
    '# only a comment\n',
    '',
  ];
  for (const text of texts) expect([text, fast(text)]).toEqual([text, library(text)]);
});

it('reads drawn documents written in every style as the library does', () => {
  const piece = fc.constantFrom(
    ...['', ' ', 'a', 'b c', '#', ' #x', ': ', '- ', '?', '0', '1.5', 'true', 'null', '~', '0x1F', '1e3', '"', "'"],
    ...['\\', '{{ x }}', '$x', '[', ']', '{', '}', ',', '\t', '\n', 'é', '😀', '\u2028', '\u0085', '&a', '*a', '!x']
  );
  const text = fc.oneof(
    fc.array(piece, { maxLength: 4 }).map((a) => a.join('')),
    fc.string({ maxLength: 6 })
  );
  const leaf = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
  const { node } = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.dictionary(text, tie('node'), { maxKeys: 4 }),
      fc.array(tie('node'), { maxLength: 4 })
    ),
  }));
  const options = fc.record<ToStringOptions>({
    collectionStyle: fc.constantFrom('any', 'block', 'flow'),
    defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
    indent: fc.constantFrom(2, 4),
    indentSeq: fc.boolean(),
    lineWidth: fc.constantFrom(0, 20, 80),
  });
  fc.assert(
    fc.property(fc.dictionary(text, node, { maxKeys: 5 }), options, (doc, style) => {
      const yaml = stringify(doc, { ...style, aliasDuplicateObjects: false });
      expect(fast(yaml)).toEqual(library(yaml));
    }),
    { seed: SEED, numRuns: 1500 }
  );
});
