import { parseValue, toMillis, type Labels, type PromMatrix, type PromVector } from '../prometheus/api';

/** A series of a range query: its labels and its values by timestamp (ms). */
export interface Series {
  labels: Labels;
  points: Map<number, number>;
}

/** An instant sample. */
export interface Sample {
  labels: Labels;
  value: number;
}

export function seriesOf(data: PromMatrix): Series[] {
  return data.result.map((s) => ({
    labels: s.metric,
    points: new Map(s.values.map(([t, v]) => [toMillis(t), parseValue(v)])),
  }));
}

export function samplesOf(data: PromVector): Sample[] {
  return data.result.map((s) => ({ labels: s.metric, value: parseValue(s.value[1]) }));
}

/** A key of the values of some labels (missing labels read as ""), for grouping. */
export function keyOf(labels: Labels, names: readonly string[]): string {
  return JSON.stringify(names.map((n) => labels[n] ?? ''));
}

/** Groups items by the key of their labels, keeping first-seen order. */
export function groupBy<T extends { labels: Labels }>(items: readonly T[], names: readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item.labels, names);
    const list = groups.get(key);
    if (list) {
      list.push(item);
    } else {
      groups.set(key, [item]);
    }
  }
  return groups;
}

/** Sorted union of the timestamps of some series. */
export function timestampsOf(series: Iterable<Series>): number[] {
  const all = new Set<number>();
  for (const s of series) {
    for (const t of s.points.keys()) {
      all.add(t);
    }
  }
  return [...all].sort((a, b) => a - b);
}

/** Adds values into a map (replicas or label sets that the query did not aggregate away). */
export function addTo(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** Compares label values for a stable, readable order (numeric where both are numbers). */
export function compareNatural(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) {
    return x - y;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
