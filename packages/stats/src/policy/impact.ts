import { checkCount, ratio } from '../performance/validate.js';
import type { AttributeCounts, CategoryImpact, ImpactOptions, ImpactTable } from './types.js';

/** The four-fifths convention, also the default organisational threshold of the NYC pack. */
export const DEFAULT_IMPACT_THRESHOLD = 0.8;

export function checkImpactOptions(threshold: number, excludeBelow: number): void {
  if (!(threshold > 0 && Number.isFinite(threshold)))
    throw new RangeError(`threshold must be a finite number above 0, got ${threshold}`);
  if (!(excludeBelow >= 0 && excludeBelow < 1))
    throw new RangeError(`excludeBelow must be in [0, 1), got ${excludeBelow}`);
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Impact ratios of one attribute's categories: rate = selected / count, impact ratio = rate / the highest rate among
 * the categories not excluded. A category holding less than `excludeBelow` of the attribute's rows (unknown rows
 * included) is excluded: it keeps its counts and rate, has a null impact ratio and does not count towards the
 * highest rate. Counts may be fractional.
 */
export function impactRatios(counts: AttributeCounts, options: ImpactOptions = {}): ImpactTable {
  const threshold = options.threshold ?? DEFAULT_IMPACT_THRESHOLD;
  const excludeBelow = options.excludeBelow ?? 0;
  checkImpactOptions(threshold, excludeBelow);
  checkCount('unknown', counts.unknown);
  let rows = counts.unknown;
  for (const [name, c] of counts.categories) {
    checkCount(`count of category ${JSON.stringify(name)}`, c.count);
    checkCount(`selected of category ${JSON.stringify(name)}`, c.selected);
    if (c.selected > c.count) throw new RangeError(`category ${JSON.stringify(name)} has more selected rows than rows`);
    rows += c.count;
  }
  const names = [...counts.categories.keys()].sort(byCodePoint);
  let highest: string | null = null;
  let highestRate = Number.NaN;
  const partial = names.map((name) => {
    const c = counts.categories.get(name)!;
    const rate = ratio(c.selected, c.count);
    const share = ratio(c.count, rows);
    const excluded = share < excludeBelow;
    if (!excluded && !Number.isNaN(rate) && (highest === null || rate > highestRate)) {
      highest = name;
      highestRate = rate;
    }
    return { name, count: c.count, selected: c.selected, rate, share, excluded };
  });
  const categories = new Map<string, CategoryImpact>();
  for (const { name, excluded, ...rest } of partial) {
    const impactRatio = excluded ? null : ratio(rest.rate, highestRate);
    categories.set(name, {
      ...rest,
      impactRatio,
      excluded,
      belowThreshold: impactRatio !== null && impactRatio < threshold,
    });
  }
  return { rows, unknown: counts.unknown, threshold, excludeBelow, highest, highestRate, categories };
}
