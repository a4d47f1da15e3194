import { sortedCopy } from './sort-numbers.js';

/**
 * A sorted, weighted sample: distinct values in ascending order with a positive count each.
 *
 * Every numeric statistic (fractional binning, KS, Wasserstein) is written against this one shape, so
 * raw data (exact: one knot per distinct value) and a compressed reference profile (bounded knots)
 * are interchangeable.
 */
export class EmpiricalDistribution {
  /** Distinct values, strictly ascending. */
  readonly values: Float64Array;
  /** Count of each value (positive; integral for raw data). */
  readonly counts: Float64Array;
  /** cumulative[i] = counts[0] + … + counts[i-1]; length values.length + 1. */
  readonly cumulative: Float64Array;

  private constructor(values: Float64Array, counts: Float64Array) {
    this.values = values;
    this.counts = counts;
    const cumulative = new Float64Array(values.length + 1);
    for (let i = 0; i < values.length; i++) cumulative[i + 1] = cumulative[i]! + counts[i]!;
    this.cumulative = cumulative;
  }

  /** Builds from raw values; non-finite values must be filtered by the caller (they are missing data). */
  static fromValues(values: ArrayLike<number>): EmpiricalDistribution {
    return EmpiricalDistribution.fromSorted(sortedCopy(values));
  }

  /** Builds from values already sorted ascending (duplicates allowed). */
  static fromSorted(sorted: ArrayLike<number>): EmpiricalDistribution {
    const n = sorted.length;
    const values = new Float64Array(n);
    const counts = new Float64Array(n);
    let k = -1;
    for (let i = 0; i < n; i++) {
      const v = sorted[i]!;
      if (!Number.isFinite(v)) throw new RangeError(`value at position ${i} is not a finite number: ${v}`);
      if (k >= 0 && values[k] === v) {
        counts[k]!++;
      } else {
        if (k >= 0 && v < values[k]!) throw new RangeError('values are not sorted ascending');
        k++;
        values[k] = v;
        counts[k] = 1;
      }
    }
    return new EmpiricalDistribution(values.slice(0, k + 1), counts.slice(0, k + 1));
  }

  /** Builds from (value, count) knots, e.g. a loaded profile. Values must be strictly ascending, counts positive. */
  static fromKnots(values: ArrayLike<number>, counts: ArrayLike<number>): EmpiricalDistribution {
    if (values.length !== counts.length) throw new RangeError('knot values and counts differ in length');
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      const c = counts[i]!;
      if (!Number.isFinite(v)) throw new RangeError(`knot ${i} has a non-finite value`);
      if (!(c > 0) || !Number.isFinite(c)) throw new RangeError(`knot ${i} has a count that is not positive`);
      if (i > 0 && !(v > values[i - 1]!)) throw new RangeError(`knot ${i} is not above knot ${i - 1}`);
    }
    return new EmpiricalDistribution(Float64Array.from(values), Float64Array.from(counts));
  }

  /** Total count m. */
  get size(): number {
    return this.cumulative[this.values.length]!;
  }

  get distinct(): number {
    return this.values.length;
  }

  get min(): number {
    return this.values.length ? this.values[0]! : Number.NaN;
  }

  get max(): number {
    return this.values.length ? this.values[this.values.length - 1]! : Number.NaN;
  }

  get mean(): number {
    let s = 0;
    for (let i = 0; i < this.values.length; i++) s += this.values[i]! * this.counts[i]!;
    return s / this.size;
  }

  /** Population standard deviation (divides by m), two-pass for accuracy. */
  get std(): number {
    const mu = this.mean;
    let s = 0;
    for (let i = 0; i < this.values.length; i++) {
      const d = this.values[i]! - mu;
      s += d * d * this.counts[i]!;
    }
    return Math.sqrt(s / this.size);
  }

  /** Index of the first knot whose value is >= x (values.length when none). */
  lowerBound(x: number): number {
    const v = this.values;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** #{r < x}. */
  countBelow(x: number): number {
    return this.cumulative[this.lowerBound(x)]!;
  }

  /** #{r <= x}. */
  countAtOrBelow(x: number): number {
    const i = this.lowerBound(x);
    return i < this.values.length && this.values[i] === x ? this.cumulative[i + 1]! : this.cumulative[i]!;
  }

  /**
   * Bounds the number of knots: consecutive values are merged into groups holding at most ceil(m / maxKnots)
   * counts (a single value heavier than that stays alone), each group represented by its weighted mean.
   * The merged CDF differs from the original by less than one group's share, so by at most 1 / maxKnots
   * plus nothing for heavy single values; the mean is kept exactly.
   */
  compress(maxKnots: number): EmpiricalDistribution {
    if (!Number.isInteger(maxKnots) || maxKnots < 2) throw new RangeError('maxKnots must be an integer >= 2');
    if (this.values.length <= maxKnots) return this;
    const capacity = Math.ceil(this.size / maxKnots);
    const outValues: number[] = [];
    const outCounts: number[] = [];
    let groupCount = 0;
    let groupSum = 0;
    const flush = (): void => {
      if (groupCount > 0) {
        let mean = groupSum / groupCount;
        const prev = outValues.length ? outValues[outValues.length - 1]! : -Infinity;
        // Rounding can put a mean on or below its predecessor only for groups of nearly equal values.
        if (!(mean > prev)) mean = prev + Math.abs(prev) * Number.EPSILON + Number.MIN_VALUE;
        outValues.push(mean);
        outCounts.push(groupCount);
      }
      groupCount = 0;
      groupSum = 0;
    };
    for (let i = 0; i < this.values.length; i++) {
      const c = this.counts[i]!;
      if (groupCount > 0 && groupCount + c > capacity) flush();
      groupCount += c;
      groupSum += this.values[i]! * c;
    }
    flush();
    return new EmpiricalDistribution(Float64Array.from(outValues), Float64Array.from(outCounts));
  }
}
