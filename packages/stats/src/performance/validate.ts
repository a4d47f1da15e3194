/**
 * Argument checks shared by the performance, estimation and fairness functions. Each throws with one
 * sentence naming the argument and, for element errors, the position, so a CLI can pass the message on.
 */

export function checkSameLength(name: string, a: ArrayLike<unknown>, otherName: string, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) {
    throw new RangeError(`${name} and ${otherName} differ in length (${a.length} vs ${b.length})`);
  }
}

/** Every element must be exactly 0 or 1. */
export function checkBinary(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== 0 && v !== 1) throw new RangeError(`${name} at position ${i} is ${String(v)}, not 0 or 1`);
  }
}

/** Every element must be a finite number in [0, 1]. */
export function checkProbabilities(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v <= 1))
      throw new RangeError(`${name} at position ${i} is ${String(v)}, not a probability in [0, 1]`);
  }
}

/** Every element must be a finite number. */
export function checkFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`${name} at position ${i} is ${String(v)}, not a finite number`);
  }
}

/** Sample weights must be finite and non-negative. */
export function checkWeights(values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && Number.isFinite(v)))
      throw new RangeError(`weight at position ${i} is ${String(v)}, not a finite number >= 0`);
  }
}

/** A count (possibly fractional, e.g. an expected count) must be finite and non-negative. */
export function checkCount(name: string, v: number): void {
  if (typeof v !== 'number' || !(v >= 0 && Number.isFinite(v))) {
    throw new RangeError(`${name} is ${String(v)}, not a finite count >= 0`);
  }
}

/** Ratio with the documented convention: a zero denominator makes the ratio undefined (NaN). */
export function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : Number.NaN;
}
