/**
 * Inverse of the regularized incomplete gamma functions: x with P(a, x) = p, or with Q(a, x) = q.
 *
 * A Wilson–Hilferty start (or the small-x series for small a) is refined by Newton's method on the logarithm of
 * whichever of P and Q is the smaller at the root, inside a bracket that shrinks at every step, so a bad step falls back to
 * bisection instead of leaving the domain. Solving on the smaller tail keeps relative precision for tails
 * such as q = 1e-12, where 1 − q would have lost it.
 */
import { normalQuantile } from '../fairness/normal-quantile.js';
import { lnGamma, regularizedGammaP, regularizedGammaQ } from './gamma.js';

const MAX_STEPS = 200;
/** Newton converges quadratically; this leaves the last bits to rounding in P and Q themselves. */
const RELATIVE_STEP = 1e-15;

/**
 * Where to start: Wilson–Hilferty (chi-square cube-root normal) for a >= 1, with z from the smaller tail so far
 * tails keep their size; the series' leading term P(a, x) ≈ x^a / Γ(a + 1) below.
 */
function start(a: number, tail: number, upper: boolean): number {
  if (a >= 1) {
    const z = upper ? -normalQuantile(tail) : normalQuantile(tail);
    const c = 1 / (9 * a);
    const x = a * Math.pow(1 - c + z * Math.sqrt(c), 3);
    if (x > 0 && Number.isFinite(x)) return x;
    return a * 1e-3;
  }
  const lower = upper ? 1 - tail : tail;
  return Math.exp((Math.log(lower) + lnGamma(a + 1)) / a);
}

/**
 * x >= 0 with P(a, x) = p when `upper` is false, or Q(a, x) = p when it is true. 0 and Infinity at the ends.
 * Relative accuracy about 1e-13 wherever P or Q keeps its own precision.
 */
export function inverseRegularizedGamma(a: number, p: number, upper = false): number {
  if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`the shape a must be a positive finite number, got ${a}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`the probability must lie in [0, 1], got ${p}`);
  if ((upper && p === 1) || (!upper && p === 0)) return 0;
  if ((upper && p === 0) || (!upper && p === 1)) return Infinity;
  // Work on the smaller tail: its value has full relative precision.
  const useUpper = upper ? p < 0.5 : p > 0.5;
  const target = useUpper === upper ? p : 1 - p;
  let x = start(a, target, useUpper);
  // A root below the smallest double: P(a, x) ≈ x^a / Γ(a + 1) underflows for tiny a and p.
  if (x === 0) return 0;
  // Newton on g(x) = ln tail(x) − ln target, which stays well scaled in far tails; the lower tail rises in x.
  const sign = useUpper ? -1 : 1;
  const lnTarget = Math.log(target);
  const lnGammaA = lnGamma(a);
  let lo = 0;
  let hi = Infinity;
  for (let step = 0; step < MAX_STEPS; step++) {
    const tail = useUpper ? regularizedGammaQ(a, x) : regularizedGammaP(a, x);
    if (tail === target) return x;
    const g = Math.log(tail) - lnTarget;
    if (sign * g > 0) hi = Math.min(hi, x);
    else lo = Math.max(lo, x);
    // Density of Gamma(a, 1) at x, in logs so large a does not overflow; g' = ±density / tail.
    const lnSlope = (a - 1) * Math.log(x) - x - lnGammaA - Math.log(tail);
    let next = x - g / (sign * Math.exp(lnSlope));
    if (!(next > lo && next < hi)) {
      if (hi === Infinity) next = 2 * x;
      // Geometric midpoint while the bracket spans orders of magnitude, arithmetic after.
      else next = lo > 0 && hi / lo > 4 ? Math.sqrt(lo * hi) : lo === 0 ? hi / 4 : 0.5 * (lo + hi);
    }
    if (Math.abs(next - x) <= RELATIVE_STEP * Math.abs(next)) return next;
    x = next;
  }
  return x;
}
