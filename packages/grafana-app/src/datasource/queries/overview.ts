import { by, labelsOf, metric, MODEL_LABELS, type Scope } from '@modelwatch/promql';
import type { MetricKey, Naming } from '@modelwatch/semconv';
import { MODELWATCH_ALERTS } from './alerts';

/** Recorded by the SLO rules (`modelwatch rules`): they alone know each SLO's objective and period. */
export const BUDGET_REMAINING_RECORD = 'modelwatch:slo_error_budget_remaining:ratio';

/** The overview's queries, over every model at once; each names the raw series its area reads. */
export function overviewQueries(naming: Naming, window: string): Record<string, string> {
  const scope: Scope = { model: '', naming };
  const name = (key: MetricKey): string => metric(scope, key);
  const increase = (key: MetricKey, drop: string[] = []): string =>
    `sum ${by(labelsOf(key, ...drop))} (increase(${name(key)}[${window}]))`;
  return {
    predictions: `sum ${by(MODEL_LABELS)} (increase(${name('predictions')}[${window}]))`,
    errors: `sum ${by(MODEL_LABELS)} (increase(${name('errors')}[${window}]))`,
    featureCounts: increase('featureValues'),
    referenceShares: `max ${by(labelsOf('featureReferenceShare'))} (${name('featureReferenceShare')})`,
    outcomes: increase('outcomes'),
    estimated: increase('estimatedOutcomes'),
    groupPredictions: increase('groupPredictions'),
    budget: `min ${by(MODEL_LABELS)} (${BUDGET_REMAINING_RECORD})`,
    alerts: `ALERTS{${MODELWATCH_ALERTS}}`,
  };
}

/** The series whose label sets list every model version. */
export function versionsMatch(naming: Naming): string {
  return metric({ model: '', naming }, 'predictions');
}
