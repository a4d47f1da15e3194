import { DEFAULT_DRIFT_BINS } from '../buckets.js';
import type { BurnSeverity } from './values.js';

/** One multiwindow, multi-burn-rate alert (Google SRE Workbook, "Alerting on SLOs"). */
export interface BurnAlertDefault {
  readonly severity: BurnSeverity;
  readonly long: string;
  readonly short: string;
  readonly burnRate: number;
  readonly for: string;
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
  /** Confidence of the Wilson intervals of group rates. */
  confidence: 0.95,
  /** Rule-group evaluation interval. */
  interval: '1m',
  drift: Object.freeze({ window: '1h', for: '15m', minSamples: 200, baselineOffset: '1w' }),
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
  /**
   * Policy packs: impact ratios below `threshold` are violations (the four-fifths convention; for nyc-ll144 the
   * organisation's policy, as the law sets none); nyc-ll144 leaves categories under `excludeBelow` of the rows out
   * of the impact ratios.
   */
  policies: Object.freeze({ threshold: 0.8, excludeBelow: 0.02, alpha: 0.05 }),
});
