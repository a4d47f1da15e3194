import { InputError } from '../errors.js';
import type { CodedColumn, Dataset } from '../data/dataset.js';

/** Which columns carry the outcome, the model's score and its decision. */
export interface TargetSpec {
  label: string | null;
  positive: string | null;
  score: string | null;
  prediction: string | null;
  threshold: number;
}

/** Row-aligned binary outcomes: 1 positive, 0 negative, -1 unknown. */
export interface Outcomes {
  actual: Int8Array | null;
  predicted: Int8Array | null;
  scores: Float64Array | null;
}

const CONVENTIONAL_POSITIVES = ['1', 'true', 'TRUE', 'True', 'yes', 'Yes', 'YES'];

/**
 * The positive class: the one given, or an unambiguous conventional one (1, true, yes) when the label
 * has exactly two values; anything else must be said with --positive.
 */
export function resolvePositive(labels: CodedColumn, given: string | null, file: string, column: string): string {
  const values = labels.names;
  if (given !== null) {
    if (!values.includes(given)) {
      throw new InputError(
        `${file}: --positive '${given}' never occurs in column '${column}' (its values: ${values.slice(0, 10).join(', ')})`
      );
    }
    return given;
  }
  if (values.length > 2) {
    throw new InputError(
      `${file}: column '${column}' has ${values.length} values; name the positive class with --positive`
    );
  }
  const conventional = values.filter((v) => CONVENTIONAL_POSITIVES.includes(v));
  if (conventional.length === 1) return conventional[0]!;
  throw new InputError(
    `${file}: name the positive class of column '${column}' with --positive (its values: ${values.join(', ')})`
  );
}

function binaryCodes(column: CodedColumn, positive: string): Int8Array {
  const positiveCode = column.codeOf(positive);
  const codes = column.codes;
  const out = new Int8Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i]! < 0 ? -1 : codes[i] === positiveCode ? 1 : 0;
  return out;
}

/** Outcomes of a data set under a target spec whose positive class is already resolved. */
export function outcomesOf(dataset: Dataset, spec: TargetSpec): Outcomes {
  const positive = spec.positive;
  const actual = dataset.labels && positive !== null ? binaryCodes(dataset.labels, positive) : null;
  const scores = dataset.scores;
  let predicted: Int8Array | null = null;
  if (dataset.predictions && positive !== null) {
    predicted = binaryCodes(dataset.predictions, positive);
  } else if (scores) {
    predicted = new Int8Array(scores.length);
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      predicted[i] = Number.isNaN(s) ? -1 : s >= spec.threshold ? 1 : 0;
    }
  }
  return { actual, predicted, scores };
}

/** Indices of rows where every given array is known (not -1 / not NaN), as a typed array: a million rows is common. */
export function knownRows(...columns: (Int8Array | Float64Array | Int32Array | null)[]): Int32Array {
  const present = columns.filter((c): c is Int8Array | Float64Array | Int32Array => c !== null);
  const n = present[0]?.length ?? 0;
  const rows = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) rows[k++] = i;
  // One pass per column keeps each loop monomorphic; the rows left shrink as columns are applied.
  for (const c of present) {
    let kept = 0;
    for (let j = 0; j < k; j++) {
      const i = rows[j]!;
      const v = c[i]!;
      if (!(v < 0 || Number.isNaN(v))) rows[kept++] = i;
    }
    k = kept;
  }
  return rows.slice(0, k);
}

/** The values at the given rows. */
export function pick(values: Int8Array | Float64Array | Int32Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let j = 0; j < rows.length; j++) out[j] = values[rows[j]!]!;
  return out;
}
