import type { Issue } from '../attributes.js';
import { ALERT, type AlertName } from './alerts.js';
import { RECORD } from './records.js';
import { snakeCase } from './text.js';

/** The direction of trouble: alerts fire when the value rises above its levels, or falls below them. */
export type Direction = 'above' | 'below';

/** What a statistic is computed over. */
export type AppliesTo = 'numeric' | 'categorical' | 'classification' | 'regression' | 'group' | 'service';

/** Alert levels; a level left out is off. */
export interface DefaultLevels {
  readonly warning?: number;
  readonly critical?: number;
}

/**
 * One statistic of the contract, after Evidently's StatTest registry: its key (as modelwatch.yaml, the check
 * policy, reports and queries spell it), how people name it, when it is bad, what it applies to, its default
 * levels and the series it is recorded as.
 */
export interface StatisticSpec<K extends string = string> {
  readonly key: K;
  readonly displayName: string;
  readonly direction: Direction;
  readonly appliesTo: readonly AppliesTo[];
  /** Levels `modelwatch rules` alerts at when the config names none ({} = no alert unless configured). */
  readonly levels: DefaultLevels;
  /** Levels `modelwatch check` judges by when the policy names none, where it judges this statistic. */
  readonly checkLevels?: DefaultLevels;
  /** Value of the `statistic` label on its alerts. */
  readonly label: string;
  /** The recorded series, per window; absent when only `modelwatch check` computes it. */
  readonly record?: (window: string) => string;
  /** The alert that fires on it. */
  readonly alert?: AlertName;
}

const spec = <K extends string>(s: Omit<StatisticSpec<K>, 'label'>): StatisticSpec<K> =>
  Object.freeze({
    ...s,
    levels: Object.freeze({ ...s.levels }),
    ...(s.checkLevels ? { checkLevels: Object.freeze({ ...s.checkLevels }) } : {}),
    appliesTo: Object.freeze([...s.appliesTo]),
    label: snakeCase(s.key),
  });

/** Drift statistics the recording rules compute from the bin counters, per feature and window. */
export const RECORDED_DRIFT = Object.freeze({
  psi: spec({
    key: 'psi',
    displayName: 'PSI',
    direction: 'above',
    appliesTo: ['numeric', 'categorical'],
    levels: { warning: 0.1, critical: 0.2 },
    checkLevels: { warning: 0.1, critical: 0.2 },
    record: RECORD.psi,
    alert: ALERT.featureDriftPsi,
  }),
  jensenShannon: spec({
    key: 'jensenShannon',
    displayName: 'Jensen–Shannon distance',
    direction: 'above',
    appliesTo: ['numeric', 'categorical'],
    levels: { warning: 0.1 },
    checkLevels: { warning: 0.1 },
    record: RECORD.jensenShannon,
    alert: ALERT.featureDriftJensenShannon,
  }),
  chiSquare: spec({
    key: 'chiSquare',
    displayName: 'chi-square statistic',
    direction: 'above',
    appliesTo: ['numeric', 'categorical'],
    levels: {},
    record: RECORD.chiSquare,
    alert: ALERT.featureDriftChiSquare,
  }),
  ks: spec({
    key: 'ks',
    displayName: 'binned KS distance',
    direction: 'above',
    appliesTo: ['numeric'],
    levels: {},
    record: RECORD.ks,
    alert: ALERT.featureDriftKs,
  }),
});
export type RecordedDriftStatistic = keyof typeof RECORDED_DRIFT;
/** Recorded drift statistics in the order rules, dashboards and panels list them. */
export const RECORDED_DRIFT_KEYS = Object.keys(RECORDED_DRIFT) as RecordedDriftStatistic[];

/** Drift statistics `modelwatch check` judges on whole columns (exact, not binned: p-values need the data). */
export const CHECK_DRIFT = Object.freeze({
  psi: RECORDED_DRIFT.psi,
  jensenShannon: RECORDED_DRIFT.jensenShannon,
  // Off by default: on large samples every shift, however small, is significant.
  ksPValue: spec({
    key: 'ksPValue',
    displayName: 'KS p-value',
    direction: 'below',
    appliesTo: ['numeric'],
    levels: {},
    checkLevels: {},
  }),
  wasserstein: spec({
    key: 'wasserstein',
    displayName: 'normalised Wasserstein distance',
    direction: 'above',
    appliesTo: ['numeric'],
    levels: {},
    checkLevels: {},
  }),
  chiSquarePValue: spec({
    key: 'chiSquarePValue',
    displayName: 'chi-square p-value',
    direction: 'below',
    appliesTo: ['categorical'],
    levels: {},
    checkLevels: {},
  }),
  newCategoryShare: spec({
    key: 'newCategoryShare',
    displayName: 'share of unseen categories',
    direction: 'above',
    appliesTo: ['categorical'],
    levels: {},
    checkLevels: { warning: 0.05 },
  }),
});
export type CheckDriftStatistic = keyof typeof CHECK_DRIFT;
export const CHECK_DRIFT_KEYS = Object.keys(CHECK_DRIFT) as CheckDriftStatistic[];

/** Data-quality issues per feature, recorded as a share of predictions (the `issue` label). */
export const QUALITY_ISSUES = Object.freeze({
  missing: issue('missing', 'missing values', { warning: 0.05, critical: 0.2 }),
  out_of_range: issue('out_of_range', 'values outside the reference range', { warning: 0.05 }),
  invalid_type: issue('invalid_type', 'values of the wrong type', { warning: 0.01 }),
  unseen_category: issue('unseen_category', 'categories the reference never saw', { warning: 0.05 }),
  unknown_feature: issue('unknown_feature', 'features the reference does not have', {}),
} satisfies Record<Issue, StatisticSpec>);
export type QualityIssue = keyof typeof QUALITY_ISSUES;

function issue<K extends string>(key: K, displayName: string, levels: DefaultLevels): StatisticSpec<K> {
  return spec({
    key,
    displayName,
    direction: 'above',
    appliesTo: ['numeric', 'categorical'],
    levels,
    record: RECORD.issueRate,
    alert: ALERT.dataQuality,
  });
}

/** Data-quality statistics `modelwatch check` judges between two data sets. */
export const CHECK_QUALITY = Object.freeze({
  missingShareIncrease: spec({
    key: 'missingShareIncrease',
    displayName: 'increase of the missing share',
    direction: 'above',
    appliesTo: ['numeric', 'categorical'],
    levels: {},
    checkLevels: { warning: 0.1 },
  }),
  invalidShare: spec({
    key: 'invalidShare',
    displayName: 'share of non-numeric values',
    direction: 'above',
    appliesTo: ['numeric'],
    levels: {},
    checkLevels: { warning: 0.01 },
  }),
});

/** Binary classification metrics recorded realized (labelled outcomes) and estimated (CBPE). */
export const BINARY_PERFORMANCE = Object.freeze({
  accuracy: performance('accuracy', 'accuracy', { warning: 0.05 }),
  precision: performance('precision', 'precision'),
  recall: performance('recall', 'recall'),
  f1: performance('f1', 'F1', { warning: 0.05 }),
});
export type BinaryMetric = keyof typeof BINARY_PERFORMANCE;
export const BINARY_METRICS = Object.keys(BINARY_PERFORMANCE) as BinaryMetric[];

/**
 * `levels` are floors the config sets per model (no default floor fits every model); `checkLevels` are the
 * largest drops below the reference that `modelwatch check` allows.
 */
function performance<K extends string>(key: K, displayName: string, checkLevels?: DefaultLevels): StatisticSpec<K> {
  return spec({
    key,
    displayName,
    direction: 'below',
    appliesTo: ['classification'],
    levels: {},
    ...(checkLevels ? { checkLevels } : {}),
    record: (w: string) => RECORD.performance(key, w),
    alert: ALERT.performanceBelowFloor,
  });
}

/**
 * A regression error metric the datasource and the dashboards compute from the error-sum counters (no recorded
 * series and no alert yet: regression models are configured without performance floors).
 */
export interface RegressionMetricSpec<K extends string = string> {
  readonly key: K;
  readonly displayName: string;
  /** How a dashboard formats it: MAPE is a fraction (0.1 = 10%), the others are in the target's unit. */
  readonly unit: 'fraction' | 'target';
  /** Bias is signed (positive = over-prediction); the others are never negative. */
  readonly signed: boolean;
}

const regression = <K extends string>(s: RegressionMetricSpec<K>): RegressionMetricSpec<K> => Object.freeze(s);

/** Regression error metrics, defined as @modelwatch/stats' regressionFromSums (bias is its meanError). */
export const REGRESSION_PERFORMANCE = Object.freeze({
  mae: regression({ key: 'mae', displayName: 'MAE', unit: 'target', signed: false }),
  rmse: regression({ key: 'rmse', displayName: 'RMSE', unit: 'target', signed: false }),
  mape: regression({ key: 'mape', displayName: 'MAPE', unit: 'fraction', signed: false }),
  bias: regression({ key: 'bias', displayName: 'bias (mean error)', unit: 'target', signed: true }),
});
export type RegressionMetric = keyof typeof REGRESSION_PERFORMANCE;
export const REGRESSION_METRICS = Object.keys(REGRESSION_PERFORMANCE) as RegressionMetric[];

/** The alert of a recorded performance floor by source. */
export const PERFORMANCE_ALERT = {
  realized: ALERT.performanceBelowFloor,
  estimated: ALERT.estimatedPerformanceBelowFloor,
} as const;

/** Rates per protected-attribute group, with what a group's size is counted in. */
export const GROUP_RATES = Object.freeze({
  selectionRate: groupRate('selectionRate', 'selection rate', 'predictions'),
  tpr: groupRate('tpr', 'true-positive rate', 'labelled predictions'),
  fpr: groupRate('fpr', 'false-positive rate', 'labelled predictions'),
  fnr: groupRate('fnr', 'false-negative rate', 'labelled predictions'),
  precision: groupRate('precision', 'precision', 'labelled predictions'),
});
export type GroupRate = keyof typeof GROUP_RATES;
export const GROUP_RATE_KEYS = Object.keys(GROUP_RATES) as GroupRate[];

export interface GroupRateSpec<K extends string = string> extends StatisticSpec<K> {
  /** What the group's size is counted in: the rate is judged only on groups of at least minGroupSize of them. */
  readonly sizeIn: 'predictions' | 'labelled predictions';
}

function groupRate<K extends string>(key: K, displayName: string, sizeIn: GroupRateSpec['sizeIn']): GroupRateSpec<K> {
  const base = spec({
    key,
    displayName,
    direction: 'above',
    appliesTo: ['group'],
    levels: {},
    record: (w: string) => RECORD.groupRate(key, w),
  });
  return Object.freeze({ ...base, sizeIn });
}

/**
 * A disparity across the groups of one attribute, Fairlearn's conventions: a ratio (min / max) or a
 * difference (max − min) of group rates; equalized odds is the larger of two differences.
 */
export interface FairnessSpec<K extends string = string> extends StatisticSpec<K> {
  readonly of: readonly GroupRate[];
  readonly reduce: 'ratio' | 'difference' | 'largerDifference';
}

/** Disparities the fairness rules record per attribute, and `modelwatch check` judges. */
export const FAIRNESS = Object.freeze({
  disparateImpact: fairness('disparateImpact', 'disparate impact', 'below', ['selectionRate'], 'ratio', {
    warning: 0.8,
  }),
  demographicParityDifference: fairness(
    'demographicParityDifference',
    'demographic parity difference',
    'above',
    ['selectionRate'],
    'difference'
  ),
  equalOpportunityDifference: fairness(
    'equalOpportunityDifference',
    'equal opportunity difference',
    'above',
    ['tpr'],
    'difference'
  ),
  fprDifference: fairness('fprDifference', 'false-positive rate difference', 'above', ['fpr'], 'difference'),
  fnrDifference: fairness('fnrDifference', 'false-negative rate difference', 'above', ['fnr'], 'difference'),
  equalizedOddsDifference: fairness(
    'equalizedOddsDifference',
    'equalized odds difference',
    'above',
    ['tpr', 'fpr'],
    'largerDifference'
  ),
});
export type FairnessStatistic = keyof typeof FAIRNESS;
export const FAIRNESS_KEYS = Object.keys(FAIRNESS) as FairnessStatistic[];

function fairness<K extends string>(
  key: K,
  displayName: string,
  direction: Direction,
  of: readonly GroupRate[],
  reduce: FairnessSpec['reduce'],
  checkLevels?: DefaultLevels
): FairnessSpec<K> {
  const base = spec({
    key,
    displayName,
    direction,
    appliesTo: ['group'],
    levels: {},
    ...(checkLevels ? { checkLevels } : {}),
    record: (w: string) => RECORD.fairness(key, w),
    alert: ALERT.fairness,
  });
  return Object.freeze({ ...base, of, reduce });
}

/**
 * Disparities `modelwatch check` judges on whole data sets: floors first, then ceilings (the order of its
 * violations). Demographic parity ratio is Fairlearn's name for the ratio the rules record as disparate impact;
 * the false-positive rate difference is recorded but not judged by `check`.
 */
export const CHECK_FAIRNESS = Object.freeze({
  disparateImpact: FAIRNESS.disparateImpact,
  demographicParityRatio: spec({
    key: 'demographicParityRatio',
    displayName: 'demographic parity ratio',
    direction: 'below',
    appliesTo: ['group'],
    levels: {},
    checkLevels: {},
  }),
  demographicParityDifference: FAIRNESS.demographicParityDifference,
  equalizedOddsDifference: FAIRNESS.equalizedOddsDifference,
  equalOpportunityDifference: FAIRNESS.equalOpportunityDifference,
  fnrDifference: FAIRNESS.fnrDifference,
});
export type CheckFairnessStatistic = keyof typeof CHECK_FAIRNESS;
export const CHECK_FAIRNESS_KEYS = Object.keys(CHECK_FAIRNESS) as CheckFairnessStatistic[];

/** SLO quantities the rules record per objective (the `slo` label names it). */
export const SLO_STATISTICS = Object.freeze({
  errorRatio: spec({
    key: 'errorRatio',
    displayName: 'error ratio',
    direction: 'above',
    appliesTo: ['service'],
    levels: {},
    record: RECORD.sloError,
  }),
  burnRate: spec({
    key: 'burnRate',
    displayName: 'burn rate',
    direction: 'above',
    appliesTo: ['service'],
    levels: {},
    record: RECORD.burnRate,
    alert: ALERT.sloBurnRate,
  }),
  budgetRemaining: spec({
    key: 'budgetRemaining',
    displayName: 'error budget remaining',
    direction: 'below',
    appliesTo: ['service'],
    levels: {},
    record: () => RECORD.budgetRemaining,
  }),
});

/** Every statistic of the contract, by area. */
export const STATISTICS = Object.freeze({
  drift: { ...RECORDED_DRIFT, ...CHECK_DRIFT },
  quality: { ...QUALITY_ISSUES, ...CHECK_QUALITY },
  performance: BINARY_PERFORMANCE,
  groupRates: GROUP_RATES,
  fairness: { ...FAIRNESS, ...CHECK_FAIRNESS },
  slo: SLO_STATISTICS,
});
