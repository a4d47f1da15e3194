// Assertions of the browser test, each failing with one line that names the value, what it was compared with and
// where that came from.

/** Relative agreement of two computations of one statistic (see scenario.ts for why 1e-9 holds). */
export const TOLERANCE = 1e-9;

export function close(actual: number, expected: number): boolean {
  if (Number.isNaN(expected)) {
    return Number.isNaN(actual);
  }
  if (!Number.isFinite(expected)) {
    return actual === expected;
  }
  return Math.abs(actual - expected) <= TOLERANCE * Math.abs(expected);
}

export function expectClose(
  what: string,
  actual: number | null | undefined,
  expected: number | null | undefined,
  source: string
): void {
  const a = actual ?? Number.NaN;
  const e = expected ?? Number.NaN;
  if (typeof a !== 'number' || typeof e !== 'number' || !close(a, e)) {
    throw new Error(`${what}: ${String(actual)}, but ${source} says ${String(expected)}`);
  }
}

export function expectEqual<T>(what: string, actual: T, expected: T): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) {
    throw new Error(`${what}: got ${a}, expected ${e}`);
  }
}

export function expectTrue(what: string, condition: boolean, detail = ''): void {
  if (!condition) {
    throw new Error(`${what}${detail ? `: ${detail}` : ''}`);
  }
}

/** Every key of `expected` found in `actual` with a close value, and no key more. */
export function expectCloseMaps(
  what: string,
  actual: Map<string, number>,
  expected: Map<string, number>,
  source: string
): void {
  const missing = [...expected.keys()].filter((k) => !actual.has(k));
  const extra = [...actual.keys()].filter((k) => !expected.has(k));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`${what}: missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(extra)}`);
  }
  const wrong = [...expected]
    .filter(([k, v]) => !close(actual.get(k)!, v))
    .map(([k, v]) => `${k} ${actual.get(k)} vs ${v}`);
  if (wrong.length > 0) {
    throw new Error(
      `${what} differ from ${source}: ${wrong.slice(0, 5).join('; ')}${wrong.length > 5 ? ` (+${wrong.length - 5})` : ''}`
    );
  }
}

/**
 * Counts read through increase() are the fed counts times one extrapolation factor, the same for every series of
 * a version at one instant (scenario.ts): `factor` is Prometheus' own, from the prediction counter.
 */
export function expectCommonFactor(
  what: string,
  pairs: Array<[extrapolated: number, fed: number]>,
  factor: number
): void {
  const off = pairs.filter(([x, fed]) => !close(x, fed * factor)).map(([x, fed]) => `${x} for ${fed} fed`);
  if (off.length > 0) {
    throw new Error(
      `${what}: not the fed counts × Prometheus' extrapolation factor ${factor}: ${off.slice(0, 5).join(', ')}`
    );
  }
}
