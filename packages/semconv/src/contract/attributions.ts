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

/**
 * The Grafana datasource's query type of explanation drift and what it can return: `ndcg`, the nDCG of the live
 * importance ranking against the reference (computed after replicas' sums and counts are merged), or `importance`,
 * the live importance (mean |attribution| over the window) per feature.
 */
export const ATTRIBUTION_QUERY = Object.freeze({
  type: 'attributions',
  statistics: Object.freeze(['ndcg', 'importance'] as const),
} as const);
export type AttributionStatistic = (typeof ATTRIBUTION_QUERY.statistics)[number];
