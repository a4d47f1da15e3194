import { DEFAULT_DRIFT_BINS } from '../buckets.js';
import { LABEL } from './labels.js';
import type { SeverityClass } from './routing.js';
import type { BurnSeverity } from './values.js';
import type { DriftThresholds } from './thresholds.js';

/** One multiwindow, multi-burn-rate alert (Google SRE Workbook, "Alerting on SLOs"). */
export interface BurnAlertDefault {
  readonly severity: BurnSeverity;
  readonly long: string;
  readonly short: string;
  readonly burnRate: number;
  readonly for: string;
}

/** How often a route notifies: Alertmanager's and Grafana's `group_wait`, `group_interval`, `repeat_interval`. */
export interface RouteTiming {
  readonly groupWait: string;
  readonly groupInterval: string;
  readonly repeatInterval: string;
}

/**
 * Defaults shared by `modelwatch rules`, `modelwatch check`, the instrumentation and the Grafana datasource, so
 * a panel left at its defaults shows the number the recording rule records and the check reports.
 */
export const DEFAULTS = Object.freeze({
  /** Equal-probability reference bins per numeric feature. */
  bins: DEFAULT_DRIFT_BINS,
  /** Predictions are score >= threshold when the profile sets none. */
  threshold: 0.5,
  /** Fairness judges groups of at least this many (labelled) predictions. */
  minGroupSize: 30,
  /** Observations a group or segment value needs before it is exported as its own series (`privacy.minCellSize`). */
  minCellSize: 10,
  /**
   * Collection intervals one differentially private counter's budget covers (`privacy.horizon`): 2^20, two years of
   * 60-second collections; the tree then has 21 levels.
   */
  privacyHorizon: 1_048_576,
  /** Confidence of the Wilson intervals of group rates. */
  confidence: 0.95,
  /** Rule-group evaluation interval. */
  interval: '1m',
  /**
   * Drift alerts: `thresholds` how levels are judged (DRIFT_THRESHOLDS), `alpha` the false-alarm probability per
   * feature-window of the noise floor.
   */
  drift: Object.freeze({
    window: '1h',
    for: '15m',
    minSamples: 200,
    baselineOffset: '1w',
    thresholds: 'noise-floor' as DriftThresholds,
    alpha: 0.01,
  }),
  /**
   * Explanation drift: `ndcg` the level of the nDCG of the live importance ranking below which a violation is raised
   * (SageMaker Clarify's default); `window` the window of live importance in the Grafana datasource.
   */
  attribution: Object.freeze({ ndcg: 0.9, window: '1h' }),
  quality: Object.freeze({ window: '1h', for: '10m', minSamples: 100 }),
  performance: Object.freeze({ window: '1d', for: '30m', minOutcomes: 200 }),
  fairness: Object.freeze({ window: '1d', for: '30m' }),
  slo: Object.freeze({
    period: '30d',
    burnAlerts: Object.freeze([
      { severity: 'page', long: '1h', short: '5m', burnRate: 14.4, for: '2m' },
      { severity: 'page', long: '6h', short: '30m', burnRate: 6, for: '15m' },
      { severity: 'ticket', long: '1d', short: '2h', burnRate: 3, for: '1h' },
      { severity: 'ticket', long: '3d', short: '6h', burnRate: 1, for: '1h' },
    ] satisfies BurnAlertDefault[]),
  }),
  /** The routes `modelwatch alerts` writes: one notification per alert name and model version, paced by class. */
  routing: Object.freeze({
    groupBy: Object.freeze([LABEL.alertName, LABEL.modelName, LABEL.modelVersion]),
    /** Pages at once and hourly until resolved; tickets batched and twice a day. */
    timing: Object.freeze({
      page: Object.freeze({ groupWait: '30s', groupInterval: '5m', repeatInterval: '1h' }),
      ticket: Object.freeze({ groupWait: '5m', groupInterval: '5m', repeatInterval: '12h' }),
    } satisfies Record<SeverityClass, RouteTiming>),
  }),
  /**
   * Policy packs: impact ratios below `threshold` are violations (the four-fifths convention; for nyc-ll144 the
   * organisation's policy, as the law sets none); nyc-ll144 leaves categories under `excludeBelow` of the rows out
   * of the impact ratios.
   */
  policies: Object.freeze({ threshold: 0.8, excludeBelow: 0.02, alpha: 0.05, window: '1d', for: '30m' }),
});
