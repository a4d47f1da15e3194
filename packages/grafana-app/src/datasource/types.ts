import type { DataQuery, DataSourceJsonData } from '@grafana/schema';
import type {
  BASELINE,
  BinaryMetric,
  BurnSeverity,
  GroupRate,
  PolicyName,
  RegressionMetric as ContractRegressionMetric,
  RecordedDriftStatistic,
  SloKind as ContractSloKind,
  FavourableClass,
  AttributionStatistic,
} from '@modelwatch/semconv';
import type { Levels } from '../shared/frames';

/** What a Modelwatch query asks for; each type returns the frames described in `shared/frames.ts`. */
export type QueryType =
  | 'drift'
  | 'driftBins'
  | 'performance'
  | 'regression'
  | 'fairness'
  | 'slo'
  | 'quality'
  | 'alerts'
  | 'compliance'
  | 'attributions';

/** The drift statistics the recording rules record (the contract's catalogue). */
export type DriftStatistic = RecordedDriftStatistic;
/** Compare the window with the reference profile or with the same window a week earlier (as modelwatch.yaml names them). */
export type DriftBaseline = keyof typeof BASELINE;
/** The contract's binary metrics, and three of its group rates taken over the whole model. */
export type PerformanceMetric = BinaryMetric | 'fpr' | 'fnr' | 'selectionRate';
/** MAE, RMSE, MAPE and bias of a regression model (the contract's regression metrics). */
export type RegressionMetric = ContractRegressionMetric;
/** The contract's per-group rates, and accuracy per group. */
export type FairnessMetric = GroupRate | 'accuracy';
export type SloKind = ContractSloKind;

/** One multiwindow burn-rate alert (Google SRE Workbook), as in `modelwatch.yaml`. */
export interface BurnWindow {
  severity: BurnSeverity;
  long: string;
  short: string;
  burnRate: number;
}

/**
 * A Modelwatch query. Every string field may hold template variables. Fields that do not apply to the chosen
 * query type are ignored; defaults match the rule generator's, so a panel and a recording rule agree.
 */
export interface MlQuery extends DataQuery {
  queryType?: QueryType;
  model?: string;
  /** Empty: every version, split by `model_version`. */
  version?: string;
  /** drift, driftBins, quality: one feature, or empty for all. */
  feature?: string;
  /**
   * performance: restrict to one segment value (`segment_name=value`); realized numbers only. drift, driftBins: drift
   * per value of the segment (the monitor's segmentDrift features only), one frame per value unless segmentValue is set.
   */
  segmentName?: string;
  segmentValue?: string;
  /** Range of the counters' increase, a Prometheus duration (default 1h; 1d for performance, regression and fairness). */
  window?: string;
  statistic?: DriftStatistic;
  baseline?: DriftBaseline;
  /** lastWeek baseline offset (default 1w). */
  baselineOffset?: string;
  /** Binary classification classes (default yes/no is NOT assumed: read from the model's series). */
  positiveClass?: string;
  negativeClass?: string;
  /** performance: metrics to return realized and estimated (default f1, accuracy). */
  metrics?: PerformanceMetric[];
  /** regression: metrics to return (default all four: mae, rmse, mape, bias). */
  regressionMetrics?: RegressionMetric[];
  /** fairness: the protected attribute, the metrics, the reference group (default: the largest). */
  attribute?: string;
  fairnessMetrics?: FairnessMetric[];
  referenceGroup?: string;
  minGroupSize?: number;
  /** fairness: Wilson interval confidence (default 0.95). */
  confidence?: number;
  /** fairness: the monitors' privacy.minCellSize, shown with the __suppressed__ group (default 10). */
  minCellSize?: number;
  /** fairness: the monitors' privacy.epsilon when group counters are private: intervals widen by their noise. */
  privacyEpsilon?: number;
  /** fairness: the monitors' privacy.horizon (default 2^20 collections). */
  privacyHorizon?: number;
  /** slo */
  sloKind?: SloKind;
  objective?: number;
  /** latency SLO threshold in seconds; must sit on a bucket boundary. */
  latencyThreshold?: number;
  period?: string;
  burnWindows?: BurnWindow[];
  /** quality: one issue (missing, out_of_range, invalid_type, unseen_category, unknown_feature), or empty for all. */
  issue?: string;
  /** compliance: the policy packs (default every pack), their threshold and nyc-ll144's exclusion share (default the contract's). */
  policies?: PolicyName[];
  threshold?: number;
  excludeBelow?: number;
  /** compliance: the predicted class counted as selected, the favourable decision (default positive), as `favourable` in modelwatch.yaml. */
  favourable?: FavourableClass;
  /**
   * attributions: `ndcg` (default), the nDCG of the live attribution-importance ranking against the reference, or
   * `importance`, the live mean |attribution| per feature; both over `window` (default 1h), replicas merged first.
   */
  attributionStatistic?: AttributionStatistic;
  /** drift, driftBins, performance, fairness, quality: alert levels carried in the frames' meta (default: the generator's). */
  levels?: Levels;
}

export interface MlOptions extends DataSourceJsonData {
  /** Query through an existing Prometheus datasource (its uid) instead of this datasource's own URL. */
  prometheusUid?: string;
  /** Metric naming of the pipeline: exporter-prometheus or OTLP through the Collector. */
  naming?: 'exporter-prometheus' | 'otlp';
}
