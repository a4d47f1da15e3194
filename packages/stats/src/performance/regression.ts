import { checkCount, checkFinite, checkSameLength } from './validate.js';

/** Floor of |y| in the MAPE denominator: float64 machine epsilon, as scikit-learn. */
export const MAPE_EPSILON = 2.220446049250313e-16;

/** Additive totals of a regression, as an instrumentation library exports them. Errors are ŷ − y. */
export interface RegressionSums {
  count: number;
  /** Σ |ŷ − y|. */
  sumAbsError: number;
  /** Σ (ŷ − y)². */
  sumSquaredError: number;
  /** Σ (ŷ − y). */
  sumError: number;
  /** Σ |ŷ − y| / max(|y|, ε); without it mape is NaN. */
  sumAbsPercentageError?: number | null;
}

export interface RegressionReport {
  count: number;
  /** mean |ŷ − y|. */
  mae: number;
  /** sqrt(mean (ŷ − y)²). */
  rmse: number;
  /** mean |ŷ − y| / max(|y|, 2.220446049250313e-16), a fraction (0.1 = 10%), not a percentage. */
  mape: number;
  /** Bias: mean (ŷ − y). Positive means the model over-predicts on average. */
  meanError: number;
}

/** The report from additive sums; every metric is NaN when count = 0. */
export function regressionFromSums(s: RegressionSums): RegressionReport {
  checkCount('count', s.count);
  checkCount('sumAbsError', s.sumAbsError);
  checkCount('sumSquaredError', s.sumSquaredError);
  if (!Number.isFinite(s.sumError)) throw new RangeError(`sumError is ${String(s.sumError)}, not a finite number`);
  if (s.sumAbsPercentageError != null) checkCount('sumAbsPercentageError', s.sumAbsPercentageError);
  const n = s.count;
  if (!(n > 0)) return { count: n, mae: Number.NaN, rmse: Number.NaN, mape: Number.NaN, meanError: Number.NaN };
  return {
    count: n,
    mae: s.sumAbsError / n,
    rmse: Math.sqrt(s.sumSquaredError / n),
    mape: s.sumAbsPercentageError != null ? s.sumAbsPercentageError / n : Number.NaN,
    meanError: s.sumError / n,
  };
}

/** Additive sums of actual and predicted values (all finite; anything else is a RangeError naming the position). */
export function regressionSums(actual: ArrayLike<number>, predicted: ArrayLike<number>): RegressionSums {
  checkSameLength('actual', actual, 'predicted', predicted);
  checkFinite('actual', actual);
  checkFinite('predicted', predicted);
  let sumAbsError = 0;
  let sumSquaredError = 0;
  let sumError = 0;
  let sumAbsPercentageError = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    const e = predicted[i]! - y;
    const a = Math.abs(e);
    sumAbsError += a;
    sumSquaredError += e * e;
    sumError += e;
    sumAbsPercentageError += a / Math.max(Math.abs(y), MAPE_EPSILON);
  }
  return { count: actual.length, sumAbsError, sumSquaredError, sumError, sumAbsPercentageError };
}

export function regressionReport(actual: ArrayLike<number>, predicted: ArrayLike<number>): RegressionReport {
  return regressionFromSums(regressionSums(actual, predicted));
}
