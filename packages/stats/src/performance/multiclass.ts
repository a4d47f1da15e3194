import { checkCount, checkSameLength, ratio } from './validate.js';

export interface ClassMetrics {
  /** tp / (tp + fp): NaN when the class is never predicted. */
  precision: number;
  /** tp / support: NaN when the class never occurs. */
  recall: number;
  /** 2·tp / (2·tp + fp + fn). */
  f1: number;
  /** Number of rows whose actual class is this one. */
  support: number;
}

export interface AveragedMetrics {
  precision: number;
  recall: number;
  f1: number;
}

export interface MulticlassReport {
  count: number;
  /** Share of rows whose predicted class equals the actual one. */
  accuracy: number;
  /** Classes in sorted order: every class that is actual or predicted at least once (or given). */
  labels: string[];
  classes: Record<string, ClassMetrics>;
  /** Unweighted mean over classes of each metric, leaving out classes where it is NaN. */
  macro: AveragedMetrics;
  /** Mean weighted by support, leaving out classes where the metric is NaN. */
  weighted: AveragedMetrics;
}

function average(values: readonly number[], weights: readonly number[] | null): number {
  let s = 0;
  let w = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (Number.isNaN(v)) continue;
    const wk = weights == null ? 1 : weights[k]!;
    s += wk * v;
    w += wk;
  }
  return ratio(s, w);
}

/**
 * The report from a confusion matrix: matrix[i][j] counts rows of actual class labels[i] predicted as
 * labels[j]. Counts may be fractional (weights). Classes are reported in the order given.
 */
export function multiclassFromMatrix(
  labels: readonly string[],
  matrix: ArrayLike<ArrayLike<number>>
): MulticlassReport {
  const K = labels.length;
  if (new Set(labels).size !== K) throw new RangeError('class labels are not distinct');
  if (matrix.length !== K) throw new RangeError(`the matrix has ${matrix.length} rows for ${K} classes`);
  const support = new Array<number>(K).fill(0);
  const predictedTotal = new Array<number>(K).fill(0);
  let count = 0;
  let correct = 0;
  for (let i = 0; i < K; i++) {
    const row = matrix[i]!;
    if (row.length !== K) throw new RangeError(`row ${i} of the matrix has ${row.length} entries for ${K} classes`);
    for (let j = 0; j < K; j++) {
      const c = row[j]!;
      checkCount(`matrix[${i}][${j}]`, c);
      support[i]! += c;
      predictedTotal[j]! += c;
      count += c;
      if (i === j) correct += c;
    }
  }
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  const classes: [string, ClassMetrics][] = [];
  for (let k = 0; k < K; k++) {
    const tp = matrix[k]![k]!;
    const fp = predictedTotal[k]! - tp;
    const fn = support[k]! - tp;
    const m: ClassMetrics = {
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
      f1: ratio(2 * tp, 2 * tp + fp + fn),
      support: support[k]!,
    };
    precision.push(m.precision);
    recall.push(m.recall);
    f1.push(m.f1);
    classes.push([labels[k]!, m]);
  }
  return {
    count,
    accuracy: ratio(correct, count),
    labels: [...labels],
    // fromEntries defines own properties, so a class named "__proto__" is stored like any other.
    classes: Object.fromEntries(classes),
    macro: { precision: average(precision, null), recall: average(recall, null), f1: average(f1, null) },
    weighted: {
      precision: average(precision, support),
      recall: average(recall, support),
      f1: average(f1, support),
    },
  };
}

/** Confusion matrix of string classes over the sorted union of actual and predicted classes. */
export function multiclassMatrix(
  actual: ArrayLike<string>,
  predicted: ArrayLike<string>
): { labels: string[]; matrix: number[][] } {
  checkSameLength('actual', actual, 'predicted', predicted);
  const seen = new Set<string>();
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const p = predicted[i];
    if (typeof a !== 'string') throw new TypeError(`actual at position ${i} is not a string`);
    if (typeof p !== 'string') throw new TypeError(`predicted at position ${i} is not a string`);
    seen.add(a);
    seen.add(p);
  }
  // Code-unit order, which is NumPy's np.unique order for strings outside the astral planes.
  const labels = [...seen].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const index = new Map<string, number>();
  labels.forEach((l, k) => index.set(l, k));
  const matrix = labels.map(() => new Array<number>(labels.length).fill(0));
  for (let i = 0; i < actual.length; i++) {
    matrix[index.get(actual[i]!)!]![index.get(predicted[i]!)!]!++;
  }
  return { labels, matrix };
}

/**
 * Multiclass report as scikit-learn's precision_recall_fscore_support with zero_division=np.nan: per-class
 * precision, recall, F1 and support, and their macro and support-weighted averages over the classes where
 * each is defined.
 */
export function multiclassReport(actual: ArrayLike<string>, predicted: ArrayLike<string>): MulticlassReport {
  const { labels, matrix } = multiclassMatrix(actual, predicted);
  return multiclassFromMatrix(labels, matrix);
}
