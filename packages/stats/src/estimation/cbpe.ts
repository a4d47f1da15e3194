import { predictAtThreshold } from '../performance/classification.js';
import { rates, type ClassificationRates, type ConfusionCounts } from '../performance/confusion.js';
import { checkBinary, checkProbabilities, checkSameLength } from '../performance/validate.js';
import type { Calibrator } from './calibration.js';

/** Label-free performance: the rates of the expected confusion counts, and the counts themselves. */
export interface EstimatedPerformance extends ClassificationRates, ConfusionCounts {}

export interface EstimationOptions {
  /**
   * Maps each score to a calibrated probability before the expectation is taken (fitted on a labelled
   * reference with fitCalibrator). Thresholded decisions still use the raw score, as the model did.
   */
  calibrator?: Calibrator | null;
}

/** The model's 0/1 decisions, or the threshold that produced them from the raw scores. */
export type Decisions = ArrayLike<number> | { threshold: number };

/**
 * Expected confusion counts when each score is the probability that the row is positive (NannyML's CBPE):
 * TP = Σ_{predicted 1} s, FP = Σ_{predicted 1} (1 − s), FN = Σ_{predicted 0} s, TN = Σ_{predicted 0} (1 − s).
 */
export function expectedConfusion(scores: ArrayLike<number>, predicted: ArrayLike<number>): ConfusionCounts {
  checkSameLength('scores', scores, 'predicted', predicted);
  checkProbabilities('scores', scores);
  checkBinary('predicted', predicted);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (predicted[i] === 1) {
      tp += s;
      fp += 1 - s;
    } else {
      fn += s;
      tn += 1 - s;
    }
  }
  return { tp, fp, tn, fn };
}

/** Estimated rates from expected counts, e.g. sums exported by instrumentation. */
export function estimatePerformanceFromCounts(expected: ConfusionCounts): EstimatedPerformance {
  const { tp, fp, tn, fn } = expected;
  return { ...rates(expected), tp, fp, tn, fn };
}

/**
 * Confidence-based performance estimation without labels: accuracy, precision, recall, F1 (and the other
 * rates) of the expected confusion counts. Unbiased when the (calibrated) scores are calibrated
 * probabilities on the current data, i.e. under covariate shift without concept shift.
 */
export function estimatePerformance(
  scores: ArrayLike<number>,
  decisions: Decisions,
  options: EstimationOptions = {}
): EstimatedPerformance {
  checkProbabilities('scores', scores);
  if (typeof decisions !== 'object' || decisions === null) {
    throw new TypeError('decisions must be an array of 0/1 predictions or { threshold }');
  }
  const predicted = 'threshold' in decisions ? predictAtThreshold(scores, decisions.threshold) : decisions;
  const calibrator = options.calibrator ?? null;
  let probabilities: ArrayLike<number> = scores;
  if (calibrator != null) {
    const p = new Float64Array(scores.length);
    for (let i = 0; i < scores.length; i++) p[i] = calibrator.apply(scores[i]!);
    probabilities = p;
  }
  return estimatePerformanceFromCounts(expectedConfusion(probabilities, predicted));
}
