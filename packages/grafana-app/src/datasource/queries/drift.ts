import { binCounts, referenceShares } from '@modelwatch/promql';
import type { DriftOptions } from '../options/resolve';
import { scopeOf } from './scope';

/**
 * The current counts and the baseline: reference shares, or the counts of the same window one offset earlier.
 * The drift rules read every feature; one feature adds a matcher (the value of a feature does not depend on
 * the others).
 */
export function driftQueries(o: DriftOptions): { counts: string; baseline: string } {
  const scope = scopeOf(o);
  return {
    counts: binCounts(scope, o.window, undefined, o.feature),
    baseline:
      o.baseline === 'lastWeek'
        ? binCounts(scope, o.window, o.baselineOffset, o.feature)
        : referenceShares(scope, o.feature),
  };
}
