import type { DataFrame } from '@grafana/data';
import { ISSUE_LABELS } from '@modelwatch/promql';
import { LABEL, MODEL_LABELS } from '@modelwatch/semconv';
import { FRAME_KIND, type QualityMeta } from '../../shared/frames';
import { QUALITY_LEVELS } from '../defaults';
import type { QualityOptions } from '../options/resolve';
import type { PromMatrix } from '../prometheus/api';
import { modelTitle, timeSeriesFrame } from './frames';
import { compareNatural, groupBy, keyOf, seriesOf, timestampsOf } from './samples';

export interface QualityInput {
  /** Issues per feature and issue over the window. */
  issues: PromMatrix;
  /** Predictions per model version over the window. */
  predictions: PromMatrix;
}

/**
 * Issue rates over time (issues per prediction, as the data-quality rule records them): one frame per model
 * version, feature and issue. Division follows PromQL: 0/0 is NaN, issues without predictions +Inf.
 */
export function qualityFrames(o: QualityOptions, input: QualityInput): DataFrame[] {
  const predictions = new Map<string, Map<number, number>>();
  for (const s of seriesOf(input.predictions)) {
    const key = keyOf(s.labels, MODEL_LABELS);
    const points = predictions.get(key) ?? new Map<number, number>();
    for (const [t, v] of s.points) {
      points.set(t, (points.get(t) ?? 0) + v);
    }
    predictions.set(key, points);
  }
  const frames: DataFrame[] = [];
  const issues = [...groupBy(seriesOf(input.issues), ISSUE_LABELS)].sort(([a], [b]) => compareNatural(a, b));
  for (const [, series] of issues) {
    const labels = { ...series[0]!.labels };
    const perPrediction = predictions.get(keyOf(labels, MODEL_LABELS)) ?? new Map<number, number>();
    const times = timestampsOf(series);
    const values = times.map((t) => {
      const n = perPrediction.get(t);
      let issuesAt = 0;
      for (const s of series) {
        issuesAt += s.points.get(t) ?? 0;
      }
      return n === undefined ? Number.NaN : issuesAt / n;
    });
    const issue = labels[LABEL.issue] ?? '';
    const meta: QualityMeta = {
      kind: FRAME_KIND.quality,
      feature: labels[LABEL.feature] ?? '',
      issue,
      window: o.window,
      levels: o.levels ?? QUALITY_LEVELS[issue] ?? {},
    };
    frames.push(
      timeSeriesFrame(`${labels[LABEL.feature]} ${issue} ${modelTitle(labels)}`, times, values, labels, meta)
    );
  }
  return frames;
}
