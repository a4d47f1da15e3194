import { chiSquareGoodnessOfFit } from './chi-square.js';
import { hellinger, jensenShannon, psi, type PsiZeroShare } from './divergence.js';
import { emptyRecord } from '../records/empty-record.js';

export type CategoryCounts = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

export interface CategoricalDrift {
  type: 'categorical';
  psi: number;
  jensenShannon: number;
  hellinger: number;
  /** Goodness of fit of the current counts in reference categories against reference shares; null if undefined. */
  chiSquare: { statistic: number; pValue: number; df: number } | null;
  /** Share of current values in categories the reference never saw (left out of the chi-square). */
  newCategoryShare: number;
  /** Shares per category over the union of categories, reference first. */
  shares: Record<string, { reference: number; current: number }>;
}

function entries(counts: CategoryCounts): [string, number][] {
  const list = counts instanceof Map ? [...counts.entries()] : Object.entries(counts);
  for (const [key, value] of list) {
    if (!(value >= 0) || !Number.isFinite(value))
      throw new RangeError(`category '${key}' has an invalid count: ${value}`);
  }
  return list;
}

/**
 * Drift of a categorical column. PSI and Jensen–Shannon use shares over the union of categories
 * (a category absent on one side has share 0 there; PSI replaces it as options.psiZeroShare says, 1e-4 by default). The chi-square test
 * compares current counts in the reference's categories with the reference shares; current values in
 * unseen categories cannot be expected under the reference, so they are excluded from it and reported
 * as newCategoryShare instead.
 */
export function categoricalDrift(
  reference: CategoryCounts,
  current: CategoryCounts,
  options: { psiZeroShare?: PsiZeroShare } = {}
): CategoricalDrift {
  const ref = new Map(entries(reference).filter(([, c]) => c > 0));
  const cur = new Map(entries(current).filter(([, c]) => c > 0));
  const refTotal = sum(ref.values());
  const curTotal = sum(cur.values());
  if (refTotal === 0) throw new RangeError('the reference has no categorical values');
  if (curTotal === 0) throw new RangeError('the current sample has no categorical values');

  const keys = [...ref.keys()];
  for (const k of cur.keys()) if (!ref.has(k)) keys.push(k);
  const p = new Float64Array(keys.length);
  const q = new Float64Array(keys.length);
  const shares: CategoricalDrift['shares'] = emptyRecord();
  keys.forEach((k, i) => {
    p[i] = (ref.get(k) ?? 0) / refTotal;
    q[i] = (cur.get(k) ?? 0) / curTotal;
    shares[k] = { reference: p[i]!, current: q[i]! };
  });

  const refKeys = [...ref.keys()];
  const observed = refKeys.map((k) => cur.get(k) ?? 0);
  const seen = sum(observed);
  const chiSquare =
    refKeys.length >= 2 && seen > 0
      ? chiSquareGoodnessOfFit(
          observed,
          refKeys.map((k) => ref.get(k)! / refTotal)
        )
      : null;

  return {
    type: 'categorical',
    psi: psi(p, q, { zeroShare: options.psiZeroShare }),
    jensenShannon: jensenShannon(p, q),
    hellinger: hellinger(p, q),
    chiSquare,
    newCategoryShare: (curTotal - seen) / curTotal,
    shares,
  };
}

function sum(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
