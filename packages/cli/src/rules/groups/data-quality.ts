import { LABEL, MODEL_LABELS, QUALITY_ISSUES, RECORD, labelTemplate, type QualityIssue } from '@modelwatch/semconv';
import { issueRate, predictionCount } from '@modelwatch/promql';
import { bands, num } from '../bands.js';
import { MODEL_VERSION_TEMPLATE, type ModelRules } from '../model-rules.js';
import type { Rule, RuleGroup } from '../rule-types.js';

/** Issue rates per feature over the predictions of the window, and an alert per issue and level. */
export function dataQualityGroup(m: ModelRules): RuleGroup | null {
  const q = m.model.dataQuality;
  if (!q) return null;
  const w = q.window;
  const rules: Rule[] = [
    { record: RECORD.predictions(w), expr: predictionCount(m.scope, w) },
    { record: RECORD.issueRate(w), expr: issueRate(m.scope, w, m.sel(RECORD.predictions(w))) },
  ];
  const guard = `and on (${MODEL_LABELS.join(', ')}) ${m.sel(RECORD.predictions(w))} >= ${q.minSamples}`;
  const feature = labelTemplate(LABEL.feature);
  for (const issue of Object.keys(QUALITY_ISSUES) as QualityIssue[]) {
    const spec = QUALITY_ISSUES[issue];
    const words = issue.replaceAll('_', ' ');
    for (const band of bands(q[issue], spec.direction)) {
      rules.push(
        m.alert({
          name: spec.alert!,
          expr: `${m.sel(spec.record!(w), { [LABEL.issue]: issue })} ${band.condition} ${guard}`,
          for: q.for,
          severity: band.severity,
          summary: `${feature} of ${MODEL_VERSION_TEMPLATE}: ${words} values`,
          description: `{{ $value | humanizePercentage }} of predictions over ${w} had ${words} values of ${feature} (${band.severity} at ${num(band.threshold * 100)}%).`,
          distinct: { [LABEL.issue]: issue },
        })
      );
    }
  }
  return m.group('data-quality', rules);
}
