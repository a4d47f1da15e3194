import { by, eq, ISSUE_LABELS, matchers, metric, predictionCount } from '@modelwatch/promql';
import { LABEL } from '@modelwatch/semconv';
import type { QualityOptions } from '../options/resolve';
import { scopeOf } from './scope';

/** Issues per feature and issue, and predictions, over the window: the two sides of the issue-rate rule. */
export function qualityQueries(o: QualityOptions): { issues: string; predictions: string } {
  const scope = scopeOf(o);
  const extra: Record<string, string> = {};
  if (o.feature !== undefined) {
    extra[LABEL.feature] = eq(o.feature);
  }
  if (o.issue !== undefined) {
    extra[LABEL.issue] = eq(o.issue);
  }
  return {
    issues: `sum ${by(ISSUE_LABELS)} (increase(${metric(scope, 'featureIssues')}${matchers(scope, extra)}[${o.window}]))`,
    predictions: predictionCount(scope, o.window),
  };
}
