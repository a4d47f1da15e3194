// PromQL for Modelwatch statistics, shared by the rule generator, the dashboards and the Grafana plugin. Names
// come from @modelwatch/semconv's contract; selecting a model and version goes through `matchers`.
export {
  MODEL,
  VERSION,
  MODEL_LABELS,
  matchers,
  modelMatch,
  labelMatchers,
  selectSeries,
  metric,
  labelsOf,
  quote,
  literalRegex,
  by,
  eq,
  re,
} from './selector.js';
export type { Scope } from './selector.js';
export { series, increaseOf } from './cells.js';
export type { Source } from './cells.js';
export {
  PSI_EPSILON,
  FEATURE_LABELS,
  BIN_LABELS,
  binCounts,
  binShares,
  referenceShares,
  referenceSizes,
  psi,
  psiOfSmoothed,
  smoothedShares,
  jensenShannon,
  chiSquare,
  countInReferenceBins,
  ksBinned,
  featureCount,
  learnedLevels,
  referenceBinCount,
  chiSquareUpperQuantileByBins,
  psiNoiseFloor,
  referenceShareReciprocals,
  noiseCorrection,
  type NoiseFloorTerms,
  jensenShannonNoiseFloor,
} from './drift.js';
export { ISSUE_LABELS, predictionCount, issueRate } from './quality.js';
export { PREDICTED, ACTUAL, binaryCells, binaryMetric, outcomeCount, correctShare } from './performance.js';
export type { BinaryClasses } from './performance.js';
export { regressionIncrease, regressionMetric } from './regression.js';
export type { RegressionCounter, RegressionSums } from './regression.js';
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
  disparity,
} from './fairness.js';
export {
  KNOWN_CATEGORY,
  INTERSECTION_ATTRIBUTE,
  SINGLE_ATTRIBUTE,
  policyCategoryCount,
  policyAttributeRows,
  policyUnknownCount,
  policyCategoryShare,
  policySelectionRate,
  policyExcluded,
  policyJudgedRate,
  policyHighestRate,
  policyImpactRatio,
  policyScoringRate,
} from './policy.js';
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
export {
  selector,
  fleetSelector,
  modelSelector,
  MODEL_VARIABLE,
  VERSION_VARIABLE,
  metricName,
  predictionRate,
  errorRatio,
  latencyQuantile,
  counterRate,
  anyOf,
} from './dashboard.js';
export type { Selector } from './dashboard.js';
export { alertsQuery } from './alerts.js';
export type { AlertsSelection } from './alerts.js';
// The statistic lists belong to the contract; re-exported for callers that build PromQL from them.
export { BINARY_METRICS, GROUP_RATE_KEYS, REGRESSION_METRICS } from '@modelwatch/semconv';
export type { BinaryMetric, GroupRate, RegressionMetric } from '@modelwatch/semconv';
export { regexProblem, MAX_REGEX_LENGTH } from './regex.js';
export {
  SEGMENT_FEATURE_LABELS,
  SEGMENT_BIN_LABELS,
  segmentBinCounts,
  segmentBinShares,
  segmentFeatureCount,
  segmentReferenceShares,
} from './segment-drift.js';
export { ATTRIBUTION_LABELS, attributionImportanceParts, attributionImportance } from './attribution.js';
