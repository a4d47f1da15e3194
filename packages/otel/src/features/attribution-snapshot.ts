import { ATTRIBUTION_ISSUES } from '@modelwatch/semconv';
import { emptyRecord, importanceNdcg, jensenShannon, psi, toShares } from '@modelwatch/stats';
import type { AttributionFeatureSnapshot, AttributionSnapshot } from '../types.js';
import type { AttributionSet } from './attribution-set.js';

/** Explanation drift from the attribution counters, as the exported series give it after merging replicas. */
export function attributionSnapshot(a: AttributionSet): AttributionSnapshot | null {
  if (a.size === 0) return null;
  const features = emptyRecord<AttributionFeatureSnapshot>();
  const reference: number[] = [];
  const current: number[] = [];
  a.features.forEach((f, j) => {
    const bins = a.counts.subarray(f.offset, f.offset + f.bins.length);
    const n = a.valueCounts[j]!;
    const importance = n > 0 ? a.absoluteSums[j]! / n : null;
    const issues: Record<string, number> = {};
    for (const issue of ATTRIBUTION_ISSUES) issues[issue] = a.issue(j, issue);
    features[f.name] = {
      count: n,
      importance,
      referenceImportance: f.referenceImportance,
      psi: n > 0 ? psi(f.referenceShares, toShares(bins)) : null,
      jensenShannon: n > 0 ? jensenShannon(f.referenceShares, bins) : null,
      issues,
    };
    reference.push(f.referenceImportance);
    current.push(importance ?? 0);
  });
  let seen = 0;
  for (let j = 0; j < a.size; j++) seen += a.valueCounts[j]!;
  return {
    ndcg: seen > 0 ? importanceNdcg(reference, current) : null,
    features,
    unknown: a.issue(a.size, 'unknown_feature'),
  };
}
