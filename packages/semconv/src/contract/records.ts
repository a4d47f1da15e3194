import { snakeCase } from './text.js';

/**
 * Names of the series the recording rules record: `modelwatch:<what>:<aggregation><window>`, one name per
 * statistic, the window in the name (a model entry records only its own window). The rule generator writes
 * them; the dashboards, the Grafana datasource and the demo read them.
 */
export const RECORD = Object.freeze({
  binCount: (w: string) => `modelwatch:feature_bin_count:increase${w}`,
  binShare: (w: string) => `modelwatch:feature_bin_share:ratio${w}`,
  baselineShare: (w: string) => `modelwatch:feature_bin_share_last_week:ratio${w}`,
  baselineCount: (w: string) => `modelwatch:feature_count_last_week:increase${w}`,
  /** Bin counts of the same window an offset earlier: its shares and count read them rather than the raw counters. */
  baselineBinCount: (w: string) => `modelwatch:feature_bin_count_last_week:increase${w}`,
  referenceShare: 'modelwatch:feature_reference_share:max',
  /** The shares PSI reads, an empty bin's share raised to PSI's epsilon: recorded once rather than per statistic. */
  smoothedShare: (w: string) => `modelwatch:feature_bin_share_smoothed:ratio${w}`,
  smoothedBaselineShare: (w: string) => `modelwatch:feature_bin_share_last_week_smoothed:ratio${w}`,
  smoothedReferenceShare: 'modelwatch:feature_reference_share_smoothed:max',
  featureCount: (w: string) => `modelwatch:feature_count:increase${w}`,
  psi: (w: string) => `modelwatch:feature_psi:${w}`,
  jensenShannon: (w: string) => `modelwatch:feature_jensen_shannon:${w}`,
  chiSquare: (w: string) => `modelwatch:feature_chi_square:${w}`,
  /** Values per feature in the bins the reference has a share in: chi-square's total, recorded once. */
  countInReferenceBins: (w: string) => `modelwatch:feature_count_in_reference_bins:increase${w}`,
  ks: (w: string) => `modelwatch:feature_ks:${w}`,
  /** Reference bins (categories) with a positive share per feature: the noise floor's df is this − 1. */
  referenceBins: 'modelwatch:feature_reference_bins:count',
  /** Σ 1/r over each feature's positive reference shares: the size of the noise floor's small-window correction. */
  referenceShareReciprocals: 'modelwatch:feature_reference_share_reciprocal:sum',
  /** Values in the reference behind each feature's shares: the reference's term 1/m of the noise floor. */
  referenceSize: 'modelwatch:feature_reference_size:max',
  /** χ²(df) upper α quantile per feature, α fixed when the rules were generated (noise-floor thresholds). */
  noiseQuantile: 'modelwatch:feature_noise_quantile:chi2',
  /** PSI noise floor q·v·(1 + c·v), v = 1/n + 1/m, per feature and baseline (docs/statistics.md). */
  psiNoiseFloor: (w: string) => `modelwatch:feature_psi_noise_floor:${w}`,
  /** Jensen–Shannon distance noise floor sqrt(PSI floor / 8) per feature and baseline. */
  jensenShannonNoiseFloor: (w: string) => `modelwatch:feature_jensen_shannon_noise_floor:${w}`,
  /** Drift per segment (`drift.segments`): bin counts per segment value, from modelwatch.segment.feature.values. */
  segmentBinCount: (w: string) => `modelwatch:segment_feature_bin_count:increase${w}`,
  /** Each bin's share of its feature's count in one segment value. */
  segmentBinShare: (w: string) => `modelwatch:segment_feature_bin_share:ratio${w}`,
  /** Values counted per segment value and feature: the minimum-sample guard of segment drift alerts. */
  segmentFeatureCount: (w: string) => `modelwatch:segment_feature_count:increase${w}`,
  /** The reference shares, repeated for every segment value that has bin shares (one series per current share). */
  segmentReferenceShare: (w: string) => `modelwatch:segment_feature_reference_share:max${w}`,
  segmentPsi: (w: string) => `modelwatch:segment_feature_psi:${w}`,
  segmentJensenShannon: (w: string) => `modelwatch:segment_feature_jensen_shannon:${w}`,
  predictions: (w: string) => `modelwatch:predictions:increase${w}`,
  issueRate: (w: string) => `modelwatch:feature_issue:ratio_rate${w}`,
  outcomeCells: (w: string) => `modelwatch:outcome_cells:increase${w}`,
  estimatedCells: (w: string) => `modelwatch:estimated_cells:increase${w}`,
  outcomeCount: (w: string) => `modelwatch:outcome_count:increase${w}`,
  performance: (metric: string, w: string) => `modelwatch:model_${metric}:ratio${w}`,
  groupPredictions: (w: string) => `modelwatch:group_predictions:increase${w}`,
  groupOutcomes: (w: string) => `modelwatch:group_outcomes:increase${w}`,
  groupSize: (w: string) => `modelwatch:group_size:increase${w}`,
  groupOutcomeCount: (w: string) => `modelwatch:group_outcome_count:increase${w}`,
  groupRate: (rate: string, w: string) => `modelwatch:group_${snakeCase(rate)}:ratio${w}`,
  fairness: (statistic: string, w: string) => `modelwatch:fairness_${snakeCase(statistic)}:${w}`,
  sloError: (w: string) => `modelwatch:slo_error:ratio_rate${w}`,
  burnRate: (w: string) => `modelwatch:slo_burn_rate:${w}`,
  budgetRemaining: 'modelwatch:slo_error_budget_remaining:ratio',
  /** Policy packs (docs/compliance.md): predictions per category of an attribute or intersection, unknown included. */
  policyCategoryCount: (w: string) => `modelwatch:policy_category_count:increase${w}`,
  /** Predictions per attribute or intersection, every category and the unknown ones. */
  policyAttributeRows: (w: string) => `modelwatch:policy_attribute_rows:increase${w}`,
  /** Predictions whose category is unknown (any part missing, for an intersection), per attribute. */
  policyUnknownCount: (w: string) => `modelwatch:policy_unknown_count:increase${w}`,
  /** A category's share of its attribute's rows: what the small-category exclusion compares. */
  policyCategoryShare: (w: string) => `modelwatch:policy_category_share:ratio${w}`,
  /** Selection rate per category: predictions of the positive class / predictions. */
  policySelectionRate: (w: string) => `modelwatch:policy_selection_rate:ratio${w}`,
  /** 1 for a category a pack leaves out of the impact ratios (below its share, or past the cap), else 0; `policy` label. */
  policyExcluded: (w: string) => `modelwatch:policy_excluded:${w}`,
  /** Highest selection rate among the categories a pack judges, per attribute; `policy` label. */
  policyHighestRate: (w: string) => `modelwatch:policy_highest_rate:max${w}`,
  /** Scoring rate per category: predictions scored above the reference median / predictions with a score. */
  policyScoringRate: (w: string) => `modelwatch:policy_scoring_rate:ratio${w}`,
  /** Highest scoring rate among the categories the NYC pack judges, per attribute; `policy` label. */
  policyScoringHighestRate: (w: string) => `modelwatch:policy_scoring_highest_rate:max${w}`,
  /** Scoring-rate impact ratio per judged category (NYC pack, models exporting scoring counts); `policy` label. */
  policyScoringImpactRatio: (w: string) => `modelwatch:policy_scoring_impact_ratio:ratio${w}`,
  /** Impact ratio per judged category: its rate / the highest rate; `policy` label. */
  policyImpactRatio: (w: string) => `modelwatch:policy_impact_ratio:ratio${w}`,
  /**
   * 1 per model version and pack, its labels the options the pack is judged with (`policy`, `favourable`,
   * `threshold`, `exclude_below`, `min_group_size`, `window`): what the compliance view reads to judge as the rules.
   * No window in the name, so a reader finds it without knowing the model's window.
   */
  policySettings: 'modelwatch:policy_settings:info',
} as const);

/** Every recorded series name starts so; a matcher over `__name__` finds them all. */
export const RECORD_PREFIX = 'modelwatch:';
