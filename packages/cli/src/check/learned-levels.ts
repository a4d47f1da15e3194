import { REFERENCE_CHUNK_LEVELS, type DriftThresholds } from '@modelwatch/semconv';
import { learnedLevels, type CheckChunkStatistic, type ChunkLevel, type ReferenceProfile } from '@modelwatch/stats';
import { InputError } from '../errors.js';

/** Per column, the level learned for each statistic `check` computes (as `check` computes it). */
export type LearnedLevels = Record<string, Partial<Record<CheckChunkStatistic, ChunkLevel>>>;

/**
 * The levels of `--thresholds reference-chunks`: they need a profile with chunk statistics over the bins the check
 * uses, and PSI's default zero-share rule, which the chunk statistics were computed with.
 */
export function learnedLevelsFor(
  mode: DriftThresholds,
  reference: string,
  profile: ReferenceProfile,
  bins: number,
  psiZeroShare: string
): LearnedLevels | null {
  if (mode !== 'reference-chunks') return null;
  const chunks = profile.chunks;
  if (!chunks)
    throw new InputError(
      `--thresholds reference-chunks: ${reference} has no chunk statistics; build the profile with modelwatch profile --chunks K (or --chunk-size N) and pass it as --reference`
    );
  if (chunks.bins !== bins && Object.values(profile.columns).some((c) => c.type === 'numeric'))
    throw new InputError(
      `--thresholds reference-chunks: ${reference} learned its levels over ${chunks.bins} bins but the check bins numbers into ${bins}; set drift.bins: ${chunks.bins} in the policy, or profile again with --bins ${bins}`
    );
  if (psiZeroShare !== 'epsilon')
    throw new InputError(
      `--thresholds reference-chunks: the learned PSI levels use the 1e-4 zero-share rule; leave out --psi-zero ${psiZeroShare}`
    );
  return learnedLevels(chunks, 'check', REFERENCE_CHUNK_LEVELS.stdMultiplier);
}
