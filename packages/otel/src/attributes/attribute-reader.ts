import { generatedRead, ownValue, shadowsPrototype } from './own-property.js';

/**
 * Reads the configured attributes (protected attributes, segments) of one record into a reused array, once per
 * prediction: drift of a protected column and its fairness slice then share one read. The reader is generated
 * with the names as constant keys, because a property read by a variable name is a keyed lookup that cost more
 * than the rest of the attribute work together. Names such as `constructor` are read as own properties only.
 */
export type AttributeReader = (attributes: Readonly<Record<string, unknown>>, out: unknown[]) => void;

export function compileAttributeReader(names: readonly string[]): AttributeReader {
  try {
    const body = names.map((name, j) => `o[${j}] = ${generatedRead('a', name)};`).join('\n');
    return new Function('a', 'o', body) as AttributeReader;
  } catch {
    // Where code generation is not allowed (a strict Content-Security-Policy), the same reads by name.
    return (a, o) => {
      for (let j = 0; j < names.length; j++) {
        const name = names[j]!;
        o[j] = shadowsPrototype(name) ? ownValue(a, name) : a[name];
      }
    };
  }
}
