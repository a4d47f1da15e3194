import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A sample in a SciPy fixture: literal values, or the integer recipe x_i = ((mult·i + add) mod mod)·scale + offset. */
export type SampleSpec =
  | { values: number[] }
  | { n: number; mult: number; add: number; mod: number; scale: number; offset: number; square?: boolean };

/** Rebuilds a fixture sample with the same float64 operations NumPy performed. */
export function sample(spec: SampleSpec): Float64Array {
  if ('values' in spec) return Float64Array.from(spec.values);
  const out = new Float64Array(spec.n);
  for (let i = 0; i < spec.n; i++) {
    const u = ((spec.mult * i + spec.add) % spec.mod) * spec.scale + spec.offset;
    out[i] = spec.square ? u * u : u;
  }
  return out;
}

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '../fixtures', name), 'utf8')) as T;
}

/** |actual − expected| <= rel·|expected| + abs; exact equality (including both 0) always passes. */
export function expectClose(actual: number, expected: number, rel: number, abs = 0, label = ''): void {
  const ok = actual === expected || Math.abs(actual - expected) <= rel * Math.abs(expected) + abs;
  if (!ok) {
    throw new Error(
      `${label}: got ${actual}, expected ${expected} (rel ${rel}, abs ${abs}, off by ${Math.abs(actual - expected)})`
    );
  }
}
