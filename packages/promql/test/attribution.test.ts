import { attributionImportance, attributionImportanceParts } from '@modelwatch/promql';
import { importanceOf, importanceSums } from '@modelwatch/stats';
import { expectRules, input, steady, WINDOW_MINUTES, type Labels } from './support/promtool';

// Global importance in PromQL (Σ|a| and counts summed over replicas, then divided) against @modelwatch/stats on the
// pooled attributions of the window. Each replica adds one batch of attributions a minute.

const BATCHES: Record<string, Record<string, number[]>> = {
  a: { income: [0.5, -1.25, 0.75], tenure: [0.1, -0.05, 0], region: [-0.3] },
  // Replica b sees no region attribution at all: the merge must not need every replica to export every feature.
  b: { income: [2, -0.125], tenure: [-0.4, 0.6] },
};
const REFERENCE = { income: 0.8, tenure: 0.2, region: 0.3 };

const labels = (instance: string, feature: string, model = 'credit'): Labels => ({
  model_name: model,
  model_version: '1.0',
  feature,
  job: 'svc',
  instance,
});

function inputs(): { series: string; values: string }[] {
  const out: { series: string; values: string }[] = [];
  for (const [instance, batch] of Object.entries(BATCHES)) {
    for (const [feature, values] of Object.entries(batch)) {
      const s = importanceSums(values);
      out.push(input('modelwatch_attribution_absolute_sum_total', labels(instance, feature), steady(s.absoluteSum)));
      out.push(input('modelwatch_attribution_count_total', labels(instance, feature), steady(s.count)));
    }
    for (const [feature, r] of Object.entries(REFERENCE))
      out.push(input('modelwatch_attribution_reference_importance', labels(instance, feature), `${r}x15`));
  }
  // Another model's attributions must not leak into credit's.
  out.push(input('modelwatch_attribution_absolute_sum_total', labels('a', 'income', 'other'), steady(1000)));
  out.push(input('modelwatch_attribution_count_total', labels('a', 'income', 'other'), steady(1)));
  return out;
}

/** The attributions of one feature in the 5m window, pooled over replicas. */
function pooled(feature: string): number[] {
  const out: number[] = [];
  for (const batch of Object.values(BATCHES))
    for (let m = 0; m < WINDOW_MINUTES; m++) out.push(...(batch[feature] ?? []));
  return out;
}

describe('attribution importance in PromQL', () => {
  const scope = { model: 'credit', naming: 'exporter-prometheus' as const };

  it('sums replicas by feature before dividing', () => {
    const p = attributionImportanceParts(scope, '1h');
    expect(p.absoluteSums).toBe(
      'sum by (model_name, model_version, feature) (increase(modelwatch_attribution_absolute_sum_total{model_name="credit"}[1h]))'
    );
    expect(attributionImportance(scope, '1h')).toBe(`${p.absoluteSums} / ${p.counts}`);
  });

  it('on promtool, equals @modelwatch/stats importance of the pooled attributions, and keeps the reference', () => {
    const out = (feature: string, value: number) => ({
      labels: { model_name: 'credit', model_version: '1.0', feature },
      value,
    });
    expectRules({
      rules: {
        'test:importance': attributionImportance(scope, '5m'),
        'test:reference': attributionImportanceParts(scope, '5m').reference,
      },
      input: inputs(),
      expect: {
        'test:importance': Object.keys(REFERENCE).map((f) => out(f, importanceOf(importanceSums(pooled(f)))!)),
        'test:reference': Object.entries(REFERENCE).map(([f, r]) => out(f, r)),
      },
    });
  });
});
