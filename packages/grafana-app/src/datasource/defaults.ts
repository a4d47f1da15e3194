import {
  DEFAULTS as CONTRACT,
  FAIRNESS,
  GROUP_RATE_KEYS,
  QUALITY_ISSUES,
  RECORDED_DRIFT,
  RECORDED_DRIFT_KEYS,
  REGRESSION_METRICS,
} from '@modelwatch/semconv';
import type { Levels } from '../shared/frames';
import type { BurnWindow, DriftStatistic, FairnessMetric, PerformanceMetric, RegressionMetric } from './types';

/**
 * Query defaults: the contract's defaults (`DEFAULTS` of @modelwatch/semconv), which `modelwatch rules` uses
 * too, so a panel left at its defaults shows the number the recording rule records.
 */
export const DEFAULTS = {
  driftWindow: CONTRACT.drift.window,
  qualityWindow: CONTRACT.quality.window,
  attributionWindow: CONTRACT.attribution.window,
  performanceWindow: CONTRACT.performance.window,
  fairnessWindow: CONTRACT.fairness.window,
  statistic: RECORDED_DRIFT.psi.key as DriftStatistic,
  baselineOffset: CONTRACT.drift.baselineOffset,
  performanceMetrics: ['f1', 'accuracy'] as PerformanceMetric[],
  /** Regression models have no recorded series yet: the performance window, and every metric. */
  regressionWindow: CONTRACT.performance.window,
  regressionMetrics: [...REGRESSION_METRICS] as RegressionMetric[],
  /** The per-group rates the fairness rules record. */
  fairnessMetrics: [...GROUP_RATE_KEYS] as FairnessMetric[],
  minGroupSize: CONTRACT.minGroupSize,
  minCellSize: CONTRACT.minCellSize,
  privacyHorizon: CONTRACT.privacyHorizon,
  /** The policy packs' threshold and nyc-ll144's exclusion share, as modelwatch.yaml defaults them. */
  policies: CONTRACT.policies,
  confidence: CONTRACT.confidence,
  period: CONTRACT.slo.period,
  burnWindows: CONTRACT.slo.burnAlerts.map(({ severity, long, short, burnRate }) => ({
    severity,
    long,
    short,
    burnRate,
  })) as BurnWindow[],
} as const;

/** Alert levels of the drift statistics the generator sets by default; the others have none. */
export const DRIFT_LEVELS: Readonly<Record<DriftStatistic, Levels>> = Object.fromEntries(
  RECORDED_DRIFT_KEYS.map((k) => [k, { ...RECORDED_DRIFT[k].levels }])
) as Record<DriftStatistic, Levels>;

/** Data-quality issue-rate levels of the generator. */
export const QUALITY_LEVELS: Readonly<Record<string, Levels>> = Object.fromEntries(
  Object.values(QUALITY_ISSUES).map((issue) => [issue.key, { ...issue.levels }])
);

/**
 * Disparate impact has no generator default; the check's policy line, the four-fifths rule (29 CFR 1607.4(D)),
 * is the usual one, so panels draw it unless the query sets its own levels.
 */
export const FAIRNESS_LEVELS: Levels = { ...FAIRNESS.disparateImpact.checkLevels };
