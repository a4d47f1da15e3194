import { impactRatios } from './impact.js';
import type { AttributeCounts, ImpactOptions, ImpactTable } from './types.js';

/** The DCWP rules allow leaving out categories under 2% of the data. */
export const DEFAULT_EXCLUDE_BELOW = 0.02;

/**
 * The impact ratios of a bias audit under NYC Local Law 144 (6 RCNY §5-301) for one attribute or intersection: the
 * selection rate (binary outcome) or scoring rate (selections from `scoringSelections`) of each category over the
 * highest category's. Categories under `excludeBelow` (default 2%) of the rows are excluded. The law sets no pass
 * level; `threshold` (default 0.8) is the organisation's policy.
 */
export function nycLl144(counts: AttributeCounts, options: ImpactOptions = {}): ImpactTable {
  return impactRatios(counts, {
    threshold: options.threshold,
    excludeBelow: options.excludeBelow ?? DEFAULT_EXCLUDE_BELOW,
  });
}
