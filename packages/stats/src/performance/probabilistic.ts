import { checkBinary, checkCount, checkProbabilities, checkSameLength } from './validate.js';

/** Probabilities are clipped to [ε, 1 − ε] before the logarithm so a confident mistake costs ~34.5, not ∞. */
export const LOG_LOSS_EPSILON = 1e-15;

/** Number of equal-width score bins of the expected calibration error. */
export const ECE_BINS = 10;

/** Totals of one equal-width score bin: enough to add bins from many sources and compute the ECE. */
export interface CalibrationBin {
  count: number;
  sumScore: number;
  sumLabel: number;
}

/** Additive totals of the probabilistic metrics, as an instrumentation library exports them. */
export interface ScoreSums {
  count: number;
  /** Σ logLossTerm(y, s). */
  sumLogLoss: number;
  /** Σ (s − y)². */
  sumSquaredError: number;
  /** ECE_BINS equal-width bins of the score. */
  bins: CalibrationBin[];
}

/** One row's log loss −[y·ln p + (1 − y)·ln(1 − p)], natural log, p = score clipped to [1e-15, 1 − 1e-15]. */
export function logLossTerm(label: number, score: number): number {
  const p = score < LOG_LOSS_EPSILON ? LOG_LOSS_EPSILON : score > 1 - LOG_LOSS_EPSILON ? 1 - LOG_LOSS_EPSILON : score;
  return label === 1 ? -Math.log(p) : -Math.log1p(-p);
}

/** Equal-width bin of a score in [0, 1]: min(floor(bins·s), bins − 1), so a score of exactly 1 joins the top bin. */
export function calibrationBinIndex(score: number, bins: number = ECE_BINS): number {
  const j = Math.floor(bins * score);
  return j < bins ? j : bins - 1;
}

function checkScored(actual: ArrayLike<number>, scores: ArrayLike<number>): void {
  checkSameLength('actual', actual, 'scores', scores);
  checkBinary('actual', actual);
  checkProbabilities('scores', scores);
}

function checkBinCount(bins: number): void {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be an integer >= 1, got ${bins}`);
}

/** Additive totals of 0/1 labels and probability scores; scores outside [0, 1] are a RangeError. */
export function scoreSums(actual: ArrayLike<number>, scores: ArrayLike<number>, bins: number = ECE_BINS): ScoreSums {
  checkScored(actual, scores);
  checkBinCount(bins);
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) out.push({ count: 0, sumScore: 0, sumLabel: 0 });
  let sumLogLoss = 0;
  let sumSquaredError = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    const s = scores[i]!;
    sumLogLoss += logLossTerm(y, s);
    sumSquaredError += (s - y) * (s - y);
    const bin = out[calibrationBinIndex(s, bins)]!;
    bin.count++;
    bin.sumScore += s;
    bin.sumLabel += y;
  }
  return { count: actual.length, sumLogLoss, sumSquaredError, bins: out };
}

/** Σ_b (n_b / n)·|mean label_b − mean score_b| over the given bins; empty bins add nothing; NaN when n = 0. */
export function eceFromBins(bins: readonly CalibrationBin[]): number {
  let n = 0;
  let s = 0;
  for (let b = 0; b < bins.length; b++) {
    const bin = bins[b]!;
    checkCount(`count of calibration bin ${b}`, bin.count);
    n += bin.count;
    // n_b/n · |Σy/n_b − Σs/n_b| = |Σy − Σs| / n
    s += Math.abs(bin.sumLabel - bin.sumScore);
  }
  return n > 0 ? s / n : Number.NaN;
}

/** Mean log loss of 0/1 labels against probability scores; NaN for no rows. */
export function logLoss(actual: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkScored(actual, scores);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += logLossTerm(actual[i]!, scores[i]!);
  return actual.length > 0 ? s / actual.length : Number.NaN;
}

/** Brier score: mean (s − y)²; NaN for no rows. */
export function brierScore(actual: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkScored(actual, scores);
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = scores[i]! - actual[i]!;
    s += d * d;
  }
  return actual.length > 0 ? s / actual.length : Number.NaN;
}

/** Expected calibration error over `bins` equal-width score bins (10 by default). */
export function expectedCalibrationError(
  actual: ArrayLike<number>,
  scores: ArrayLike<number>,
  bins: number = ECE_BINS
): number {
  return eceFromBins(scoreSums(actual, scores, bins).bins);
}
