import { BaseDetector } from './base.js';
import { resolveParameters, type AdwinParameters } from './params.js';

/**
 * One row of ADWIN's exponential histogram: up to max_buckets + 1 buckets, each summarising 2^row
 * consecutive values by their (shifted) total and their sum of squared deviations. Slot 0 is the oldest.
 */
class BucketRow {
  readonly totals: Float64Array;
  readonly variances: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.totals = new Float64Array(capacity);
    this.variances = new Float64Array(capacity);
  }

  push(total: number, variance: number): void {
    this.totals[this.size] = total;
    this.variances[this.size] = variance;
    this.size++;
  }

  dropOldest(count: number): void {
    this.totals.copyWithin(0, count, this.size);
    this.variances.copyWithin(0, count, this.size);
    this.size -= count;
  }
}

/**
 * ADWIN2 (Bifet & Gavaldà 2007) with River's defaults and the MOA cut loop: every bucket boundary of the
 * window is a candidate cut, the newest bucket excepted (cutting there would leave W1 empty).
 *
 * Values are stored relative to the first value after a (re)start. The cut test only involves differences
 * of means and the variance, which a shift leaves unchanged, and the shift makes a constant stream exactly
 * zero, so no rounding of large constants can masquerade as a change. Memory is O(max_buckets · log n).
 */
export class Adwin extends BaseDetector {
  readonly kind = 'adwin' as const;
  readonly parameters: Readonly<AdwinParameters>;

  private rows!: BucketRow[];
  private shift!: number;
  private widthValue!: number;
  /** Sum of the shifted values in the window. */
  private shiftedTotal!: number;
  /** Sum of squared deviations from the window mean (River's `variance`). */
  private m2!: number;
  private tick!: number;

  constructor(params: Partial<AdwinParameters> = {}) {
    super();
    this.parameters = Object.freeze(resolveParameters('adwin', params));
    this.restart();
  }

  /** Number of values in the current window. */
  get width(): number {
    return this.widthValue;
  }

  /** Sum of the values in the current window. */
  get total(): number {
    return this.widthValue === 0 ? 0 : this.shiftedTotal + this.shift * this.widthValue;
  }

  /** Mean of the current window (0 when empty, as River). */
  get estimation(): number {
    return this.widthValue === 0 ? 0 : this.shift + this.shiftedTotal / this.widthValue;
  }

  /**
   * Population variance of the current window, m2 / width — the quantity the cut bound uses. River's
   * `variance` property returns m2 itself (the sum of squared deviations).
   */
  get variance(): number {
    return this.widthValue === 0 ? 0 : Math.max(0, this.m2 / this.widthValue);
  }

  /** Buckets currently stored: O(max_buckets · log(width)). */
  get buckets(): number {
    let count = 0;
    for (const row of this.rows) count += row.size;
    return count;
  }

  protected restart(): void {
    this.rows = [new BucketRow(this.parameters.max_buckets + 1)];
    this.shift = 0;
    this.widthValue = 0;
    this.shiftedTotal = 0;
    this.m2 = 0;
    this.tick = 0;
  }

  protected step(x: number): boolean {
    if (this.widthValue === 0) this.shift = x;
    this.insert(x - this.shift);
    return this.detectChange();
  }

  protected statistics(): Record<string, number> {
    return {
      width: this.width,
      total: this.total,
      estimation: this.estimation,
      variance: this.variance,
      buckets: this.buckets,
    };
  }

  private insert(value: number): void {
    this.rows[0]!.push(value, 0);
    this.widthValue += 1;
    // Welford's update of m2 against the mean before this value, in River's operation order.
    if (this.widthValue > 1) {
      const d = value - this.shiftedTotal / (this.widthValue - 1);
      this.m2 += ((this.widthValue - 1) * d * d) / this.widthValue;
    }
    this.shiftedTotal += value;
    this.compress();
  }

  /** Merges the two oldest buckets of every overflowing row into one bucket of the next row. */
  private compress(): void {
    const limit = this.parameters.max_buckets;
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r]!;
      if (row.size !== limit + 1) return;
      const n = 2 ** r;
      const t0 = row.totals[0]!;
      const t1 = row.totals[1]!;
      const d = t0 / n - t1 / n;
      // Chan et al.'s pairwise combination: m2 = m2a + m2b + na·nb/(na+nb)·(mean_a − mean_b)², na = nb = n.
      const merged = row.variances[0]! + row.variances[1]! + n * 0.5 * d * d;
      if (r + 1 === this.rows.length) this.rows.push(new BucketRow(limit + 1));
      this.rows[r + 1]!.push(t0 + t1, merged);
      row.dropOldest(2);
    }
  }

  /** Drops the oldest bucket and removes its contribution from the window statistics. */
  private dropOldestBucket(): void {
    const last = this.rows.length - 1;
    const row = this.rows[last]!;
    const n = 2 ** last;
    const u = row.totals[0]!;
    const v = row.variances[0]!;
    this.widthValue -= n;
    this.shiftedTotal -= u;
    const d = u / n - this.shiftedTotal / this.widthValue;
    this.m2 -= v + (n * this.widthValue * d * d) / (n + this.widthValue);
    row.dropOldest(1);
    if (row.size === 0 && last > 0) this.rows.pop();
  }

  private detectChange(): boolean {
    const { clock, grace_period: gracePeriod, min_window_length: minLength } = this.parameters;
    this.tick++;
    if (this.tick % clock !== 0 || !(this.widthValue > gracePeriod)) return false;
    let changed = false;
    // After each cut the shrunken window is scanned again, until no boundary separates different means.
    for (let reduced = true; reduced;) {
      reduced = false;
      let n0 = 0;
      let n1 = this.widthValue;
      let u0 = 0;
      let u1 = this.shiftedTotal;
      scan: for (let r = this.rows.length - 1; r >= 0; r--) {
        const row = this.rows[r]!;
        const size = 2 ** r;
        for (let k = 0; k < row.size; k++) {
          const t = row.totals[k]!;
          n0 += size;
          n1 -= size;
          u0 += t;
          u1 -= t;
          if (r === 0 && k === row.size - 1) break scan;
          if (n1 >= minLength && n0 >= minLength && this.cutSeparates(n0, n1, u0 / n0 - u1 / n1)) {
            changed = true;
            reduced = true;
            this.dropOldestBucket();
            break scan;
          }
        }
      }
    }
    return changed;
  }

  /**
   * The ADWIN2 bound with the variance-based (Bernstein) epsilon and River's min-window correction:
   * |µ0 − µ1| > sqrt(2·(1/m0 + 1/m1)·σ²·δ') + (2/3)·δ'·(1/m0 + 1/m1), with mi = ni − min_window_length + 1,
   * δ' = ln(2·ln(width)/δ) and σ² the population variance of the whole window.
   */
  private cutSeparates(n0: number, n1: number, deltaMean: number): boolean {
    const { delta, min_window_length: minLength } = this.parameters;
    const deltaPrime = Math.log((2 * Math.log(this.widthValue)) / delta);
    const mRecip = 1 / (n0 - minLength + 1) + 1 / (n1 - minLength + 1);
    const epsilon = Math.sqrt(2 * mRecip * (this.m2 / this.widthValue) * deltaPrime) + (2 / 3) * deltaPrime * mRecip;
    return Math.abs(deltaMean) > epsilon;
  }
}
