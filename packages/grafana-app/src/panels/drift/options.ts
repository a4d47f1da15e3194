import type { PanelMigrationHandler } from '@grafana/data';

export type ThresholdSource = 'frame' | 'panel';

export interface DriftThresholdOptions {
  /** `frame`: the levels the query returns (from modelwatch.yaml), the panel's own values where it returns none. */
  source: ThresholdSource;
  warning: number;
  critical: number;
}

export interface DriftOptions {
  thresholds: DriftThresholdOptions;
  /** Overrides the statistic's name in the header, legend and tooltips; empty: the name the query reports. */
  statisticLabel: string;
  sortBy: 'feature' | 'latest';
  showLegend: boolean;
  showTimeAxis: boolean;
  showLatest: boolean;
  /** Selecting a feature shows its reference and current bin shares. */
  showBins: boolean;
}

/** PSI's conventional reading: 0.1 moderate shift, 0.2 significant shift (docs/statistics.md). */
export const DEFAULT_DRIFT_OPTIONS: DriftOptions = {
  thresholds: { source: 'frame', warning: 0.1, critical: 0.2 },
  statisticLabel: '',
  sortBy: 'feature',
  showLegend: true,
  showTimeAxis: true,
  showLatest: true,
  showBins: true,
};

/** The first version of this panel had one option, `threshold`: at or above it a feature read as drifted. */
interface LegacyDriftOptions {
  threshold?: unknown;
}

/** The part of a saved panel a migration reads (Grafana does not export the model's type itself). */
type SavedPanel = Parameters<PanelMigrationHandler<Partial<DriftOptions> & LegacyDriftOptions>>[0];

export function isLegacyDriftOptions(options: unknown): boolean {
  return typeof options === 'object' && options !== null && 'threshold' in options;
}

/**
 * Upgrades saved options. `threshold` becomes both levels, so every value that showed as drifted shows as
 * critical and nothing shows a warning the old panel never gave; the source is `panel` because the user chose
 * the value.
 */
export function migrateDriftOptions(panel: SavedPanel): Partial<DriftOptions> {
  const { threshold, ...rest } = panel.options ?? {};
  if (rest.thresholds || typeof threshold !== 'number' || !Number.isFinite(threshold)) {
    return rest;
  }
  return { ...rest, thresholds: { source: 'panel', warning: threshold, critical: threshold } };
}
