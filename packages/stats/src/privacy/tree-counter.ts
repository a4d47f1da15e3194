/**
 * Continual release of a counter under ε-differential privacy with the binary-tree mechanism (Dwork, Naor, Pitassi
 * & Rothblum 2010; Chan, Shi & Song 2011). Step t adds the increment x_t ≥ 0 of one interval; the release at t is
 * the sum of the noisy partial sums of the dyadic blocks that tile [1, t], one per set bit of t. Every step lies in
 * at most one block per level, so with L = ⌊log₂ T⌋ + 1 levels and Laplace noise of scale L/ε per block, changing
 * one step's increment by 1 changes at most L noisy values by 1 each: ε-DP for the whole stream of T releases.
 */

/** Levels of the tree for a horizon of T steps: ⌊log₂ T⌋ + 1 (T = 1 needs one level). */
export function treeLevels(horizon: number): number {
  return Math.floor(Math.log2(horizon)) + 1;
}

/**
 * The dyadic blocks [start, end] that tile [1, t], largest first: one per set bit of t. The release at t sums the
 * noisy values of exactly these blocks.
 */
export function dyadicCover(t: number): Array<[start: number, end: number]> {
  const blocks: Array<[number, number]> = [];
  let start = 1;
  for (let level = Math.floor(Math.log2(t)); level >= 0; level--) {
    const size = 2 ** level;
    if (Math.floor(t / size) % 2 === 1) {
      blocks.push([start, start + size - 1]);
      start += size;
    }
  }
  return blocks;
}

/** Number of set bits of t: the blocks whose noise the release at t carries. */
export function popcount(t: number): number {
  let n = 0;
  let x = t;
  while (x > 0) {
    n += x % 2;
    x = Math.floor(x / 2);
  }
  return n;
}

/** A Laplace(0, b) draw by inversion of a uniform in [0, 1); u = 0 maps to the centre, never to −∞. */
export function laplace(uniform: () => number, scale: number): number {
  const u = uniform() - 0.5;
  if (u === -0.5 || u === 0) return 0;
  return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}

export interface TreeCounterOptions {
  /** Privacy budget of the whole release stream of this counter; > 0. */
  epsilon: number;
  /** Steps the budget covers (T ≥ 1); after it the release holds its last value. */
  horizon: number;
  /** Uniforms in [0, 1) for the noise (seededRandom for reproducible runs, a cryptographic source in production). */
  random: () => number;
}

/**
 * One counter under the binary-tree mechanism, with a monotone, non-negative, integer release: the running maximum
 * of the rounded noisy sums, floored at 0. That post-processing only reads released values, so it costs no privacy,
 * and makes the release a valid cumulative counter. Memory: two arrays of L numbers, whatever the horizon.
 */
export class TreeCounter {
  readonly levels: number;
  /** Laplace scale of each block's noise: L / ε. */
  readonly scale: number;
  readonly horizon: number;
  private readonly random: () => number;
  /** Exact partial sum of the open block at each level. */
  private readonly exact: Float64Array;
  /** Noisy partial sum of the last closed block at each level. */
  private readonly noisy: Float64Array;
  private t = 0;
  private last = 0;
  private raw = 0;

  constructor(options: TreeCounterOptions) {
    const { epsilon, horizon } = options;
    if (!(typeof epsilon === 'number' && epsilon > 0 && Number.isFinite(epsilon)))
      throw new RangeError(`epsilon: must be a finite number above 0 (got ${String(epsilon)}); e.g. 1`);
    if (!(Number.isInteger(horizon) && horizon >= 1 && horizon <= 2 ** 40))
      throw new RangeError(`horizon: must be an integer from 1 to 2^40 steps (got ${String(horizon)})`);
    this.horizon = horizon;
    this.levels = treeLevels(horizon);
    this.scale = this.levels / epsilon;
    this.random = options.random;
    this.exact = new Float64Array(this.levels);
    this.noisy = new Float64Array(this.levels);
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.t;
  }

  /** True once the horizon is spent: further steps release the last value again and add no noise. */
  get exhausted(): boolean {
    return this.t >= this.horizon;
  }

  /** The noisy sum before post-processing at the last step (0 before the first). */
  get noisySum(): number {
    return this.raw;
  }

  /** The released value at the last step (0 before the first). */
  get value(): number {
    return this.last;
  }

  /**
   * Takes one step with this interval's increment and returns the release. A step past the horizon, or an increment
   * that is not a finite number ≥ 0, releases the last value again.
   */
  step(increment: number): number {
    if (this.t >= this.horizon) return this.last;
    const x = increment >= 0 && increment <= Number.MAX_SAFE_INTEGER ? increment : 0;
    const t = ++this.t;
    // The lowest set bit of t is the level whose block closes now; it absorbs the open blocks below it.
    let i = 0;
    while (Math.floor(t / 2 ** i) % 2 === 0) i++;
    let sum = x;
    for (let j = 0; j < i; j++) {
      sum += this.exact[j]!;
      this.exact[j] = 0;
      this.noisy[j] = 0;
    }
    this.exact[i] = sum;
    this.noisy[i] = sum + laplace(this.random, this.scale);
    let release = 0;
    for (let j = 0; j < this.levels; j++) if (Math.floor(t / 2 ** j) % 2 === 1) release += this.noisy[j]!;
    this.raw = release;
    this.last = Math.max(this.last, Math.round(release), 0);
    return this.last;
  }
}

/**
 * Standard deviation of the noisy sum at step t (before post-processing): popcount(t) independent Laplace(L/ε)
 * draws, each of variance 2(L/ε)².
 */
export function treeCounterStdDev(t: number, epsilon: number, horizon: number): number {
  const scale = treeLevels(horizon) / epsilon;
  return Math.sqrt(2 * popcount(t)) * scale;
}

/** The largest standard deviation over steps 1…T: at most L blocks, so √(2L)·L/ε. */
export function treeCounterMaxStdDev(epsilon: number, horizon: number): number {
  const levels = treeLevels(horizon);
  return (Math.sqrt(2 * levels) * levels) / epsilon;
}

/**
 * Standard deviation the tree noise adds to a rate a / (a + b) read from released counters (delta method): a is the
 * sum of `numerator` counters, b of `rest` counters, each with noise of standard deviation at most √(2L)·L/ε, √2 times
 * that for an increase over a window (the difference of two releases). For rate p over n:
 * σ_p = σ·√(numerator·(1 − p)² + rest·p²) / n. NaN when n is 0.
 */
export function privateRateStdDev(
  rate: number,
  size: number,
  epsilon: number,
  horizon: number,
  counters: { numerator: number; rest: number } = { numerator: 1, rest: 1 },
  window = true
): number {
  if (!(size > 0)) return Number.NaN;
  const sigma = treeCounterMaxStdDev(epsilon, horizon) * (window ? Math.SQRT2 : 1);
  const p = rate;
  return (sigma * Math.sqrt(counters.numerator * (1 - p) ** 2 + counters.rest * p * p)) / size;
}
