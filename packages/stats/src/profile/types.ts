/** The profile format this version writes and reads. */
export const PROFILE_VERSION = 1;

/** Knot bound for numeric columns: beyond it values are merged into a quantile summary (CDF error ≤ 1/4096). */
export const DEFAULT_MAX_KNOTS = 4096;

/** Categories kept by name; the rest are counted together under OTHER_CATEGORY. */
export const DEFAULT_MAX_CATEGORIES = 50;

export const OTHER_CATEGORY = '__other__';
export const MISSING_CATEGORY = '__missing__';

/** What a column is for; drift is tracked for all of them, the roles add performance and fairness. */
export type ColumnRole = 'feature' | 'label' | 'score' | 'prediction' | 'protected';

interface ColumnProfileBase {
  role: ColumnRole;
  /** Rows in the reference, including missing ones. */
  rows: number;
  /** Rows whose value was missing (empty, NA, …); excluded from every statistic. */
  missing: number;
}

export interface NumericColumnProfile extends ColumnProfileBase {
  type: 'numeric';
  /** Non-missing values. */
  count: number;
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation. */
  std: number;
  /** Distinct values in the reference. */
  distinct: number;
  /** True when knots hold every distinct value; false when they are a quantile summary. */
  exact: boolean;
  /** Sorted knots and their counts; with exact = false each knot is the mean of a run of values. */
  knots: { values: number[]; counts: number[] };
}

export interface CategoricalColumnProfile extends ColumnProfileBase {
  type: 'categorical';
  count: number;
  /** Counts of the most frequent categories (at most maxCategories of them). */
  categories: Record<string, number>;
  /** Values in categories beyond the kept ones, counted together as OTHER_CATEGORY. */
  otherCount: number;
  /** Distinct categories in the reference, kept or not. */
  distinct: number;
}

export type ColumnProfile = NumericColumnProfile | CategoricalColumnProfile;

/** What label-free estimation and performance-drop checks need from a labelled reference. */
export interface TargetProfile {
  label: string | null;
  /** The label value that counts as the positive class. */
  positive: string | null;
  score: string | null;
  prediction: string | null;
  /** Predictions are score >= threshold when no prediction column is given. */
  threshold: number;
  /** Realized performance on the reference, when it has labels. */
  performance: Record<string, number | null> | null;
  /** Score calibration fitted on the reference (for calibrated estimation), when labels and scores exist. */
  calibration: unknown | null;
}

/** How a reference was cut into chunks: 'count' from a number of chunks, 'size' from rows per chunk. */
export type ChunkingMethod = 'count' | 'size';

/** Statistics computed per chunk as the generated rules compute them from the exported bin counters. */
export type RulesChunkStatistic = 'psi' | 'jensenShannon' | 'ks';
/** Statistics computed per chunk as `modelwatch check` computes them (ks is the exact two-sample D). */
export type CheckChunkStatistic = 'psi' | 'jensenShannon' | 'ks' | 'wasserstein';

/** One column's statistic per reference chunk against the whole reference; null where a chunk had no values. */
export interface ColumnChunkStatistics {
  /** Over the exported bins: numeric B equal-probability bins; categorical kept categories, __other__, __missing__. */
  rules: Partial<Record<RulesChunkStatistic, (number | null)[]>>;
  /** Over the values: numeric as `check` bins them (missing values left out); categorical over categories. */
  check: Partial<Record<CheckChunkStatistic, (number | null)[]>>;
}

/**
 * The reference's own variability: each drift statistic between every chunk of consecutive reference rows and the
 * whole reference (NannyML's way). Levels learned from it are mean + k·std of a statistic over the chunks.
 */
export interface ReferenceChunks {
  by: ChunkingMethod;
  /** Rows of each chunk, in file order. */
  rows: number[];
  /** Equal-probability bins of the numeric columns' binned statistics (PSI, Jensen–Shannon, binned KS). */
  bins: number;
  columns: Record<string, ColumnChunkStatistics>;
}

export interface ReferenceProfile {
  profileVersion: typeof PROFILE_VERSION;
  createdAt: string;
  source: { name: string; rows: number };
  /** Bounds the profile was built with; null = unbounded (an exact in-memory reference). */
  options: { maxKnots: number | null; maxCategories: number | null };
  target: TargetProfile;
  /** Protected attributes for fairness; each is also a categorical column. */
  protected: string[];
  columns: Record<string, ColumnProfile>;
  /** Drift statistics over reference chunks (`modelwatch profile --chunks`); absent in profiles built without. */
  chunks?: ReferenceChunks;
  /**
   * Attributions per feature (`modelwatch profile --attributions` or `--attribution-prefix`): their distribution,
   * binned as a numeric column is, and the feature's global importance; absent in profiles built without.
   */
  attributions?: Record<string, AttributionProfile>;
}

/** The reference attributions of one feature: a numeric column, and the mean of their absolute values. */
export type AttributionProfile = NumericColumnProfile & { importance: number };
