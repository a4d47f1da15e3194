// What a query may ask for, from the contract's catalogue (@modelwatch/semconv): the values the editor offers
// and `resolveQuery` accepts.
import {
  BASELINE,
  BINARY_METRICS,
  GROUP_RATE_KEYS,
  REGRESSION_METRICS as CONTRACT_REGRESSION_METRICS,
  RECORDED_DRIFT_KEYS,
  SEVERITY,
  SLO_KINDS as CONTRACT_SLO_KINDS,
  type BurnSeverity,
} from '@modelwatch/semconv';
import type {
  DriftBaseline,
  DriftStatistic,
  FairnessMetric,
  PerformanceMetric,
  RegressionMetric,
  SloKind,
} from './types';

/** Where the editor and the messages list each drift statistic: the distances first, chi-square last. */
const DRIFT_ORDER: Readonly<Record<DriftStatistic, number>> = { psi: 0, jensenShannon: 1, ks: 2, chiSquare: 3 };
export const DRIFT_STATISTICS: readonly DriftStatistic[] = [...RECORDED_DRIFT_KEYS].sort(
  (a, b) => DRIFT_ORDER[a] - DRIFT_ORDER[b]
);

export const DRIFT_BASELINES = Object.keys(BASELINE) as DriftBaseline[];

/** The binary metrics, and the false-positive, false-negative and selection rates of the whole model. */
export const PERFORMANCE_METRICS: readonly PerformanceMetric[] = [...BINARY_METRICS, 'fpr', 'fnr', 'selectionRate'];

/** MAE, RMSE, MAPE and bias, in the contract's order. */
export const REGRESSION_METRICS: readonly RegressionMetric[] = CONTRACT_REGRESSION_METRICS;

/** The per-group rates the fairness rules record, and accuracy per group. */
export const FAIRNESS_METRICS: readonly FairnessMetric[] = [...GROUP_RATE_KEYS, 'accuracy'];

export const SLO_KINDS: readonly SloKind[] = CONTRACT_SLO_KINDS;

/** Burn-rate alerts page or open a ticket. */
export const BURN_SEVERITIES: readonly BurnSeverity[] = [SEVERITY.page, SEVERITY.ticket];
