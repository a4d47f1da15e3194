import { referenceDistribution } from '@modelwatch/stats';
import type { ResolvedOptions } from '../config/resolve-options.js';
import type { ClassIndex } from '../outcomes/classes.js';

/**
 * Share of each predicted class on the reference data, the baseline of class-balance drift: from the
 * reference's prediction column when it has one, else from its scores under the threshold (binary models).
 * Null when the profile holds neither.
 */
export function predictionReferenceShares(options: ResolvedOptions, classes: ClassIndex): number[] | null {
  const { profile } = options;
  const predictionColumn = profile.target.prediction ? profile.columns[profile.target.prediction] : undefined;
  if (predictionColumn?.type === 'categorical' && predictionColumn.count > 0) {
    return classes.labels.map((label) => (predictionColumn.categories[label] ?? 0) / predictionColumn.count);
  }
  const scoreColumn = profile.target.score ? profile.columns[profile.target.score] : undefined;
  if (scoreColumn?.type === 'numeric' && classes.binary) {
    const reference = referenceDistribution(scoreColumn);
    const positive = (reference.size - reference.countBelow(options.threshold)) / reference.size;
    const shares = new Array<number>(classes.labels.length).fill(0);
    shares[classes.positive] = positive;
    shares[classes.negative] = 1 - positive;
    return shares;
  }
  return null;
}
