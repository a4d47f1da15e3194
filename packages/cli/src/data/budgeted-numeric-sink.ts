import { EmpiricalDistribution, FloatBuffer, StreamingNumericColumn, isMissing, parseNumber } from '@modelwatch/stats';
import type { MemoryBudget } from './memory-budget.js';

/**
 * A numeric column that stays exact (every value kept) while the read's memory budget allows, then folds into a
 * bounded summary: exact bin counts for PSI and Jensen–Shannon, a quantile summary for KS and Wasserstein.
 */
export class BudgetedNumericSink {
  /** Every value, while exact; null once folded. */
  numbers: FloatBuffer | null = new FloatBuffer();
  /** The summary, once folded. */
  streamed: StreamingNumericColumn | null = null;
  rows = 0;
  missing = 0;
  invalid = 0;

  constructor(
    private readonly reference: EmpiricalDistribution,
    private readonly bins: number,
    private readonly budget: MemoryBudget
  ) {
    budget.register(this);
  }

  add(cell: string): void {
    this.rows++;
    if (isMissing(cell)) {
      this.missing++;
      return;
    }
    const x = parseNumber(cell);
    if (Number.isNaN(x)) this.invalid++;
    else this.keep(x);
  }

  /** A finite number from a typed column (Parquet, Arrow): the reader's fast path, as NumericSink has. */
  addNumber(x: number): void {
    this.rows++;
    this.keep(x);
  }

  /** A null from a typed column. */
  addMissing(): void {
    this.rows++;
    this.missing++;
  }

  /**
   * A typed column's numbers at once (see CellSink.addNumbers): each value as the reader would give it alone, so a
   * NaN is missing and ±Infinity invalid, as in text. A folded column takes a finite batch in one call.
   */
  addNumbers(values: ArrayLike<number>): void {
    if (this.streamed && allFinite(values)) {
      this.rows += values.length;
      this.streamed.addAll(values);
      return;
    }
    for (let i = 0; i < values.length; i++) {
      const x = values[i]!;
      if (Number.isFinite(x)) this.addNumber(x);
      else this.add(String(x));
    }
  }

  private keep(x: number): void {
    if (this.streamed) {
      this.streamed.add(x);
      return;
    }
    const numbers = this.numbers!;
    numbers.push(x);
    this.budget.charge(numbers.length, this.rows);
  }

  /** Moves the values kept so far into the summary and lets them go. */
  fold(): void {
    if (this.streamed) return;
    this.streamed = new StreamingNumericColumn(this.reference, { bins: this.bins });
    this.streamed.addAll(this.numbers!.view());
    this.numbers = null;
  }

  /** Non-missing, valid values seen. */
  get count(): number {
    return this.streamed ? this.streamed.count : this.numbers!.length;
  }
}

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}
