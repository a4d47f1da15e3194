import { binnedKsDistance, chiSquareGoodnessOfFit, jensenShannon, psi } from '@modelwatch/stats';
import type { DriftStatistic } from '../types';

/** Counts (or shares) per bin label. */
export type Bins = ReadonlyMap<string, number>;

/** Numeric features have bins 0 … B−1; categorical ones have category names, `__other__` and `__missing__`. */
export function isCategorical(...bins: Bins[]): boolean {
  return bins.some((b) => [...b.keys()].some((bin) => !/^[0-9]+$/.test(bin)));
}

function total(bins: Bins): number {
  let sum = 0;
  for (const v of bins.values()) {
    sum += v;
  }
  return sum;
}

/**
 * One drift statistic from the current bin counts and the baseline: reference shares, or the counts of the same
 * window a week earlier (`baselineCounts`). It follows the recording rules of @modelwatch/promql term by term:
 * shares are counts over the feature's total (an empty window gives NaN, as 0/0 does in PromQL), PSI and
 * Jensen–Shannon sum over the bins both sides have, empty shares become 1e-4 for PSI only (inside `psi`),
 * KS compares cumulative shares at the numeric bin edges (categorical features have no order: NaN), and
 * chi-square tests the current counts against the reference shares over the bins the reference has.
 */
export function driftStatistic(
  statistic: DriftStatistic,
  current: Bins,
  baseline: Bins,
  baselineCounts: boolean
): number {
  const n = total(current);
  if (!(n > 0) || baseline.size === 0) {
    return Number.NaN;
  }
  const m = baselineCounts ? total(baseline) : 1;
  if (!(m > 0)) {
    return Number.NaN;
  }
  const share = (bins: Bins, bin: string, sum: number): number => (bins.get(bin) ?? 0) / sum;
  switch (statistic) {
    case 'psi':
    case 'jensenShannon': {
      const common = [...current.keys()].filter((bin) => baseline.has(bin));
      if (common.length === 0) {
        return Number.NaN;
      }
      const p = common.map((bin) => share(baseline, bin, m));
      const q = common.map((bin) => share(current, bin, n));
      return statistic === 'psi' ? psi(p, q) : jensenShannon(p, q);
    }
    case 'ks': {
      if (isCategorical(current, baseline)) {
        return Number.NaN;
      }
      const size = Math.max(...[...current.keys(), ...baseline.keys()].map(Number)) + 1;
      const edges = Array.from({ length: size }, (_, j) => String(j));
      return binnedKsDistance(
        edges.map((bin) => share(baseline, bin, m)),
        edges.map((bin) => share(current, bin, n))
      );
    }
    case 'chiSquare': {
      const expected = [...current.keys()].filter((bin) => (baseline.get(bin) ?? 0) > 0);
      const observed = expected.map((bin) => current.get(bin)!);
      if (expected.length < 2 || !(observed.reduce((a, b) => a + b, 0) > 0)) {
        return Number.NaN;
      }
      return chiSquareGoodnessOfFit(
        observed,
        expected.map((bin) => baseline.get(bin)!)
      ).statistic;
    }
  }
}
