/**
 * How drift alerts judge a statistic (`drift.thresholds` in modelwatch.yaml). Each mode names what its alerts
 * compare; the rule generator, `modelwatch check` and the docs read this registry, so a new mode is one entry
 * here plus its rules.
 */
export interface DriftThresholdsSpec {
  /** One line for the config reference and `--help`. */
  readonly description: string;
}

export const DRIFT_THRESHOLDS = Object.freeze({
  'noise-floor': {
    description:
      'material and significant: at or past the configured level and above the noise floor of the window (the level n values drawn from the reference exceed with probability alpha)',
  },
  fixed: { description: 'the configured levels only, whatever the window count (past the minimum-sample guard)' },
  'reference-chunks': {
    description:
      "warning at each feature's level learned from the reference's own chunks (mean + 3 standard deviations of the statistic over chunks, `modelwatch profile --chunks`); critical at the configured level",
  },
} as const satisfies Record<string, DriftThresholdsSpec>);

export type DriftThresholds = keyof typeof DRIFT_THRESHOLDS;
export const DRIFT_THRESHOLD_MODES = Object.keys(DRIFT_THRESHOLDS) as DriftThresholds[];

/**
 * Levels learned from reference chunks: mean + stdMultiplier · (population) standard deviation of a statistic over
 * the chunks, upper side only (NannyML's StandardDeviationThreshold with its default multiplier 3).
 */
export const REFERENCE_CHUNK_LEVELS = Object.freeze({ stdMultiplier: 3 });

/** Bounds of the false-alarm probability per feature-window, both excluded. */
export const DRIFT_ALPHA_RANGE = Object.freeze({ min: 0, max: 0.5 });
