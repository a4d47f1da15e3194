import { ATTR, type AttributeKey } from './attributes.js';

export type InstrumentKind = 'counter' | 'gauge' | 'histogram';

export interface MetricSpec {
  /** OpenTelemetry instrument name. */
  readonly name: string;
  readonly kind: InstrumentKind;
  /** UCUM unit; curly-brace annotations ({value}) carry no unit and add no suffix. */
  readonly unit: string;
  readonly description: string;
  /** Attribute keys besides model.name and model.version, which every series carries. */
  readonly attributes: readonly AttributeKey[];
}

const spec = (
  name: string,
  kind: InstrumentKind,
  unit: string,
  attributes: readonly AttributeKey[],
  description: string
): MetricSpec => Object.freeze({ name, kind, unit, description, attributes: Object.freeze([...attributes]) });

const CELL = [ATTR.predictionClass, ATTR.actualClass] as const;

/** Every metric Modelwatch emits. */
export const METRICS = Object.freeze({
  featureValues: spec(
    'modelwatch.feature.values',
    'counter',
    '{value}',
    [ATTR.feature, ATTR.featureRole, ATTR.bin],
    'Values seen per feature and reference bin (equal-probability bins for numbers, categories for categorical features); numeric values tied with the reference spread fractionally over bins.'
  ),
  featureReferenceShare: spec(
    'modelwatch.feature.reference.share',
    'gauge',
    '1',
    [ATTR.feature, ATTR.featureRole, ATTR.bin],
    'Share of the reference data in each bin of a feature; drift compares it with the share of modelwatch.feature.values.'
  ),
  featureReferenceSize: spec(
    'modelwatch.feature.reference.size',
    'gauge',
    '{value}',
    [ATTR.feature, ATTR.featureRole],
    "Values in the reference profile behind a feature's reference shares (non-missing values for numeric features, all rows for categorical ones): the drift noise floor adds the reference's own sampling noise, 1/this."
  ),
  featureDriftLevel: spec(
    'modelwatch.feature.drift.level',
    'gauge',
    '1',
    [ATTR.feature, ATTR.featureRole, ATTR.driftStatistic],
    'Level of a drift statistic learned from the reference profile: mean + 3 standard deviations of the statistic between chunks of the reference and the whole reference; exported only for profiles built with modelwatch profile --chunks.'
  ),
  attributionValues: spec(
    'modelwatch.attribution.values',
    'counter',
    '{value}',
    [ATTR.feature, ATTR.bin],
    "Attributions (SHAP, integrated gradients, exact linear) seen per feature and bin of the reference profile's attributions of that feature (equal-probability bins, ties spread fractionally): attribution drift compares their shares with modelwatch.attribution.reference.share."
  ),
  attributionReferenceShare: spec(
    'modelwatch.attribution.reference.share',
    'gauge',
    '1',
    [ATTR.feature, ATTR.bin],
    'Share of the reference attributions of a feature in each bin.'
  ),
  attributionAbsoluteSum: spec(
    'modelwatch.attribution.absolute.sum',
    'counter',
    '{value}',
    [ATTR.feature],
    'Sum of |attribution| per feature; divided by modelwatch.attribution.count it is the global importance (mean absolute attribution). Replicas merge by adding both before dividing.'
  ),
  attributionCount: spec(
    'modelwatch.attribution.count',
    'counter',
    '{value}',
    [ATTR.feature],
    'Attributions counted per feature (finite numbers for a feature the reference profile attributes).'
  ),
  attributionReferenceImportance: spec(
    'modelwatch.attribution.reference.importance',
    'gauge',
    '1',
    [ATTR.feature],
    "Global importance of each feature on the reference (mean |attribution|): the gains of the nDCG that compares the live importance ranking with the reference's."
  ),
  attributionIssues: spec(
    'modelwatch.attribution.issues',
    'counter',
    '{value}',
    [ATTR.feature, ATTR.issue],
    'Attributions dropped per feature: invalid_type (not a finite number) or unknown_feature (names the reference profile has no attributions for, counted under feature __other__; looked for on every record up to 1,024, then on one in 64).'
  ),
  segmentFeatureValues: spec(
    'modelwatch.segment.feature.values',
    'counter',
    '{value}',
    [ATTR.segmentName, ATTR.segmentValue, ATTR.feature, ATTR.featureRole, ATTR.bin],
    'Values seen per segment value, feature and reference bin, for the features and segments listed in the segmentDrift option only (opt-in): drift per segment compares their shares with modelwatch.feature.reference.share.'
  ),
  featureIssues: spec(
    'modelwatch.feature.issues',
    'counter',
    '{value}',
    [ATTR.feature, ATTR.issue],
    'Data-quality issues per feature: missing, out_of_range (outside the reference min..max), invalid_type, unseen_category, unknown_feature (looked for on every record up to 1,024, then on one in 64).'
  ),
  predictions: spec(
    'modelwatch.predictions',
    'counter',
    '{prediction}',
    [ATTR.predictionClass],
    'Predictions per predicted class; regression models have one series without prediction.class.'
  ),
  predictionReferenceShare: spec(
    'modelwatch.prediction.reference.share',
    'gauge',
    '1',
    [ATTR.predictionClass],
    'Share of each predicted class on the reference data (class-balance drift baseline).'
  ),
  segmentPredictions: spec(
    'modelwatch.segment.predictions',
    'counter',
    '{prediction}',
    [ATTR.segmentName, ATTR.segmentValue, ATTR.predictionClass],
    'Predictions per segment value and predicted class (no class for regression models).'
  ),
  groupPredictions: spec(
    'modelwatch.group.predictions',
    'counter',
    '{prediction}',
    [ATTR.groupAttribute, ATTR.groupValue, ATTR.predictionClass],
    'Predictions per protected-attribute group and predicted class (selection rates need no labels; no class for regression models).'
  ),
  groupScored: spec(
    'modelwatch.group.scored',
    'counter',
    '{prediction}',
    [ATTR.groupAttribute, ATTR.groupValue],
    'Predictions with a score per protected-attribute group (the scoringRate option only): the denominator of scoring rates.'
  ),
  groupScoredAboveCut: spec(
    'modelwatch.group.scored_above_cut',
    'counter',
    '{prediction}',
    [ATTR.groupAttribute, ATTR.groupValue],
    "Predictions per protected-attribute group whose score is strictly above the reference profile's median score (the scoringRate option only): NYC Local Law 144's scoring rate is this / modelwatch.group.scored."
  ),
  errors: spec('modelwatch.errors', 'counter', '{error}', [ATTR.errorType], 'Failed inferences by error type.'),
  inferenceDuration: spec('modelwatch.inference.duration', 'histogram', 's', [], 'Duration of inference calls.'),
  outcomes: spec(
    'modelwatch.outcomes',
    'counter',
    '{outcome}',
    CELL,
    'Confusion-matrix cells of predictions whose outcome is known.'
  ),
  segmentOutcomes: spec(
    'modelwatch.segment.outcomes',
    'counter',
    '{outcome}',
    [ATTR.segmentName, ATTR.segmentValue, ...CELL],
    'Confusion-matrix cells per segment value.'
  ),
  groupOutcomes: spec(
    'modelwatch.group.outcomes',
    'counter',
    '{outcome}',
    [ATTR.groupAttribute, ATTR.groupValue, ...CELL],
    'Confusion-matrix cells per protected-attribute group.'
  ),
  estimatedOutcomes: spec(
    'modelwatch.estimated.outcomes',
    'counter',
    '{outcome}',
    CELL,
    'Expected confusion-matrix cells from scores alone (confidence-based performance estimation); fractional.'
  ),
  regressionOutcomes: spec(
    'modelwatch.regression.outcomes',
    'counter',
    '{outcome}',
    [],
    'Regression predictions whose true value is known.'
  ),
  regressionAbsoluteError: spec(
    'modelwatch.regression.absolute_error',
    'counter',
    '{error}',
    [],
    'Sum of |prediction − actual|.'
  ),
  regressionSquaredError: spec(
    'modelwatch.regression.squared_error',
    'counter',
    '{error}',
    [],
    'Sum of (prediction − actual)².'
  ),
  regressionOverPrediction: spec(
    'modelwatch.regression.over_prediction',
    'counter',
    '{error}',
    [],
    'Sum of max(prediction − actual, 0); with under_prediction it gives the signed bias as a pair of counters.'
  ),
  regressionUnderPrediction: spec(
    'modelwatch.regression.under_prediction',
    'counter',
    '{error}',
    [],
    'Sum of max(actual − prediction, 0).'
  ),
  regressionAbsolutePercentageError: spec(
    'modelwatch.regression.absolute_percentage_error',
    'counter',
    '{error}',
    [],
    'Sum of |prediction − actual| / max(|actual|, 2.22e-16).'
  ),
  outcomeJoins: spec(
    'modelwatch.outcome.joins',
    'counter',
    '{outcome}',
    [ATTR.joinResult],
    'Outcome joins: matched to a stored prediction, unmatched (unknown id), expired (TTL) or evicted (store full).'
  ),
  pendingOutcomes: spec(
    'modelwatch.outcome.pending',
    'gauge',
    '{prediction}',
    [],
    'Predictions waiting for their outcome in the bounded store.'
  ),
  detectorDetections: spec(
    'modelwatch.detector.detections',
    'counter',
    '{detection}',
    [ATTR.detector, ATTR.detectionLevel],
    'Concept-drift detections (level drift) and warnings on the error stream of outcomes.'
  ),
  detectorStatus: spec(
    'modelwatch.detector.status',
    'gauge',
    '1',
    [ATTR.detector],
    'Detector status after the last outcome: 0 stable, 1 warning, 2 drift.'
  ),
  selfErrors: spec(
    'modelwatch.monitor.internal_errors',
    'counter',
    '{error}',
    [ATTR.selfErrorKind],
    'Failures inside the instrumentation that were contained instead of thrown into the service.'
  ),
  monitorCardinality: spec(
    'modelwatch.monitor.cardinality',
    'gauge',
    '{series}',
    [],
    "Attribute sets the busiest Modelwatch instrument can need on this monitor's Meter, summed over every monitor sharing it; above the reader's cardinality limit (2,000 by default) the SDK folds series into otel_metric_overflow."
  ),
} satisfies Record<string, MetricSpec>);

export type MetricKey = keyof typeof METRICS;

/** How the user's pipeline turns OpenTelemetry names into Prometheus names. */
export type Naming = 'exporter-prometheus' | 'otlp';

const UNIT_SUFFIXES: Readonly<Record<string, string>> = { s: 'seconds', ms: 'milliseconds', By: 'bytes' };

/** Prometheus-legal form of an OpenTelemetry name or attribute key: invalid characters become '_'. */
export function sanitize(name: string): string {
  const s = name.replace(/[^a-zA-Z0-9_:]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

/** The Prometheus label name of an attribute key (`model.name` → `model_name`). */
export function promLabel(key: AttributeKey): string {
  return sanitize(key);
}

/**
 * The Prometheus metric name of a metric. exporter-prometheus appends `_total` to counters and no unit;
 * the Collector and Prometheus' OTLP receiver also append the unit (`_seconds`, and `_ratio` for
 * dimensionless gauges). Histograms are this name plus `_bucket`, `_sum`, `_count`.
 */
export function prometheusName(metric: MetricSpec, naming: Naming): string {
  let name = sanitize(metric.name);
  if (naming === 'otlp') {
    const unit = metric.unit.startsWith('{')
      ? ''
      : metric.unit === '1'
        ? metric.kind === 'gauge'
          ? 'ratio'
          : ''
        : (UNIT_SUFFIXES[metric.unit] ?? sanitize(metric.unit));
    if (unit && !name.endsWith(`_${unit}`)) name += `_${unit}`;
  }
  if (metric.kind === 'counter' && !name.endsWith('_total')) name += '_total';
  return name;
}
