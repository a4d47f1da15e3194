/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, reproducing `scipy.stats.ks_2samp` (method 'auto',
 * 'exact' or 'asymp').
 *
 * Exact p-values count monotone lattice paths from (0, 0) to (n1, n2) that leave the band
 * |x/n1 − y/n2| < D (Hodges 1958); the asymptotic one is the one-sample two-sided Kolmogorov
 * distribution at the effective size round(n1 n2 / (n1 + n2)), as SciPy does.
 */
import type { EmpiricalDistribution } from '../sample/empirical-distribution.js';
import { roundHalfEven } from '../special/float.js';
import { kolmogorovSf } from '../special/kolmogorov.js';

export type KsMethod = 'auto' | 'exact' | 'asymp';

/** Largest sample size for which 'auto' computes the exact p-value (SciPy's MAX_AUTO_N). */
export const KS_MAX_AUTO_EXACT_N = 10000;
/** 'exact' falls back to 'asymp' when lcm(n1, n2) / gcd reaches the 32-bit range, as SciPy does. */
const INT32_MAX = 2147483647;

/**
 * D = sup_x |F_ref(x) − F_cur(x)| over the raw values, each empirical CDF counting values <= x
 * (weights are the knot counts). Walks the two sorted knot arrays together: O(k1 + k2).
 */
export function ksStatistic(reference: EmpiricalDistribution, current: EmpiricalDistribution): number {
  const n1 = reference.size;
  const n2 = current.size;
  if (!(n1 > 0) || !(n2 > 0)) throw new RangeError('the Kolmogorov–Smirnov statistic needs two non-empty samples');
  const a = reference.values;
  const b = current.values;
  const ca = reference.cumulative;
  const cb = current.cumulative;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    if (i < a.length && a[i] === x) i++;
    if (j < b.length && b[j] === x) j++;
    // Same expression as SciPy (count/n1 − count/n2), so D is bit-identical to ks_2samp's.
    const gap = Math.abs(ca[i]! / n1 - cb[j]! / n2);
    if (gap > d) d = gap;
  }
  return d;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    const r = x % y;
    x = y;
    y = r;
  }
  return x;
}

/**
 * P(D_{n,n} >= h/n) for two samples of equal size n: 2 Σ_{k>=1} (−1)^(k+1) C(2n, n − k h) / C(2n, n),
 * evaluated as a nested product 2 A0 (1 − A1 (1 − A2 (…))) of ratios of consecutive binomial terms,
 * which avoids both the huge binomials and the cancellation of the alternating sum. O(n + h).
 */
function outsideSquareProbability(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * Share of lattice paths from (0, 0) to (n1, n2) that touch |x/n1 − y/n2| >= h / lcm(n1, n2).
 *
 * Works with the share itself rather than a path count (Viehmann 2021, arXiv:2102.08037): the share
 * of paths into (i, j) that already left the band is the i : j weighted mix of the shares at (i − 1, j)
 * and (i, j − 1), and 1 outside the band. Nothing overflows and small p-values keep their relative
 * precision. One column of the larger sample's axis at a time: O(max(n) · band width) time, O(min(n)) memory.
 */
function outerProbabilityInside(n1: number, n2: number, g: number, h: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const mg = m / g;
  const ng = n / g;
  // share[j] holds the value at (i, j) for j inside the current band, 1 above it (never yet inside).
  const share = new Float64Array(n + 1).fill(1);
  const firstHigh = Math.min(Math.ceil(h / mg), n + 1);
  for (let j = 0; j < firstHigh; j++) share[j] = 0;
  for (let i = 1; i <= m; i++) {
    // Inside the band at column i: ng·i − h < mg·j < ng·i + h.
    const low = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    const high = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (high <= low) return 1;
    let below = low === 0 ? 0 : 1;
    for (let j = low; j < high; j++) {
      below = (share[j]! * i + below * j) / (i + j);
      share[j] = below;
    }
  }
  return share[n]!;
}

interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymp';
}

function checkSize(n: number, name: string): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer, got ${n}`);
}

function ksCompute(d: number, n1: number, n2: number, method: KsMethod): KsResult {
  if (Number.isNaN(d) || d < 0 || d > 1) throw new RangeError(`the KS statistic must lie in [0, 1], got ${d}`);
  checkSize(n1, 'n1');
  checkSize(n2, 'n2');
  if (method !== 'auto' && method !== 'exact' && method !== 'asymp') {
    throw new RangeError(`method must be 'auto', 'exact' or 'asymp', got ${String(method)}`);
  }
  const g = gcd(n1, n2);
  let mode: 'exact' | 'asymp' =
    method === 'auto' ? (Math.max(n1, n2) <= KS_MAX_AUTO_EXACT_N ? 'exact' : 'asymp') : method;
  if (mode === 'exact' && n1 / g >= INT32_MAX / (n2 / g)) mode = 'asymp';
  let statistic = d;
  if (mode === 'exact') {
    const lcm = (n1 / g) * n2;
    // D is a multiple of 1/lcm; rounding removes the float noise of count/n1 − count/n2.
    const h = roundHalfEven(d * lcm);
    statistic = h / lcm;
    if (h === 0) return { statistic, pValue: 1, method: 'exact' };
    const p = n1 === n2 ? outsideSquareProbability(n1, h) : outerProbabilityInside(n1, n2, g, h);
    // Rounding can push the nested product for tiny h a hair above 1; SciPy then switches to asymp.
    if (p >= 0 && p <= 1) return { statistic, pValue: p, method: 'exact' };
  }
  const big = Math.max(n1, n2);
  const small = Math.min(n1, n2);
  // SciPy rounds 0.5 (n1 = n2 = 1) to n = 0 and returns NaN; n = 1 is the only meaningful choice.
  const effective = Math.max(1, roundHalfEven((big * small) / (big + small)));
  const p = kolmogorovSf(statistic, effective);
  return { statistic, pValue: Math.min(1, Math.max(0, p)), method: 'asymp' };
}

/**
 * Two-sided p-value of a two-sample KS statistic d for sample sizes n1, n2.
 *
 * 'auto' (default) is 'exact' when max(n1, n2) <= 10000 and 'asymp' above, like SciPy. 'exact' falls
 * back to 'asymp' when the lattice is beyond 32-bit range or the exact value leaves [0, 1]; `method`
 * in the result says which was used. Exact cost: O(n) for n1 = n2; otherwise O(max(n1, n2) · w) for a band
 * width w ≈ 2·D·min(n1, n2) (at most min(n1, n2) + 1): 10000 × 9999 takes ~20 ms at D = 0.02 and ~0.5 s at
 * D = 0.9 on a 2020s CPU. Asymptotic cost is O(n1 n2 / (n1 + n2)) when p < ~0.03 (the one-sided exact sum).
 */
export function ksPValue(
  d: number,
  n1: number,
  n2: number,
  method: KsMethod = 'auto'
): { pValue: number; method: 'exact' | 'asymp' } {
  const { pValue, method: used } = ksCompute(d, n1, n2, method);
  return { pValue, method: used };
}

/**
 * Two-sample two-sided KS test of `current` against `reference` (n1, n2 = their sizes, which must be
 * whole numbers). `statistic` is SciPy's: after an exact attempt it is the lattice value h / lcm(n1, n2),
 * which differs from `ksStatistic` by at most a rounding error.
 */
export function ksTwoSample(
  reference: EmpiricalDistribution,
  current: EmpiricalDistribution,
  options: { method?: KsMethod } = {}
): { statistic: number; pValue: number; method: 'exact' | 'asymp' } {
  const d = ksStatistic(reference, current);
  return ksCompute(d, reference.size, current.size, options.method ?? 'auto');
}
