import { RECORDED_DRIFT, REFERENCE_CHUNK_LEVELS, type RecordedDriftStatistic } from '@modelwatch/semconv';
import { chunkLevel, type ReferenceProfile, type RulesChunkStatistic } from '@modelwatch/stats';
import type { TrackedColumn } from '../features/feature-set.js';

/** One learned level as exported: the column, the statistic's label value and the level. */
export interface DriftLevel {
  column: TrackedColumn;
  statistic: string;
  level: number;
}

/** Statistics the rules compute from bins that a chunked profile carries, with their `drift.statistic` values. */
const LEVELLED: readonly (RulesChunkStatistic & RecordedDriftStatistic)[] = ['psi', 'jensenShannon', 'ks'];

/** The most levels one tracked column can export (the bound of the series budget). */
export const LEVELS_PER_COLUMN = LEVELLED.length;

/**
 * Levels learned from the profile's reference chunks, fixed at start-up: the generated rules compare the recorded
 * statistics with these gauges (drift.thresholds: reference-chunks), so the levels follow the profile that is
 * deployed. None when the profile has no chunk statistics.
 */
export function driftLevelsOf(profile: ReferenceProfile, columns: readonly TrackedColumn[]): DriftLevel[] {
  const chunks = profile.chunks;
  if (!chunks) return [];
  const out: DriftLevel[] = [];
  for (const column of columns) {
    const statistics = chunks.columns[column.name]?.rules;
    if (!statistics) continue;
    for (const key of LEVELLED) {
      const values = statistics[key];
      const level = values ? chunkLevel(values, REFERENCE_CHUNK_LEVELS.stdMultiplier) : null;
      if (level) out.push({ column, statistic: RECORDED_DRIFT[key].label, level: level.level });
    }
  }
  return out;
}
