/**
 * The noise floor of PSI and the Jensen–Shannon distance: the level a window of n values drawn from the
 * reference distribution itself exceeds with probability α (docs/statistics.md, "Noise floor"). Under no drift,
 * with K bins of reference shares r and a reference of m values, PSI / v and 8·JSD / v tend to χ²(K − 1), with
 * v = 1/n + 1/m (JSD the divergence, natural log). Both statistics have heavier tails than Pearson's at small
 * windows (their third- and fourth-order terms in the share differences), so the floor carries a Williams-type
 * correction, its size set by the smallest shares:
 *
 *   PSI floor = q · v · (1 + c · v),   JS distance floor = sqrt(PSI floor / 8),
 *   q = χ²(K − 1) upper α quantile,    c = (Σ 1/r − 1) / (K − 1)  (= K + 1 for equal shares),
 *
 * and 1/m = 0 when the reference shares are taken as exact.
 */
import { chiSquareUpperQuantile } from './chi-square.js';
import { jensenShannon, psi } from './divergence.js';
import { normalQuantile } from '../fairness/normal-quantile.js';

/** The statistics a noise floor exists for; `jensenShannon` is the distance (square root of the divergence). */
export type NoiseFloorStatistic = 'psi' | 'jensenShannon';

export interface NoiseFloorInput {
  /** Reference bins (or categories) with a positive share; df = bins − 1. At least 2. */
  bins: number;
  /** Values in the current window, n >= 1. */
  samples: number;
  /** Values in the reference, m >= 1; null or omitted = the reference shares are exact (1/m = 0). */
  referenceSize?: number | null;
  /** False-alarm probability per feature-window, 0 < α < 1. */
  alpha: number;
  /** The reference shares (zeros ignored; at least `bins` positive); omitted = equal shares 1/bins. */
  shares?: ArrayLike<number> | null;
}

export interface NoiseFloor {
  /** Degrees of freedom, bins − 1. */
  df: number;
  /** χ²(df) upper α quantile. */
  quantile: number;
  /** 1/n + 1/m. */
  variance: number;
  /** c = (Σ 1/r − 1)/(K − 1) of the small-window correction 1 + c·v. */
  correction: number;
  /** First-order floors q·v and sqrt(q·v/8), without the small-window correction. */
  asymptotic: { psi: number; jensenShannon: number };
  psi: number;
  jensenShannon: number;
}

function checkInput(input: NoiseFloorInput): void {
  const { bins, samples, referenceSize, alpha } = input;
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError(`bins must be a whole number >= 2, got ${bins}`);
  if (!(samples >= 1) || !Number.isFinite(samples)) throw new RangeError(`samples must be >= 1, got ${samples}`);
  if (referenceSize != null && (!(referenceSize >= 1) || !Number.isFinite(referenceSize))) {
    throw new RangeError(`referenceSize must be >= 1 or null (exact reference), got ${referenceSize}`);
  }
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie strictly between 0 and 1, got ${alpha}`);
}

/** 1/n + 1/m, with 1/m = 0 for an exact reference: the variance scale of both statistics under no drift. */
export function noiseVariance(samples: number, referenceSize?: number | null): number {
  return 1 / samples + (referenceSize == null ? 0 : 1 / referenceSize);
}

/**
 * c = (Σ 1/r − 1)/(K − 1) over the K positive reference shares: the coefficient of the small-window correction.
 * Equal shares give K + 1.
 */
export function noiseCorrection(bins: number, shares?: ArrayLike<number> | null): number {
  if (shares == null) return bins + 1;
  let reciprocals = 0;
  let positive = 0;
  for (let i = 0; i < shares.length; i++) {
    const r = shares[i]!;
    if (r > 0) {
      reciprocals += 1 / r;
      positive++;
    }
  }
  return positive < 2 ? 0 : (reciprocals - 1) / (positive - 1);
}

/** PSI floor from a χ² quantile, a variance scale and the correction coefficient (the form the rules compute). */
export function psiFloorOf(quantile: number, variance: number, correction = 0): number {
  return quantile * variance * (1 + correction * variance);
}

/** Jensen–Shannon distance floor: JSD ≈ PSI / 8 to second order. */
export function jensenShannonFloorOf(quantile: number, variance: number, correction = 0): number {
  return Math.sqrt(psiFloorOf(quantile, variance, correction) / 8);
}

/** The noise floors of PSI and of the Jensen–Shannon distance at false-alarm level α. */
export function driftNoiseFloor(input: NoiseFloorInput): NoiseFloor {
  checkInput(input);
  const df = input.bins - 1;
  const quantile = chiSquareUpperQuantile(input.alpha, df);
  const variance = noiseVariance(input.samples, input.referenceSize);
  const correction = noiseCorrection(input.bins, input.shares);
  return {
    df,
    quantile,
    variance,
    correction,
    asymptotic: { psi: psiFloorOf(quantile, variance), jensenShannon: jensenShannonFloorOf(quantile, variance) },
    psi: psiFloorOf(quantile, variance, correction),
    jensenShannon: jensenShannonFloorOf(quantile, variance, correction),
  };
}

export interface SimulatedNoiseFloorInput extends NoiseFloorInput {
  statistic: NoiseFloorStatistic;
  /** Simulated windows, >= 1. */
  simulations: number;
  /** Source of uniforms in [0, 1): seededRandom(seed) for reproducible figures. */
  random: () => number;
}

/** Counts of n draws from equal shares over `bins` bins. */
function equalShareCounts(n: number, bins: number, random: () => number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let i = 0; i < n; i++) out[Math.floor(random() * bins)]! += 1;
  return out;
}

/**
 * The empirical 1 − α quantile of the statistic over `simulations` windows of n values drawn from B equal
 * shares, each compared with the exact shares 1/B, or with a reference of m values drawn the same way when
 * referenceSize is given. What the asymptotic floor approximates; it costs simulations · (n + m) draws.
 * The quantile is the order statistic at ceil((1 − α)·N) (the smallest value at least 1 − α of the draws reach).
 */
export function simulatedNoiseFloor(input: SimulatedNoiseFloorInput): number {
  checkInput(input);
  const { bins, samples, referenceSize, alpha, statistic, simulations, random } = input;
  if (!Number.isInteger(simulations) || simulations < 1) {
    throw new RangeError(`simulations must be a whole number >= 1, got ${simulations}`);
  }
  if (!Number.isInteger(samples)) throw new RangeError(`samples must be a whole number to simulate, got ${samples}`);
  if (referenceSize != null && !Number.isInteger(referenceSize)) {
    throw new RangeError(`referenceSize must be a whole number to simulate, got ${referenceSize}`);
  }
  const measure = statistic === 'psi' ? psi : jensenShannon;
  const exact = new Float64Array(bins).fill(1 / bins);
  const current = new Float64Array(bins);
  const reference = new Float64Array(bins);
  const values = new Float64Array(simulations);
  for (let s = 0; s < simulations; s++) {
    // The reference is drawn first in each window so a given seed gives the same figures whatever n is.
    const p = referenceSize == null ? exact : share(equalShareCounts(referenceSize, bins, random, reference));
    const q = share(equalShareCounts(samples, bins, random, current));
    values[s] = measure(p, q);
  }
  values.sort();
  const rank = Math.min(simulations, Math.max(1, Math.ceil((1 - alpha) * simulations)));
  return values[rank - 1]!;
}

function share(counts: Float64Array): Float64Array {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  for (let i = 0; i < counts.length; i++) counts[i] = counts[i]! / total;
  return counts;
}

/** z = Φ⁻¹(1 − α), computed from α itself so small α keep their precision. */
export function normalUpperQuantile(alpha: number): number {
  return -normalQuantile(alpha);
}

/**
 * Wilson–Hilferty's χ²(df) upper α quantile, df·(1 − c + z·sqrt(c))³ with c = 2/(9·df) and z = Φ⁻¹(1 − α): the
 * closed form the generated rules evaluate in PromQL for a df past their exact table. Relative error at
 * α = 0.01: 7.4e-3 at df = 1, 1.2e-3 past df 10, 2.3e-4 past df 50 (docs/statistics.md has the table).
 */
export function wilsonHilfertyUpperQuantile(alpha: number, df: number): number {
  const c = 2 / (9 * df);
  return df * Math.pow(1 - c + normalUpperQuantile(alpha) * Math.sqrt(c), 3);
}
