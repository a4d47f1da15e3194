import type { DataFrame } from '@grafana/data';
import { importanceNdcg } from '@modelwatch/stats';
import { LABEL, MODEL_LABELS } from '@modelwatch/semconv';
import { FRAME_KIND, type AttributionMeta } from '../../shared/frames';
import type { AttributionOptions } from '../options/resolve';
import { parseValue, type PromMatrix, type PromVector } from '../prometheus/api';
import { modelTitle, timeSeriesFrame } from './frames';
import { compareNatural, keyOf, seriesOf } from './samples';

export interface AttributionInput {
  /** Σ|attribution| per model version and feature over the window. */
  absoluteSums: PromMatrix;
  /** Attributions counted per model version and feature over the window. */
  counts: PromMatrix;
  /** Reference importance per model version and feature, at the range end. */
  reference: PromVector;
}

interface VersionSeries {
  labels: Record<string, string>;
  /** feature → reference importance. */
  reference: Map<string, number>;
  /** feature → time → [Σ|a|, count]. */
  live: Map<string, Map<number, [number, number]>>;
}

/**
 * Explanation drift over time, per model version: the nDCG of the live importance ranking against the reference
 * (features with no attribution in the window rank last, at importance 0; no value while none has any), or the live
 * importance per feature. Importance is Σ|a| / count after the replicas' sums and counts were added in PromQL.
 */
export function attributionFrames(o: AttributionOptions, input: AttributionInput): DataFrame[] {
  const versions = new Map<string, VersionSeries>();
  const versionOf = (labels: Record<string, string>): VersionSeries => {
    const key = keyOf(labels, MODEL_LABELS);
    let v = versions.get(key);
    if (v === undefined) {
      const own: Record<string, string> = {};
      for (const l of MODEL_LABELS) {
        if (labels[l] !== undefined) {
          own[l] = labels[l]!;
        }
      }
      v = { labels: own, reference: new Map(), live: new Map() };
      versions.set(key, v);
    }
    return v;
  };
  for (const r of input.reference.result) {
    const value = parseValue(r.value[1]);
    if (Number.isFinite(value)) {
      versionOf(r.metric).reference.set(r.metric[LABEL.feature] ?? '', value);
    }
  }
  const add = (matrix: PromMatrix, part: 0 | 1): void => {
    for (const s of seriesOf(matrix)) {
      const v = versionOf(s.labels);
      const feature = s.labels[LABEL.feature] ?? '';
      const points = v.live.get(feature) ?? new Map<number, [number, number]>();
      for (const [t, x] of s.points) {
        const pair = points.get(t) ?? [0, 0];
        pair[part] += x;
        points.set(t, pair);
      }
      v.live.set(feature, points);
    }
  };
  add(input.absoluteSums, 0);
  add(input.counts, 1);

  const frames: DataFrame[] = [];
  for (const [, v] of [...versions].sort(([a], [b]) => compareNatural(a, b))) {
    const features = [...v.reference.keys()].sort(compareNatural);
    if (features.length === 0) {
      continue;
    }
    const times = [...new Set([...v.live.values()].flatMap((p) => [...p.keys()]))].sort((a, b) => a - b);
    const importanceAt = (feature: string, t: number): number => {
      const pair = v.live.get(feature)?.get(t);
      return pair === undefined || !(pair[1] > 0) ? Number.NaN : pair[0] / pair[1];
    };
    if (o.statistic === 'importance') {
      for (const feature of features) {
        const meta: AttributionMeta = {
          kind: FRAME_KIND.attributions,
          statistic: 'importance',
          window: o.window,
          feature,
          referenceImportance: v.reference.get(feature)!,
          levels: o.levels,
        };
        frames.push(
          timeSeriesFrame(
            `${feature} importance ${modelTitle(v.labels)}`,
            times,
            times.map((t) => importanceAt(feature, t)),
            { ...v.labels, [LABEL.feature]: feature },
            meta
          )
        );
      }
      continue;
    }
    const reference = features.map((f) => v.reference.get(f)!);
    const values = times.map((t) => {
      const current = features.map((f) => importanceAt(f, t));
      if (current.every((x) => Number.isNaN(x))) {
        return Number.NaN;
      }
      return (
        importanceNdcg(
          reference,
          current.map((x) => (Number.isNaN(x) ? 0 : x))
        ) ?? Number.NaN
      );
    });
    const meta: AttributionMeta = {
      kind: FRAME_KIND.attributions,
      statistic: 'ndcg',
      window: o.window,
      feature: '',
      levels: o.levels,
    };
    frames.push(timeSeriesFrame(`importance nDCG ${modelTitle(v.labels)}`, times, values, v.labels, meta));
  }
  return frames;
}
