import { BIN } from '@modelwatch/semconv';
import type { LabelLimit } from './label-bytes.js';

/**
 * Maps the values of one attribute (a protected attribute or a segment) to small indices, keeping at most
 * `cap` distinct values; later ones share the index of `__other__`, and missing values that of
 * `__missing__`. Index 0 is __other__, 1 is __missing__, so the count arrays never grow past cap + 2.
 * A value longer than the label-value byte cap is never kept: it counts as __other__ (and as a `label`
 * internal error), so no exported label value is longer than the cap.
 */
export class CappedValues {
  readonly values: string[] = [BIN.other, BIN.missing];
  private readonly index = new Map<string, number>();

  constructor(
    readonly attribute: string,
    readonly cap: number,
    private readonly limit?: LabelLimit
  ) {}

  /** Slots the count arrays need (fixed). */
  get slots(): number {
    return this.cap + 2;
  }

  indexOf(value: unknown): number {
    if (value === undefined || value === null || value === '') return 1;
    const text =
      typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : null;
    if (text === null) return 0;
    const limit = this.limit;
    // Checked before the lookup only when the length alone decides it, so kept values cost one map lookup.
    if (limit !== undefined && text.length > limit.maxBytes) {
      limit.admits(text, `a value of '${this.attribute}'`);
      return 0;
    }
    const known = this.index.get(text);
    if (known !== undefined) return known;
    if (limit !== undefined && !limit.admits(text, `a value of '${this.attribute}'`)) return 0;
    if (this.values.length - 2 >= this.cap || text === BIN.other || text === BIN.missing) return 0;
    const i = this.values.length;
    this.values.push(text);
    this.index.set(text, i);
    return i;
  }
}
