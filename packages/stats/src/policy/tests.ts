/**
 * The two significance tests enforcement practice pairs with the four-fifths rule: the pooled two-proportion z-test
 * and Fisher's exact test of the 2×2 table, both two-sided.
 */
import { lnGamma, regularizedGammaQ } from '../special/gamma.js';
import { checkCount } from '../performance/validate.js';

/** Relative tolerance within which a table counts as being as likely as the observed one (R's fisher.test). */
const TIE_TOLERANCE = 1e-7;

function checkProportion(name: string, successes: number, trials: number): void {
  checkCount(`${name} successes`, successes);
  checkCount(`${name} trials`, trials);
  if (successes > trials) throw new RangeError(`${name}: ${successes} successes in ${trials} trials`);
}

/**
 * Pooled two-proportion z-test of x1/n1 against x2/n2: z = (p1 − p2) / sqrt(p(1 − p)(1/n1 + 1/n2)) with the pooled
 * p = (x1 + x2)/(n1 + n2), two-sided p = P(|Z| >= |z|) — statsmodels' `proportions_ztest(count, nobs)`. NaN when the
 * standard error is 0 (both rates 0 or both 1) or a group is empty. Counts may be fractional (e.g. rates of counters).
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): { z: number; pValue: number } {
  checkProportion('first group', x1, n1);
  checkProportion('second group', x2, n2);
  if (n1 === 0 || n2 === 0) return { z: Number.NaN, pValue: Number.NaN };
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { z: Number.NaN, pValue: Number.NaN };
  const z = (x1 / n1 - x2 / n2) / se;
  // P(|Z| >= |z|) = P(χ²₁ >= z²) = Q(½, z²/2), whose far tail keeps its relative precision.
  return { z, pValue: regularizedGammaQ(0.5, (z * z) / 2) };
}

/** ln of C(n1, a) · C(n2, k − a): the hypergeometric weight of a table with a in its first cell, unnormalised. */
function logWeight(a: number, n1: number, n2: number, k: number): number {
  return -(lnGamma(a + 1) + lnGamma(n1 - a + 1) + lnGamma(k - a + 1) + lnGamma(n2 - k + a + 1));
}

function logSumExp(values: readonly number[]): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (const v of values) s += Math.exp(v - max);
  return max + Math.log(s);
}

/**
 * Fisher's exact test of the 2×2 table [[a, b], [c, d]], two-sided: the probability, under the hypergeometric law
 * with the margins fixed, of every table no more likely than the observed one (within a relative 1e-7, R's
 * tolerance for ties) — `scipy.stats.fisher_exact(table)`. Computed in log space over the whole support and
 * normalised by its sum, so no factorial overflows and far tails keep their relative precision.
 */
export function fisherExactTest(a: number, b: number, c: number, d: number): { pValue: number } {
  for (const [name, v] of [
    ['a', a],
    ['b', b],
    ['c', c],
    ['d', d],
  ] as const) {
    checkCount(`cell ${name}`, v);
    if (!Number.isInteger(v)) throw new RangeError(`Fisher's exact test needs whole counts; cell ${name} is ${v}`);
  }
  const n1 = a + b;
  const n2 = c + d;
  const k = a + c;
  const lo = Math.max(0, k - n2);
  const hi = Math.min(n1, k);
  if (lo === hi) return { pValue: 1 };
  const weights: number[] = [];
  for (let x = lo; x <= hi; x++) weights.push(logWeight(x, n1, n2, k));
  const observed = weights[a - lo]! + Math.log1p(TIE_TOLERANCE);
  const tail = weights.filter((w) => w <= observed);
  return { pValue: Math.min(1, Math.exp(logSumExp(tail) - logSumExp(weights))) };
}
