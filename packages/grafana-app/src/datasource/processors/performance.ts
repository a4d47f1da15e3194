import type { DataFrame } from '@grafana/data';
import { LABEL, MODEL_LABELS, SOURCE, type SourceValue } from '@modelwatch/semconv';
import { rates, type ConfusionCounts } from '@modelwatch/stats';
import { FRAME_KIND, type PerformanceMeta } from '../../shared/frames';
import type { PerformanceOptions } from '../options/resolve';
import type { Labels, PromMatrix } from '../prometheus/api';
import type { PerformanceMetric } from '../types';
import { binaryClasses, classesSeen, type BinaryClasses } from './classes';
import { modelTitle, timeSeriesFrame } from './frames';
import { compareNatural, groupBy, seriesOf, timestampsOf, type Series } from './samples';

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
      if (s.labels[LABEL.predictionClass] === predicted && s.labels[LABEL.actualClass] === actual) {
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
  const sources: Array<[SourceValue, Series[]]> = [[SOURCE.realized, seriesOf(input.realized)]];
  if (input.estimated) {
    sources.push([SOURCE.estimated, seriesOf(input.estimated)]);
  }
  const classes = binaryClasses(o.classes, classesSeen(sources.flatMap(([, s]) => s.map((x) => x.labels))), o.model);
  if (classes === null) {
    return [];
  }
  const frames: DataFrame[] = [];
  for (const [source, series] of sources) {
    const versions = [...groupBy(series, MODEL_LABELS)].sort(([a], [b]) => compareNatural(a, b));
    for (const [, cells] of versions) {
      const times = timestampsOf(cells);
      const at = times.map((t) => binaryCellsAt(cells, t, classes));
      const base: Labels = {
        [LABEL.modelName]: cells[0]!.labels[LABEL.modelName] ?? '',
        [LABEL.modelVersion]: cells[0]!.labels[LABEL.modelVersion] ?? '',
      };
      if (o.segment) {
        base[LABEL.segmentName] = o.segment.name;
        base[LABEL.segmentValue] = o.segment.value;
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
        const labels = { ...base, [LABEL.metric]: metric, [LABEL.source]: source };
        const frame = timeSeriesFrame(
          `${metric} ${source} ${modelTitle(base)}`,
          times,
          at.map((c) => metricOf(metric, c)),
          labels,
          meta
        );
        if (o.segment && source === SOURCE.realized) {
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
