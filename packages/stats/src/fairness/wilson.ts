import { normalQuantile } from './normal-quantile.js';

export interface Interval {
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927), the same numbers as statsmodels'
 * proportion_confint(method='wilson'): with p̂ = x/n and z = Φ⁻¹(1 − (1 − confidence)/2),
 * centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z·sqrt(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n), clipped to [0, 1].
 * Counts may be fractional (weighted or expected counts are treated as if they were counts). NaN bounds
 * when trials = 0.
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (!(trials >= 0 && Number.isFinite(trials)))
    throw new RangeError(`trials must be a finite number >= 0, got ${trials}`);
  if (!(successes >= 0 && successes <= trials)) {
    throw new RangeError(`successes must be between 0 and trials (${trials}), got ${successes}`);
  }
  if (trials === 0) return { lower: Number.NaN, upper: Number.NaN };
  // The lower tail keeps full precision: 1 − α/2 would round before the quantile is taken.
  const z = -normalQuantile((1 - confidence) / 2);
  const n = trials;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At p̂ = 0 or 1 the end is exactly 0 or 1; rounding would otherwise leave ±1e-17.
  const lower = successes === 0 ? 0 : Math.min(1, Math.max(0, centre - half));
  const upper = successes === trials ? 1 : Math.min(1, Math.max(0, centre + half));
  return { lower, upper };
}
