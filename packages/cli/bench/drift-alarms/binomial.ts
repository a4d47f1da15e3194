// Monte-Carlo error of a simulated rate: the exact (Clopper–Pearson) one-sided upper confidence bound of a
// binomial proportion, found by bisection on the binomial distribution function.

/** ln C(n, k) p^k (1 − p)^(n − k), by sums of logs (n up to a few hundred thousand). */
function logTerm(n: number, k: number, p: number, logFactorial: Float64Array): number {
  return logFactorial[n]! - logFactorial[k]! - logFactorial[n - k]! + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/** P(X ≤ x) for X ~ Binomial(n, p). */
function binomialCdf(x: number, n: number, p: number, logFactorial: Float64Array): number {
  let sum = 0;
  for (let k = 0; k <= x; k++) sum += Math.exp(logTerm(n, k, p, logFactorial));
  return Math.min(1, sum);
}

/**
 * The largest p with P(X ≤ fired | trials, p) ≥ 1 − confidence: the true rate lies below it with the stated
 * confidence (one-sided). With 0 fired it is 1 − (1 − confidence)^(1/trials).
 */
export function upperConfidenceBound(fired: number, trials: number, confidence = 0.95): number {
  if (trials <= 0) return 1;
  if (fired >= trials) return 1;
  const logFactorial = new Float64Array(trials + 1);
  for (let i = 1; i <= trials; i++) logFactorial[i] = logFactorial[i - 1]! + Math.log(i);
  let lo = fired / trials;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (binomialCdf(fired, trials, mid, logFactorial) > 1 - confidence) lo = mid;
    else hi = mid;
  }
  return hi;
}
