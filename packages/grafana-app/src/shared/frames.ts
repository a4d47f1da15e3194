import type { DataFrame } from '@grafana/data';
import type { SloKind, SourceValue } from '@modelwatch/semconv';
import type { ComplianceTable } from './compliance';

/**
 * The contract between the Modelwatch datasource and the Modelwatch panels: every frame the datasource returns
 * carries `meta.custom.kind`, and its fields have the names below. Panels find frames by kind, never by position,
 * so a dashboard can mix queries. Shares, rates and ratios are plain numbers in 0..1 (not percent); NaN means
 * "not computable" (an empty denominator) and is never replaced by 0.
 */
export const FRAME_KIND = {
  /** Time series of one drift statistic for one feature: fields `time`, `value` (labels: model_name, model_version, feature; segment_name, segment_value per segment). */
  drift: 'modelwatch.drift',
  /** Bin shares of one feature over the query's window ending at the range end: fields `bin`, `reference`, `current`. */
  driftBins: 'modelwatch.drift.bins',
  /** Time series of one performance metric: fields `time`, `value` (labels: metric, source=realized|estimated). */
  performance: 'modelwatch.performance',
  /** Time series of one regression error metric: fields `time`, `value` (labels: model_name, model_version, metric). */
  regression: 'modelwatch.regression',
  /** One row per group × metric at the range end: see FAIRNESS_FIELDS. */
  fairness: 'modelwatch.fairness',
  /** One row per burn-rate window pair at the range end: see SLO_WINDOW_FIELDS. */
  sloWindows: 'modelwatch.slo.windows',
  /** One row: see SLO_BUDGET_FIELDS. */
  sloBudget: 'modelwatch.slo.budget',
  /** Time series of one data-quality issue rate: fields `time`, `value` (labels: feature, issue). */
  quality: 'modelwatch.quality',
  /** Modelwatch alerts from Prometheus' ALERTS as annotation events: see ALERT_FIELDS. */
  alerts: 'modelwatch.alerts',
  /** One row per category of one policy pack on one attribute or intersection at the range end: see COMPLIANCE_FIELDS. */
  compliance: 'modelwatch.compliance',
  /**
   * Time series of explanation drift: fields `time`, `value`; statistic `ndcg` (labels: model_name, model_version)
   * or `importance` (labels add feature).
   */
  attributions: 'modelwatch.attributions',
} as const;
export type FrameKind = (typeof FRAME_KIND)[keyof typeof FRAME_KIND];

/** Thresholds travel with the frame so a panel can draw them without its own configuration. */
export interface Levels {
  warning?: number | null;
  critical?: number | null;
}

export interface DriftMeta {
  kind: typeof FRAME_KIND.drift;
  statistic: string;
  window: string;
  baseline: 'reference' | 'lastWeek';
  feature: string;
  /** Drift per segment: the segment value these counts are of (against the whole reference); absent: the aggregate. */
  segment?: SegmentOfFrame;
  levels: Levels;
}

/** A segment and one of its values (`segment_name`, `segment_value`). */
export interface SegmentOfFrame {
  name: string;
  value: string;
}

export interface DriftBinsMeta {
  kind: typeof FRAME_KIND.driftBins;
  feature: string;
  segment?: SegmentOfFrame;
  statistic: string;
  window: string;
  baseline: 'reference' | 'lastWeek';
  /** The statistic over these bins (equals the last point of the matching drift series). */
  value: number;
  /** Values counted in the window. */
  count: number;
  levels: Levels;
  model?: string;
  version?: string;
}

/** Field names of a fairness frame (one row per group and metric). */
export const FAIRNESS_FIELDS = {
  group: 'group',
  metric: 'metric',
  value: 'value',
  lower: 'lower',
  upper: 'upper',
  /** Denominator of the rate (predictions, or positives/negatives for tpr/fpr/fnr). */
  count: 'count',
  /** value / value of the reference group. */
  ratio: 'ratio',
  /** value − value of the reference group. */
  difference: 'difference',
  /** false when `size` < minGroupSize (predictions for the selection rate, labelled outcomes for the other rates): the group is inconclusive and excluded from disparities. */
  eligible: 'eligible',
  /**
   * The group size eligibility is judged on, as the fairness rules judge it: predictions for selectionRate,
   * labelled predictions (outcomes of the two classes) for the other metrics.
   */
  size: 'size',
} as const;

export interface FairnessMeta {
  kind: typeof FRAME_KIND.fairness;
  attribute: string;
  referenceGroup: string;
  minGroupSize: number;
  confidence: number;
  window: string;
  /** Disparate impact (min selection rate / max over eligible groups), as the rules record it: 1 with one eligible group, NaN with none. */
  disparateImpact: number;
  levels: Levels;
  /** The other disparities the fairness rules record, over eligible groups (max − min; NaN without any). */
  disparities?: {
    demographicParityDifference: number;
    equalOpportunityDifference: number;
    fprDifference: number;
    fnrDifference: number;
    equalizedOddsDifference: number;
  };
  model?: string;
  version?: string;
}

/** Field names of an SLO window frame (one row per multiwindow alert). */
export const SLO_WINDOW_FIELDS = {
  severity: 'severity',
  long: 'long',
  short: 'short',
  /** Burn-rate threshold of the pair. */
  threshold: 'threshold',
  longBurnRate: 'longBurnRate',
  shortBurnRate: 'shortBurnRate',
  /** Both windows above the threshold: the alert condition holds. */
  firing: 'firing',
} as const;

/** Field names of the SLO budget frame (one row). */
export const SLO_BUDGET_FIELDS = {
  objective: 'objective',
  period: 'period',
  /** Share of the period's error budget left: 1 − errorRatio(period) / (1 − objective); may go below 0. */
  budgetRemaining: 'budgetRemaining',
  /** Burn rate over the shortest long window. */
  burnRate: 'burnRate',
  /** Seconds until the budget is spent at the current burn rate; Infinity when not burning, 0 when spent. */
  timeToExhaustion: 'timeToExhaustion',
} as const;

export interface SloMeta {
  kind: typeof FRAME_KIND.sloWindows | typeof FRAME_KIND.sloBudget;
  sloKind: SloKind;
  objective: number;
  period: string;
  /** Latency SLOs: the threshold in seconds (a bucket boundary). */
  latencyThreshold?: number;
  model?: string;
  version?: string;
}

export interface PerformanceMeta {
  kind: typeof FRAME_KIND.performance;
  metric: string;
  source: SourceValue;
  window: string;
  /** The positive and negative classes the cells were read with. */
  classes: { positive: string; negative: string } | null;
  levels: Levels;
}

export interface RegressionMeta {
  kind: typeof FRAME_KIND.regression;
  /** mae, rmse, mape or bias (mean of prediction − actual: positive = over-prediction). */
  metric: string;
  window: string;
  /** MAPE is a fraction (0.1 = 10%); the others are in the unit of the target. */
  unit: 'fraction' | 'target';
}

export interface AttributionMeta {
  kind: typeof FRAME_KIND.attributions;
  statistic: 'ndcg' | 'importance';
  window: string;
  /** importance: the feature; ndcg: ''. */
  feature: string;
  /** importance: the feature's reference importance. */
  referenceImportance?: number;
  levels: Levels;
}

export interface QualityMeta {
  kind: typeof FRAME_KIND.quality;
  feature: string;
  issue: string;
  window: string;
  levels: Levels;
}

/** Field names of the alerts frame (one row per alert episode), the names Grafana maps to annotation events. */
export const ALERT_FIELDS = {
  time: 'time',
  timeEnd: 'timeEnd',
  /** The alert name. */
  title: 'title',
  /** The alert's labels, `name=value` joined by spaces. */
  text: 'text',
  /** model_name and severity. */
  tags: 'tags',
} as const;

/** Field names of a compliance frame (one row per category), the columns of `modelwatch audit`'s table. */
export const COMPLIANCE_FIELDS = {
  category: 'category',
  count: 'count',
  selected: 'selected',
  rate: 'rate',
  share: 'share',
  /** null when excluded. */
  impactRatio: 'impactRatio',
  excluded: 'excluded',
  /** ok, belowThreshold, insufficientSamples or excluded. */
  status: 'status',
  /** four-fifths: the deciding test's p-value against the highest-rate category; NaN for nyc-ll144 and that category. */
  pValue: 'pValue',
} as const;

/** A compliance frame's meta: the table's own fields, without its rows and rates. */
export interface ComplianceMeta extends Pick<
  ComplianceTable,
  | 'rate'
  | 'reference'
  | 'thresholdSource'
  | 'attribute'
  | 'intersection'
  | 'rows'
  | 'unknown'
  | 'threshold'
  | 'excludeBelow'
  | 'minGroupSize'
  | 'highest'
  | 'status'
> {
  kind: typeof FRAME_KIND.compliance;
  policy: string;
  window: string;
  model?: string;
  version?: string;
}

export type ModelwatchMeta =
  | DriftMeta
  | DriftBinsMeta
  | FairnessMeta
  | SloMeta
  | PerformanceMeta
  | RegressionMeta
  | QualityMeta
  | AttributionMeta
  | ComplianceMeta
  | { kind: FrameKind };

export function frameKind(frame: DataFrame): FrameKind | undefined {
  const kind = (frame.meta?.custom as { kind?: unknown } | undefined)?.kind;
  return typeof kind === 'string' && (Object.values(FRAME_KIND) as string[]).includes(kind)
    ? (kind as FrameKind)
    : undefined;
}

export function framesOfKind(frames: DataFrame[], kind: FrameKind): DataFrame[] {
  return frames.filter((f) => frameKind(f) === kind);
}

export function metaOf<M extends ModelwatchMeta>(frame: DataFrame): M {
  return frame.meta?.custom as M;
}
