import { rankCounts } from '../performance/roc-auc.js';

/** A non-decreasing piecewise-linear function given by knots; constant beyond the first and last knot. */
export interface IsotonicKnots {
  /** Strictly ascending scores. */
  x: number[];
  /** Fitted probability at each knot, non-decreasing. */
  y: number[];
}

/**
 * Isotonic (non-decreasing) least-squares fit of 0/1 labels on scores, as scikit-learn's
 * IsotonicRegression(increasing=True, out_of_bounds='clip'):
 * 1. rows with the same score are pooled first into one point weighted by their count, at their mean label;
 * 2. pool-adjacent-violators merges neighbouring blocks while a block's weighted mean exceeds the next one's,
 *    each block taking the weighted mean of its points;
 * 3. every distinct score keeps its block's value, and knots inside a run of equal values are dropped
 *    (the first and last knots always stay), which leaves the interpolant unchanged.
 * Prediction interpolates linearly between neighbouring knots, i.e. between the last score of one block and
 * the first score of the next, and is constant inside a block; outside the fitted range it is clipped to the
 * end values.
 */
export function fitIsotonic(scores: ArrayLike<number>, labels: ArrayLike<number>): IsotonicKnots {
  const { values, positives, negatives } = rankCounts(labels, scores);
  if (values.length === 0) throw new RangeError('isotonic calibration needs at least one labelled score');
  // Blocks as a stack of (weight, sum of labels, number of distinct scores).
  const weight: number[] = [];
  const sum: number[] = [];
  const size: number[] = [];
  for (let k = 0; k < values.length; k++) {
    let w = positives[k]! + negatives[k]!;
    let s = positives[k]!;
    let m = 1;
    // Merge while the previous block's mean exceeds this one's: s_prev/w_prev > s/w, compared without division.
    while (weight.length > 0 && sum[sum.length - 1]! * w > s * weight[weight.length - 1]!) {
      w += weight.pop()!;
      s += sum.pop()!;
      m += size.pop()!;
    }
    weight.push(w);
    sum.push(s);
    size.push(m);
  }
  const fitted: number[] = [];
  for (let b = 0; b < weight.length; b++) {
    const v = sum[b]! / weight[b]!;
    for (let i = 0; i < size[b]!; i++) fitted.push(v);
  }
  const x: number[] = [];
  const y: number[] = [];
  const n = values.length;
  for (let k = 0; k < n; k++) {
    const interior = k > 0 && k < n - 1 && fitted[k] === fitted[k - 1] && fitted[k] === fitted[k + 1];
    if (!interior) {
      x.push(values[k]!);
      y.push(fitted[k]!);
    }
  }
  return { x, y };
}

/**
 * Evaluates the knots at a score: linear between the neighbouring knots (slope·(s − x_lo) + y_lo, SciPy's
 * interp1d form, which scikit-learn uses), clipped to the end values outside [x_first, x_last]; NaN stays NaN.
 */
export function evaluateIsotonic(knots: IsotonicKnots, score: number): number {
  const { x, y } = knots;
  const n = x.length;
  if (Number.isNaN(score)) return Number.NaN;
  if (n === 1 || score <= x[0]!) return y[0]!;
  if (score >= x[n - 1]!) return y[n - 1]!;
  // hi = first knot with x >= score, in [1, n − 1] here.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! < score) lo = mid + 1;
    else hi = mid;
  }
  const x0 = x[hi - 1]!;
  const y0 = y[hi - 1]!;
  const slope = (y[hi]! - y0) / (x[hi]! - x0);
  return slope * (score - x0) + y0;
}
