import { POLICY, type PolicyName } from '@modelwatch/semconv';
import { InputError } from '../errors.js';

/** Intersections as given, checked; nyc-ll144 intersects every protected attribute when none is given. */
export function intersectionsOf(
  policy: PolicyName,
  attributes: readonly string[],
  given: readonly string[][]
): string[][] {
  for (const names of given) {
    if (names.length < 2)
      throw new InputError(`--intersect ${names.join(',')}: an intersection needs at least two attributes`);
    const stranger = names.find((n) => !attributes.includes(n));
    if (stranger !== undefined)
      throw new InputError(`--intersect: '${stranger}' is not a protected attribute; add it to --protected`);
    if (new Set(names).size !== names.length)
      throw new InputError(`--intersect ${names.join(',')}: names an attribute twice`);
  }
  if (given.length === 0 && policy === POLICY.nycLl144.name && attributes.length >= 2) return [[...attributes]];
  return given.map((n) => [...n]);
}
