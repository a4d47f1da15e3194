/**
 * Log-gamma and the regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x).
 *
 * P uses its power series below x = a + 1 and Q Legendre's continued fraction above (both converge
 * fast there); the other function is the complement, which never cancels badly because the computed
 * one is at most about 1/2 + O(1/sqrt(a)) in its region. The common factor x^a e^(−x) / Γ(a) is taken
 * in a form whose exponent has no large cancelling terms, so even tails near 1e-300 keep full
 * relative precision apart from the unavoidable |ln Q| · ε.
 */

const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

/** B_2j / (2j (2j − 1)) for j = 1…9: Stirling's series for ln Γ. */
const STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
  43867 / 244188,
];

/** ln Γ(a) − [(a − ½) ln a − a + ½ ln 2π] for a >= 10 (9 terms of Stirling's series reach full precision). */
export function stirlingCorrection(a: number): number {
  const r = 1 / a;
  const r2 = r * r;
  let s = 0;
  for (let j = STIRLING.length - 1; j >= 0; j--) s = s * r2 + STIRLING[j]!;
  return s * r;
}

/** ln Γ(x) for x > 0; absolute error about 2e-15 below 10, relative about 1e-16 above. */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma needs a positive argument, got ${x}`);
  if (x === Infinity) return Infinity;
  // The shift below leaves ~2e-15 absolute error, so the two zeros are returned exactly.
  if (x === 1 || x === 2) return 0;
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + stirlingCorrection(x);
  // Shift up with Γ(x) = Γ(x + k) / (x (x + 1) … (x + k − 1)); x itself is logged apart so tiny x stay exact.
  let shifted = x + 1;
  let product = 1;
  while (shifted < 10) {
    product *= shifted;
    shifted += 1;
  }
  return lnGamma(shifted) - Math.log(product) - Math.log(x);
}

/** ln(x^a e^(−x) / Γ(a)). */
function logPrefactor(a: number, x: number): number {
  if (a < 10) return a * Math.log(x) - x - lnGamma(a);
  // a ln x − x − ln Γ(a) = −a (λ − 1 − ln λ) + ½ ln(a / 2π) − correction(a), with λ = x / a;
  // near λ = 1 the form u − log1p(u), u = λ − 1 = (x − a)/a, keeps the small difference accurate.
  const lambda = x / a;
  const u = (x - a) / a;
  const phi = Math.abs(u) < 0.5 ? u - Math.log1p(u) : lambda - 1 - Math.log(lambda);
  return -a * phi + 0.5 * Math.log(a) - HALF_LN_2PI - stirlingCorrection(a);
}

const MAX_ITERATIONS = 100000;
const TINY = 1e-300;

/** P(a, x) by its series; valid for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  let ap = a;
  for (let k = 0; k < MAX_ITERATIONS; k++) {
    ap += 1;
    term *= x / ap;
    sum += term;
    if (term < sum * Number.EPSILON * 0.25) break;
  }
  return sum * Math.exp(logPrefactor(a, x));
}

/** Q(a, x) by Legendre's continued fraction (modified Lentz); valid for x >= a + 1. */
function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let f = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    f *= delta;
    if (Math.abs(delta - 1) < Number.EPSILON * 0.5) break;
  }
  return f * Math.exp(logPrefactor(a, x));
}

function checkGammaArguments(a: number, x: number): void {
  if (!(a > 0) || a === Infinity) throw new RangeError(`the shape a must be a positive finite number, got ${a}`);
  if (Number.isNaN(x)) throw new RangeError('the argument x must not be NaN');
}

/** Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a); 0 for x <= 0. */
export function regularizedGammaP(a: number, x: number): number {
  checkGammaArguments(a, x);
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  if (x < a + 1) return Math.min(1, lowerSeries(a, x));
  return Math.max(0, 1 - upperContinuedFraction(a, x));
}

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a); 1 for x <= 0. */
export function regularizedGammaQ(a: number, x: number): number {
  checkGammaArguments(a, x);
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  if (x < a + 1) return Math.max(0, 1 - lowerSeries(a, x));
  return Math.min(1, upperContinuedFraction(a, x));
}
