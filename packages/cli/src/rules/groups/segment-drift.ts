import { ALERT, BASELINE, LABEL, RECORD, RECORDED_DRIFT, labelTemplate } from '@modelwatch/semconv';
import {
  SEGMENT_FEATURE_LABELS,
  jensenShannon,
  psi,
  segmentBinCounts,
  segmentBinShares,
  segmentFeatureCount,
  segmentReferenceShares,
} from '@modelwatch/promql';
import { bands, num } from '../bands.js';
import { MODEL_VERSION_TEMPLATE, type ModelRules } from '../model-rules.js';
import type { Rule, RuleGroup } from '../rule-types.js';

/** The statistics recorded and alerted per segment value: the two that read every bin's share on one scale. */
const SEGMENT_STATISTICS = [
  { key: 'psi', record: RECORD.segmentPsi, alert: ALERT.segmentDriftPsi },
  { key: 'jensenShannon', record: RECORD.segmentJensenShannon, alert: ALERT.segmentDriftJensenShannon },
] as const;

/**
 * Drift per segment value (`drift.segments`): the aggregate's statistics over each value's own bin shares, against
 * the whole reference (the reference profile has no segments), with the aggregate's levels, `for` and minimum
 * samples, now counted per segment value. Reads the reference shares the drift group records.
 */
export function segmentDriftGroup(m: ModelRules): RuleGroup | null {
  const d = m.model.drift;
  if (!d?.segments) return null;
  const w = d.window;
  const counts = m.sel(RECORD.segmentBinCount(w));
  const current = m.sel(RECORD.segmentBinShare(w));
  const reference = m.sel(RECORD.segmentReferenceShare(w));
  const rules: Rule[] = [
    { record: RECORD.segmentBinCount(w), expr: segmentBinCounts(m.scope, w, d.segments) },
    { record: RECORD.segmentBinShare(w), expr: segmentBinShares(counts) },
    { record: RECORD.segmentFeatureCount(w), expr: segmentFeatureCount(counts) },
    { record: RECORD.segmentReferenceShare(w), expr: segmentReferenceShares(current, m.sel(RECORD.referenceShare)) },
  ];
  const labels = { [LABEL.baseline]: BASELINE.reference };
  rules.push({ record: RECORD.segmentPsi(w), expr: psi(current, reference, SEGMENT_FEATURE_LABELS), labels });
  rules.push({
    record: RECORD.segmentJensenShannon(w),
    expr: jensenShannon(current, reference, SEGMENT_FEATURE_LABELS),
    labels,
  });
  rules.push(...segmentDriftAlerts(m));
  return m.group('segment-drift', rules);
}

function segmentDriftAlerts(m: ModelRules): Rule[] {
  const d = m.model.drift!;
  const w = d.window;
  const minSamples = d.segmentMinSamples ?? d.minSamples;
  const enough = `and on (${SEGMENT_FEATURE_LABELS.join(', ')}) ${m.sel(RECORD.segmentFeatureCount(w))} >= ${minSamples}`;
  const feature = labelTemplate(LABEL.feature);
  const segment = `${labelTemplate(LABEL.segmentName)}=${labelTemplate(LABEL.segmentValue)}`;
  const rules: Rule[] = [];
  for (const s of SEGMENT_STATISTICS) {
    const spec = RECORDED_DRIFT[s.key];
    for (const band of bands(d[s.key], spec.direction)) {
      rules.push(
        m.alert({
          name: s.alert,
          expr: `${m.sel(s.record(w), { [LABEL.baseline]: BASELINE.reference })} ${band.condition} ${enough}`,
          for: d.for,
          severity: band.severity,
          summary: `${feature} of ${MODEL_VERSION_TEMPLATE} drifted from the reference in segment ${segment}`,
          description: `${spec.displayName} of feature ${feature} over ${w} among predictions with ${segment} is {{ $value | printf "%.4g" }} (${band.severity} at ${num(band.threshold)}), against the reference.`,
          distinct: { [LABEL.statistic]: spec.label, [LABEL.baseline]: BASELINE.reference },
        })
      );
    }
  }
  return rules;
}
