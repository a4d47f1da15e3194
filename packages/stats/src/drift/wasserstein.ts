/**
 * First Wasserstein (earth mover's) distance between two one-dimensional empirical distributions.
 */
import type { EmpiricalDistribution } from '../sample/empirical-distribution.js';

/** Floor for the reference standard deviation in `normalizedWasserstein` (Evidently's value). */
export const WASSERSTEIN_STD_FLOOR = 0.001;

/**
 * W1(a, b) = ∫ |F_a(x) − F_b(x)| dx, exactly: both CDFs are step functions, so the integral is a sum
 * over the gaps between consecutive distinct values of either sample (weights are the knot counts).
 * Same definition and the same CDF arithmetic as `scipy.stats.wasserstein_distance`; symmetric, in the
 * units of the data.
 */
export function wasserstein1(a: EmpiricalDistribution, b: EmpiricalDistribution): number {
  const na = a.size;
  const nb = b.size;
  if (!(na > 0) || !(nb > 0)) throw new RangeError('the Wasserstein distance needs two non-empty samples');
  const va = a.values;
  const vb = b.values;
  const ca = a.cumulative;
  const cb = b.cumulative;
  let i = 0;
  let j = 0;
  let sum = 0;
  let compensation = 0;
  let previous = Number.NaN;
  let gap = 0;
  while (i < va.length || j < vb.length) {
    const x = j >= vb.length || (i < va.length && va[i]! <= vb[j]!) ? va[i]! : vb[j]!;
    if (i > 0 || j > 0) {
      // |F_a − F_b| is constant on [previous, x).
      const term = gap * (x - previous);
      const t = sum + term;
      compensation += sum >= term ? sum - t + term : term - t + sum;
      sum = t;
    }
    if (i < va.length && va[i] === x) i++;
    if (j < vb.length && vb[j] === x) j++;
    gap = Math.abs(ca[i]! / na - cb[j]! / nb);
    previous = x;
  }
  return sum + compensation;
}

/**
 * W1(reference, current) divided by max(σ_ref, floor), σ_ref the population standard deviation of the
 * reference: a unit-free distance (Evidently's `wasserstein_distance_norm`, floor 0.001). Not symmetric.
 */
export function normalizedWasserstein(
  reference: EmpiricalDistribution,
  current: EmpiricalDistribution,
  floor = WASSERSTEIN_STD_FLOOR
): number {
  if (!(floor > 0) || !Number.isFinite(floor)) {
    throw new RangeError(`the floor must be a positive finite number, got ${floor}`);
  }
  return wasserstein1(reference, current) / Math.max(reference.std, floor);
}
