import { EmpiricalDistribution } from '../sample/empirical-distribution.js';
import { OTHER_CATEGORY, type CategoricalColumnProfile, type ColumnRole, type NumericColumnProfile } from './types.js';

/** Profile of a numeric column from its non-missing values; knots are bounded by maxKnots. */
export function numericColumnProfile(
  values: ArrayLike<number>,
  missing: number,
  role: ColumnRole,
  maxKnots: number
): NumericColumnProfile {
  if (values.length === 0) throw new RangeError('a numeric column needs at least one value');
  const full = EmpiricalDistribution.fromValues(values);
  const knots = Number.isFinite(maxKnots) ? full.compress(maxKnots) : full;
  return {
    type: 'numeric',
    role,
    rows: values.length + missing,
    missing,
    count: values.length,
    min: full.min,
    max: full.max,
    mean: full.mean,
    std: full.std,
    distinct: full.distinct,
    exact: knots === full,
    knots: { values: Array.from(knots.values), counts: Array.from(knots.counts) },
  };
}

/**
 * Profile of a categorical column: the maxCategories most frequent categories (ties by name, so the
 * result is deterministic) and everything else counted as OTHER_CATEGORY.
 */
export function categoricalColumnProfile(
  counts: ReadonlyMap<string, number>,
  missing: number,
  role: ColumnRole,
  maxCategories: number,
  overflow = 0
): CategoricalColumnProfile {
  const sorted = [...counts.entries()]
    .filter(([, c]) => c > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // A null prototype keeps category names such as '__proto__' or 'constructor' ordinary keys.
  const categories = Object.create(null) as Record<string, number>;
  let otherCount = overflow;
  let count = overflow;
  sorted.forEach(([name, c], i) => {
    count += c;
    if (i < maxCategories && name !== OTHER_CATEGORY) categories[name] = c;
    else otherCount += c;
  });
  return {
    type: 'categorical',
    role,
    rows: count + missing,
    missing,
    count,
    categories,
    otherCount,
    distinct: sorted.length + (overflow > 0 ? 1 : 0),
  };
}

/** The reference sample a numeric column profile stands for. */
export function referenceDistribution(column: NumericColumnProfile): EmpiricalDistribution {
  return EmpiricalDistribution.fromKnots(column.knots.values, column.knots.counts);
}

/** Reference category counts including OTHER_CATEGORY when it holds anything. */
export function referenceCategoryCounts(column: CategoricalColumnProfile): Map<string, number> {
  const out = new Map(Object.entries(column.categories));
  if (column.otherCount > 0) out.set(OTHER_CATEGORY, column.otherCount);
  return out;
}

/**
 * Maps current category counts onto a profile's categories: a category the profile did not keep by name
 * goes to OTHER_CATEGORY when the reference had other values (it may have been one of them), and stays a
 * new category otherwise.
 */
export function alignCategories(
  column: CategoricalColumnProfile,
  current: ReadonlyMap<string, number>
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, c] of current) {
    const key = Object.hasOwn(column.categories, name) || column.otherCount === 0 ? name : OTHER_CATEGORY;
    out.set(key, (out.get(key) ?? 0) + c);
  }
  return out;
}
