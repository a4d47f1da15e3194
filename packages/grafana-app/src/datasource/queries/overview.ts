import {
  alertsQuery,
  by,
  labelsOf,
  metric,
  MODEL_LABELS,
  regressionIncrease,
  regressionMetric,
  type Scope,
} from '@modelwatch/promql';
import { RECORD, type MetricKey, type Naming } from '@modelwatch/semconv';

/** The overview's queries, over every model at once; each names the raw series its area reads. */
export function overviewQueries(naming: Naming, window: string): Record<string, string> {
  const scope: Scope = { model: '', naming };
  const name = (key: MetricKey): string => metric(scope, key);
  const increase = (key: MetricKey, drop: string[] = []): string =>
    `sum ${by(labelsOf(key, ...drop))} (increase(${name(key)}[${window}]))`;
  const sums = regressionIncrease(naming, window);
  return {
    predictions: `sum ${by(MODEL_LABELS)} (increase(${name('predictions')}[${window}]))`,
    errors: `sum ${by(MODEL_LABELS)} (increase(${name('errors')}[${window}]))`,
    featureCounts: increase('featureValues'),
    referenceShares: `max ${by(labelsOf('featureReferenceShare'))} (${name('featureReferenceShare')})`,
    outcomes: increase('outcomes'),
    // Regression models: each error metric computed by Prometheus from the error sums.
    mae: regressionMetric('mae', sums),
    rmse: regressionMetric('rmse', sums),
    mape: regressionMetric('mape', sums),
    bias: regressionMetric('bias', sums),
    estimated: increase('estimatedOutcomes'),
    // Explanation drift: Σ|attribution| and counts per feature (summed over replicas), and the reference importance.
    attributionSums: increase('attributionAbsoluteSum'),
    attributionCounts: increase('attributionCount'),
    attributionReference: `max ${by(labelsOf('attributionReferenceImportance'))} (${name('attributionReferenceImportance')})`,
    groupPredictions: increase('groupPredictions'),
    // Recorded by the SLO rules (`modelwatch rules`): they alone know each SLO's objective and period.
    budget: `min ${by(MODEL_LABELS)} (${RECORD.budgetRemaining})`,
    alerts: alertsQuery({ state: 'any' }),
  };
}

/** The series whose label sets list every model version. */
export function versionsMatch(naming: Naming): string {
  return metric({ model: '', naming }, 'predictions');
}
