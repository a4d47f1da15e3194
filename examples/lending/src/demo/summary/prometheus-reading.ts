// The live summary from the series the generated recording rules write: the same numbers the alerts compare.
import type { DemoWindows } from '../timescale/demo-config.js';
import type { PrometheusClient as PrometheusApi, Sample } from '@modelwatch/local-prometheus';
import { WORST_FEATURES, known, type Reading } from './reading.js';

export async function readPrometheus(api: PrometheusApi, w: DemoWindows): Promise<Reading> {
  const m = `model_name=${JSON.stringify(w.model)}`;
  const [drift, predictions, f1, accuracy, labels, di, burn] = await Promise.all([
    api.query(`topk(${WORST_FEATURES}, modelwatch:feature_psi:${w.drift}{${m}, baseline="reference"})`),
    api.query(`modelwatch:feature_count:increase${w.drift}{${m}, feature_role="score"}`),
    api.query(`modelwatch:model_f1:ratio${w.performance}{${m}}`),
    api.query(`modelwatch:model_accuracy:ratio${w.performance}{${m}, source="realized"}`),
    api.query(`modelwatch:outcome_count:increase${w.performance}{${m}, source="realized"}`),
    api.query(`modelwatch:fairness_disparate_impact:${w.fairness}{${m}, group_attribute="afam"}`),
    api.query(`modelwatch:slo_burn_rate:${w.burn}{${m}}`),
  ]);
  const first = (samples: Sample[], where: (s: Sample) => boolean = () => true): number | null =>
    known(samples.find(where)?.value);
  return {
    source: 'prometheus',
    predictions: first(predictions),
    drift: drift
      .filter((s) => Number.isFinite(s.value))
      .sort((a, b) => b.value - a.value)
      .map((s) => ({ feature: s.labels.feature ?? '?', psi: s.value })),
    realizedF1: first(f1, (s) => s.labels.source === 'realized'),
    estimatedF1: first(f1, (s) => s.labels.source === 'estimated'),
    realizedAccuracy: first(accuracy),
    labels: first(labels),
    disparateImpact: first(di),
    burn: burn
      .filter((s) => s.labels.slo !== undefined && Number.isFinite(s.value))
      .map((s) => ({ slo: s.labels.slo!, rate: s.value }))
      .sort((a, b) => a.slo.localeCompare(b.slo)),
  };
}
