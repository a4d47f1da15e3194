// The Prometheus side of the contract: every recorded series, alert, label and statistic, and the defaults.
export { LABEL, MODEL_LABELS, ALERTS_SERIES, RESERVED_LABELS, labelTemplate } from './labels.js';
export type { LabelName } from './labels.js';
export { BASELINE, SOURCE, SOURCES, SEVERITY, ALERT_STATE, SLO_KINDS, FEATURE_ROLE } from './values.js';
export type {
  BaselineValue,
  SourceValue,
  Severity,
  LevelSeverity,
  BurnSeverity,
  SloKind,
  FeatureRole,
} from './values.js';
export { RECORD, RECORD_PREFIX } from './records.js';
export { ALERT, ALERT_PREFIX, ALERT_NAME_MATCHER, ALERT_IDENTITY_LABELS, alertArea } from './alerts.js';
export type { AlertName, AlertArea } from './alerts.js';
export {
  RECORDED_DRIFT,
  RECORDED_DRIFT_KEYS,
  CHECK_DRIFT,
  CHECK_DRIFT_KEYS,
  QUALITY_ISSUES,
  CHECK_QUALITY,
  BINARY_PERFORMANCE,
  BINARY_METRICS,
  PERFORMANCE_ALERT,
  REGRESSION_PERFORMANCE,
  REGRESSION_METRICS,
  GROUP_RATES,
  GROUP_RATE_KEYS,
  FAIRNESS,
  FAIRNESS_KEYS,
  CHECK_FAIRNESS,
  CHECK_FAIRNESS_KEYS,
  SLO_STATISTICS,
  STATISTICS,
} from './statistics.js';
export type {
  Direction,
  AppliesTo,
  DefaultLevels,
  StatisticSpec,
  GroupRateSpec,
  FairnessSpec,
  RecordedDriftStatistic,
  CheckDriftStatistic,
  QualityIssue,
  BinaryMetric,
  RegressionMetric,
  RegressionMetricSpec,
  GroupRate,
  FairnessStatistic,
  CheckFairnessStatistic,
} from './statistics.js';
export { DRIFT_THRESHOLDS, DRIFT_THRESHOLD_MODES, REFERENCE_CHUNK_LEVELS, DRIFT_ALPHA_RANGE } from './thresholds.js';
export type { DriftThresholds, DriftThresholdsSpec } from './thresholds.js';
export { DEFAULTS } from './defaults.js';
export type { BurnAlertDefault, RouteTiming } from './defaults.js';
export {
  SEVERITY_CLASSES,
  SEVERITY_CLASS_ORDER,
  severityPattern,
  RECEIVER_PREFIX,
  receiverName,
  ALERT_FILES,
} from './routing.js';
export type { SeverityClass } from './routing.js';
export { snakeCase, suppressedText, isSuppressedText } from './text.js';
export {
  POLICY,
  POLICY_NAMES,
  POLICY_STATISTIC,
  INTERSECTION_SEPARATOR,
  FAVOURABLE_CLASSES,
  policyByName,
} from './policies.js';
export type { PolicySpec, PolicyName, FavourableClass } from './policies.js';
export * from './attributions.js';
export { AUDIT_EVENT, AUDIT_ATTR, AUDIT_SAMPLING_RULE, AUDIT_DEFAULTS } from './audit.js';
export type { AuditEventName, AuditAttributeKey, AuditSamplingRule } from './audit.js';
