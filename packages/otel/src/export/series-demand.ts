import { ATTRIBUTION_ISSUES, ISSUES, JOIN_RESULTS, METRICS, SELF_ERRORS, type MetricKey } from '@modelwatch/semconv';
import type { ResolvedOptions } from '../config/resolve-options.js';
import type { ModelCounts } from '../counts.js';
import { driftLevelsOf } from './drift-levels.js';

/** The most attribute sets one monitor can ever report per instrument: its layout is fixed at start-up. */
export type SeriesDemand = Readonly<Record<MetricKey, number>>;

/**
 * Upper bounds, not current counts: slices and error types fill up as values arrive, and the budget must hold
 * before they do. Typed as every metric key, so a new metric cannot be added without its bound.
 */
export function seriesDemand(counts: ModelCounts, options: ResolvedOptions): SeriesDemand {
  const regression = options.task === 'regression';
  const C = regression ? 1 : counts.classes.size;
  const cells = regression ? 0 : C * C;
  const f = counts.features;
  const bins = f.counts.length;
  // With privacy on, every slice can also export its __suppressed__ value.
  const suppressed = options.privacy === null ? 0 : 1;
  const slices = (kind: 'group' | 'segment'): number =>
    counts.attributes.filter((a) => a.kind === kind).reduce((n, a) => n + a.values.slots + suppressed, 0);
  const detectors = counts.detectors.length;
  const sums = regression ? 1 : 0;
  return {
    featureValues: bins,
    featureReferenceShare: bins,
    featureReferenceSize: f.columns.length,
    featureDriftLevel: driftLevelsOf(options.profile, f.columns).length,
    segmentFeatureValues:
      counts.segmentDrift === null
        ? 0
        : counts.segmentDrift.slices.reduce(
            (n, s) => n + (s.slice.values.slots + suppressed) * counts.segmentDrift!.width,
            0
          ),
    // Every issue of every profile column, and unknown_feature per unknown name (capped) plus their __other__.
    featureIssues: f.columns.length * ISSUES.length + options.attributeValueCap + 1,
    // Attributed features' bins; per feature the sums, count and reference importance; issues per feature + unknown.
    attributionValues: counts.attributions.counts.length,
    attributionReferenceShare: counts.attributions.counts.length,
    attributionAbsoluteSum: counts.attributions.size,
    attributionCount: counts.attributions.size,
    attributionReferenceImportance: counts.attributions.size,
    attributionIssues: counts.attributions.size === 0 ? 0 : (counts.attributions.size + 1) * ATTRIBUTION_ISSUES.length,
    predictions: C,
    predictionReferenceShare: regression ? 0 : C,
    segmentPredictions: slices('segment') * C,
    groupPredictions: slices('group') * C,
    groupScored: options.scoringCut === null ? 0 : slices('group'),
    groupScoredAboveCut: options.scoringCut === null ? 0 : slices('group'),
    errors: counts.errorTypes.slots,
    inferenceDuration: 1,
    outcomes: cells,
    segmentOutcomes: slices('segment') * cells,
    groupOutcomes: slices('group') * cells,
    estimatedOutcomes: counts.classes.binary && !regression ? 4 : 0,
    regressionOutcomes: sums,
    regressionAbsoluteError: sums,
    regressionSquaredError: sums,
    regressionOverPrediction: sums,
    regressionUnderPrediction: sums,
    regressionAbsolutePercentageError: sums,
    outcomeJoins: JOIN_RESULTS.length,
    pendingOutcomes: 1,
    detectorDetections: detectors * 2,
    detectorStatus: detectors,
    selfErrors: SELF_ERRORS.length,
    monitorCardinality: 1,
  };
}

/** The instrument that needs the most series once the demands of every monitor sharing a Meter are added. */
export function busiestInstrument(demands: Iterable<SeriesDemand>): { metric: MetricKey; series: number } {
  const totals = new Map<MetricKey, number>();
  for (const demand of demands) {
    for (const key of Object.keys(demand) as MetricKey[]) totals.set(key, (totals.get(key) ?? 0) + demand[key]);
  }
  let busiest: { metric: MetricKey; series: number } = { metric: 'featureValues', series: 0 };
  for (const [metric, series] of totals) if (series > busiest.series) busiest = { metric, series };
  return busiest;
}

/**
 * The one-line warning for a Meter whose monitors can need more series than the limit: which instrument, how
 * many, what is lost, and the View that fixes it (with a limit that leaves room to grow).
 */
export function overBudgetMessage(
  monitors: number,
  busiest: { metric: MetricKey; series: number },
  limit: number,
  scope: string
): string {
  const raised = Math.ceil((busiest.series * 2) / 1000) * 1000;
  return (
    `modelwatch: the ${monitors} monitor(s) on one Meter can need ${busiest.series} series of ` +
    `${METRICS[busiest.metric].name}, above the cardinality limit of ${limit} per instrument: the SDK folds the ` +
    `rest into otel_metric_overflow and their counts are lost. Raise the limit with a View on the MeterProvider, ` +
    `new MeterProvider({ readers, views: [{ meterName: '${scope}', aggregationCardinalityLimit: ${raised} }] }), ` +
    `and pass cardinalityLimit: ${raised} to every ModelMonitor (see "Many models on one provider" in the ` +
    `@modelwatch/otel README; exported as ${METRICS.monitorCardinality.name}; reported once)`
  );
}
