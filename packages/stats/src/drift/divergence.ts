/** Share assigned to an empty bin or category before PSI takes its logarithm (the default 'epsilon' rule). */
export const PSI_EPSILON = 1e-4;

/**
 * How PSI replaces a share of exactly 0: 'epsilon' by PSI_EPSILON (Modelwatch's default, the one PromQL can
 * compute); 'evidently' as Evidently 0.7 does, per side: PSI_EPSILON when the smallest non-zero share on that
 * side is above it, otherwise that smallest share / 10⁶, so a replaced share never outweighs a real one.
 */
export type PsiZeroShare = 'epsilon' | 'evidently';
export const PSI_ZERO_SHARES: readonly PsiZeroShare[] = Object.freeze(['epsilon', 'evidently']);

/** Evidently divides the smallest non-zero share by this when it is at or below PSI_EPSILON. */
const EVIDENTLY_TINY_DIVISOR = 1e6;

/** The share one side's zeros are replaced by under a rule (epsilon for 'epsilon'). */
export function psiZeroReplacement(shares: ArrayLike<number>, rule: PsiZeroShare, epsilon = PSI_EPSILON): number {
  if (rule === 'epsilon') return epsilon;
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < shares.length; i++) if (shares[i]! > 0 && shares[i]! < smallest) smallest = shares[i]!;
  if (!Number.isFinite(smallest)) return PSI_EPSILON;
  return smallest > PSI_EPSILON ? PSI_EPSILON : smallest / EVIDENTLY_TINY_DIVISOR;
}

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
 * replaced first, so the index stays finite: by `epsilon` (1e-4 by default), or by Evidently 0.7's rule with
 * `{ zeroShare: 'evidently' }` (see PsiZeroShare). Symmetric in p and q.
 */
export function psi(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: number | { zeroShare?: PsiZeroShare; epsilon?: number } = PSI_EPSILON
): number {
  checkSameLength(reference, current);
  const rule = typeof options === 'number' ? 'epsilon' : (options.zeroShare ?? 'epsilon');
  const epsilon = typeof options === 'number' ? options : (options.epsilon ?? PSI_EPSILON);
  const zeroP = psiZeroReplacement(reference, rule, epsilon);
  const zeroQ = psiZeroReplacement(current, rule, epsilon);
  let s = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = reference[i]! === 0 ? zeroP : reference[i]!;
    const q = current[i]! === 0 ? zeroQ : current[i]!;
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
