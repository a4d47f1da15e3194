import { BIN, LABEL, type FairnessSpec, type GroupRate } from '@modelwatch/semconv';
import type { Source } from './cells.js';
import { ACTUAL, PREDICTED, type BinaryClasses } from './performance.js';
import { by, eq, literalRegex, MODEL_LABELS, quote, re } from './selector.js';

export const GROUP_ATTRIBUTE = LABEL.groupAttribute;
export const GROUP_VALUE = LABEL.groupValue;
export const ATTRIBUTE_LABELS = [...MODEL_LABELS, GROUP_ATTRIBUTE] as const;
export const GROUP_LABELS = [...ATTRIBUTE_LABELS, GROUP_VALUE] as const;

const sumGroups = (x: string): string => `sum ${by(GROUP_LABELS)} (${x})`;

/**
 * `__suppressed__` pools the values below the monitors' minCellSize: a mixture, not a group, so no rate, size or
 * disparity of the fairness rules includes it.
 */
export const NOT_SUPPRESSED = { [LABEL.groupValue]: `!=${quote(BIN.suppressed)}` };

/** Predictions per group (all classes): the size that decides whether a group is judged. */
export function groupPredictionCount(predictions: Source): string {
  return sumGroups(predictions({ ...NOT_SUPPRESSED }));
}

/** Outcomes per group over the two binary classes. */
export function groupOutcomeCount(outcomes: Source, classes: BinaryClasses): string {
  // The regex is a PromQL string too: escapes that literalRegex adds must survive its quoting.
  const both = re(`${literalRegex(classes.positive)}|${literalRegex(classes.negative)}`);
  return sumGroups(outcomes({ ...NOT_SUPPRESSED, [PREDICTED]: both, [ACTUAL]: both }));
}

/** A per-group rate with the formulas of @modelwatch/stats (binary cells only, like binaryCells there). */
export function groupRate(rate: GroupRate, predictions: Source, outcomes: Source, classes: BinaryClasses): string {
  const { positive: P, negative: N } = classes;
  const cell = (p: string, a: string): string =>
    sumGroups(outcomes({ ...NOT_SUPPRESSED, [PREDICTED]: eq(p), [ACTUAL]: eq(a) }));
  switch (rate) {
    case 'selectionRate':
      return `${sumGroups(predictions({ ...NOT_SUPPRESSED, [PREDICTED]: eq(P) }))} / ${groupPredictionCount(predictions)}`;
    case 'tpr':
      return `${cell(P, P)} / (${cell(P, P)} + ${cell(N, P)})`;
    case 'fnr':
      return `${cell(N, P)} / (${cell(P, P)} + ${cell(N, P)})`;
    case 'fpr':
      return `${cell(P, N)} / (${cell(P, N)} + ${cell(N, N)})`;
    case 'precision':
      return `${cell(P, P)} / (${cell(P, P)} + ${cell(P, N)})`;
  }
}

/** Keeps the groups whose size is at least minGroupSize, and drops undefined (NaN) rates. */
export function eligible(rate: string, size: string, minGroupSize: number): string {
  return `((${rate}) == (${rate})) and on (${GROUP_LABELS.join(', ')}) (${size} >= ${minGroupSize})`;
}

/** Fairlearn's conventions across groups: difference = max − min, ratio = min / max. */
export function difference(rate: string): string {
  return `(max ${by(ATTRIBUTE_LABELS)} (${rate}) - min ${by(ATTRIBUTE_LABELS)} (${rate}))`;
}

export function ratio(rate: string): string {
  return `(min ${by(ATTRIBUTE_LABELS)} (${rate}) / max ${by(ATTRIBUTE_LABELS)} (${rate}))`;
}

/**
 * The larger of two per-attribute values (equalized odds = max of the TPR and FPR differences), and nothing
 * when either is missing, like the NaN of @modelwatch/stats: `(a >= b) or b` would report b alone.
 */
export function larger(a: string, b: string): string {
  return `((${a}) >= (${b})) or ((${b}) > (${a}))`;
}

/** A disparity of the catalogue over per-group rates that are already eligible (see `eligible`). */
export function disparity(statistic: Pick<FairnessSpec, 'of' | 'reduce'>, rate: (r: GroupRate) => string): string {
  const [first, second] = statistic.of;
  switch (statistic.reduce) {
    case 'ratio':
      return ratio(rate(first!));
    case 'difference':
      return difference(rate(first!));
    case 'largerDifference':
      return larger(difference(rate(first!)), difference(rate(second!)));
  }
}
