/**
 * Explanation drift: what `modelwatch check --attribution-prefix`, the instrumentation's attributions, the Grafana
 * datasource and the docs call things.
 */

/** Keys of the `attributions` section of a check report and of the policy's `attribution` level. */
export const ATTRIBUTION = Object.freeze({
  /** The report section and the policy key. */
  section: 'attributions',
  policy: 'attribution',
  /** The statistic judged against the policy level: nDCG of the live importance ranking (SageMaker Clarify's). */
  ndcg: Object.freeze({
    key: 'ndcg',
    displayName: 'nDCG of attribution importance',
    direction: 'below' as const,
    /** The violation's `check` name in reports. */
    check: 'attribution.ndcg',
  }),
  /** Per-feature fields of the report. */
  fields: Object.freeze({
    referenceImportance: 'referenceImportance',
    currentImportance: 'currentImportance',
    psi: 'psi',
    jensenShannon: 'jensenShannon',
  }),
});

/** Issues of dropped attributions (modelwatch.attribution.issues). */
export const ATTRIBUTION_ISSUES = Object.freeze(['invalid_type', 'unknown_feature'] as const);
export type AttributionIssue = (typeof ATTRIBUTION_ISSUES)[number];

/** Grafana datasource query types of explanation drift. */
export const ATTRIBUTION_QUERY = Object.freeze({
  /** Live importance per feature (mean |attribution| over the window, replicas merged by adding sums and counts). */
  importance: 'attributionImportance',
  /** nDCG of the live importance ranking against the reference, computed after the merge. */
  ndcg: 'attributionNdcg',
} as const);
