import { binaryConfusion, rates, type ClassificationRates, type ConfusionCounts } from './confusion.js';
import { eceFromBins, scoreSums, type ScoreSums } from './probabilistic.js';
import { rankCounts, rocAucFromCounts, type RankCounts } from './roc-auc.js';
import { checkCount, checkProbabilities, checkSameLength } from './validate.js';

/** The default decision threshold: a row is predicted positive when score >= 0.5. */
export const DEFAULT_THRESHOLD = 0.5;

/** Everything a binary classification report needs, all additive across sources. */
export interface BinaryClassificationCounts {
  confusion: ConfusionCounts;
  /** Threshold that produced the predictions, for the record; null when predictions were given. */
  threshold?: number | null;
  /** Probabilistic totals; without them logLoss, brier and ece are NaN. */
  scores?: ScoreSums | null;
  /** Rank counts; without them rocAuc is NaN. */
  rank?: RankCounts | null;
}

export interface BinaryClassificationReport extends ClassificationRates, ConfusionCounts {
  threshold: number | null;
  /** Tie-aware ROC AUC (scikit-learn's roc_auc_score); NaN when a class is absent or there are no scores. */
  rocAuc: number;
  /** Mean log loss, natural log, probabilities clipped to [1e-15, 1 − 1e-15]. */
  logLoss: number;
  /** Mean (s − y)². */
  brier: number;
  /** Expected calibration error over 10 equal-width score bins. */
  ece: number;
}

export interface BinaryClassificationOptions {
  /** Rows with score >= threshold are predicted positive (default 0.5); ignored when `predicted` is given. */
  threshold?: number;
  /** The model's own 0/1 decisions, when they are not a threshold on the score. */
  predicted?: ArrayLike<number> | null;
}

/** 0/1 decisions score >= threshold. */
export function predictAtThreshold(scores: ArrayLike<number>, threshold: number = DEFAULT_THRESHOLD): Uint8Array {
  if (!Number.isFinite(threshold)) throw new RangeError(`threshold must be a finite number, got ${threshold}`);
  const p = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) p[i] = scores[i]! >= threshold ? 1 : 0;
  return p;
}

/** The report from additive counts (exported by instrumentation, or built by binaryClassificationReport). */
export function binaryClassificationFromCounts(c: BinaryClassificationCounts): BinaryClassificationReport {
  const r = rates(c.confusion);
  let logLoss = Number.NaN;
  let brier = Number.NaN;
  let ece = Number.NaN;
  if (c.scores != null) {
    checkCount('scores.count', c.scores.count);
    if (c.scores.count > 0) {
      logLoss = c.scores.sumLogLoss / c.scores.count;
      brier = c.scores.sumSquaredError / c.scores.count;
    }
    ece = eceFromBins(c.scores.bins);
  }
  const rocAuc = c.rank != null ? rocAucFromCounts(c.rank.positives, c.rank.negatives) : Number.NaN;
  const { tp, fp, tn, fn } = c.confusion;
  return { ...r, tp, fp, tn, fn, threshold: c.threshold ?? null, rocAuc, logLoss, brier, ece };
}

/**
 * Binary classification report of 0/1 labels (1 = positive) against probability scores of the positive
 * class. Predictions are score >= threshold (default 0.5) unless `predicted` is given; with `scores` null
 * only the confusion-based metrics exist (the rest are NaN) and `predicted` is required.
 * Scores must be finite and in [0, 1]; anything else is a RangeError naming the position.
 */
export function binaryClassificationReport(
  actual: ArrayLike<number>,
  scores: ArrayLike<number> | null,
  options: BinaryClassificationOptions = {}
): BinaryClassificationReport {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!Number.isFinite(threshold)) throw new RangeError(`threshold must be a finite number, got ${threshold}`);
  const given = options.predicted ?? null;
  if (scores != null) {
    checkSameLength('actual', actual, 'scores', scores);
    checkProbabilities('scores', scores);
  }
  let predicted: ArrayLike<number>;
  if (given != null) predicted = given;
  else if (scores != null) predicted = predictAtThreshold(scores, threshold);
  else throw new TypeError('binaryClassificationReport needs scores or options.predicted');
  return binaryClassificationFromCounts({
    confusion: binaryConfusion(actual, predicted),
    threshold: given != null ? null : threshold,
    scores: scores != null ? scoreSums(actual, scores) : null,
    rank: scores != null ? rankCounts(actual, scores) : null,
  });
}
