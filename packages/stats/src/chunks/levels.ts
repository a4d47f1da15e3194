import type { ColumnChunkStatistics, ReferenceChunks } from '../profile/types.js';

/** NannyML's StandardDeviationThreshold multiplier: a level is the chunks' mean + 3 standard deviations. */
export const DEFAULT_STD_MULTIPLIER = 3;

/** A level learned from a statistic over reference chunks. */
export interface ChunkLevel {
  /** Chunks with a value (a chunk without values of the column has none). */
  chunks: number;
  mean: number;
  /** Population standard deviation (ddof = 0, as NannyML's np.std). */
  std: number;
  /** mean + multiplier · std: values at or above it are unusual for the reference. */
  level: number;
}

/**
 * The upper level of a distance over reference chunks. Distances are ≥ 0 and only large values mean drift, so
 * only the upper side is kept (NannyML's lower level of a distance is clipped to 0 and never fires). Null with
 * fewer than two values.
 */
export function chunkLevel(
  values: readonly (number | null)[],
  multiplier: number = DEFAULT_STD_MULTIPLIER
): ChunkLevel | null {
  if (!(multiplier >= 0) || !Number.isFinite(multiplier))
    throw new RangeError(`the multiplier must be a finite number >= 0, got ${multiplier}`);
  const xs = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (xs.length < 2) return null;
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  const std = Math.sqrt(ss / xs.length);
  return { chunks: xs.length, mean, std, level: mean + multiplier * std };
}

/** Every column's learned level per statistic of one view ('rules' or 'check') of a profile's chunks. */
export function learnedLevels<V extends 'rules' | 'check'>(
  chunks: ReferenceChunks,
  view: V,
  multiplier: number = DEFAULT_STD_MULTIPLIER
): Record<string, Partial<Record<keyof ColumnChunkStatistics[V], ChunkLevel>>> {
  const out = Object.create(null) as Record<string, Partial<Record<keyof ColumnChunkStatistics[V], ChunkLevel>>>;
  for (const [name, column] of Object.entries(chunks.columns)) {
    const levels: Partial<Record<string, ChunkLevel>> = {};
    for (const [key, values] of Object.entries(column[view] as Record<string, (number | null)[] | undefined>)) {
      const level = values ? chunkLevel(values, multiplier) : null;
      if (level) levels[key] = level;
    }
    out[name] = levels as Partial<Record<keyof ColumnChunkStatistics[V], ChunkLevel>>;
  }
  return out;
}
