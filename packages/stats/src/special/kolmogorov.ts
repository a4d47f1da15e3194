/**
 * Exact finite-n Kolmogorov–Smirnov distributions for one sample of size n against a continuous CDF:
 *
 * - `smirnovSf(d, n)` = P(D_n⁺ >= d), the one-sided statistic (Birnbaum & Tingey 1951);
 * - `kolmogorovCdf(d, n)` / `kolmogorovSf(d, n)` = P(D_n <= d) / P(D_n > d), the two-sided statistic,
 *   evaluated with the method Simard & L'Ecuyer (2011) select for each region of (n, d): Ruben–Gambino
 *   closed forms at both edges, 2·P(D_n⁺ >= d) where the two one-sided events cannot (d >= 0.5) or
 *   practically do not overlap (the upper tail), Durbin's matrix (in the Marsaglia–Tsang–Wang form)
 *   and Pomeranz's recursion for small n d², and the Pelz–Good expansion for large n.
 *
 * The region boundaries are those of SciPy's `scipy.stats.kstwo` (module `_ksstats`), so p-values agree
 * with `kstwo.sf` to about 1e-12 relative wherever both compute the same formula.
 *
 * References: Simard R, L'Ecuyer P (2011) Computing the two-sided Kolmogorov–Smirnov distribution,
 * J. Stat. Softw. 39(11). Marsaglia G, Tsang WW, Wang J (2003) Evaluating Kolmogorov's distribution,
 * J. Stat. Softw. 8(18). Pomeranz J (1974) Algorithm 487, CACM 17(12). Pelz W, Good IJ (1976) JRSS B
 * 38(2). Birnbaum ZW, Tingey FH (1951) Ann. Math. Statist. 22(4). van Mulbregt P (2018) arXiv:1802.06966.
 */
import { exponentOf, ldexp, twoProd, twoSum } from './float.js';
import { stirlingCorrection } from './gamma.js';

/** ln of the smallest normal double: e^(−2 n d²) below it means P(D_n⁺ >= d) is 0 in double precision. */
const MIN_LOG = Math.log(2 ** -1022);
/** Above this n, the one-sided sum is replaced by the approximation e^(−(6 n d + 1)² / (18 n)) (as SciPy). */
const SMIRNOV_MAX_EXACT_N = 1000000;
const SCALE_BITS = 128;
const SCALE_UP = 2 ** SCALE_BITS;
const SCALE_DOWN = 2 ** -SCALE_BITS;

function checkN(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`the sample size n must be a positive integer, got ${n}`);
}

function checkD(d: number): void {
  if (Number.isNaN(d)) throw new RangeError('the statistic d must not be NaN');
}

// ---------------------------------------------------------------------------------------------------
// Scaled arithmetic for the one-sided sum: its terms are huge binomials times tiny powers, so each
// factor is carried as mantissa · 2^exponent and only the product is brought back to a double.

/** Smallest power we take directly; below it y^m is split so no partial result leaves the normal range. */
const DIRECT_POW_FLOOR = 2 ** -1000;

/** Binary exponent of the last `powMantissa` / `ddPowMantissa` result (not returned, so nothing is allocated). */
let powExponent = 0;

/** Mantissa of y^m for 0.5 <= y <= 1 and integer m >= 0; the exponent is left in `powExponent`. */
function powMantissa(y: number, m: number): number {
  const direct = y ** m;
  if (direct >= DIRECT_POW_FLOOR) {
    powExponent = exponentOf(direct);
    return ldexp(direct, -powExponent);
  }
  // y^m = (y^k)^q · y^r with y^k >= 2^-1000; the mantissa of y^k is raised to q the same way.
  const k = Math.floor(1000 / -Math.log2(y));
  const q = Math.floor(m / k);
  const r = m - q * k;
  const yk = y ** k;
  const ykExp = exponentOf(yk);
  const b = powMantissa(ldexp(yk, -ykExp), q);
  const bExp = powExponent;
  const p = b * y ** r; // y^r >= y^k, so still normal
  const pExp = exponentOf(p);
  powExponent = pExp + bExp + ykExp * q;
  return ldexp(p, -pExp);
}

/** Mantissa of (hi + lo)^m for a positive double-double base and integer m >= 0; exponent in `powExponent`. */
function ddPowMantissa(hi: number, lo: number, m: number): number {
  powExponent = 0;
  if (m === 0) return 1;
  if (!(hi > 0)) return 0;
  const e = exponentOf(hi);
  const p = powMantissa(ldexp(hi, -e), m);
  powExponent += e * m;
  // (1 + r)^m for the tiny r = lo/hi: 1 + m r is exact to below an ulp while |m r| < 1e-8.
  const r = lo / hi;
  return p * (Math.abs(m * r) < 1e-8 ? 1 + m * r : Math.exp(m * Math.log1p(r)));
}

/** a + (hi + lo) as a normalised double-double (the high part carries the value even when a + hi cancels). */
function ddAdd(a: number, hi: number, lo: number): [number, number] {
  const [s, e] = twoSum(a, hi);
  return twoSum(s, e + lo);
}

/** (hi + lo) / n as a double-double, for a positive integer n. */
function ddDivInt(hi: number, lo: number, n: number): [number, number] {
  const q = hi / n;
  const [p, pErr] = twoProd(q, n);
  const rest = hi - p - pErr + lo;
  return [q, rest / n];
}

/**
 * P(D_n⁺ >= d) for the one-sided statistic D_n⁺ = sup (F_n − F), n >= 1.
 *
 * Sums the Birnbaum–Tingey series d · Σ_{v=0}^{⌊n(1−d)⌋} C(n, v) (d + v/n)^(v−1) (1 − d − v/n)^(n−v),
 * whose terms are all positive, with the bases formed in double-double arithmetic from the exact product
 * n·d (the powers reach n ≈ 1e6, which would magnify an ordinary rounding of the base a million-fold).
 */
// Kept whole: one series summed in double-double arithmetic; its error analysis holds for the loop as written.
export function smirnovSf(d: number, n: number): number {
  checkN(n);
  checkD(d);
  if (d <= 0) return 1;
  if (d >= 1) return 0;
  if (n === 1) return 1 - d;

  // n·d = whole + frac exactly (frac in [0, 1)), from the error-free product.
  const [nd, ndErr] = twoProd(n, d);
  let whole = Math.floor(nd);
  let frac = nd - whole + ndErr;
  if (frac < 0) {
    whole -= 1;
    frac += 1;
  } else if (frac >= 1) {
    whole += 1;
    frac -= 1;
  }

  if (whole === 0 || (whole === 1 && frac === 0)) {
    // d <= 1/n: only the last term of the complementary sum survives, P(D⁺ < d) = d (1 + d)^(n−1).
    const [s, sErr] = twoSum(1, d);
    const m = ddPowMantissa(s, sErr, n - 1);
    return 1 - ldexp(d * m, powExponent);
  }
  if (-2 * n * d * d < MIN_LOG) return 0;
  const [oneMinusD, oneMinusDErr] = twoSum(1, -d);
  if (whole >= n - 1) {
    const m = ddPowMantissa(oneMinusD, oneMinusDErr, n);
    return ldexp(m, powExponent);
  }
  if (n > SMIRNOV_MAX_EXACT_N) {
    const logp = -((6 * n * d + 1) ** 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }

  const terms = n - whole; // v = 0 … n − ⌊n d⌋ − 1; the next one is zero or beyond ⌊n(1 − d)⌋
  let sum = ldexp(ddPowMantissa(oneMinusD, oneMinusDErr, n), powExponent); // v = 0 contributes (1 − d)^n
  let compensation = 0;
  // C(n, v) as a double-double mantissa times 2^binomExp.
  let binomHi = 1;
  let binomLo = 0;
  let binomExp = 0;
  for (let v = 1; v < terms; v++) {
    // C(n, v) = C(n, v − 1) · (n − v + 1) / v
    const [ratioHi, ratioLo] = ddDivInt(n - v + 1, 0, v);
    const [p, pErr] = twoProd(binomHi, ratioHi);
    const [hi, lo] = twoSum(p, pErr + binomHi * ratioLo + binomLo * ratioHi);
    const shift = exponentOf(hi);
    binomHi = ldexp(hi, -shift);
    binomLo = ldexp(lo, -shift);
    binomExp += shift;

    // d + v/n = (v + n d) / n and 1 − d − v/n = (n − v − n d) / n, from the exact n d.
    const [b1Hi, b1Lo] = ddDivInt(...ddAdd(v, nd, ndErr), n);
    const [b2Hi, b2Lo] = ddDivInt(...ddAdd(n - v, -nd, -ndErr), n);
    const m1 = ddPowMantissa(b1Hi, b1Lo, v - 1);
    const e1 = powExponent;
    const m2 = ddPowMantissa(b2Hi, b2Lo, n - v);
    const term = ldexp(d * (binomHi + binomLo) * m1 * m2, binomExp + e1 + powExponent);

    // Neumaier summation: up to n positive terms.
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
    // The terms fall monotonically once past their peak; stop when the rest cannot matter.
    if (term !== 0) {
      if (4 * (terms - v) * term < Number.EPSILON * (sum + compensation) && v !== terms - 1) break;
    } else if (v > n / 2) {
      break;
    }
  }
  return Math.min(1, Math.max(0, sum + compensation));
}

// ---------------------------------------------------------------------------------------------------
// Two-sided, exact methods.

/**
 * P(D_n < d) by Durbin's matrix formula in the Marsaglia–Tsang–Wang form: with n d = k − h (k integer,
 * 0 <= h < 1) and m = 2k − 1, the probability is n!/n^n · (H^n)_{k,k} for an m×m matrix H of
 * truncated-exponential weights. Cost O(m³ log n).
 */
function durbinCdf(d: number, n: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  const invFactorial = new Float64Array(m + 1);
  invFactorial[0] = 1;
  for (let j = 1; j <= m; j++) invFactorial[j] = invFactorial[j - 1]! / j;

  const H = new Float64Array(m * m);
  for (let r = 0; r < m; r++) {
    for (let c = 1; c < m; c++) {
      const gap = r - c + 1;
      if (gap >= 0) H[r * m + c] = invFactorial[gap]!;
    }
  }
  for (let r = 0; r < m; r++) H[r * m] = (1 - h ** (r + 1)) * invFactorial[r + 1]!;
  for (let c = 1; c < m; c++) H[(m - 1) * m + c] = (1 - h ** (m - c)) * invFactorial[m - c]!;
  H[(m - 1) * m] = (1 - 2 * h ** m + Math.max(0, 2 * h - 1) ** m) * invFactorial[m]!;

  // Binary powering, each factor carrying its own power-of-two exponent to keep entries in range.
  let base: Float64Array = H;
  let baseExp = 0;
  let result: Float64Array | null = null;
  let resultExp = 0;
  let remaining = n;
  while (remaining > 0) {
    if (remaining % 2 === 1) {
      result = result === null ? base.slice() : matMul(result, base, m);
      resultExp += baseExp;
    }
    remaining = Math.floor(remaining / 2);
    if (remaining === 0) break;
    base = matMul(base, base, m);
    baseExp *= 2;
    let largest = 0;
    for (let i = 0; i < base.length; i++) largest = Math.max(largest, Math.abs(base[i]!));
    if (largest > SCALE_UP) {
      for (let i = 0; i < base.length; i++) base[i]! *= SCALE_DOWN;
      baseExp += SCALE_BITS;
    }
  }
  let p = result === null ? 1 : result[(k - 1) * m + (k - 1)]!;
  let exp = resultExp;
  // Multiply by n!/n^n one factor at a time, rescaling before the running value could underflow.
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SCALE_DOWN) {
      p *= SCALE_UP;
      exp -= SCALE_BITS;
    }
  }
  return ldexp(p, exp);
}

function matMul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l]!;
      if (ail === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j]! += ail * b[l * m + j]!;
    }
  }
  return out;
}

/**
 * P(D_n < d) by Pomeranz's recursion. With t = n d, the scaled sample path N(s) (number of points in
 * [0, s], s in [0, n]) must satisfy s − t < N(s) < s + t; it suffices to check this at the points where
 * s ± t crosses an integer. Writing t = ℓ + f and g = min(f, 1 − f), these are 0, g, 1 − g, 1 + g, …,
 * n − g, n, so consecutive gaps are g, 1 − 2g, 2g, 1 − 2g, …, 2g, 1 − 2g, g. Between checkpoints the
 * count grows by a Poisson-like weight (gap/n)^r / r!, and P(D_n < d) = n! · V[final][n].
 */
// Kept whole: one recursion over checkpoints with rescaling, whose invariants span the whole loop.
function pomeranzCdf(d: number, n: number): number {
  const t = n * d;
  const ell = Math.floor(t);
  const f = t - ell;
  const g = Math.min(f, 1 - f);

  // weights[r] = (gap/n)^r / r! for the three gap lengths.
  const weightsFor = (gap: number): Float64Array => {
    const w = new Float64Array(n + 2);
    w[0] = 1;
    for (let r = 1; r < w.length; r++) w[r] = (w[r - 1]! * (gap / n)) / r;
    return w;
  };
  const edgeWeights = weightsFor(g);
  const wideWeights = weightsFor(1 - 2 * g);
  const narrowWeights = weightsFor(2 * g);

  // Checkpoint i (0-based, 0 … 2n + 1) sits at integer part a plus offset o in {0, g, −g}; the allowed
  // counts there are floor(A − t) + 1 … ceil(A + t) − 1, clipped to 0 … n.
  const window = (i: number): [number, number] => {
    let a: number;
    let o: number;
    if (i === 0) {
      a = 0;
      o = 0;
    } else if (i === 2 * n + 1) {
      a = n;
      o = 0;
    } else if (i % 2 === 1) {
      a = (i - 1) / 2;
      o = g;
    } else {
      a = i / 2;
      o = -g;
    }
    const low = a - ell + Math.floor(o - f) + 1;
    const high = a + ell + Math.ceil(o + f) - 1;
    return [Math.max(low, 0), Math.min(high, n)];
  };

  let [prevLow, prevHigh] = window(0);
  let prev = new Float64Array(n + 1);
  prev[0] = 1;
  let exp = 0;
  for (let i = 1; i <= 2 * n + 1; i++) {
    const [low, high] = window(i);
    const weights = i === 1 || i === 2 * n + 1 ? edgeWeights : i % 2 === 0 ? wideWeights : narrowWeights;
    const next = new Float64Array(n + 1);
    let largest = 0;
    for (let j = low; j <= high; j++) {
      let s = 0;
      const top = Math.min(j, prevHigh);
      for (let kk = prevLow; kk <= top; kk++) s += prev[kk]! * weights[j - kk]!;
      next[j] = s;
      largest = Math.max(largest, s);
    }
    if (largest > 0 && largest < SCALE_DOWN) {
      for (let j = low; j <= high; j++) next[j]! *= SCALE_UP;
      exp -= SCALE_BITS;
    }
    prev = next;
    prevLow = low;
    prevHigh = high;
  }
  let p = prev[n]!;
  for (let j = 1; j <= n; j++) {
    if (Math.abs(p) > SCALE_UP) {
      p *= SCALE_DOWN;
      exp += SCALE_BITS;
    }
    p *= j;
  }
  return ldexp(p, exp);
}

// ---------------------------------------------------------------------------------------------------
// Two-sided, approximations.

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const PI2 = Math.PI * Math.PI;
const PI4 = PI2 * PI2;
const PI6 = PI4 * PI2;

/**
 * Pelz–Good expansion P(D_n <= d) ≈ K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^{3/2}, z = d√n, with each K
 * written through the Jacobi theta transformation so that it converges fast for small z.
 */
function pelzGoodCdf(d: number, n: number): number {
  if (d <= 0) return 0;
  if (d >= 1) return 1;
  const z = Math.sqrt(n) * d;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const logQ = -PI2 / 8 / z2;
  if (logQ < -708) return 0;

  // Sums over odd j = 2k − 1 of c(j) e^(−j² π² / (8 z²)), the terms of K0 … K3.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 1; ; k++) {
    const j = 2 * k - 1;
    const exponent = logQ * j * j;
    if (exponent < -745) break;
    const w = Math.exp(exponent);
    const j2 = j * j;
    const j4 = j2 * j2;
    const j6 = j4 * j2;
    s0 += w;
    s1 += w * ((PI2 * j2) / 4 - z2);
    s2 += w * (6 * z6 + 2 * z4 + ((2 * z4 - 5 * z2) * PI2 * j2) / 4 + (PI4 * (1 - 2 * z2) * j4) / 16);
    s3 +=
      w *
      (-30 * z6 -
        90 * z6 * z2 +
        (PI2 * (135 * z4 - 96 * z6) * j2) / 4 +
        (PI4 * (212 * z4 - 60 * z2) * j4) / 16 +
        (PI6 * (5 - 30 * z2) * j6) / 64);
  }
  // Sums over all k >= 1 of e^(−k² π² / (2 z²)) terms that K2 and K3 also carry.
  let t2 = 0;
  let t3 = 0;
  for (let k = 1; ; k++) {
    const exponent = (-PI2 * k * k) / 2 / z2;
    if (exponent < -745) break;
    const w = Math.exp(exponent) * k * k;
    t2 += w;
    t3 += w * (3 * z2 - PI2 * k * k);
  }
  const k0 = (SQRT_2PI / z) * s0;
  const k1 = (SQRT_2PI / (6 * z4)) * s1;
  const k2 = (SQRT_2PI / (72 * z6 * z)) * s2 - ((PI2 * SQRT_2PI) / (36 * z2 * z)) * t2;
  const k3 = (SQRT_2PI / (6480 * z6 * z4)) * s3 + ((PI2 * SQRT_2PI) / (216 * z6)) * t3;
  const sqrtN = Math.sqrt(n);
  return k0 + k1 / sqrtN + k2 / n + k3 / (n * sqrtN);
}

/** ln(n! / n^n) = ½ ln(2πn) − n + Stirling correction, free of the cancelling n ln n terms (n >= 10). */
function logFactorialOverPower(n: number): number {
  return 0.5 * Math.log(2 * Math.PI * n) - n + stirlingCorrection(n);
}

const clip01 = (p: number): number => Math.min(1, Math.max(0, p));

/** P(D_n > d) when `upper`, else P(D_n <= d), choosing the method per region as Simard & L'Ecuyer do. */
function kolmogorov(d: number, n: number, upper: boolean): number {
  checkN(n);
  checkD(d);
  const pick = (cdf: number, sf: number): number => clip01(upper ? sf : cdf);
  if (d >= 1) return pick(1, 0);
  if (d <= 0) return pick(0, 1);
  const t = n * d;
  if (t <= 1) {
    // Ruben–Gambino: P(D_n <= d) = n!/n^n (2t − 1)^n for 1/(2n) <= d <= 1/n.
    if (t <= 0.5) return pick(0, 1);
    let p: number;
    if (n <= 140) {
      p = 1;
      for (let i = 1; i <= n; i++) p *= i * (1 / n) * (2 * t - 1);
    } else {
      p = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return pick(p, 1 - p);
  }
  if (t >= n - 1) {
    // Ruben–Gambino: P(D_n > d) = 2 (1 − d)^n for d >= 1 − 1/n.
    const p = 2 * (1 - d) ** n;
    return pick(1 - p, p);
  }
  if (d >= 0.5) {
    // D⁺ >= d and D⁻ >= d cannot both happen, so the two-sided tail is exactly twice the one-sided one.
    const p = 2 * smirnovSf(d, n);
    return pick(1 - p, p);
  }
  const nd2 = t * d;
  if (n <= 140) {
    let cdf: number;
    if (nd2 <= 0.754693) cdf = durbinCdf(d, n);
    else if (nd2 <= 4) cdf = pomeranzCdf(d, n);
    else {
      // Miller's approximation: the overlap of the one-sided events is negligible this far out.
      const p = 2 * smirnovSf(d, n);
      return pick(1 - p, p);
    }
    return pick(cdf, 1 - cdf);
  }
  if (upper) {
    if (nd2 >= 370) return 0;
    if (nd2 >= 2.2) return clip01(2 * smirnovSf(d, n));
  }
  let cdf: number;
  if (nd2 >= 18) cdf = 1;
  else if (n <= 100000 && n * d ** 1.5 <= 1.4) cdf = durbinCdf(d, n);
  else cdf = pelzGoodCdf(d, n);
  return pick(cdf, 1 - cdf);
}

/** P(D_n <= d) for the two-sided one-sample Kolmogorov–Smirnov statistic (SciPy's `kstwo.cdf(d, n)`). */
export function kolmogorovCdf(d: number, n: number): number {
  return kolmogorov(d, n, false);
}

/** P(D_n > d) for the two-sided one-sample Kolmogorov–Smirnov statistic (SciPy's `kstwo.sf(d, n)`). */
export function kolmogorovSf(d: number, n: number): number {
  return kolmogorov(d, n, true);
}
