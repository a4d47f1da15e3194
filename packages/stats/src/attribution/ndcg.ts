/**
 * Normalised discounted cumulative gain of a live importance ranking against the reference one, as SageMaker
 * Clarify judges feature-attribution drift and scikit-learn's `ndcg_score(y_true, y_score)` computes it: the
 * reference importances are the gains, the live importances only order the features; the discount of rank r
 * (0-based) is 1 / log2(r + 2), there is no cut-off, and features tied in the live importances share the mean
 * discount of the ranks they occupy together (so the order of ties never matters).
 */

/** The discount of each 0-based rank below n. */
function discounts(n: number): Float64Array {
  const d = new Float64Array(n);
  for (let r = 0; r < n; r++) d[r] = 1 / Math.log2(r + 2);
  return d;
}

/**
 * DCG of the gains ranked by the scores, ties in the scores sharing their ranks' mean discount. Exact equality
 * makes a tie, as NumPy's `unique` does; -0 and 0 tie.
 */
export function tieAveragedDcg(gains: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = gains.length;
  if (scores.length !== n) throw new RangeError('gains and scores differ in length');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const d = discounts(n);
  let dcg = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && scores[order[end]!] === scores[order[start]!]) end++;
    let gain = 0;
    let discount = 0;
    for (let r = start; r < end; r++) {
      gain += gains[order[r]!]!;
      discount += d[r]!;
    }
    // Each feature of the tie gets the group's mean gain at every rank of the group: mean gain × summed discount.
    dcg += (gain / (end - start)) * discount;
    start = end;
  }
  return dcg;
}

/**
 * nDCG of the current ranking against the reference importances; null for fewer than two features (scikit-learn
 * refuses them: a single item has no ranking). 0 when every reference importance is 0 (the ideal DCG is 0, as
 * scikit-learn returns). Importances must be finite and non-negative (mean absolute attributions are).
 */
export function importanceNdcg(reference: ArrayLike<number>, current: ArrayLike<number>): number | null {
  const n = reference.length;
  if (current.length !== n) throw new RangeError('reference and current importances differ in length');
  for (let i = 0; i < n; i++) {
    if (!(reference[i]! >= 0) || !Number.isFinite(reference[i]!))
      throw new RangeError('reference importances must be finite and non-negative');
    if (!Number.isFinite(current[i]!)) throw new RangeError('current importances must be finite');
  }
  if (n < 2) return null;
  const ideal = Array.from(reference).sort((a, b) => b - a);
  const d = discounts(n);
  let best = 0;
  for (let r = 0; r < n; r++) best += ideal[r]! * d[r]!;
  if (best === 0) return 0;
  return tieAveragedDcg(reference, current) / best;
}
