import { binCounts, referenceShares, segmentBinCounts } from '@modelwatch/promql';
import type { DriftOptions } from '../options/resolve';
import { scopeOf } from './scope';

/**
 * The current counts and the baseline: reference shares, or the counts of the same window one offset earlier.
 * The drift rules read every feature; one feature adds a matcher (the value of a feature does not depend on
 * the others). With a segment, the counts are per segment value, against the whole reference (the profile has
 * no segments) or the same segment value's counts one offset earlier.
 */
export function driftQueries(o: DriftOptions): { counts: string; baseline: string } {
  const scope = scopeOf(o);
  const segment = o.segmentName;
  if (segment !== undefined) {
    const only = { feature: o.feature, segmentValue: o.segmentValue };
    return {
      counts: segmentBinCounts(scope, o.window, [segment], only),
      baseline:
        o.baseline === 'lastWeek'
          ? segmentBinCounts(scope, o.window, [segment], { ...only, offset: o.baselineOffset })
          : referenceShares(scope, o.feature),
    };
  }
  return {
    counts: binCounts(scope, o.window, undefined, o.feature),
    baseline:
      o.baseline === 'lastWeek'
        ? binCounts(scope, o.window, o.baselineOffset, o.feature)
        : referenceShares(scope, o.feature),
  };
}
