/**
 * The noise floor of PSI and the Jensen–Shannon distance: the level a window of n values drawn from the
 * reference distribution itself exceeds with probability α, by the second-order expansion of both statistics
 * around Pearson's χ² (docs/statistics.md, "Noise floor"). Under no drift, with B bins and a reference of m
 * values, PSI / (1/n + 1/m) and 8·JSD / (1/n + 1/m) tend to χ²(B − 1) (JSD the divergence, natural log), so
 *
 *   PSI floor = q · (1/n + 1/m),   JS distance floor = sqrt(q · (1/n + 1/m) / 8),   q = χ²(B − 1) upper α quantile,
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
}

export interface NoiseFloor {
  /** Degrees of freedom, bins − 1. */
  df: number;
  /** χ²(df) upper α quantile. */
  quantile: number;
  /** 1/n + 1/m. */
  variance: number;
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

/** PSI floor from a χ² quantile and a variance scale (the form the PromQL rules compute too). */
export function psiFloorOf(quantile: number, variance: number): number {
  return quantile * variance;
}

/** Jensen–Shannon distance floor from a χ² quantile and a variance scale: JSD ≈ PSI / 8 to second order. */
export function jensenShannonFloorOf(quantile: number, variance: number): number {
  return Math.sqrt((quantile * variance) / 8);
}

/** The asymptotic noise floors of PSI and of the Jensen–Shannon distance at false-alarm level α. */
export function driftNoiseFloor(input: NoiseFloorInput): NoiseFloor {
  checkInput(input);
  const df = input.bins - 1;
  const quantile = chiSquareUpperQuantile(input.alpha, df);
  const variance = noiseVariance(input.samples, input.referenceSize);
  return {
    df,
    quantile,
    variance,
    psi: psiFloorOf(quantile, variance),
    jensenShannon: jensenShannonFloorOf(quantile, variance),
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
