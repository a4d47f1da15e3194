import { EmpiricalDistribution } from '../sample/empirical-distribution.js';
import { DEFAULT_BINS, ReferenceBinning } from './binning.js';
import { jensenShannon, psi, toShares, type PsiZeroShare } from './divergence.js';
import { ksTwoSample, type KsMethod } from './ks.js';
import { normalizedWasserstein } from './wasserstein.js';

export interface NumericDriftOptions {
  /** Equal-probability bins of the reference for PSI and Jensen–Shannon (default 10). */
  bins?: number;
  /** KS p-value method; 'auto' is exact up to 10,000 values per side, as SciPy. */
  ksMethod?: KsMethod;
  /** How PSI replaces empty bins (default 'epsilon'). */
  psiZeroShare?: PsiZeroShare;
}

export interface NumericDrift {
  type: 'numeric';
  psi: number;
  jensenShannon: number;
  ks: { statistic: number; pValue: number; method: 'exact' | 'asymp' };
  wasserstein: number;
  /** Shares of the current sample in the reference's equal-probability bins (reference shares are 1/B). */
  binShares: number[];
}

/** Drift of a numeric column: every statistic the check contract names, from two samples. */
export function numericDrift(
  reference: EmpiricalDistribution,
  current: EmpiricalDistribution,
  options: NumericDriftOptions = {}
): NumericDrift {
  if (reference.size === 0) throw new RangeError('the reference sample is empty');
  if (current.size === 0) throw new RangeError('the current sample is empty');
  const binning = new ReferenceBinning(reference, options.bins ?? DEFAULT_BINS);
  const currentShares = toShares(binning.countsOf(current));
  const referenceShares = binning.referenceShares();
  const ks = ksTwoSample(reference, current, { method: options.ksMethod ?? 'auto' });
  return {
    type: 'numeric',
    psi: psi(referenceShares, currentShares, { zeroShare: options.psiZeroShare }),
    jensenShannon: jensenShannon(referenceShares, currentShares),
    ks,
    wasserstein: normalizedWasserstein(reference, current),
    binShares: Array.from(currentShares),
  };
}

/**
 * PSI and Jensen–Shannon from bin counts alone, as the instrumentation and Prometheus see them.
 * The reference shares default to the exact 1/B of fractional binning.
 */
export function binnedDrift(
  currentCounts: ArrayLike<number>,
  referenceShares?: ArrayLike<number>
): { psi: number; jensenShannon: number } {
  const ref = referenceShares ?? new Float64Array(currentCounts.length).fill(1 / currentCounts.length);
  const cur = toShares(currentCounts);
  return { psi: psi(ref, cur), jensenShannon: jensenShannon(ref, cur) };
}

/**
 * Kolmogorov–Smirnov distance between two binned distributions: the largest gap between their cumulative
 * shares at a bin edge. This is what Prometheus can compute from bin counters (the exact KS needs raw values).
 */
export function binnedKsDistance(referenceShares: ArrayLike<number>, currentShares: ArrayLike<number>): number {
  if (referenceShares.length !== currentShares.length) throw new RangeError('share vectors differ in length');
  const p = toShares(referenceShares);
  const q = toShares(currentShares);
  let cp = 0;
  let cq = 0;
  let d = 0;
  for (let j = 0; j < p.length - 1; j++) {
    cp += p[j]!;
    cq += q[j]!;
    d = Math.max(d, Math.abs(cq - cp));
  }
  return d;
}
