import { checkBinary, checkCount, checkSameLength, checkWeights, ratio } from './validate.js';

/**
 * Cells of a binary confusion matrix. Counts may be fractional: sample weights and CBPE's expected
 * counts both produce them, and every rate below is defined on such counts unchanged.
 */
export interface ConfusionCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/**
 * Rates of a binary confusion matrix. A ratio whose denominator is 0 is NaN ("undefined"; printed as
 * null in JSON). scikit-learn's default `zero_division="warn"` returns 0 instead; Modelwatch's NaN matches
 * scikit-learn's `zero_division=np.nan`, so an empty denominator is never mistaken for a bad model.
 */
export interface ClassificationRates {
  /** tp + fp + tn + fn. */
  count: number;
  /** (tp + tn) / count. */
  accuracy: number;
  /** tp / (tp + fp). */
  precision: number;
  /** tp / (tp + fn), the same as tpr. */
  recall: number;
  /** 2·tp / (2·tp + fp + fn): the harmonic mean of precision and recall, defined even when precision is not. */
  f1: number;
  /** tp / (tp + fn). */
  tpr: number;
  /** tn / (tn + fp). */
  tnr: number;
  /** fp / (fp + tn). */
  fpr: number;
  /** fn / (fn + tp). */
  fnr: number;
  /** (tp + fp) / count: the share predicted positive. */
  selectionRate: number;
}

/** Checks that every cell is a finite count >= 0. */
export function checkConfusion(c: ConfusionCounts, name = 'confusion counts'): void {
  if (typeof c !== 'object' || c === null) throw new TypeError(`${name} must be an object with tp, fp, tn and fn`);
  checkCount(`${name}.tp`, c.tp);
  checkCount(`${name}.fp`, c.fp);
  checkCount(`${name}.tn`, c.tn);
  checkCount(`${name}.fn`, c.fn);
}

/**
 * Confusion counts of 0/1 labels against 0/1 predictions (1 = positive), optionally weighted; a weight
 * counts as that many identical rows.
 */
export function binaryConfusion(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  weights?: ArrayLike<number> | null
): ConfusionCounts {
  checkSameLength('actual', actual, 'predicted', predicted);
  checkBinary('actual', actual);
  checkBinary('predicted', predicted);
  if (weights != null) {
    checkSameLength('weights', weights, 'actual', actual);
    checkWeights(weights);
  }
  // cells[2·actual + predicted]: tn, fp, fn, tp
  const cells = [0, 0, 0, 0];
  for (let i = 0; i < actual.length; i++) {
    cells[2 * actual[i]! + predicted[i]!]! += weights == null ? 1 : weights[i]!;
  }
  return { tp: cells[3]!, fp: cells[1]!, tn: cells[0]!, fn: cells[2]! };
}

/** Rates from confusion counts; see ClassificationRates for formulas and the NaN convention. */
export function rates(c: ConfusionCounts): ClassificationRates {
  checkConfusion(c);
  const { tp, fp, tn, fn } = c;
  const count = tp + fp + tn + fn;
  const tpr = ratio(tp, tp + fn);
  return {
    count,
    accuracy: ratio(tp + tn, count),
    precision: ratio(tp, tp + fp),
    recall: tpr,
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    tpr,
    tnr: ratio(tn, tn + fp),
    fpr: ratio(fp, fp + tn),
    fnr: ratio(fn, fn + tp),
    selectionRate: ratio(tp + fp, count),
  };
}
