import { checkBinary, checkCount, checkFinite, checkSameLength } from './validate.js';

/**
 * Score buckets in ascending score order with the number of positives and negatives in each. Rows in one
 * bucket count as tied. One bucket per distinct score gives the exact AUC; the buckets of a score
 * histogram (e.g. a Prometheus histogram split by label) give the AUC of the bucketed score.
 */
export interface RankCounts {
  positives: ArrayLike<number>;
  negatives: ArrayLike<number>;
}

/**
 * ROC AUC from per-bucket counts: the probability that a random positive outranks a random negative,
 * ties counted one half, i.e. Σ_b pos_b·(neg below b + neg_b / 2) / (P·N). This is the Mann–Whitney U
 * with mid-ranks divided by P·N, equal to the trapezoidal area under the ROC curve that scikit-learn's
 * roc_auc_score computes. NaN when either class is absent.
 */
export function rocAucFromCounts(positives: ArrayLike<number>, negatives: ArrayLike<number>): number {
  checkSameLength('positive bucket counts', positives, 'negative bucket counts', negatives);
  let negBelow = 0;
  let pairs = 0;
  let p = 0;
  for (let b = 0; b < positives.length; b++) {
    const pb = positives[b]!;
    const nb = negatives[b]!;
    checkCount(`positive count of bucket ${b}`, pb);
    checkCount(`negative count of bucket ${b}`, nb);
    pairs += pb * (negBelow + nb / 2);
    negBelow += nb;
    p += pb;
  }
  return p > 0 && negBelow > 0 ? pairs / (p * negBelow) : Number.NaN;
}

/** Rank counts with the distinct score of each bucket. */
export interface ScoreCounts extends RankCounts {
  /** Distinct scores, strictly ascending. */
  values: number[];
  positives: number[];
  negatives: number[];
}

/** One bucket per distinct score: the exact rank counts of 0/1 labels and finite scores. */
export function rankCounts(actual: ArrayLike<number>, scores: ArrayLike<number>): ScoreCounts {
  checkSameLength('actual', actual, 'scores', scores);
  checkBinary('actual', actual);
  checkFinite('scores', scores);
  let nPos = 0;
  for (let i = 0; i < actual.length; i++) nPos += actual[i]!;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(actual.length - nPos);
  let ip = 0;
  let ineg = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] === 1) pos[ip++] = scores[i]!;
    else neg[ineg++] = scores[i]!;
  }
  pos.sort();
  neg.sort();
  const values: number[] = [];
  const positives: number[] = [];
  const negatives: number[] = [];
  let i = 0;
  let j = 0;
  while (i < pos.length || j < neg.length) {
    const v = j >= neg.length || (i < pos.length && pos[i]! < neg[j]!) ? pos[i]! : neg[j]!;
    let cp = 0;
    let cn = 0;
    while (i < pos.length && pos[i] === v) {
      cp++;
      i++;
    }
    while (j < neg.length && neg[j] === v) {
      cn++;
      j++;
    }
    // -0 and 0 are one score; +0 keeps the knot canonical.
    values.push(v === 0 ? 0 : v);
    positives.push(cp);
    negatives.push(cn);
  }
  return { values, positives, negatives };
}

/** Tie-aware ROC AUC of 0/1 labels against finite scores (higher = more likely positive). */
export function rocAuc(actual: ArrayLike<number>, scores: ArrayLike<number>): number {
  const r = rankCounts(actual, scores);
  return rocAucFromCounts(r.positives, r.negatives);
}
