import { LABEL } from '@modelwatch/semconv';
import { by, eq, labelsOf, literalRegex, matchers, metric, re, type Scope } from './selector.js';

/** model_name, model_version, segment_name, segment_value, feature, feature_role: one drift value per segment value. */
export const SEGMENT_FEATURE_LABELS = labelsOf('segmentFeatureValues', LABEL.bin);
/** …plus bin. */
export const SEGMENT_BIN_LABELS = labelsOf('segmentFeatureValues');
/** What tells a segment value's series from the aggregate's. */
const SEGMENT_ONLY = [LABEL.segmentName, LABEL.segmentValue];

/**
 * Bin counts per segment value over a window, summed over replicas, for the listed segments only; `offset` reads
 * an earlier window, `feature` and `segmentValue` keep one feature or one value of the segment.
 */
export function segmentBinCounts(
  scope: Scope,
  window: string,
  segments: readonly string[],
  only: { offset?: string; feature?: string; segmentValue?: string } = {}
): string {
  const sel = matchers(scope, {
    [LABEL.segmentName]: re(segments.map(literalRegex).join('|')),
    ...(only.feature === undefined ? {} : { [LABEL.feature]: eq(only.feature) }),
    ...(only.segmentValue === undefined ? {} : { [LABEL.segmentValue]: eq(only.segmentValue) }),
  });
  const shifted = only.offset ? ` offset ${only.offset}` : '';
  return `sum ${by(SEGMENT_BIN_LABELS)} (increase(${metric(scope, 'segmentFeatureValues')}${sel}[${window}]${shifted}))`;
}

/** Each bin's share of its feature's count within one segment value. */
export function segmentBinShares(counts: string): string {
  return `${counts} / ignoring (${LABEL.bin}) group_left sum ${by(SEGMENT_FEATURE_LABELS)} (${counts})`;
}

/** Values counted per segment value and feature in a window. */
export function segmentFeatureCount(counts: string): string {
  return `sum ${by(SEGMENT_FEATURE_LABELS)} (${counts})`;
}

/**
 * The reference share of every bin, given the labels of each segment value's current share of that bin, so PSI
 * and Jensen–Shannon compare shares with equal labels exactly as for the aggregate.
 */
export function segmentReferenceShares(currentShares: string, referenceShares: string): string {
  return `0 * ${currentShares} + ignoring (${SEGMENT_ONLY.join(', ')}) group_left ${referenceShares}`;
}
