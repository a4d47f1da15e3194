import type { DataFrame } from '@grafana/data';
import { LABEL, MODEL_LABELS, REGRESSION_PERFORMANCE } from '@modelwatch/semconv';
import { FRAME_KIND, type RegressionMeta } from '../../shared/frames';
import type { RegressionOptions } from '../options/resolve';
import type { Labels, PromMatrix } from '../prometheus/api';
import type { RegressionMetric } from '../types';
import { modelTitle, timeSeriesFrame } from './frames';
import { compareNatural, keyOf, seriesOf, timestampsOf } from './samples';

/** Each metric's answer, in the order of the query's metrics. */
export type RegressionInput = Array<{ metric: RegressionMetric; data: PromMatrix }>;

/**
 * The metrics over time as Prometheus computed them: one frame per model version and metric. NaN (no outcome in
 * the window) stays NaN.
 */
export function regressionFrames(o: RegressionOptions, input: RegressionInput): DataFrame[] {
  const frames: DataFrame[] = [];
  for (const { metric, data } of input) {
    const spec = REGRESSION_PERFORMANCE[metric];
    const series = seriesOf(data).sort((a, b) =>
      compareNatural(keyOf(a.labels, MODEL_LABELS), keyOf(b.labels, MODEL_LABELS))
    );
    for (const s of series) {
      const labels: Labels = {
        [LABEL.modelName]: s.labels[LABEL.modelName] ?? '',
        [LABEL.modelVersion]: s.labels[LABEL.modelVersion] ?? '',
        [LABEL.metric]: metric,
      };
      const times = timestampsOf([s]);
      const meta: RegressionMeta = { kind: FRAME_KIND.regression, metric, window: o.window, unit: spec.unit };
      frames.push(
        timeSeriesFrame(
          `${spec.displayName} ${modelTitle(labels)}`,
          times,
          times.map((t) => s.points.get(t)!),
          labels,
          meta
        )
      );
    }
  }
  return frames;
}
