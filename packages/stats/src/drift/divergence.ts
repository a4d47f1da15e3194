/** Share assigned to an empty bin or category before PSI takes its logarithm (Evidently's convention). */
export const PSI_EPSILON = 1e-4;

/** Normalises counts to shares; all-zero counts give all-zero shares. */
export function toShares(counts: ArrayLike<number>): Float64Array {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  const out = new Float64Array(counts.length);
  if (total > 0) for (let i = 0; i < counts.length; i++) out[i] = counts[i]! / total;
  return out;
}

function checkSameLength(p: ArrayLike<number>, q: ArrayLike<number>): void {
  if (p.length !== q.length) throw new RangeError(`share vectors differ in length (${p.length} vs ${q.length})`);
}

/**
 * Population stability index Σ (p − q)·ln(p / q), natural log. A share of exactly 0 on either side is
 * replaced by epsilon first (1e-4 by default), so the index stays finite. Symmetric in p and q.
 */
export function psi(reference: ArrayLike<number>, current: ArrayLike<number>, epsilon = PSI_EPSILON): number {
  checkSameLength(reference, current);
  let s = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = reference[i]! === 0 ? epsilon : reference[i]!;
    const q = current[i]! === 0 ? epsilon : current[i]!;
    s += (q - p) * Math.log(q / p);
  }
  return s;
}

/**
 * Jensen–Shannon distance: the square root of the Jensen–Shannon divergence with natural logarithms,
 * so it lies in [0, sqrt(ln 2)]. Shares are normalised first; zero shares need no replacement
 * because 0·ln 0 = 0. This is SciPy's `jensenshannon(p, q)` with its default base.
 */
export function jensenShannon(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  checkSameLength(reference, current);
  const p = toShares(reference);
  const q = toShares(current);
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    const qi = q[i]!;
    const mi = (pi + qi) / 2;
    if (pi > 0) d += pi * Math.log(pi / mi);
    if (qi > 0) d += qi * Math.log(qi / mi);
  }
  // Rounding can leave a divergence of -1e-17 for identical inputs.
  return Math.sqrt(Math.max(0, d / 2));
}

/** Hellinger distance sqrt(1 − Σ sqrt(p·q)) on normalised shares, in [0, 1]. */
export function hellinger(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  checkSameLength(reference, current);
  const p = toShares(reference);
  const q = toShares(current);
  let bc = 0;
  for (let i = 0; i < p.length; i++) bc += Math.sqrt(p[i]! * q[i]!);
  return Math.sqrt(Math.max(0, 1 - bc));
}
