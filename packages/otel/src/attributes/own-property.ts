const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Whether reading `name` off a plain object finds something it does not hold (`constructor`, `toString`,
 * `__proto__`): such names are read as own properties only, so a record without them reads as missing.
 */
export function shadowsPrototype(name: string): boolean {
  return name in Object.prototype;
}

/** An own property of a record, or undefined; never something inherited from Object.prototype. */
export function ownValue(record: object, name: string): unknown {
  return hasOwn.call(record, name) ? (record as Record<string, unknown>)[name] : undefined;
}

/**
 * The read of `name` off the object held in variable `object`, as generated code: a plain property load, or
 * an own-property check for names an ordinary object inherits.
 */
export function generatedRead(object: string, name: string): string {
  const key = JSON.stringify(name);
  return shadowsPrototype(name)
    ? `(Object.prototype.hasOwnProperty.call(${object}, ${key}) ? ${object}[${key}] : undefined)`
    : `${object}[${key}]`;
}

/** A record argument as an object to read names from, or undefined when it is none (null, a number, an array). */
export function recordObject(value: unknown): object | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}
