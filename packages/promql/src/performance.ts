import { LABEL, type BinaryMetric } from '@modelwatch/semconv';
import type { Source } from './cells.js';
import { by, eq, MODEL_LABELS } from './selector.js';

export const PREDICTED = LABEL.predictionClass;
export const ACTUAL = LABEL.actualClass;

/** The binary classes of a model. */
export interface BinaryClasses {
  positive: string;
  negative: string;
}

/** The four confusion cells of a binary model, summed to model and version (extra `keep` labels kept). */
export function binaryCells(
  cells: Source,
  classes: BinaryClasses,
  keep: readonly string[] = []
): { tp: string; fp: string; fn: string; tn: string } {
  const labels = [...MODEL_LABELS, ...keep];
  const cell = (p: string, a: string): string =>
    `sum ${by(labels)} (${cells({ [PREDICTED]: eq(p), [ACTUAL]: eq(a) })})`;
  const { positive: P, negative: N } = classes;
  return { tp: cell(P, P), fp: cell(P, N), fn: cell(N, P), tn: cell(N, N) };
}

/**
 * Accuracy, precision, recall and F1 from confusion cells, with the formulas of @modelwatch/stats: a ratio
 * with a zero denominator is NaN there and here (0/0 in PromQL).
 */
export function binaryMetric(
  name: BinaryMetric,
  cells: Source,
  classes: BinaryClasses,
  keep: readonly string[] = []
): string {
  const { tp, fp, fn, tn } = binaryCells(cells, classes, keep);
  switch (name) {
    case 'accuracy':
      return `(${tp} + ${tn}) / (${tp} + ${fp} + ${fn} + ${tn})`;
    case 'precision':
      return `${tp} / (${tp} + ${fp})`;
    case 'recall':
      return `${tp} / (${tp} + ${fn})`;
    case 'f1':
      return `2 * ${tp} / (2 * ${tp} + ${fp} + ${fn})`;
  }
}

/** Outcomes counted in the window (all cells), the minimum-sample guard of performance alerts. */
export function outcomeCount(cells: Source, keep: readonly string[] = []): string {
  return `sum ${by([...MODEL_LABELS, ...keep])} (${cells({})})`;
}

/**
 * Share of labelled predictions that were right, over any number of classes: the model-quality SLI's good
 * ratio. The diagonal cells are joined with `or` (their labels differ), so one missing cell does not void it.
 */
export function correctShare(cells: Source, classes: readonly string[]): string {
  const diagonal = classes.map((c) => cells({ [PREDICTED]: eq(c), [ACTUAL]: eq(c) })).join(' or ');
  const all = outcomeCount(cells);
  return `(sum ${by(MODEL_LABELS)} (${diagonal}) or on (${MODEL_LABELS.join(', ')}) (${all} * 0)) / ${all}`;
}
