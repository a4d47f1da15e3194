import { EmpiricalDistribution } from '../sample/empirical-distribution.js';
import { numericColumnProfile, referenceDistribution } from '../profile/column.js';
import type { AttributionProfile } from '../profile/types.js';
import { DEFAULT_BINS, ReferenceBinning } from '../drift/binning.js';
import { jensenShannon, psi, toShares, type PsiZeroShare } from '../drift/divergence.js';
import { importanceSums } from './importance.js';

/**
 * The reference attributions of one feature from their values (non-finite ones left out, as the instrumentation
 * drops them); null when none is finite.
 */
export function attributionProfile(values: ArrayLike<number>, maxKnots: number): AttributionProfile | null {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) finite.push(values[i]!);
  if (finite.length === 0) return null;
  const column = numericColumnProfile(finite, values.length - finite.length, 'feature', maxKnots);
  const sums = importanceSums(finite);
  return { ...column, importance: sums.absoluteSum / sums.count };
}

/**
 * Attribution drift of one feature: PSI and Jensen–Shannon of the current attributions in the equal-probability
 * bins of the reference attributions, exactly as a numeric feature's drift (fractional ties included).
 */
export function attributionDrift(
  reference: AttributionProfile,
  current: ArrayLike<number>,
  options: { bins?: number; psiZeroShare?: PsiZeroShare } = {}
): { psi: number; jensenShannon: number } | null {
  const finite: number[] = [];
  for (let i = 0; i < current.length; i++) if (Number.isFinite(current[i]!)) finite.push(current[i]!);
  if (finite.length === 0) return null;
  const binning = new ReferenceBinning(referenceDistribution(reference), options.bins ?? DEFAULT_BINS);
  const q = toShares(binning.countsOf(EmpiricalDistribution.fromValues(finite)));
  const p = binning.referenceShares();
  return { psi: psi(p, q, { zeroShare: options.psiZeroShare }), jensenShannon: jensenShannon(p, q) };
}
