import type { MetricKey, Naming, RegressionMetric } from '@modelwatch/semconv';
import { metricName } from './dashboard.js';
import { by, labelMatchers, MODEL_LABELS } from './selector.js';

/** The error-sum counters a regression model exports (none has labels beyond the model's). */
export type RegressionCounter = Extract<
  MetricKey,
  | 'regressionOutcomes'
  | 'regressionAbsoluteError'
  | 'regressionSquaredError'
  | 'regressionOverPrediction'
  | 'regressionUnderPrediction'
  | 'regressionAbsolutePercentageError'
>;

/** One regression counter over a window, summed to model and version. */
export type RegressionSums = (key: RegressionCounter) => string;

/**
 * increase() of each error-sum counter over `window`, summed over replicas to model and version. `match` selects
 * the series (label → operator and value, e.g. from `modelMatch`); a dashboard passes `$__rate_interval`-free
 * windows such as `1d` so the numbers are those of a stated window, not of the zoom level.
 */
export function regressionIncrease(naming: Naming, window: string, match: Record<string, string> = {}): RegressionSums {
  const selectors = Object.keys(match).length ? labelMatchers(match) : '';
  return (key) => `sum ${by(MODEL_LABELS)} (increase(${metricName(key, naming)}${selectors}[${window}]))`;
}

/**
 * MAE, RMSE, MAPE and bias with the formulas of @modelwatch/stats' regressionFromSums: each error sum over the
 * outcome count, RMSE its square root, bias (over-prediction − under-prediction) / count, so positive means the
 * model over-predicts. With no outcome in the window every metric is 0/0 = NaN, as there.
 */
export function regressionMetric(name: RegressionMetric, sums: RegressionSums): string {
  const count = sums('regressionOutcomes');
  switch (name) {
    case 'mae':
      return `${sums('regressionAbsoluteError')} / ${count}`;
    case 'rmse':
      return `sqrt(${sums('regressionSquaredError')} / ${count})`;
    case 'mape':
      return `${sums('regressionAbsolutePercentageError')} / ${count}`;
    case 'bias':
      return `(${sums('regressionOverPrediction')} - ${sums('regressionUnderPrediction')}) / ${count}`;
  }
}
