import { modelMatch, regressionIncrease, regressionMetric } from '@modelwatch/promql';
import type { RegressionOptions } from '../options/resolve';
import type { RegressionMetric } from '../types';

/**
 * One expression per metric, computed by Prometheus from the error-sum counters over the window: the sums are
 * additive, so the ratio of their increases is the metric of exactly the outcomes in the window.
 */
export function regressionQueries(o: RegressionOptions): Array<{ metric: RegressionMetric; expr: string }> {
  const sums = regressionIncrease(o.naming, o.window, modelMatch(o));
  return o.metrics.map((metric) => ({ metric, expr: regressionMetric(metric, sums) }));
}
