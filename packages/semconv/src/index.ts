// Modelwatch's semantic conventions: the one place that names metrics, units, attributes and buckets.
export { ATTR, BIN, ISSUES, JOIN_RESULTS, DETECTOR_STATUS, SELF_ERRORS } from './attributes.js';
export type { AttributeKey, Issue, JoinResult, SelfErrorKind } from './attributes.js';
export {
  DEFAULT_DURATION_BUCKETS,
  DEFAULT_DRIFT_BINS,
  DEFAULT_ATTRIBUTE_VALUE_CAP,
  DEFAULT_LABEL_VALUE_MAX_BYTES,
  DEFAULT_CARDINALITY_LIMIT,
  bucketProblem,
} from './buckets.js';
export { METRICS, prometheusName, promLabel, sanitize } from './metrics.js';
export type { MetricSpec, MetricKey, InstrumentKind, Naming } from './metrics.js';
export * from './contract/index.js';
