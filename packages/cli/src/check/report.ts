import type { CheckChunkStatistic, ChunkLevel, ColumnProfile } from '@modelwatch/stats';
import type { AuditReport } from '../audit/types.js';

export type Severity = 'warning' | 'critical';

export interface Violation {
  check: string;
  subject: string;
  value: number;
  threshold: number;
  severity: Severity;
  message: string;
}

/**
 * The noise floor of PSI and the Jensen–Shannon distance for this column (docs/statistics.md): the levels a
 * sample of `samples` values drawn from the reference's own distribution exceeds with probability `alpha`,
 * with `bins` reference bins or categories of positive share and the reference's `referenceSize` values.
 */
export interface NoiseFloorJson {
  psi: number;
  jensenShannon: number;
  alpha: number;
  bins: number;
  samples: number;
  referenceSize: number;
}

export interface ColumnDrift {
  type: 'numeric' | 'categorical';
  role: ColumnProfile['role'];
  psi: number | null;
  jensenShannon: number | null;
  /** null when the column has no current values or fewer than two reference bins. */
  noiseFloor: NoiseFloorJson | null;
  ks?: { statistic: number; pValue: number; method: string } | null;
  wasserstein?: number | null;
  chiSquare?: { statistic: number; pValue: number; df: number } | null;
  newCategoryShare?: number | null;
  missingShare: { reference: number; current: number };
  invalidShare?: number;
  drifted: boolean;
  /** With --thresholds reference-chunks: the warning levels learned from the reference chunks (mean + 3 std). */
  learnedLevels?: Partial<Record<CheckChunkStatistic, ChunkLevel>>;
}

export interface CheckReport {
  rows: { reference: number; current: number };
  drift: Record<string, ColumnDrift>;
  performance?: Record<string, number | null>;
  referencePerformance?: Record<string, number | null>;
  estimatedPerformance?: Record<string, number | null>;
  /** By protected attribute. */
  fairness?: Record<string, AttributeFairness>;
  /** `--segment`: drift per value of one column of the current data. */
  segments?: SegmentDriftReport;
  /** By policy pack (`--policy`): the audit of the current decisions, as `modelwatch audit` reports it. */
  policies?: Record<string, AuditReport>;
  /** `--attribution-prefix`: explanation drift, the importance ranking's nDCG and each feature's attribution drift. */
  attributions?: AttributionReport;
  violations: Violation[];
  notes: string[];
}

/**
 * Explanation drift. `ndcg` is scikit-learn's ndcg_score of the current importances against the reference ones over
 * every attributed feature (null below two features); importance is the mean absolute attribution.
 */
export interface AttributionReport {
  ndcg: number | null;
  features: Record<string, AttributionFeatureDrift>;
}

export interface AttributionFeatureDrift {
  referenceImportance: number;
  /** Null when the current data has no finite attribution for the feature (it ranks last, at 0). */
  currentImportance: number | null;
  psi: number | null;
  jensenShannon: number | null;
}

/** Drift per value of the `--segment` column: each value's rows against the whole reference. */
export interface SegmentDriftReport {
  column: string;
  /** Values with fewer rows are reported but never judged (as drift alerts need drift.minSamples). */
  minRows: number;
  values: Record<string, SegmentDrift>;
}

export interface SegmentDrift {
  rows: number;
  /** rows >= minRows: its drift can be a violation. */
  judged: boolean;
  drift: Record<string, Pick<ColumnDrift, 'type' | 'role' | 'psi' | 'jensenShannon' | 'drifted'>>;
}

/**
 * The report's fairness numbers mirror `@modelwatch/stats`' FairnessReport, except that JSON has no NaN:
 * a rate or disparity that is undefined (no rows in its denominator, no group defining it) is null.
 */
export interface IntervalJson {
  lower: number | null;
  upper: number | null;
}

export interface GroupIntervalsJson {
  selectionRate: IntervalJson;
  tpr?: IntervalJson;
  fpr?: IntervalJson;
  fnr?: IntervalJson;
  precision?: IntervalJson;
}

/** One group's rates; the label-based ones exist only when the current data has labels. */
export interface GroupFairnessJson {
  count: number;
  /** count < minGroupSize: reported, never judged. */
  inconclusive: boolean;
  selectionRate: number | null;
  tpr?: number | null;
  fpr?: number | null;
  fnr?: number | null;
  precision?: number | null;
  intervals: GroupIntervalsJson;
}

/** Disparities across groups: differences are max − min, ratios min / max (Fairlearn's conventions). */
export interface DisparitiesJson {
  included: string[];
  demographicParityDifference: number | null;
  demographicParityRatio: number | null;
  disparateImpact: number | null;
  equalOpportunityDifference?: number | null;
  equalizedOddsDifference?: number | null;
  fnrDifference?: number | null;
}

/** Fairness across the groups of one protected attribute: over all groups, and over `eligible` ones only. */
export interface AttributeFairness extends DisparitiesJson {
  labelled: boolean;
  minGroupSize: number;
  confidence: number;
  groups: Record<string, GroupFairnessJson>;
  /** Over groups with count >= minGroupSize; violations are judged on these only. */
  eligible: DisparitiesJson;
}
