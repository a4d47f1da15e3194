// PromQL for Modelwatch statistics, shared by the rule generator and the Grafana plugin.
export { MODEL, VERSION, MODEL_LABELS, matchers, metric, labelsOf, quote, literalRegex, by } from './selector.js';
export type { Scope } from './selector.js';
export { series, increaseOf, eq } from './cells.js';
export type { Source } from './cells.js';
export {
  PSI_EPSILON,
  FEATURE_LABELS,
  BIN_LABELS,
  binCounts,
  binShares,
  referenceShares,
  psi,
  jensenShannon,
  chiSquare,
  ksBinned,
  featureCount,
} from './drift.js';
export { ISSUE_LABELS, predictionCount, issueRate } from './quality.js';
export {
  PREDICTED,
  ACTUAL,
  BINARY_METRICS,
  binaryCells,
  binaryMetric,
  outcomeCount,
  correctShare,
} from './performance.js';
export type { BinaryClasses, BinaryMetric } from './performance.js';
export {
  GROUP_ATTRIBUTE,
  GROUP_VALUE,
  ATTRIBUTE_LABELS,
  GROUP_LABELS,
  groupPredictionCount,
  groupOutcomeCount,
  groupRate,
  eligible,
  difference,
  ratio,
  larger,
} from './fairness.js';
export type { GroupRate } from './fairness.js';
export {
  leMatcher,
  availabilityErrorRatio,
  latencyErrorRatio,
  qualityErrorRatio,
  errorBudget,
  burnRate,
  budgetRemaining,
} from './slo.js';
export type { SliKind } from './slo.js';
