/**
 * An object with no prototype, for maps keyed by user data (column, class, group, segment and error names) that
 * end up in JSON. On a plain `{}`, assigning `__proto__` replaces the object's prototype instead of adding a key,
 * and reading `constructor` or `toString` finds Object.prototype's; here every name is an ordinary key.
 */
export function emptyRecord<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}
