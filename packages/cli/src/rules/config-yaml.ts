/**
 * Reads modelwatch.yaml. The `yaml` library builds a full document model (ranges, comments, node objects) before
 * the plain value: for a fleet's config of several megabytes that takes seconds. js-yaml reads the plain value
 * about ten times faster, so it reads the common case, with plain scalars resolved by the very tests and
 * resolvers of the `yaml` library's YAML 1.2 core schema, so both read one text alike. A text using anything
 * beyond plain mappings, sequences and scalars (anchors, aliases, tags, directives, several documents, explicit
 * keys), and any text js-yaml refuses, is read by the `yaml` library as before: its value and its error
 * messages are what users get.
 */
import { FAILSAFE_SCHEMA, Type, load } from 'js-yaml';
import { Document, isScalar, parse as parseWithLibrary } from 'yaml';

interface ScalarTag {
  default?: boolean | 'key';
  tag: string;
  test?: RegExp;
  resolve: (text: string, onError: (message: string) => void, options: { intAsBigInt: boolean }) => unknown;
}

/** The core schema's implicit scalars (null, booleans, integers, floats), in the order the library tries them. */
const CORE_SCALARS = (new Document(null).schema.tags as unknown as ScalarTag[]).filter(
  (tag) => tag.default === true && tag.tag !== 'tag:yaml.org,2002:str' && tag.test instanceof RegExp
);

function resolveCore(text: string): unknown {
  const tag = CORE_SCALARS.find((t) => t.test!.test(text))!;
  const value = tag.resolve(
    text,
    (message) => {
      throw new Error(message);
    },
    { intAsBigInt: false }
  );
  return isScalar(value) ? value.value : value;
}

/** One implicit type for every plain scalar the library would not read as a string. */
const coreScalar = new Type('tag:yaml.org,2002:modelwatch-core', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && CORE_SCALARS.some((t) => t.test!.test(data)),
  construct: (data: string) => resolveCore(data),
});
const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [coreScalar] });

/**
 * Anchors, aliases and tags (an indicator after a space, a flow indicator or a line start), directives and
 * document markers at a line start, explicit keys, and null keys (the library names them '', js-yaml 'null'):
 * left to the library. Conservative, since these may also sit inside a quoted value; such a text is only read
 * more slowly.
 */
const BEYOND_PLAIN = new RegExp(
  [
    /(?:^|[\s[\]{},])[&*!]/,
    /^(?:%|---|\.\.\.)/,
    /^[ \t-]*\?(?:[ \t]|$)/,
    /(?:^[ \t-]*|[{,][ \t]*)(?:~|[Nn]ull|NULL)?:(?:[ \t]|$)/,
  ]
    .map((r) => r.source)
    .join('|'),
  'm'
);

/** The value of a YAML text as the `yaml` library reads it; its errors are the library's. */
export function parseYamlValue(text: string): unknown {
  if (!BEYOND_PLAIN.test(text)) {
    try {
      // An empty document is null to the library, undefined to js-yaml.
      return load(text, { schema: SCHEMA }) ?? null;
    } catch {
      // The library decides: it may read what js-yaml refuses, and its message is the one users know.
    }
  }
  return parseWithLibrary(text);
}
