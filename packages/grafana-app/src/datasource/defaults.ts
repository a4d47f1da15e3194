import type { Levels } from '../shared/frames';
import type { BurnWindow, DriftStatistic, FairnessMetric, PerformanceMetric } from './types';

/**
 * Query defaults, equal to the defaults of `modelwatch rules` (packages/cli/src/rules/config.ts), so a panel
 * left at its defaults shows the number the recording rule records.
 */
export const DEFAULTS = {
  driftWindow: '1h',
  qualityWindow: '1h',
  performanceWindow: '1d',
  fairnessWindow: '1d',
  statistic: 'psi' as DriftStatistic,
  baselineOffset: '1w',
  performanceMetrics: ['f1', 'accuracy'] as PerformanceMetric[],
  /** The per-group rates the fairness rules record. */
  fairnessMetrics: ['selectionRate', 'tpr', 'fpr', 'fnr', 'precision'] as FairnessMetric[],
  minGroupSize: 30,
  confidence: 0.95,
  period: '30d',
  burnWindows: [
    { severity: 'page', long: '1h', short: '5m', burnRate: 14.4 },
    { severity: 'page', long: '6h', short: '30m', burnRate: 6 },
    { severity: 'ticket', long: '1d', short: '2h', burnRate: 3 },
    { severity: 'ticket', long: '3d', short: '6h', burnRate: 1 },
  ] as BurnWindow[],
} as const;

/** Alert levels of the drift statistics the generator sets by default; the others have none. */
export const DRIFT_LEVELS: Readonly<Record<DriftStatistic, Levels>> = {
  psi: { warning: 0.1, critical: 0.2 },
  jensenShannon: { warning: 0.1 },
  chiSquare: {},
  ks: {},
};

/** Data-quality issue-rate levels of the generator. */
export const QUALITY_LEVELS: Readonly<Record<string, Levels>> = {
  missing: { warning: 0.05, critical: 0.2 },
  out_of_range: { warning: 0.05 },
  invalid_type: { warning: 0.01 },
  unseen_category: { warning: 0.05 },
  unknown_feature: {},
};

/**
 * Disparate impact has no generator default; the four-fifths rule (29 CFR 1607.4(D)) is the usual policy line,
 * so panels draw it unless the query sets its own levels.
 */
export const FAIRNESS_LEVELS: Levels = { warning: 0.8 };
