import { BIN, LABEL } from '@modelwatch/semconv';
import { ModelwatchError } from '../errors';
import type { ClassChoice } from '../options/resolve';
import type { Labels } from '../prometheus/api';

export interface BinaryClasses {
  positive: string;
  negative: string;
}

/** Positive/negative pairs common enough that the positive class can be taken for granted (case-insensitive). */
const CONVENTIONAL: ReadonlyArray<[string, string]> = [
  ['1', '0'],
  ['yes', 'no'],
  ['true', 'false'],
  ['positive', 'negative'],
  ['pos', 'neg'],
];

/** The class labels of some prediction/outcome series, without the overflow class. */
export function classesSeen(labels: Iterable<Labels>): string[] {
  const seen = new Set<string>();
  for (const l of labels) {
    for (const name of [LABEL.predictionClass, LABEL.actualClass]) {
      const c = l[name];
      if (c !== undefined && c !== '' && c !== BIN.other) {
        seen.add(c);
      }
    }
  }
  return [...seen].sort();
}

/** The positive class of two labels when the pair is a conventional one (yes/no, 1/0, true/false…). */
export function conventionalPositive(classes: readonly string[]): string | undefined {
  if (classes.length !== 2) {
    return undefined;
  }
  const [a, b] = classes.map((c) => c.toLowerCase());
  const pair = CONVENTIONAL.find(([p, n]) => (a === p && b === n) || (a === n && b === p));
  return pair ? classes.find((c) => c.toLowerCase() === pair[0]) : undefined;
}

/**
 * The binary classes to read cells with: the query's, completed from the two classes the series show, or a
 * conventional pair. Null when the series show no class at all (no data). Throws a one-line error when the
 * positive class cannot be told.
 */
export function binaryClasses(choice: ClassChoice, seen: readonly string[], model: string): BinaryClasses | null {
  const { positive, negative } = choice;
  const list = seen.join(', ');
  if (positive !== undefined && negative !== undefined) {
    for (const [field, c] of [
      ['positiveClass', positive],
      ['negativeClass', negative],
    ] as const) {
      if (seen.length > 0 && !seen.includes(c)) {
        throw new ModelwatchError(
          `${field}: '${c}' is not a class of ${model} (its series have ${list}); choose one of those`
        );
      }
    }
    return { positive, negative };
  }
  if (seen.length === 0) {
    return null;
  }
  if (seen.length > 2) {
    throw new ModelwatchError(
      `positiveClass: ${model} has ${seen.length} classes (${list}); these metrics need a binary model: set positiveClass and negativeClass`
    );
  }
  if (positive !== undefined || negative !== undefined) {
    const given = (positive ?? negative)!;
    const field = positive !== undefined ? 'positiveClass' : 'negativeClass';
    if (!seen.includes(given)) {
      throw new ModelwatchError(
        `${field}: '${given}' is not a class of ${model} (its series have ${list}); choose one of those`
      );
    }
    const other = seen.find((c) => c !== given);
    if (other === undefined) {
      throw new ModelwatchError(
        `${positive !== undefined ? 'negativeClass' : 'positiveClass'}: ${model}'s series show only '${given}' so far; set the other class too`
      );
    }
    return positive !== undefined ? { positive, negative: other } : { positive: other, negative: given };
  }
  const conventional = conventionalPositive(seen);
  if (conventional === undefined) {
    throw new ModelwatchError(`positiveClass: choose the positive class of ${model} (its series have ${list})`);
  }
  return { positive: conventional, negative: seen.find((c) => c !== conventional)! };
}
