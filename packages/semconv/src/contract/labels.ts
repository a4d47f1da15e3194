/**
 * Every Prometheus label name the series, the recorded rules and the alerts carry. The series' own labels are
 * the Prometheus form of the attribute keys in `ATTR` (a test keeps the two equal); the rule labels are added
 * by `modelwatch rules`; the last few are written by Prometheus itself.
 */
export const LABEL = Object.freeze({
  modelName: 'model_name',
  modelVersion: 'model_version',
  feature: 'feature',
  featureRole: 'feature_role',
  bin: 'bin',
  driftStatistic: 'drift_statistic',
  issue: 'issue',
  predictionClass: 'prediction_class',
  actualClass: 'actual_class',
  segmentName: 'segment_name',
  segmentValue: 'segment_value',
  groupAttribute: 'group_attribute',
  groupValue: 'group_value',
  errorType: 'error_type',
  joinResult: 'result',
  detector: 'detector',
  detectionLevel: 'level',
  selfErrorKind: 'kind',

  /** Inside the χ² noise quantile's expression only: each feature's df as a label, to join the corrections on. */
  degreesOfFreedom: 'df',
  /** Recorded drift: compared with the reference profile or with an earlier window. */
  baseline: 'baseline',
  /** Recorded performance: realized (labelled outcomes) or estimated (scores alone). */
  source: 'source',
  statistic: 'statistic',
  metric: 'metric',
  slo: 'slo',
  objective: 'objective',
  period: 'period',
  longWindow: 'long_window',
  shortWindow: 'short_window',
  severity: 'severity',
  /** The policy pack a recorded impact ratio or an alert belongs to (`four-fifths`, `nyc-ll144`). */
  policy: 'policy',
  /** Options of a pack on `modelwatch:policy_settings:info`: which predicted class counts as selected. */
  favourable: 'favourable',
  /** The impact ratio under which the pack's alert fires. */
  threshold: 'threshold',
  /** The share of an attribute's rows under which the pack leaves a category out of the impact ratios. */
  excludeBelow: 'exclude_below',
  /** The predictions a category needs before its impact ratio is judged. */
  minGroupSize: 'min_group_size',
  /** The window the pack's rules judge over. */
  window: 'window',
  /**
   * The team that owns a model: a user label (`labels.team` in modelwatch.yaml, top level or per model), not set
   * by the generator; the routes `modelwatch alerts` writes send each team's alerts to its own receivers.
   */
  team: 'team',

  alertName: 'alertname',
  alertState: 'alertstate',
  /** A histogram bucket's upper bound. */
  bucketBound: 'le',
  metricName: '__name__',
} as const);

export type LabelName = (typeof LABEL)[keyof typeof LABEL];

/** The labels that name one model version; aggregations keep them so extra target labels never split series. */
export const MODEL_LABELS = [LABEL.modelName, LABEL.modelVersion] as const;

/** Prometheus' series of alert states, one per pending or firing alert. */
export const ALERTS_SERIES = 'ALERTS';

/**
 * Labels the generator sets on alerts or that the alerting series carry: a user label of the same name would
 * silently replace them (a `severity` label would re-route every alert).
 */
export const RESERVED_LABELS: readonly LabelName[] = [
  LABEL.alertName,
  LABEL.severity,
  LABEL.statistic,
  LABEL.baseline,
  LABEL.issue,
  LABEL.metric,
  LABEL.source,
  LABEL.slo,
  LABEL.objective,
  LABEL.period,
  LABEL.longWindow,
  LABEL.shortWindow,
  LABEL.modelName,
  LABEL.modelVersion,
  LABEL.feature,
  LABEL.featureRole,
  LABEL.bin,
  LABEL.groupAttribute,
  LABEL.groupValue,
  LABEL.policy,
  LABEL.segmentName,
  LABEL.segmentValue,
];

/** `{{ $labels.<name> }}`: a label's value in an alert's annotation template. */
export function labelTemplate(name: LabelName): string {
  return `{{ $labels.${name} }}`;
}
