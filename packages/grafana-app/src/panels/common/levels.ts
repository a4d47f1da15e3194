import type { Levels } from '../../shared/frames';

/** How a value compares with its thresholds; `none` when there is no value to judge. */
export type Level = 'ok' | 'warning' | 'critical' | 'none';

/** `above`: larger is worse (drift statistics). `below`: smaller is worse (disparate impact, budget left). */
export type Direction = 'above' | 'below';

export interface Thresholds {
  warning?: number;
  critical?: number;
}

/**
 * `above` judges value ≥ limit as crossed (PSI ≥ 0.2 is a significant shift); `below` judges value < limit as
 * crossed (a disparate impact of exactly 0.8 satisfies the four-fifths rule).
 */
export function levelOf(value: number | null | undefined, thresholds: Thresholds, direction: Direction): Level {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return 'none';
  }
  const crossed = (limit: number | undefined) =>
    limit !== undefined && (direction === 'above' ? value >= limit : value < limit);
  if (crossed(thresholds.critical)) {
    return 'critical';
  }
  if (crossed(thresholds.warning)) {
    return 'warning';
  }
  return 'ok';
}

/** The finite levels a frame carries (the contract allows null and omitted levels). */
export function thresholdsFromLevels(levels: Levels | undefined): Thresholds {
  const result: Thresholds = {};
  if (typeof levels?.warning === 'number' && Number.isFinite(levels.warning)) {
    result.warning = levels.warning;
  }
  if (typeof levels?.critical === 'number' && Number.isFinite(levels.critical)) {
    result.critical = levels.critical;
  }
  return result;
}

export function hasThresholds(t: Thresholds): boolean {
  return t.warning !== undefined || t.critical !== undefined;
}

export function sameThresholds(a: Thresholds, b: Thresholds): boolean {
  return a.warning === b.warning && a.critical === b.critical;
}
