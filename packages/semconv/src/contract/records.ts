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
  referenceShare: 'modelwatch:feature_reference_share:max',
  featureCount: (w: string) => `modelwatch:feature_count:increase${w}`,
  psi: (w: string) => `modelwatch:feature_psi:${w}`,
  jensenShannon: (w: string) => `modelwatch:feature_jensen_shannon:${w}`,
  chiSquare: (w: string) => `modelwatch:feature_chi_square:${w}`,
  ks: (w: string) => `modelwatch:feature_ks:${w}`,
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
} as const);

/** Every recorded series name starts so; a matcher over `__name__` finds them all. */
export const RECORD_PREFIX = 'modelwatch:';
