/**
 * Pearson's chi-square goodness-of-fit test and the chi-square upper tail.
 */
import { regularizedGammaQ } from '../special/gamma.js';
import { inverseRegularizedGamma } from '../special/inverse-gamma.js';

/**
 * P(X > x) for X ~ χ²(df): the regularized upper incomplete gamma Q(df/2, x/2), computed directly (not as
 * 1 − CDF), so far tails such as 1e-200 keep their relative precision. 1 for x <= 0; df > 0 need not be whole.
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0) || !Number.isFinite(df)) {
    throw new RangeError(`degrees of freedom must be a positive finite number, got ${df}`);
  }
  if (Number.isNaN(x)) throw new RangeError('the chi-square statistic must not be NaN');
  return regularizedGammaQ(df / 2, x / 2);
}

function checkDf(df: number): void {
  if (!(df > 0) || !Number.isFinite(df)) {
    throw new RangeError(`degrees of freedom must be a positive finite number, got ${df}`);
  }
}

/**
 * The p-quantile of χ²(df), x with P(X <= x) = p: `scipy.stats.chi2.ppf(p, df)`, 2·P⁻¹(df/2, p). 0 at p = 0,
 * Infinity at p = 1; relative error about 1e-13.
 */
export function chiSquareQuantile(p: number, df: number): number {
  checkDf(df);
  return 2 * inverseRegularizedGamma(df / 2, p);
}

/**
 * The upper quantile, x with P(X > x) = alpha: `scipy.stats.chi2.isf(alpha, df)`. Solved on the upper tail, so
 * alpha = 1e-12 keeps its precision (1 − alpha would not).
 */
export function chiSquareUpperQuantile(alpha: number, df: number): number {
  checkDf(df);
  return 2 * inverseRegularizedGamma(df / 2, alpha, true);
}

/**
 * Pearson's test of observed counts against expected shares: expected count E_i = s_i / Σs · Σ observed,
 * statistic Σ (O_i − E_i)² / E_i, df = k − 1, p = P(χ²(df) >= statistic) — `scipy.stats.chisquare` with
 * f_exp = E. For drift, the observed are the current counts per reference category and the shares the
 * reference shares (Evidently's `chisquare_stat_test`). A share of 0 is a RangeError: the caller drops such
 * categories (their expected count would be 0).
 */
export function chiSquareGoodnessOfFit(
  observed: ArrayLike<number>,
  expectedShares: ArrayLike<number>
): { statistic: number; pValue: number; df: number } {
  const k = observed.length;
  if (expectedShares.length !== k) {
    throw new RangeError(`observed counts and expected shares differ in length (${k} vs ${expectedShares.length})`);
  }
  if (k < 2) throw new RangeError('the chi-square test needs at least two categories');
  let totalObserved = 0;
  let totalShare = 0;
  for (let i = 0; i < k; i++) {
    const o = observed[i]!;
    const s = expectedShares[i]!;
    if (!(o >= 0) || !Number.isFinite(o)) {
      throw new RangeError(`observed count ${i} is not a finite non-negative number: ${o}`);
    }
    if (!(s > 0) || !Number.isFinite(s)) {
      throw new RangeError(`expected share ${i} is not a finite positive number: ${s}`);
    }
    totalObserved += o;
    totalShare += s;
  }
  if (totalObserved === 0) throw new RangeError('the observed counts sum to zero');
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const expected = (expectedShares[i]! / totalShare) * totalObserved;
    const diff = observed[i]! - expected;
    statistic += (diff * diff) / expected;
  }
  const df = k - 1;
  return { statistic, pValue: chiSquareSurvival(statistic, df), df };
}
