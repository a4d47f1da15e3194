import { by, labelsOf, matchers, metric, MODEL_LABELS, type Scope } from './selector.js';

export const ISSUE_LABELS = labelsOf('featureIssues');

/** Predictions in a window, per model and version (regression models export them without a class). */
export function predictionCount(scope: Scope, window: string): string {
  return `sum ${by(MODEL_LABELS)} (increase(${metric(scope, 'predictions')}${matchers(scope)}[${window}]))`;
}

/** Data-quality issues per prediction, per feature and issue. */
export function issueRate(scope: Scope, window: string, predictions: string): string {
  return `sum ${by(ISSUE_LABELS)} (increase(${metric(scope, 'featureIssues')}${matchers(scope)}[${window}])) / on (${MODEL_LABELS.join(', ')}) group_left ${predictions}`;
}
