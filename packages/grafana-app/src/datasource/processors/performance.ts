import type { DataFrame } from '@grafana/data';
import { rates, type ConfusionCounts } from '@modelwatch/stats';
import { FRAME_KIND, type PerformanceMeta } from '../../shared/frames';
import type { PerformanceOptions } from '../options/resolve';
import type { Labels, PromMatrix } from '../prometheus/api';
import type { PerformanceMetric } from '../types';
import { binaryClasses, classesSeen, type BinaryClasses } from './classes';
import { modelTitle, timeSeriesFrame } from './frames';
import { compareNatural, groupBy, seriesOf, timestampsOf, type Series } from './samples';

const VERSION = ['model_name', 'model_version'] as const;

export interface PerformanceInput {
  /** Confusion cells of labelled predictions over the window, by prediction_class and actual_class. */
  realized: PromMatrix;
  /** Expected cells from scores (CBPE); absent when the query is split by segment. */
  estimated?: PromMatrix;
}

/**
 * The four cells of a binary model at one step, or null when one of them has no series: the performance
 * rules divide sums of the four cells, and PromQL yields nothing when one side of an operation is missing.
 */
export function binaryCellsAt(series: readonly Series[], t: number, classes: BinaryClasses): ConfusionCounts | null {
  const cell = (predicted: string, actual: string): number | undefined => {
    let sum: number | undefined;
    for (const s of series) {
      if (s.labels.prediction_class === predicted && s.labels.actual_class === actual) {
        const v = s.points.get(t);
        if (v !== undefined) {
          sum = (sum ?? 0) + v;
        }
      }
    }
    return sum;
  };
  const { positive: P, negative: N } = classes;
  const tp = cell(P, P);
  const fp = cell(P, N);
  const fn = cell(N, P);
  const tn = cell(N, N);
  if (tp === undefined || fp === undefined || fn === undefined || tn === undefined) {
    return null;
  }
  return { tp, fp, fn, tn };
}

/** A metric of the confusion cells with the formulas of @modelwatch/stats (NaN for an empty denominator). */
export function metricOf(metric: PerformanceMetric, cells: ConfusionCounts | null): number {
  if (cells === null || ![cells.tp, cells.fp, cells.fn, cells.tn].every((c) => c >= 0 && Number.isFinite(c))) {
    return Number.NaN;
  }
  return rates(cells)[metric];
}

/** Realized and estimated performance over time: one frame per model version, source and metric. */
export function performanceFrames(o: PerformanceOptions, input: PerformanceInput): DataFrame[] {
  const sources: Array<['realized' | 'estimated', Series[]]> = [['realized', seriesOf(input.realized)]];
  if (input.estimated) {
    sources.push(['estimated', seriesOf(input.estimated)]);
  }
  const classes = binaryClasses(o.classes, classesSeen(sources.flatMap(([, s]) => s.map((x) => x.labels))), o.model);
  if (classes === null) {
    return [];
  }
  const frames: DataFrame[] = [];
  for (const [source, series] of sources) {
    const versions = [...groupBy(series, VERSION)].sort(([a], [b]) => compareNatural(a, b));
    for (const [, cells] of versions) {
      const times = timestampsOf(cells);
      const at = times.map((t) => binaryCellsAt(cells, t, classes));
      const base: Labels = {
        model_name: cells[0]!.labels.model_name ?? '',
        model_version: cells[0]!.labels.model_version ?? '',
      };
      if (o.segment) {
        base.segment_name = o.segment.name;
        base.segment_value = o.segment.value;
      }
      for (const metric of o.metrics) {
        const meta: PerformanceMeta = {
          kind: FRAME_KIND.performance,
          metric,
          source,
          window: o.window,
          classes,
          levels: o.levels,
        };
        const labels = { ...base, metric, source };
        const frame = timeSeriesFrame(
          `${metric} ${source} ${modelTitle(base)}`,
          times,
          at.map((c) => metricOf(metric, c)),
          labels,
          meta
        );
        if (o.segment && source === 'realized') {
          frame.meta = {
            ...frame.meta,
            notices: [
              {
                severity: 'info',
                text: 'Estimated (CBPE) performance is not recorded per segment; only realized performance is shown.',
              },
            ],
          };
        }
        frames.push(frame);
      }
    }
  }
  return frames;
}
