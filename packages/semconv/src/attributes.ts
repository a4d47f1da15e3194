/**
 * Attribute keys. User-supplied names (features, protected attributes, segments) only ever appear as
 * attribute *values*, never as keys, so no user input can collide with a label Prometheus adds (`le`,
 * `job`, `instance`) or multiply the number of label names.
 */
export const ATTR = {
  modelName: 'model.name',
  modelVersion: 'model.version',
  feature: 'feature',
  /** feature, score, label or protected: the column's role in the reference profile. */
  featureRole: 'feature.role',
  bin: 'bin',
  /** The drift statistic a learned level belongs to (psi, jensen_shannon, ks). */
  driftStatistic: 'drift.statistic',
  issue: 'issue',
  predictionClass: 'prediction.class',
  actualClass: 'actual.class',
  segmentName: 'segment.name',
  segmentValue: 'segment.value',
  groupAttribute: 'group.attribute',
  groupValue: 'group.value',
  errorType: 'error.type',
  joinResult: 'result',
  detector: 'detector',
  detectionLevel: 'level',
  selfErrorKind: 'kind',
} as const;

export type AttributeKey = (typeof ATTR)[keyof typeof ATTR];

/** Bin and category values with a fixed meaning. */
export const BIN = {
  /** Categories the reference profile did not keep by name, and values past the cardinality cap. */
  other: '__other__',
  /** A categorical value that was missing. */
  missing: '__missing__',
  /**
   * Group and segment values with fewer than `privacy.minCellSize` observations so far: their counts, and the counts
   * a value had before it reached that size, are exported under this value instead of their own.
   */
  suppressed: '__suppressed__',
} as const;

/** Data-quality issues counted per feature. */
export const ISSUES = ['missing', 'out_of_range', 'invalid_type', 'unseen_category', 'unknown_feature'] as const;
export type Issue = (typeof ISSUES)[number];

/** How a pending prediction ended when its outcome arrived (or did not). */
export const JOIN_RESULTS = ['matched', 'unmatched', 'expired', 'evicted'] as const;
export type JoinResult = (typeof JOIN_RESULTS)[number];

/** Detector status gauge values. */
export const DETECTOR_STATUS = { stable: 0, warning: 1, drift: 2 } as const;

/**
 * Kinds of self-monitoring failures: the instrumentation never throws into the host, it counts instead.
 * `label`: a value longer than the label-value byte cap, exported as `__other__`; `nonfinite`: an outcome whose
 * error sums would overflow, not recorded; `snapshot`: a part of snapshot() that failed and was left empty.
 */
export const SELF_ERRORS = ['record', 'callback', 'instrument', 'listener', 'label', 'nonfinite', 'snapshot'] as const;
export type SelfErrorKind = (typeof SELF_ERRORS)[number];
