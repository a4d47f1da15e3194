import { FieldType, type DataFrame } from '@grafana/data';
import { BIN, LABEL, MODEL_LABELS } from '@modelwatch/semconv';
import { FRAME_KIND, type DriftBinsMeta, type DriftMeta } from '../../shared/frames';
import { ModelwatchError } from '../errors';
import type { DriftOptions } from '../options/resolve';
import type { Labels, PromMatrix, PromVector } from '../prometheus/api';
import { driftStatistic, isCategorical, type Bins } from './drift-statistic';
import { modelTitle, tableFrame, timeSeriesFrame } from './frames';
import {
  addTo,
  compareNatural,
  groupBy,
  keyOf,
  samplesOf,
  seriesOf,
  timestampsOf,
  type Sample,
  type Series,
} from './samples';

/** One drift value per model version and feature. */
const FEATURE = [...MODEL_LABELS, LABEL.feature] as const;
/** …and per segment value, for drift per segment. */
const SEGMENT_FEATURE = [...MODEL_LABELS, LABEL.segmentName, LABEL.segmentValue, LABEL.feature] as const;

/**
 * The labels that make one drift value, and those its baseline is found by: the reference has no segments, so a
 * segment value's counts meet the reference shares of their feature; last week's counts are the same segment value's.
 */
function keysOf(o: DriftOptions): { current: readonly string[]; baseline: readonly string[] } {
  if (o.segmentName === undefined) {
    return { current: FEATURE, baseline: FEATURE };
  }
  return { current: SEGMENT_FEATURE, baseline: o.baseline === 'lastWeek' ? SEGMENT_FEATURE : FEATURE };
}

/** The segment a frame's counts belong to, for its meta; absent for the aggregate. */
function segmentOf(labels: Labels): { name: string; value: string } | undefined {
  const name = labels[LABEL.segmentName];
  return name === undefined ? undefined : { name, value: labels[LABEL.segmentValue] ?? '' };
}

/** `income channel=web credit 1.0`: the feature, its segment value if any, and the model. */
function frameName(labels: Labels): string {
  const segment = segmentOf(labels);
  const where = segment === undefined ? '' : ` ${segment.name}=${segment.value}`;
  return `${labels[LABEL.feature]}${where} ${modelTitle(labels)}`;
}

/** The series of both sides for the range queries: bin counts now, and the reference shares or earlier counts. */
export interface DriftRangeInput {
  counts: PromMatrix;
  baseline: PromMatrix;
}

export interface DriftInstantInput {
  counts: PromVector;
  baseline: PromVector;
}

function featureLabels(labels: Labels): Labels {
  const out: Labels = {};
  for (const name of [...SEGMENT_FEATURE, LABEL.featureRole]) {
    if (labels[name] !== undefined) {
      out[name] = labels[name]!;
    }
  }
  return out;
}

function binsAt(series: readonly Series[], t: number): Map<string, number> {
  const bins = new Map<string, number>();
  for (const s of series) {
    const v = s.points.get(t);
    if (v !== undefined) {
      addTo(bins, s.labels[LABEL.bin] ?? '', v);
    }
  }
  return bins;
}

/** The bins a feature's series have, whatever their values. */
function binLabels(series: readonly Series[]): Bins {
  return new Map(series.map((s) => [s.labels[LABEL.bin] ?? '', 0]));
}

function binsOf(samples: readonly Sample[]): Map<string, number> {
  const bins = new Map<string, number>();
  for (const s of samples) {
    addTo(bins, s.labels[LABEL.bin] ?? '', s.value);
  }
  return bins;
}

function byFeature<T extends { labels: Labels }>(items: readonly T[], names: readonly string[]): Array<[string, T[]]> {
  return [...groupBy(items, names)].sort(([a], [b]) => compareNatural(a, b));
}

function notNumeric(o: DriftOptions, feature: string): ModelwatchError {
  return new ModelwatchError(
    `statistic: ks compares cumulative shares of ordered bins; '${feature}' of ${o.model} is categorical: use psi, jensenShannon or chiSquare`
  );
}

/**
 * Drift over time: at every step, the statistic between the window's bin counts and the baseline at that
 * step, one frame per model version and feature. KS skips categorical features, as the KS rule does.
 */
export function driftSeriesFrames(o: DriftOptions, input: DriftRangeInput): DataFrame[] {
  const keys = keysOf(o);
  const baseline = groupBy(seriesOf(input.baseline), keys.baseline);
  const frames: DataFrame[] = [];
  for (const [, current] of byFeature(seriesOf(input.counts), keys.current)) {
    const earlier = baseline.get(keyOf(current[0]!.labels, keys.baseline)) ?? [];
    const labels = featureLabels(current[0]!.labels);
    const times = timestampsOf(current);
    if (o.statistic === 'ks' && isCategorical(binLabels(current), binLabels(earlier))) {
      if (o.feature !== undefined) {
        throw notNumeric(o, labels[LABEL.feature] ?? '');
      }
      continue;
    }
    const values = times.map((t) =>
      driftStatistic(o.statistic, binsAt(current, t), binsAt(earlier, t), o.baseline === 'lastWeek')
    );
    const meta: DriftMeta = {
      kind: FRAME_KIND.drift,
      statistic: o.statistic,
      window: o.window,
      baseline: o.baseline,
      feature: labels[LABEL.feature] ?? '',
      segment: segmentOf(labels),
      levels: o.levels,
    };
    frames.push(timeSeriesFrame(frameName(labels), times, values, labels, meta));
  }
  return frames;
}

/** Numeric bins in order; categories by reference share (largest first), `__other__` and `__missing__` last. */
function binOrder(current: Bins, baseline: Bins): string[] {
  const bins = [...new Set([...baseline.keys(), ...current.keys()])];
  if (!isCategorical(current, baseline)) {
    return bins.sort(compareNatural);
  }
  const last = (bin: string): number => (bin === BIN.missing ? 2 : bin === BIN.other ? 1 : 0);
  return bins.sort(
    (a, b) => last(a) - last(b) || (baseline.get(b) ?? 0) - (baseline.get(a) ?? 0) || compareNatural(a, b)
  );
}

function shares(bins: Bins, order: readonly string[]): number[] {
  let total = 0;
  for (const v of bins.values()) {
    total += v;
  }
  return order.map((bin) => (bins.has(bin) ? bins.get(bin)! / total : total > 0 ? 0 : Number.NaN));
}

/**
 * The bins of each feature over the window ending at the query time: reference (or last week's) shares and
 * current shares side by side, with the statistic over them in the meta. One frame per model version and feature.
 */
export function driftBinsFrames(o: DriftOptions, input: DriftInstantInput): DataFrame[] {
  const keys = keysOf(o);
  const baseline = groupBy(samplesOf(input.baseline), keys.baseline);
  const frames: DataFrame[] = [];
  for (const [, samples] of byFeature(samplesOf(input.counts), keys.current)) {
    const labels = featureLabels(samples[0]!.labels);
    const current = binsOf(samples);
    const earlier = binsOf(baseline.get(keyOf(samples[0]!.labels, keys.baseline)) ?? []);
    if (o.statistic === 'ks' && o.feature !== undefined && isCategorical(current, earlier)) {
      throw notNumeric(o, labels[LABEL.feature] ?? '');
    }
    const order = binOrder(current, earlier);
    const reference =
      o.baseline === 'lastWeek' ? shares(earlier, order) : order.map((bin) => earlier.get(bin) ?? Number.NaN);
    let count = 0;
    for (const v of current.values()) {
      count += v;
    }
    const meta: DriftBinsMeta = {
      kind: FRAME_KIND.driftBins,
      feature: labels[LABEL.feature] ?? '',
      segment: segmentOf(labels),
      statistic: o.statistic,
      window: o.window,
      baseline: o.baseline,
      value: driftStatistic(o.statistic, current, earlier, o.baseline === 'lastWeek'),
      count,
      levels: o.levels,
      model: labels[LABEL.modelName],
      version: labels[LABEL.modelVersion],
    };
    frames.push(
      tableFrame(
        frameName(labels),
        [
          { name: 'bin', type: FieldType.string, values: order },
          { name: 'reference', type: FieldType.number, values: reference },
          { name: 'current', type: FieldType.number, values: shares(current, order) },
        ],
        meta
      )
    );
  }
  return frames;
}
