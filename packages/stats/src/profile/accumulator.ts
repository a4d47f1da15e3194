import { isMissing, parseNumber } from './missing.js';

/** A column is numeric when every value parses and it has more than this many distinct values. */
export const NUMERIC_MIN_DISTINCT = 5;

/** Distinct category texts kept exactly; beyond this, new texts are counted as overflow (ID-like columns). */
export const CATEGORY_TRACKING_CAP = 100_000;

// While a column still looks numeric, its texts are tracked only until it is clearly not low-cardinality.
const NUMERIC_TEXT_TRACKING = 64;

/** A growable Float64Array: numbers of a column without a boxed JS array. */
export class FloatBuffer {
  private data = new Float64Array(1024);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }

  /** A view of the pushed values (shares memory until the next push). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Collects one column of a data set in a single pass when its type is not known yet: numbers while every
 * value parses, category counts while they can matter. Memory is 8 bytes a value for numeric columns and
 * one map entry a distinct text (capped) for categorical ones.
 */
export class ColumnAccumulator {
  rows = 0;
  missing = 0;
  readonly numbers = new FloatBuffer();
  private numeric = true;
  private readonly texts = new Map<string, number>();
  private tracking = true;
  /** Values whose text was new after CATEGORY_TRACKING_CAP distinct texts. */
  overflow = 0;
  /** Row (1-based among added values) of the first value that is not a number, for error messages. */
  firstNonNumeric: { row: number; text: string } | null = null;

  constructor(readonly forceCategorical = false) {
    if (forceCategorical) this.numeric = false;
  }

  add(cell: string | null | undefined): void {
    this.rows++;
    if (isMissing(cell)) {
      this.missing++;
      return;
    }
    const text = cell as string;
    if (this.numeric) {
      const x = parseNumber(text);
      if (Number.isNaN(x)) {
        this.numeric = false;
        this.firstNonNumeric = { row: this.rows, text };
        if (!this.tracking) this.recoverTexts();
      } else {
        this.numbers.push(x);
      }
    }
    if (this.tracking) this.countText(text);
    if (this.numeric && this.tracking && this.texts.size > NUMERIC_TEXT_TRACKING) {
      this.tracking = false;
      this.texts.clear();
    }
  }

  private countText(text: string): void {
    const c = this.texts.get(text);
    if (c !== undefined) this.texts.set(text, c + 1);
    else if (this.texts.size < CATEGORY_TRACKING_CAP) this.texts.set(text, 1);
    else this.overflow++;
  }

  // A long numeric run stopped tracking texts; a later non-number makes it categorical, so rebuild the
  // counts from the numbers (their shortest decimal form, which can differ from the file's, e.g. "1.50").
  private recoverTexts(): void {
    this.tracking = true;
    const values = this.numbers.view();
    for (let i = 0; i < values.length; i++) this.countText(String(values[i]!));
  }

  /** Non-missing values. */
  get count(): number {
    return this.rows - this.missing;
  }

  /** Numeric when every value parsed, the column is not forced categorical, and it has > 5 distinct values. */
  get isNumeric(): boolean {
    if (!this.numeric || this.count === 0) return false;
    if (!this.tracking) return true;
    return this.texts.size > NUMERIC_MIN_DISTINCT && distinctNumbers(this.numbers.view()) > NUMERIC_MIN_DISTINCT;
  }

  /** Category counts (for categorical columns). */
  categoryCounts(): Map<string, number> {
    if (!this.tracking) this.recoverTexts();
    return this.texts;
  }
}

function distinctNumbers(values: Float64Array): number {
  const seen = new Set<number>();
  for (let i = 0; i < values.length && seen.size <= NUMERIC_MIN_DISTINCT; i++) seen.add(values[i]!);
  return seen.size;
}
