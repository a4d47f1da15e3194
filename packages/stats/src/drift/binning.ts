import type { EmpiricalDistribution } from '../sample/empirical-distribution.js';

export const DEFAULT_BINS = 10;

/**
 * Equal-probability bins of a reference through its probability integral transform, with fractional ties.
 *
 * For a value x, a = #{r < x}/m and b = #{r <= x}/m. When a = b the value falls in bin floor(#{r<x}·B/m)
 * (capped at B−1). When a < b (x is a reference value) its unit mass is spread over [a, b] in proportion to
 * the overlap with each bin [j/B, (j+1)/B]. Every reference value therefore spreads its mass evenly over its
 * own CDF step, and the reference against itself gives exactly m/B per bin: reference shares are 1/B by
 * construction and need no storage.
 *
 * Only bin counts leave this function, so counts from many processes or scrapes add up to the same answer.
 */
export class ReferenceBinning {
  readonly bins: number;
  readonly reference: EmpiricalDistribution;
  private readonly m: number;

  constructor(reference: EmpiricalDistribution, bins: number = DEFAULT_BINS) {
    if (!Number.isInteger(bins) || bins < 2) throw new RangeError(`bins must be an integer >= 2, got ${bins}`);
    if (reference.size <= 0) throw new RangeError('the reference sample is empty');
    this.reference = reference;
    this.bins = bins;
    this.m = reference.size;
  }

  /** Adds the (possibly fractional) mass of x, times weight, to target[0..B-1]. Non-finite x is ignored. */
  add(target: Float64Array, x: number, weight = 1): void {
    if (!Number.isFinite(x)) return;
    const ref = this.reference;
    const i = ref.lowerBound(x);
    const below = ref.cumulative[i]!;
    const tied = i < ref.values.length && ref.values[i] === x ? ref.counts[i]! : 0;
    this.addRanks(target, below, below + tied, weight);
  }

  /**
   * Adds unit mass (times weight) spread over the rank interval [below, atOrBelow] of the reference.
   * Ranks are scaled by B so bin j covers [j·m, (j+1)·m]; with integral counts every product is exact.
   */
  addRanks(target: Float64Array, below: number, atOrBelow: number, weight = 1): void {
    const B = this.bins;
    const m = this.m;
    if (atOrBelow <= below) {
      const j = Math.floor((below * B) / m);
      target[j < B ? j : B - 1]! += weight;
      return;
    }
    const lo = below * B;
    const hi = atOrBelow * B;
    const width = hi - lo;
    const first = Math.floor(lo / m);
    const last = Math.min(Math.ceil(hi / m), B) - 1;
    for (let j = first; j <= last; j++) {
      const overlap = Math.min(hi, (j + 1) * m) - Math.max(lo, j * m);
      if (overlap > 0) target[j]! += (weight * overlap) / width;
    }
  }

  /** Bin counts of a batch of values (non-finite values are skipped). */
  counts(values: Iterable<number>): Float64Array {
    const out = new Float64Array(this.bins);
    for (const x of values) this.add(out, x);
    return out;
  }

  /** Bin counts of a whole sample, with each distinct value's count as its weight. */
  countsOf(sample: EmpiricalDistribution): Float64Array {
    const out = new Float64Array(this.bins);
    for (let k = 0; k < sample.values.length; k++) this.add(out, sample.values[k]!, sample.counts[k]!);
    return out;
  }

  /** The reference's own shares: exactly 1/B each. */
  referenceShares(): Float64Array {
    return new Float64Array(this.bins).fill(1 / this.bins);
  }

  /**
   * Upper edge of each bin on the value axis (the reference quantile at (j+1)/B), for display and for
   * consumers that need value-space boundaries. The last edge is the reference maximum.
   */
  upperEdges(): Float64Array {
    const ref = this.reference;
    const out = new Float64Array(this.bins);
    for (let j = 0; j < this.bins; j++) {
      const rank = ((j + 1) * this.m) / this.bins;
      let lo = 0;
      let hi = ref.values.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ref.cumulative[mid + 1]! < rank) lo = mid + 1;
        else hi = mid;
      }
      out[j] = ref.values[lo]!;
    }
    return out;
  }
}
