/** The streaming drift detectors Modelwatch ships, named as in the CLI (`--detector`). */
export type DetectorKind = 'adwin' | 'ddm' | 'eddm' | 'page-hinkley' | 'kswin';

/**
 * A streaming concept-drift detector fed one value at a time.
 *
 * The flags describe the most recent call to `update`. After a drift the detector keeps the statistics
 * that led to it until the next value arrives, then starts afresh (River's convention), while
 * `detections` keeps counting across those restarts until `reset()`.
 */
export interface DriftDetector {
  readonly kind: DetectorKind;
  /**
   * Feeds one value. Non-finite values (NaN, ±Infinity) and non-numbers are ignored and counted in
   * `state().ignored`; booleans count as 1 and 0.
   */
  update(x: number): void;
  /** Whether the last update signalled a drift. */
  readonly driftDetected: boolean;
  /** Whether the detector is in its warning zone after the last update (always false for detectors without one). */
  readonly warningDetected: boolean;
  /** Drifts signalled since construction or the last `reset()`. */
  readonly detections: number;
  /** Returns the detector to its freshly constructed state, parameters kept. */
  reset(): void;
  /** The running statistics (River's names, snake_case), plus `n_detections` and `ignored`. Never NaN. */
  state(): Record<string, number>;
}
