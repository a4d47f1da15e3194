import { ACTUAL, PREDICTED } from './performance.js';
import { LABEL, type SloKind } from '@modelwatch/semconv';
import { by, eq, matchers, metric, MODEL_LABELS, quote, type Scope } from './selector.js';

export type SliKind = SloKind;

/**
 * An `le` matcher for a bucket boundary that works on Prometheus 2 and 3: Prometheus 3 writes integral
 * boundaries with a trailing `.0` (1 → "1.0"), so integers match both spellings.
 */
export function leMatcher(threshold: number): string {
  const text = String(threshold);
  return Number.isInteger(threshold) ? `=~${quote(`${text}(\\.0)?`)}` : `=${quote(text)}`;
}

const sum = (x: string): string => `sum ${by(MODEL_LABELS)} (${x})`;

/** x, or a zero with the model labels of `like` where x has no series (counters appear on their first event). */
function orZero(x: string, like: string): string {
  return `(${x} or on (${MODEL_LABELS.join(', ')}) (${like} * 0))`;
}

/**
 * Failed inferences over all attempts. Either counter may be missing (no error yet, or nothing but errors
 * since a restart), so each side falls back to zero where only the other exists: an outage must read 1, not
 * nothing.
 */
export function availabilityErrorRatio(scope: Scope, window: string): string {
  const predictions = sum(`increase(${metric(scope, 'predictions')}${matchers(scope)}[${window}])`);
  const errors = sum(`increase(${metric(scope, 'errors')}${matchers(scope)}[${window}])`);
  const e = orZero(errors, predictions);
  return `${e} / (${orZero(predictions, errors)} + ${e})`;
}

/** Inferences slower than the threshold (which must be a bucket boundary) over all timed inferences. */
export function latencyErrorRatio(scope: Scope, window: string, threshold: number): string {
  const base = metric(scope, 'inferenceDuration');
  const fast = sum(
    `increase(${base}_bucket${matchers(scope, { [LABEL.bucketBound]: leMatcher(threshold) })}[${window}])`
  );
  const all = sum(`increase(${base}_count${matchers(scope)}[${window}])`);
  return `1 - ${fast} / ${all}`;
}

/**
 * Labelled predictions that were wrong: 1 − the diagonal share of the outcome cells. The diagonal cells are
 * joined with `or` (their labels differ), so a class with no diagonal series yet does not void the sum.
 */
export function qualityErrorRatio(scope: Scope, window: string, classes: readonly string[]): string {
  const cell = (match: Record<string, string>): string =>
    `increase(${metric(scope, 'outcomes')}${matchers(scope, match)}[${window}])`;
  const all = sum(cell({}));
  const diagonal = sum(classes.map((c) => cell({ [PREDICTED]: eq(c), [ACTUAL]: eq(c) })).join(' or '));
  return `1 - ${orZero(diagonal, all)} / ${all}`;
}

/** 1 − objective without binary noise (1 − 0.999 is 0.0010000000000000009 in floating point). */
export function errorBudget(objective: number): number {
  return Number((1 - objective).toPrecision(12));
}

/** How fast the error budget burns: 1 spends exactly the budget over the SLO period. */
export function burnRate(errorRatio: string, objective: number): string {
  return `(${errorRatio}) / ${errorBudget(objective)}`;
}

/** Share of the period's error budget left (negative when overspent). */
export function budgetRemaining(periodErrorRatio: string, objective: number): string {
  return `1 - (${periodErrorRatio}) / ${errorBudget(objective)}`;
}
