// What the live summary shows at one moment, whichever source it came from. Every number is over the window
// of the alert that watches it, so the summary reads like the alerts.
export interface Reading {
  source: 'prometheus' | 'snapshot';
  /** Predictions in the drift window. */
  predictions: number | null;
  /** The features (and score, and protected attribute) with the highest PSI against the reference, worst first. */
  drift: { feature: string; psi: number }[];
  realizedF1: number | null;
  estimatedF1: number | null;
  realizedAccuracy: number | null;
  /** Outcomes joined to predictions in the performance window. */
  labels: number | null;
  disparateImpact: number | null;
  /** Burn rate per SLO over the fastest alert's long window. */
  burn: { slo: string; rate: number }[];
}

export const WORST_FEATURES = 3;

/** NaN and missing values are both "not known yet". */
export function known(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}
