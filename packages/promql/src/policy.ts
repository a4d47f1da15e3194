import { BIN, INTERSECTION_SEPARATOR } from '@modelwatch/semconv';
import type { Source } from './cells.js';
import { ATTRIBUTE_LABELS, GROUP_LABELS, GROUP_VALUE, GROUP_ATTRIBUTE } from './fairness.js';
import { PREDICTED } from './performance.js';
import { by, eq, literalRegex, quote, re } from './selector.js';

// Policy packs over the per-group prediction counts (docs/compliance.md). `__missing__` is the unknown category;
// `__other__` (values past the cap) mixes categories, so it is counted in the rows but never judged.

const sumGroups = (x: string): string => `sum ${by(GROUP_LABELS)} (${x})`;
const sumAttributes = (x: string): string => `sum ${by(ATTRIBUTE_LABELS)} (${x})`;
const onGroups = `on (${GROUP_LABELS.join(', ')})`;
const onAttributes = `on (${ATTRIBUTE_LABELS.join(', ')})`;

/** Matches the known categories: neither unknown, past the cap, nor pooled below the minimum cell size. */
export const KNOWN_CATEGORY = { [GROUP_VALUE]: `!~${quote(`${BIN.missing}|${BIN.other}|${BIN.suppressed}`)}` };
/** Matches intersections (attribute names joined by INTERSECTION_SEPARATOR). */
export const INTERSECTION_ATTRIBUTE = {
  [GROUP_ATTRIBUTE]: re(`.*${literalRegex(INTERSECTION_SEPARATOR)}.*`),
};
/** Matches single attributes only. */
export const SINGLE_ATTRIBUTE = {
  [GROUP_ATTRIBUTE]: `!~${quote(`.*${literalRegex(INTERSECTION_SEPARATOR)}.*`)}`,
};

/** Predictions per category of every attribute and intersection (all classes). */
export function policyCategoryCount(predictions: Source): string {
  return sumGroups(predictions({}));
}

/** Predictions per attribute: every category, unknown and __other__ included (the share's denominator). */
export function policyAttributeRows(categoryCount: Source): string {
  return sumAttributes(categoryCount({}));
}

/** Predictions whose category is unknown, per attribute: 0, not nothing, for an attribute never missing. */
export function policyUnknownCount(categoryCount: Source): string {
  return `${sumAttributes(categoryCount({ [GROUP_VALUE]: eq(BIN.missing) }))} or ${sumAttributes(categoryCount({}))} * 0`;
}

/** A category's share of its attribute's rows. */
export function policyCategoryShare(categoryCount: Source, attributeRows: Source): string {
  return `${categoryCount({})} / ${onAttributes} group_left ${attributeRows({})}`;
}

/**
 * Selection rate per category: predictions of the positive class / predictions. A category that never had a
 * positive prediction has no positive series, so its numerator falls back to 0 rather than to no value.
 */
export function policySelectionRate(predictions: Source, categoryCount: Source, positive: string): string {
  const selected = sumGroups(predictions({ [PREDICTED]: eq(positive) }));
  return `(${selected} or ${categoryCount({})} * 0) / ${categoryCount({})}`;
}

/** 1 for a category the pack leaves out (share below excludeBelow, or __other__), 0 for one it keeps. */
export function policyExcluded(share: Source, excludeBelow: number, attributes: Record<string, string>): string {
  const known = share({ ...attributes, ...KNOWN_CATEGORY });
  const other = share({ ...attributes, [GROUP_VALUE]: eq(BIN.other) });
  return `(${known} < bool ${excludeBelow}) or (${other} * 0 + 1)`;
}

/**
 * The selection rates a pack judges: known categories whose share is at least excludeBelow and whose size is at
 * least minGroupSize (the fairness rules' guard), with a defined rate.
 */
export function policyJudgedRate(
  rate: Source,
  share: Source,
  count: Source,
  p: { excludeBelow: number; minGroupSize: number; attributes: Record<string, string> }
): string {
  const r = rate({ ...p.attributes, ...KNOWN_CATEGORY });
  return (
    `((${r}) == (${r}))` +
    ` and ${onGroups} (${share({})} >= ${p.excludeBelow})` +
    ` and ${onGroups} (${count({})} >= ${p.minGroupSize})`
  );
}

/** The highest judged rate per attribute. */
export function policyHighestRate(judged: string): string {
  return `max ${by(ATTRIBUTE_LABELS)} (${judged})`;
}

/**
 * Impact ratio per judged category: its rate / the highest judged rate of its attribute (recorded with
 * policyHighestRate); none when that is 0 (every rate 0: no ratio, like the null of @modelwatch/stats).
 */
export function policyImpactRatio(judged: string, highest: string): string {
  return `(${judged}) / ${onAttributes} group_left () (${highest} > 0)`;
}

/** Scoring rate per category: predictions scored above the cut / predictions with a score (scoringRate counters). */
export function policyScoringRate(scored: Source, above: Source): string {
  return `${sumGroups(above({}))} / ${sumGroups(scored({}))}`;
}
