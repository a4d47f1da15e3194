/**
 * A deterministic, mergeable quantile summary of a stream of numbers, with a rank error it certifies itself.
 *
 * A hierarchy of compactors (Manku, Rajagopalan & Lindsay 1998; the compactor of Karnin, Lang & Liberty 2016
 * without its randomness): level h holds up to k values of weight 2^h. A full level is sorted and every other
 * value (alternately the even and the odd positions) moves up with double weight, so the total weight is always
 * the number of values added.
 *
 * Why the error is bounded: take any x and let r be the number of the k sorted values that are <= x. The kept
 * half holds ceil(r/2) or floor(r/2) of them, so one compaction at level h changes the weighted count of values
 * <= x by 0 or ±2^h, and by 0 whenever r is even. The changes of all compactions add up, so for every x
 *
 *   |R̂(x) − R(x)| <= rankErrorBound = Σ over compactions of 2^h
 *
 * where R counts the values added and R̂ the weights kept. A compaction at level h consumes k values of weight
 * 2^h, so there are at most n/(k 2^h) of them and the levels that compact contribute at most n/k each: with
 * H = floor(log2(n/k)) + 1 compacting levels, rankErrorBound <= H·n/k (ε = H/k) and the summary holds at most
 * k(H + 1) values. Merging adds the other summary's values level by level, so the same counting holds for the
 * merged stream and the bounds add.
 *
 * One compaction's error is non-zero only for x in [b(2j), b(2j+1)) of its sorted pairs, so it also certifies
 * ∫ |R̂(x) − R(x)| dx <= integralErrorBound = Σ 2^h Σ_j (b(2j+1) − b(2j)), the bound on the Wasserstein error.
 */
import { EmpiricalDistribution } from './empirical-distribution.js';

/** Values per level: ε <= 8/32768 ≈ 2.4e-4 at 5 million values and 11/32768 ≈ 3.4e-4 at 50 million. */
export const DEFAULT_SUMMARY_CAPACITY = 32768;

export class QuantileSummary {
  /** Values a level holds before it compacts (even). */
  readonly capacity: number;
  /** Values added. */
  count = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  /** Certified sup over x of |R̂(x) − R(x)|, in values (divide by count for a share). */
  rankErrorBound = 0;
  /** Certified ∫ |R̂(x) − R(x)| dx, in values × the data's units. */
  integralErrorBound = 0;
  private readonly levels: Float64Array[] = [];
  private readonly sizes: number[] = [];
  // Alternating the kept half per level keeps the errors of successive compactions from all pointing one way.
  private readonly offsets: number[] = [];
  // How many sorted halves (k/2 values each, from a compaction below) fill a level; UNSORTED once anything else
  // arrived. A level of two sorted halves is merged in linear time instead of sorted.
  private readonly halves: number[] = [];
  private readonly scratch: Float64Array;

  constructor(capacity: number = DEFAULT_SUMMARY_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 2 || capacity % 2 !== 0) {
      throw new RangeError(`capacity must be an even integer >= 2, got ${capacity}`);
    }
    this.capacity = capacity;
    this.scratch = new Float64Array(capacity / 2);
    this.level(0);
  }

  /** Adds one finite value (non-finite values are missing data: the caller leaves them out). */
  add(x: number): void {
    if (!Number.isFinite(x)) throw new RangeError(`a quantile summary takes finite numbers, got ${x}`);
    this.count++;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    const size = this.sizes[0]!;
    this.levels[0]![size] = x;
    this.sizes[0] = size + 1;
    if (size + 1 === this.capacity) this.compact(0);
  }

  /** Adds every value of a batch (all finite): the same summary as adding them one by one, with less overhead. */
  addAll(values: ArrayLike<number>): void {
    const bottom = this.levels[0]!;
    let i = 0;
    while (i < values.length) {
      const size = this.sizes[0]!;
      const end = Math.min(values.length, i + this.capacity - size);
      let min = this.min;
      let max = this.max;
      for (let j = i, at = size; j < end; j++, at++) {
        const x = values[j]!;
        if (!Number.isFinite(x)) throw new RangeError(`a quantile summary takes finite numbers, got ${x}`);
        if (x < min) min = x;
        if (x > max) max = x;
        bottom[at] = x;
      }
      this.min = min;
      this.max = max;
      this.count += end - i;
      this.sizes[0] = size + end - i;
      i = end;
      if (this.sizes[0] === this.capacity) this.compact(0);
    }
  }

  /** Folds another summary of the same capacity into this one; the other is left unchanged. */
  merge(other: QuantileSummary): void {
    if (other.capacity !== this.capacity) {
      throw new RangeError(`cannot merge summaries of capacity ${other.capacity} and ${this.capacity}`);
    }
    this.count += other.count;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    this.rankErrorBound += other.rankErrorBound;
    this.integralErrorBound += other.integralErrorBound;
    for (let h = 0; h < other.levels.length; h++) {
      const values = other.levels[h]!;
      const size = other.sizes[h]!;
      for (let i = 0; i < size; i++) this.push(h, values[i]!);
    }
  }

  /** Values held (the memory is 8 bytes each, plus one k-value buffer per level). */
  get retained(): number {
    let s = 0;
    for (const size of this.sizes) s += size;
    return s;
  }

  /** Bytes of the level buffers. */
  get bytes(): number {
    return this.levels.length * this.capacity * 8;
  }

  /** Certified bound on sup |F̂ − F| of the CDFs (a share in [0, 1]); 0 while nothing was compacted. */
  get rankError(): number {
    return this.count === 0 ? 0 : this.rankErrorBound / this.count;
  }

  /** The kept values with their weights as a distribution of total size `count`. */
  toDistribution(): EmpiricalDistribution {
    // Each level sorted on its own, then a merge of the few levels by their heads.
    const sorted = this.levels.map((level, h) => level.slice(0, this.sizes[h]!).sort());
    const heads = new Array<number>(sorted.length).fill(0);
    const knots: number[] = [];
    const counts: number[] = [];
    for (;;) {
      let best = -1;
      for (let h = 0; h < sorted.length; h++) {
        if (heads[h]! < sorted[h]!.length && (best < 0 || sorted[h]![heads[h]!]! < sorted[best]![heads[best]!]!))
          best = h;
      }
      if (best < 0) break;
      const v = sorted[best]![heads[best]!++]!;
      const w = 2 ** best;
      if (knots.length > 0 && knots[knots.length - 1] === v) counts[counts.length - 1]! += w;
      else {
        knots.push(v);
        counts.push(w);
      }
    }
    return EmpiricalDistribution.fromKnots(knots, counts);
  }

  /** A priori bound on rankError for n values at capacity k: H/k with H = floor(log2(n/k)) + 1 (0 when n < k). */
  static rankErrorFor(n: number, capacity: number = DEFAULT_SUMMARY_CAPACITY): number {
    if (n < capacity) return 0;
    return (Math.floor(Math.log2(n / capacity)) + 1) / capacity;
  }

  /** A priori bound on the values held: k(H + 1). */
  static retainedFor(n: number, capacity: number = DEFAULT_SUMMARY_CAPACITY): number {
    if (n < capacity) return n;
    return capacity * (Math.floor(Math.log2(n / capacity)) + 2);
  }

  private level(h: number): Float64Array {
    while (h >= this.levels.length) {
      this.levels.push(new Float64Array(this.capacity));
      this.sizes.push(0);
      this.offsets.push(0);
      this.halves.push(UNSORTED);
    }
    return this.levels[h]!;
  }

  private push(h: number, x: number): void {
    const level = this.level(h);
    level[this.sizes[h]!++] = x;
    this.halves[h] = UNSORTED;
    if (this.sizes[h] === this.capacity) this.compact(h);
  }

  private compact(h: number): void {
    const k = this.capacity;
    const half = k / 2;
    const level = this.levels[h]!;
    if (this.halves[h] === 2) mergeHalves(level, this.scratch);
    else level.sort();
    const weight = 2 ** h;
    let pairGaps = 0;
    for (let i = 0; i < k; i += 2) pairGaps += level[i + 1]! - level[i]!;
    this.rankErrorBound += weight;
    this.integralErrorBound += weight * pairGaps;
    const offset = this.offsets[h]!;
    this.offsets[h] = 1 - offset;
    this.sizes[h] = 0;
    this.halves[h] = 0;
    const up = this.level(h + 1);
    const size = this.sizes[h + 1]!;
    if (size + half > k) {
      // Only after a merge can the level above be more than half full; then values go up one at a time.
      for (let i = offset; i < k; i += 2) this.push(h + 1, level[i]!);
      return;
    }
    for (let i = offset, at = size; i < k; i += 2, at++) up[at] = level[i]!;
    const halves = this.halves[h + 1]!;
    this.halves[h + 1] = size === 0 ? 1 : halves === 1 && size === half ? 2 : UNSORTED;
    this.sizes[h + 1] = size + half;
    if (size + half === k) this.compact(h + 1);
  }
}

const UNSORTED = -1;

/** Sorts a buffer made of two sorted halves by merging them, with the first half copied to scratch. */
function mergeHalves(level: Float64Array, scratch: Float64Array): void {
  const half = scratch.length;
  scratch.set(level.subarray(0, half));
  let i = 0;
  let j = half;
  let at = 0;
  while (i < half && j < level.length) level[at++] = scratch[i]! <= level[j]! ? scratch[i++]! : level[j++]!;
  while (i < half) level[at++] = scratch[i++]!;
}
