import { BIN_LABELS, binCounts, by, eq, matchers, metric, referenceShares, type Scope } from '@modelwatch/promql';
import type { DriftOptions } from '../options/resolve';
import { scopeOf } from './scope';

/**
 * Bin counts over the window, as the drift rules' `modelwatch:feature_bin_count:increase<w>`; one feature adds
 * a matcher (the rules read every feature, and the value of a feature does not depend on the others).
 */
export function featureBinCounts(scope: Scope, window: string, feature?: string, offset?: string): string {
  if (feature === undefined) {
    return binCounts(scope, window, offset);
  }
  const shifted = offset ? ` offset ${offset}` : '';
  return `sum ${by(BIN_LABELS)} (increase(${metric(scope, 'featureValues')}${matchers(scope, { feature: eq(feature) })}[${window}]${shifted}))`;
}

/** Reference shares, as `modelwatch:feature_reference_share:max`. */
export function featureReferenceShares(scope: Scope, feature?: string): string {
  if (feature === undefined) {
    return referenceShares(scope);
  }
  return `max ${by(BIN_LABELS)} (${metric(scope, 'featureReferenceShare')}${matchers(scope, { feature: eq(feature) })})`;
}

/** The current counts and the baseline: reference shares, or the counts of the same window one offset earlier. */
export function driftQueries(o: DriftOptions): { counts: string; baseline: string } {
  const scope = scopeOf(o);
  return {
    counts: featureBinCounts(scope, o.window, o.feature),
    baseline:
      o.baseline === 'lastWeek'
        ? featureBinCounts(scope, o.window, o.feature, o.baselineOffset)
        : featureReferenceShares(scope, o.feature),
  };
}
