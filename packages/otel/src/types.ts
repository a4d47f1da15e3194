import type { Meter, MeterProvider } from '@opentelemetry/api';
import type { AuditOptions } from './audit/options.js';
import type {
  ClassificationRates,
  DetectorKind,
  EstimatedPerformance,
  FairnessReport,
  MulticlassReport,
  ReferenceProfile,
  RegressionReport,
} from '@modelwatch/stats';

/** A feature value as inference code has it; anything else is counted as an invalid type. */
export type FeatureValue = number | string | boolean | null | undefined;

export interface DetectorConfig {
  kind: DetectorKind;
  /** River-style parameters, e.g. { delta: 0.002 }. */
  params?: Record<string, number | string>;
}

export interface ModelMonitorOptions {
  model: { name: string; version: string };
  /** The reference profile from `modelwatch profile`: the parsed JSON or its text. */
  profile: ReferenceProfile | Record<string, unknown> | string;
  /** Where instruments come from; defaults to the global provider (re-bound if the SDK is registered later). */
  meterProvider?: MeterProvider;
  /** A meter to use directly instead of a provider. */
  meter?: Meter;
  /** 'classification' (default) or 'regression'. */
  task?: 'classification' | 'regression';
  /** The positive class (binary classification); defaults to the profile's. */
  positiveClass?: string;
  /** Class labels; defaults to the label categories of the profile. */
  classes?: readonly string[];
  /** Predictions are score >= threshold when no prediction is given; defaults to the profile's, else 0.5. */
  threshold?: number;
  /** Attributes whose groups fairness is tracked for (read from `attributes`, then from `features`). */
  protectedAttributes?: readonly string[];
  /**
   * Intersections of protected attributes, e.g. [['sex', 'race']]: predictions and outcomes are also counted per
   * intersectional group, exported with group.attribute `sex × race` and group.value `F × Black` (the values joined
   * with ` × ` in the listed order). Each counts like one more protected attribute against attributeValueCap and the
   * series budget; a group is __missing__ when any part is, __other__ when any part is (at most 8 intersections of
   * 2 to 4 attributes each).
   */
  intersections?: readonly (readonly string[])[];
  /**
   * Also count, per protected-attribute group and intersection, the predictions with a score and those whose score is
   * strictly above the reference profile's median score (modelwatch.group.scored and .scored_above_cut): the live
   * scoring rate of NYC Local Law 144. Binary classification with a profiled score column; default false.
   */
  scoringRate?: boolean;
  /** Groups smaller than this are reported but never judged in the snapshot's fairness (default 30). */
  minGroupSize?: number;
  /** Attributes that slice volume and performance. */
  segments?: readonly string[];
  /**
   * Drift per segment (opt-in): the bin counts of these features are also counted per value of these segments and
   * exported as modelwatch.segment.feature.values, so rules and dashboards show drift per segment. Both lists name
   * configured things (profile features, entries of `segments`); each segment multiplies the features' bins by its
   * attributeValueCap + 2 values, checked against the series budget at construction.
   */
  segmentDrift?: { features: readonly string[]; segments: readonly string[] };
  /**
   * Distinct values kept per protected attribute, segment, error type and unknown feature names; later ones
   * count as __other__ (default 50, at most 1000).
   */
  attributeValueCap?: number;
  /**
   * Longest exported label value in UTF-8 bytes (default 128, from 16 to 256). Longer values seen at run time
   * (group, segment and error-type values, unknown feature names) count as __other__ and as a `label` internal
   * error; longer names in the configuration (model, classes, attributes, profile columns) are refused.
   */
  labelValueMaxBytes?: number;
  /**
   * Error types exported at 0 from the start (default ['error'], the type of a bare recordError()), so the
   * first error of a type is not lost to increase() in PromQL, which needs two samples of a series.
   */
  errorTypes?: readonly string[];
  /** Explicit bucket boundaries of the inference duration histogram, in seconds. */
  durationBuckets?: readonly number[];
  /** Equal-probability bins per numeric feature (default 10). */
  bins?: number;
  /** Pending-outcome store for recordOutcome(id, actual). */
  outcomes?: { maxPending?: number; ttlSeconds?: number };
  /** Concept-drift detectors on the error stream of outcomes (default DDM and ADWIN; regression: ADWIN and Page–Hinkley). */
  detectors?: readonly (DetectorKind | DetectorConfig)[];
  /** Apply the profile's isotonic score calibration before label-free estimation (default false, as `modelwatch check`). */
  calibrate?: boolean;
  /**
   * The `aggregationCardinalityLimit` your MeterProvider's View gives Modelwatch's instruments (default 2,000, the
   * SDK's own). Only read to warn, once, when the monitors sharing a Meter can need more series than that.
   */
  cardinalityLimit?: number;
  /** Called for concept-drift detections and other notable events; exceptions in it are contained. */
  onEvent?: (event: MonitorEvent) => void;
  /**
   * A minimised decision audit trail as OpenTelemetry log events (`modelwatch.decision`, `modelwatch.outcome`):
   * sampled predictions with only allowlisted fields and keyed hashes of identifiers. Needs an OpenTelemetry logs
   * SDK in the application (@opentelemetry/api-logs is an optional peer dependency). See "Audit trail" in the README.
   */
  audit?: AuditOptions;
  /**
   * Privacy of the exported group and segment counts (off unless set; see docs/privacy.md). `minCellSize` (default 10):
   * a group, segment or intersection value is exported under its own label only once it has that many predictions;
   * until then its counts go to `__suppressed__`, and stay there. `epsilon` (opt-in): the group counters
   * (modelwatch.group.*) are released under ε-differential privacy with the binary-tree mechanism, one tree step per
   * collection, over `horizon` collections (default 2^20). `seed` makes the noise reproducible (tests only).
   */
  privacy?: { minCellSize?: number; epsilon?: number; horizon?: number; seed?: number };
}

export interface PredictionRecord {
  /** Feature values by name (names from the profile; others are counted as unknown). */
  features?: Readonly<Record<string, FeatureValue>>;
  /** Probability of the positive class (binary), or the predicted value (regression). */
  score?: number;
  /** The predicted class (classification) or value (regression); defaults to score >= threshold. */
  prediction?: string | number | boolean;
  /** Inference duration in seconds. */
  durationSeconds?: number;
  /** Protected attributes and segments by name. */
  attributes?: Readonly<Record<string, string | number | boolean | null | undefined>>;
  /** Your own id for the prediction (e.g. a request id); one is generated otherwise. */
  id?: string;
  /** Reason codes of the decision, copied into its audit event when it is sampled (at most 16). */
  reasons?: readonly string[];
  /**
   * Feature attributions of this prediction (SHAP, integrated gradients, exact linear attributions) by feature name,
   * for a profile with reference attributions: counted into attribution drift and global importance. Values that are
   * not finite numbers and names the profile has no attributions for are counted (modelwatch.attribution.issues) and
   * dropped. Audit events keep the largest allowlisted ones.
   */
  attributions?: Readonly<Record<string, number>>;
}

/** An outcome recorded without a stored prediction (e.g. in another replica). */
export interface StatelessOutcome {
  prediction?: string | number | boolean;
  score?: number;
  actual: string | number | boolean;
  attributes?: PredictionRecord['attributes'];
}

export type MonitorEvent =
  | { type: 'drift' | 'warning'; detector: DetectorKind; outcomes: number; model: { name: string; version: string } }
  | { type: 'rebound'; model: { name: string; version: string } };

export interface FeatureDriftSnapshot {
  type: 'numeric' | 'categorical';
  role: string;
  count: number;
  psi: number | null;
  jensenShannon: number | null;
  bins: string[];
  currentShares: number[];
  referenceShares: number[];
  issues: Record<string, number>;
}

export interface DetectorSnapshot {
  kind: DetectorKind;
  status: 'stable' | 'warning' | 'drift';
  detections: number;
  warnings: number;
  state: Record<string, number>;
}

/** Explanation drift of one attributed feature, from the counts the metrics export. */
export interface AttributionFeatureSnapshot {
  count: number;
  /** Mean |attribution| so far; null before the first attribution. */
  importance: number | null;
  referenceImportance: number;
  psi: number | null;
  jensenShannon: number | null;
  issues: Record<string, number>;
}

export interface AttributionSnapshot {
  /** nDCG of the live importance ranking against the reference (features not yet seen rank last, at 0). */
  ndcg: number | null;
  features: Record<string, AttributionFeatureSnapshot>;
  /** Attributions of features the profile has none for. */
  unknown: number;
}

/** The in-process view: every number computed from the same counts the metrics export. */
export interface MonitorSnapshot {
  model: { name: string; version: string };
  predictions: number;
  predictionsByClass: Record<string, number>;
  errors: Record<string, number>;
  drift: Record<string, FeatureDriftSnapshot>;
  /** Explanation drift; null when the profile has no attributions. */
  attributions: AttributionSnapshot | null;
  performance:
    | (ClassificationRates & { confusion: Record<string, Record<string, number>> })
    | MulticlassReport
    | RegressionReport
    | null;
  estimatedPerformance: EstimatedPerformance | null;
  fairness: Record<string, { selection: FairnessReport; outcomes: FairnessReport | null }>;
  segments: Record<string, Record<string, { predictions: number; outcomes: number; accuracy: number | null }>>;
  outcomes: {
    matched: number;
    unmatched: number;
    expired: number;
    evicted: number;
    pending: number;
    stateless: number;
  };
  detectors: DetectorSnapshot[];
  internalErrors: Record<string, number>;
}
