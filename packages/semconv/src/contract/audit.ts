import { ATTR } from '../attributes.js';

/**
 * The decision audit trail: OpenTelemetry log events a monitor emits with its `audit` option. Feature, attribute and
 * identifier names are never keys here: they are keys inside the map-valued attributes, so the set of top-level keys
 * is fixed and a log backend can index them.
 */
export const AUDIT_EVENT = Object.freeze({
  /** One sampled prediction. */
  decision: 'modelwatch.decision',
  /** The outcome of a sampled prediction, when it joins. */
  outcome: 'modelwatch.outcome',
} as const);
export type AuditEventName = (typeof AUDIT_EVENT)[keyof typeof AUDIT_EVENT];

/** Attribute keys of the audit events. */
export const AUDIT_ATTR = Object.freeze({
  modelName: ATTR.modelName,
  modelVersion: ATTR.modelVersion,
  /** The prediction id recordPrediction returned (its keyed hash with `hashPredictionId`). */
  predictionId: 'modelwatch.prediction.id',
  /** The score as recorded (probability of the positive class, or the predicted value of a regression model). */
  score: 'modelwatch.decision.score',
  /** The predicted class (classification) or value (regression). */
  prediction: 'modelwatch.decision.prediction',
  /** The threshold the score was compared with (binary classification). */
  threshold: 'modelwatch.decision.threshold',
  /** Inference duration in seconds, when recorded. */
  duration: 'modelwatch.decision.duration',
  /** Map: allowlisted feature name -> value. */
  features: 'modelwatch.decision.features',
  /** Map: explicitly allowed protected attribute name -> value. */
  protected: 'modelwatch.decision.protected',
  /** Array of reason codes, as the service gave them. */
  reasons: 'modelwatch.decision.reasons',
  /** Map: allowlisted feature name -> attribution, the largest |attribution| first, at most `topAttributions`. */
  attributions: 'modelwatch.decision.attributions',
  /** Map: identifier field name -> lowercase hex HMAC-SHA-256 of its value under the audit key. */
  subject: 'modelwatch.subject',
  /** Which audit key made the hashes (key rotation). */
  keyId: 'modelwatch.audit.key_id',
  /** The probability with which this decision was kept: weight it by 1 / probability (Horvitz-Thompson). */
  samplingProbability: 'modelwatch.audit.sampling.probability',
  /** The first sampling rule that kept the decision (AUDIT_SAMPLING_RULE). */
  samplingRule: 'modelwatch.audit.sampling.rule',
  /** The true outcome (outcome events). */
  actual: 'modelwatch.outcome.actual',
} as const);
export type AuditAttributeKey = (typeof AUDIT_ATTR)[keyof typeof AUDIT_ATTR];

/** Why a decision was kept: the rules are checked in this order and the first that applies is recorded. */
export const AUDIT_SAMPLING_RULE = Object.freeze({
  /** A kept class (e.g. denials): always kept. */
  keptClass: 'kept_class',
  /** Score within `nearThreshold` of the threshold: always kept. */
  nearThreshold: 'near_threshold',
  /** Among the first `minPerGroup` predictions of a protected group in the interval: always kept. */
  groupMinimum: 'group_minimum',
  /** Kept at the base rate. */
  base: 'base',
} as const);
export type AuditSamplingRule = (typeof AUDIT_SAMPLING_RULE)[keyof typeof AUDIT_SAMPLING_RULE];

/** Defaults of the `audit` option. */
export const AUDIT_DEFAULTS = Object.freeze({
  /** Base sampling rate. */
  rate: 0.01,
  /** Near-threshold margin (0: the rule is off). */
  nearThreshold: 0,
  /** Kept predictions per protected group per interval (0: the rule is off). */
  minPerGroup: 0,
  intervalSeconds: 60,
  /** Attributions kept per decision. */
  topAttributions: 5,
  /** Reason codes kept per decision, and the longest kept (characters). */
  maxReasons: 16,
  maxReasonLength: 128,
  /** Longest string value copied into an event (characters); longer ones are cut. */
  maxValueLength: 256,
  /** Shortest audit key accepted, in bytes (the HMAC-SHA-256 output size). */
  keyMinBytes: 32,
  /** Sampled decisions remembered for their outcome event. */
  maxTracked: 10_000,
  /** The instrumentation scope of the logger. */
  loggerName: '@modelwatch/otel',
} as const);
