import type { RegressionSumsState } from '../counts.js';

/**
 * Whether adding one regression error `e` (and its absolute percentage error) keeps every sum finite. One
 * overflowing contribution would make the exported `_sum` +Inf for good and every later statistic undefined,
 * so such an outcome is refused before anything is added.
 */
export function finiteRegressionError(r: RegressionSumsState, e: number, ape: number): boolean {
  const a = Math.abs(e);
  return (
    Number.isFinite(a) &&
    Number.isFinite(ape) &&
    Number.isFinite(r.absoluteError + a) &&
    Number.isFinite(r.squaredError + e * e) &&
    Number.isFinite(r.overPrediction + a) &&
    Number.isFinite(r.underPrediction + a) &&
    Number.isFinite(r.absolutePercentageError + ape)
  );
}
