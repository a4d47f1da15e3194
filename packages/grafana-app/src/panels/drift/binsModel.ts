import type { DataFrame } from '@grafana/data';
import { FRAME_KIND, framesOfKind, metaOf, type DriftBinsMeta } from '../../shared/frames';
import { numberOrNull, stringOf, valuesOf } from '../common/frameFields';
import { levelOf, type Level, type Thresholds } from '../common/levels';
import { resolveThresholds } from './heatmapModel';
import type { DriftOptions } from './options';
import { identityOf, type SeriesIdentity } from './seriesIdentity';
import { statisticName } from './statistics';

export interface DriftBin {
  label: string;
  /** Shares in 0..1; null when the frame has no number for the bin. */
  reference: number | null;
  current: number | null;
}

export interface DriftBinsModel {
  identity: SeriesIdentity;
  statistic: string;
  /** The statistic over these bins; null when not computable. */
  value: number | null;
  level: Level;
  thresholds: Thresholds;
  /** Values counted in the window. */
  count: number | null;
  window: string;
  bins: DriftBin[];
  /** The largest share on either side, so both bars of every bin use one scale. */
  maxShare: number;
}

/**
 * How well a bins frame fits the selected series: it must be the same feature and must not contradict any
 * dimension both know; the frame that agrees on the most dimensions wins.
 */
function agreement(candidate: SeriesIdentity, wanted: SeriesIdentity): number {
  // The aggregate ('' segment) and each segment value are different series of the same feature.
  if (candidate.feature !== wanted.feature || candidate.segment !== wanted.segment) {
    return -1;
  }
  let score = 0;
  for (const key of ['model', 'version', 'statistic', 'baseline'] as const) {
    if (candidate[key] && wanted[key]) {
      if (candidate[key] !== wanted[key]) {
        return -1;
      }
      score++;
    }
  }
  return score;
}

/**
 * Numeric features come in equal-probability bins of the reference, numbered 0 … B−1: bin j holds the reference's
 * values between its j/B and (j+1)/B quantiles, so it is named by that percentile range ("0–10%"). Categorical
 * bins keep their category names.
 */
export function binLabel(bin: string, all: string[]): string {
  if (!all.every((b) => /^[0-9]+$/.test(b))) {
    return bin;
  }
  const count = Math.max(...all.map(Number)) + 1;
  const j = Number(bin);
  const percent = (x: number) => String(Number(((x * 100) / count).toPrecision(4)));
  return `${percent(j)}–${percent(j + 1)}%`;
}

/** The `modelwatch.drift.bins` frame of the selected series → its bins side by side; undefined if none matches. */
export function toDriftBins(
  frames: DataFrame[],
  wanted: SeriesIdentity,
  options: DriftOptions,
  statisticLabel = ''
): DriftBinsModel | undefined {
  let best: DataFrame | undefined;
  let bestScore = -1;
  for (const frame of framesOfKind(frames, FRAME_KIND.driftBins)) {
    const score = agreement(identityOf(frame), wanted);
    if (score > bestScore) {
      best = frame;
      bestScore = score;
    }
  }
  if (!best) {
    return undefined;
  }
  const meta = metaOf<DriftBinsMeta>(best);
  const labels = valuesOf(best, 'bin') ?? [];
  const reference = valuesOf(best, 'reference') ?? [];
  const current = valuesOf(best, 'current') ?? [];
  const names = labels.map(stringOf);
  const bins = names.map((name, i) => ({
    label: binLabel(name, names),
    reference: numberOrNull(reference[i]),
    current: numberOrNull(current[i]),
  }));
  const thresholds = resolveThresholds(meta, options);
  const value = numberOrNull(meta.value);
  return {
    identity: identityOf(best),
    statistic: statisticLabel.trim() || statisticName(meta.statistic ?? ''),
    value,
    level: levelOf(value, thresholds, 'above'),
    thresholds,
    count: numberOrNull(meta.count),
    window: meta.window ?? '',
    bins,
    maxShare: Math.max(0, ...bins.flatMap((b) => [b.reference ?? 0, b.current ?? 0])),
  };
}
