import type { BatchObservableResult } from '@opentelemetry/api';
import { ATTR, ATTRIBUTION_ISSUES, BIN } from '@modelwatch/semconv';
import type { AttributionSet } from '../features/attribution-set.js';
import type { AttributeCache, Observables } from './metrics-binding.js';

/**
 * Attribution series at collection: bins and reference shares per attributed feature, the |a| sums and counts that
 * global importance is computed from after replicas are merged, the reference importance, and dropped values.
 */
export function observeAttributions(
  a: AttributionSet,
  result: BatchObservableResult,
  o: Observables,
  cache: AttributeCache
): void {
  a.features.forEach((f, j) => {
    for (let b = 0; b < f.bins.length; b++) {
      const attrs = cache.get(`ab\u0000${f.name}\u0000${b}`, () => ({
        [ATTR.feature]: f.name,
        [ATTR.bin]: f.bins[b]!,
      }));
      result.observe(o.attributionValues, a.counts[f.offset + b]!, attrs);
      result.observe(o.attributionReferenceShare, f.referenceShares[b]!, attrs);
    }
    const attrs = cache.get(`af\u0000${f.name}`, () => ({ [ATTR.feature]: f.name }));
    result.observe(o.attributionAbsoluteSum, a.absoluteSums[j]!, attrs);
    result.observe(o.attributionCount, a.valueCounts[j]!, attrs);
    result.observe(o.attributionReferenceImportance, f.referenceImportance, attrs);
    for (const issue of ATTRIBUTION_ISSUES) {
      if (issue === 'unknown_feature') continue;
      const issueAttrs = cache.get(`ai\u0000${f.name}\u0000${issue}`, () => ({
        [ATTR.feature]: f.name,
        [ATTR.issue]: issue,
      }));
      result.observe(o.attributionIssues, a.issue(j, issue), issueAttrs);
    }
  });
  if (a.size === 0) return;
  const unknown = cache.get(`ai\u0000\u0000unknown`, () => ({
    [ATTR.feature]: BIN.other,
    [ATTR.issue]: 'unknown_feature',
  }));
  result.observe(o.attributionIssues, a.issue(a.size, 'unknown_feature'), unknown);
}
