import type { ReferenceBinning } from './binning.js';

/**
 * The same fractional binning as ReferenceBinning, reduced to what decides a bin: only reference values
 * whose CDF step [a, b] touches a bin boundary (at most about 2B of them) are kept. Between two such
 * values every value — tied with a reference value or not — falls in one bin, so a lookup is a binary
 * search over a few dozen numbers whatever the size of the reference, and memory is O(B) per feature.
 * Results are identical to ReferenceBinning.add with unit weight.
 */
export class CompiledBinning {
  readonly bins: number;
  /** Critical reference values, ascending (read-only: callers may pack them for their own hot loops). */
  readonly values: Float64Array;
  /** Bin of values strictly between critical value i-1 and i (index 0: below the first). Length values + 1. */
  readonly between: Int32Array;
  /** For critical value i, its mass per bin is spreadWeights[spreadStart[i] .. spreadStart[i+1]) from bin spreadFirst[i]. */
  private readonly spreadFirst: Int32Array;
  private readonly spreadStart: Int32Array;
  private readonly spreadWeights: Float64Array;

  constructor(binning: ReferenceBinning) {
    const ref = binning.reference;
    const B = binning.bins;
    const m = ref.size;
    const cap = (j: number): number => (j < B ? j : B - 1);
    const values: number[] = [];
    const between: number[] = [0];
    const spreadFirst: number[] = [];
    const spreadStart: number[] = [0];
    const weights: number[] = [];
    for (let k = 0; k < ref.values.length; k++) {
      const below = ref.cumulative[k]!;
      const atOrBelow = ref.cumulative[k + 1]!;
      const lo = below * B;
      const hi = atOrBelow * B;
      const binBelow = cap(Math.floor(lo / m));
      const binAbove = cap(Math.floor(hi / m));
      const first = Math.floor(lo / m);
      const last = Math.min(Math.ceil(hi / m), B) - 1;
      // A value is critical when the bin changes across it or its own mass is split between bins.
      if (binBelow === binAbove && first === last) continue;
      values.push(ref.values[k]!);
      between.push(binAbove);
      spreadFirst.push(first);
      const width = hi - lo;
      for (let j = first; j <= last; j++) {
        const overlap = Math.min(hi, (j + 1) * m) - Math.max(lo, j * m);
        weights.push(overlap > 0 ? overlap / width : 0);
      }
      spreadStart.push(weights.length);
    }
    this.bins = B;
    this.values = Float64Array.from(values);
    this.between = Int32Array.from(between);
    this.spreadFirst = Int32Array.from(spreadFirst);
    this.spreadStart = Int32Array.from(spreadStart);
    this.spreadWeights = Float64Array.from(weights);
  }

  /** Number of critical values kept. */
  get size(): number {
    return this.values.length;
  }

  /** Adds the unit mass of x to target[offset .. offset+B). Non-finite x is ignored. */
  add(target: Float64Array, x: number, offset = 0): void {
    if (!(x - x === 0)) return; // NaN and ±Infinity
    const v = this.values;
    // lo = how many critical values are below x, by a branchless binary search: its comparison compiles to a
    // conditional move, so it pays no misprediction per step (cheaper than a linear count even on 9 values).
    let base = 0;
    let n = v.length;
    while (n > 1) {
      const half = n >>> 1;
      base = v[base + half]! < x ? base + half : base;
      n -= half;
    }
    const lo = base + (n === 1 && v[base]! < x ? 1 : 0);
    if (lo < v.length && v[lo] === x) {
      const first = offset + this.spreadFirst[lo]!;
      const end = this.spreadStart[lo + 1]!;
      for (let w = this.spreadStart[lo]!, j = first; w < end; w++, j++) target[j]! += this.spreadWeights[w]!;
      return;
    }
    target[offset + this.between[lo]!]! += 1;
  }
}
