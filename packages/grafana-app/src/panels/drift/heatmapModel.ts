import type { DataFrame } from '@grafana/data';
import { FRAME_KIND, framesOfKind, metaOf, type DriftMeta } from '../../shared/frames';
import { numberOrNull, valuesOf } from '../common/frameFields';
import {
  hasThresholds,
  levelOf,
  sameThresholds,
  thresholdsFromLevels,
  type Level,
  type Thresholds,
} from '../common/levels';
import type { DriftOptions } from './options';
import { distinguishingDimensions, identityOf, keyOf, tagsOf, type SeriesIdentity } from './seriesIdentity';
import { statisticName } from './statistics';

/** One column of the heatmap: one time point, or consecutive points merged when the panel is too narrow. */
export interface DriftColumn {
  start: number;
  end: number;
  /** Time points merged into this column. */
  points: number;
}

export interface DriftCell {
  /** The largest value among the merged points (the worst drift in the column); null without a value. */
  value: number | null;
  level: Level;
  /** Values merged into this cell. */
  points: number;
}

export interface DriftRow {
  /** Unique and stable: the feature, then model / version / statistic / baseline when those differ between rows. */
  key: string;
  identity: SeriesIdentity;
  /** Extra names shown after the feature, e.g. ["v2"]; empty with a single model version. */
  tags: string[];
  /** Display name of this row's statistic (the panel's label when set). */
  statistic: string;
  thresholds: Thresholds;
  cells: DriftCell[];
  /** The most recent value (not merged) and its level. */
  latest: number | null;
  latestLevel: Level;
}

export interface DriftHeatmapModel {
  /** Display name of the statistic ("PSI"), the panel's label when set, "Drift" when the rows mix statistics. */
  statistic: string;
  columns: DriftColumn[];
  rows: DriftRow[];
  /** The thresholds every row shares; undefined when rows use different levels (then each tooltip names its own). */
  thresholds?: Thresholds;
}

interface Series {
  identity: SeriesIdentity;
  thresholds: Thresholds;
  points: Map<number, number | null>;
}

/** The frame's levels when it carries any and the panel asks for them, the panel's otherwise. */
export function resolveThresholds(
  meta: { levels?: DriftMeta['levels'] } | undefined,
  options: DriftOptions
): Thresholds {
  const fromFrame = thresholdsFromLevels(meta?.levels);
  if (options.thresholds.source === 'frame' && hasThresholds(fromFrame)) {
    return fromFrame;
  }
  return { warning: options.thresholds.warning, critical: options.thresholds.critical };
}

function seriesOf(frame: DataFrame, options: DriftOptions): Series {
  const times = valuesOf(frame, 'time') ?? [];
  const values = valuesOf(frame, 'value') ?? [];
  const points = new Map<number, number | null>();
  times.forEach((t, i) => {
    const time = typeof t === 'number' ? t : Number(new Date(t as string));
    if (Number.isFinite(time)) {
      points.set(time, numberOrNull(values[i]));
    }
  });
  return { identity: identityOf(frame), thresholds: resolveThresholds(metaOf<DriftMeta>(frame), options), points };
}

/** Consecutive time points in groups of equal size, so each column spans the same number of steps. */
function columnsOf(times: number[], maxColumns: number): number[][] {
  const perColumn = Math.max(1, Math.ceil(times.length / Math.max(1, maxColumns)));
  const groups: number[][] = [];
  for (let i = 0; i < times.length; i += perColumn) {
    groups.push(times.slice(i, i + perColumn));
  }
  return groups;
}

function cellOf(series: Series, times: number[]): DriftCell {
  const values = times.map((t) => series.points.get(t)).filter((v): v is number => v !== undefined && v !== null);
  const value = values.length ? Math.max(...values) : null;
  return { value, level: levelOf(value, series.thresholds, 'above'), points: values.length };
}

function latestOf(series: Series): number | null {
  const times = [...series.points.keys()].sort((a, b) => b - a);
  for (const t of times) {
    const v = series.points.get(t);
    if (v !== null && v !== undefined) {
      return v;
    }
  }
  return null;
}

function compareRows(sortBy: DriftOptions['sortBy']) {
  return (a: DriftRow, b: DriftRow): number => {
    if (sortBy === 'latest' && a.latest !== b.latest) {
      // Highest drift first; rows without a value last.
      return (b.latest ?? -Infinity) - (a.latest ?? -Infinity);
    }
    return a.key.localeCompare(b.key);
  };
}

function statisticLabel(series: Series[], options: DriftOptions): string {
  if (options.statisticLabel.trim()) {
    return options.statisticLabel.trim();
  }
  const statistics = new Set(series.map((s) => s.identity.statistic));
  return statistics.size === 1 ? statisticName([...statistics][0]!) : 'Drift';
}

/**
 * Frames of kind `modelwatch.drift` (one per feature and version) → a features × time grid coloured by level.
 * `maxColumns` is how many columns fit the panel; more time points than that are merged, keeping the maximum.
 */
export function toDriftHeatmap(frames: DataFrame[], options: DriftOptions, maxColumns: number): DriftHeatmapModel {
  const series = framesOfKind(frames, FRAME_KIND.drift).map((frame) => seriesOf(frame, options));
  const times = [...new Set(series.flatMap((s) => [...s.points.keys()]))].sort((a, b) => a - b);
  const groups = columnsOf(times, maxColumns);
  const dimensions = distinguishingDimensions(series.map((s) => s.identity));

  const used = new Map<string, number>();
  const rows = series.map((s): DriftRow => {
    const base = keyOf(s.identity, dimensions);
    // Two queries for the same series would collide; number the repeats instead of merging them silently.
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    const latest = latestOf(s);
    return {
      key: seen ? `${base}#${seen + 1}` : base,
      identity: s.identity,
      tags: tagsOf(s.identity, dimensions),
      statistic: options.statisticLabel.trim() || statisticName(s.identity.statistic),
      thresholds: s.thresholds,
      cells: groups.map((g) => cellOf(s, g)),
      latest,
      latestLevel: levelOf(latest, s.thresholds, 'above'),
    };
  });
  rows.sort(compareRows(options.sortBy));

  const first = rows[0]?.thresholds;
  const shared = first && rows.every((r) => sameThresholds(r.thresholds, first)) ? first : undefined;
  return {
    statistic: statisticLabel(series, options),
    columns: groups.map((g) => ({ start: g[0]!, end: g[g.length - 1]!, points: g.length })),
    rows,
    ...(shared ? { thresholds: shared } : {}),
  };
}
