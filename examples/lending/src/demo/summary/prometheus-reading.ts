// The live summary from the series the generated recording rules write: the same numbers the alerts compare.
import { selectSeries } from '@modelwatch/promql';
import { BASELINE, BINARY_PERFORMANCE, FAIRNESS, FEATURE_ROLE, LABEL, RECORD, SOURCE } from '@modelwatch/semconv';
import type { DemoWindows } from '../timescale/demo-config.js';
import type { PrometheusClient, Sample } from '@modelwatch/local-prometheus';
import { WORST_FEATURES, known, type Reading } from './reading.js';

/** The protected attribute whose disparate impact the summary shows. */
const ATTRIBUTE = 'afam';

/** The recorded series the summary reads, each over the window of the alert that watches it. */
function summaryQueries(w: DemoWindows) {
  const model = { model: w.model };
  const realized = { [LABEL.source]: SOURCE.realized };
  const reference = { [LABEL.baseline]: BASELINE.reference };
  return {
    drift: `topk(${WORST_FEATURES}, ${selectSeries(RECORD.psi(w.drift), model, reference)})`,
    predictions: selectSeries(RECORD.featureCount(w.drift), model, { [LABEL.featureRole]: FEATURE_ROLE.score }),
    f1: selectSeries(RECORD.performance(BINARY_PERFORMANCE.f1.key, w.performance), model),
    accuracy: selectSeries(RECORD.performance(BINARY_PERFORMANCE.accuracy.key, w.performance), model, realized),
    labels: selectSeries(RECORD.outcomeCount(w.performance), model, realized),
    disparateImpact: selectSeries(RECORD.fairness(FAIRNESS.disparateImpact.key, w.fairness), model, {
      [LABEL.groupAttribute]: ATTRIBUTE,
    }),
    burn: selectSeries(RECORD.burnRate(w.burn), model),
  };
}

export async function readPrometheus(api: PrometheusClient, w: DemoWindows): Promise<Reading> {
  const q = summaryQueries(w);
  const [drift, predictions, f1, accuracy, labels, di, burn] = await Promise.all([
    api.query(q.drift),
    api.query(q.predictions),
    api.query(q.f1),
    api.query(q.accuracy),
    api.query(q.labels),
    api.query(q.disparateImpact),
    api.query(q.burn),
  ]);
  const first = (samples: Sample[], where: (s: Sample) => boolean = () => true): number | null =>
    known(samples.find(where)?.value);
  return {
    source: 'prometheus',
    predictions: first(predictions),
    drift: drift
      .filter((s) => Number.isFinite(s.value))
      .sort((a, b) => b.value - a.value)
      .map((s) => ({ feature: s.labels[LABEL.feature] ?? '?', psi: s.value })),
    realizedF1: first(f1, (s) => s.labels[LABEL.source] === SOURCE.realized),
    estimatedF1: first(f1, (s) => s.labels[LABEL.source] === SOURCE.estimated),
    realizedAccuracy: first(accuracy),
    labels: first(labels),
    disparateImpact: first(di),
    burn: burn
      .filter((s) => s.labels[LABEL.slo] !== undefined && Number.isFinite(s.value))
      .map((s) => ({ slo: s.labels[LABEL.slo]!, rate: s.value }))
      .sort((a, b) => a.slo.localeCompare(b.slo)),
  };
}
