import type { DriftDetector } from './types.js';

/**
 * Feeds a stream to a detector (continuing from its current state) and reports 0-based positions in the
 * stream, non-finite values included: every drift, and the first warning after the start and after each
 * drift — what River's doctests print. A warning raised at the same update as a drift is listed before
 * that drift, as the doctests check the warning first.
 */
export function runDetector(
  detector: DriftDetector,
  stream: Iterable<number>
): { drifts: number[]; warnings: number[] } {
  const drifts: number[] = [];
  const warnings: number[] = [];
  let awaitingWarning = true;
  let i = 0;
  for (const x of stream) {
    detector.update(x);
    if (awaitingWarning && detector.warningDetected) {
      warnings.push(i);
      awaitingWarning = false;
    }
    if (detector.driftDetected) {
      drifts.push(i);
      awaitingWarning = true;
    }
    i++;
  }
  return { drifts, warnings };
}
