import { ColumnAccumulator, FloatBuffer, isMissing, parseNumber, type NumericDrift } from '@modelwatch/stats';
import { cellError, InputError } from '../errors.js';
import type { BudgetedNumericSink } from './budgeted-numeric-sink.js';
import type { ColumnValues, TableSource } from './table-source.js';
import { textOf } from './cell-text.js';

/** Values of a numeric column whose type the reference fixed. Unparseable cells are counted, not fatal. */
export class NumericSink {
  readonly numbers = new FloatBuffer();
  rows = 0;
  missing = 0;
  invalid = 0;
  add(cell: string): void {
    this.rows++;
    if (isMissing(cell)) {
      this.missing++;
      return;
    }
    const x = parseNumber(cell);
    if (Number.isNaN(x)) this.invalid++;
    else this.numbers.push(x);
  }
  addNumber(x: number): void {
    this.rows++;
    this.numbers.push(x);
  }
  addMissing(): void {
    this.rows++;
    this.missing++;
  }
  addNumbers(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) {
      const x = values[i]!;
      if (Number.isFinite(x)) {
        this.rows++;
        this.numbers.push(x);
      } else this.add(String(x));
    }
  }
}

/**
 * A numeric column read and judged by another thread: its counts and its drift against the reference (null when it
 * had no values), as numericDrift gives them from every value.
 */
export class SummarisedNumericColumn {
  constructor(
    readonly rows: number,
    readonly missing: number,
    readonly invalid: number,
    readonly drift: NumericDrift | null
  ) {}
}

/** Counts of a categorical column whose type the reference fixed. */
export class CategoricalSink {
  readonly counts = new Map<string, number>();
  rows = 0;
  missing = 0;

  /** The sink another thread filled, from its counts in the order the categories first occurred. */
  static of(rows: number, missing: number, counts: Iterable<[string, number]>): CategoricalSink {
    const sink = new CategoricalSink();
    sink.rows = rows;
    sink.missing = missing;
    for (const [category, n] of counts) sink.counts.set(category, n);
    return sink;
  }

  add(cell: string): void {
    this.rows++;
    if (isMissing(cell)) {
      this.missing++;
      return;
    }
    this.counts.set(cell, (this.counts.get(cell) ?? 0) + 1);
  }
}

/** A row-aligned column of category codes (-1 = missing) with the code → text table. */
export class CodedColumn {
  private codesBuffer = new Int32Array(1024);
  length = 0;
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();

  add(cell: string): void {
    let code = -1;
    if (!isMissing(cell)) {
      code = this.index.get(cell) ?? -1;
      if (code < 0) {
        code = this.names.length;
        this.names.push(cell);
        this.index.set(cell, code);
      }
    }
    if (this.length === this.codesBuffer.length) {
      const grown = new Int32Array(this.length * 2);
      grown.set(this.codesBuffer);
      this.codesBuffer = grown;
    }
    this.codesBuffer[this.length++] = code;
  }

  get codes(): Int32Array {
    return this.codesBuffer.subarray(0, this.length);
  }

  codeOf(name: string): number {
    return this.index.get(name) ?? -1;
  }
}

export type ColumnKind = 'infer' | 'infer-categorical' | 'numeric' | 'categorical';
export type ColumnData =
  ColumnAccumulator | NumericSink | CategoricalSink | BudgetedNumericSink | SummarisedNumericColumn;

export interface DatasetPlan {
  /** Columns to summarise for drift, with how to read each. */
  columns: ReadonlyMap<string, ColumnKind>;
  label: string | null;
  score: string | null;
  prediction: string | null;
  protected: readonly string[];
  /** Columns that must be present in the file (the others are optional, e.g. a label not known yet). */
  required: readonly string[];
  /** The sink of a 'numeric' column when memory is budgeted (default: every value kept in a NumericSink). */
  numericSink?: (column: string) => BudgetedNumericSink;
}

export interface Dataset {
  file: string;
  header: string[];
  rows: number;
  columns: Map<string, ColumnData>;
  labels: CodedColumn | null;
  /** Row-aligned scores; NaN where missing. */
  scores: Float64Array | null;
  predictions: CodedColumn | null;
  groups: Map<string, CodedColumn>;
}

/** Where one column's values go: every sink takes cell text; typed sources use the fast paths when present. */
export interface CellSink {
  add(cell: string): void;
  /** A finite number from a typed column (Parquet, Arrow), without a detour through text. */
  addNumber?(x: number): void;
  /** A null from a typed column. */
  addMissing?(): void;
  /**
   * A typed column's numbers at once, as addNumber for each finite one and add(String(x)) for the others (NaN is
   * then a missing value, ±Infinity not a number); one call instead of one per value through a polymorphic site.
   */
  addNumbers?(values: ArrayLike<number>): void;
}

/** Gives a sink every value of one column of a batch, in row order. */
export function feed(sink: CellSink, column: ColumnValues): void {
  if (column.kind === 'text') {
    const { cells } = column;
    for (let i = 0; i < cells.length; i++) sink.add(cells[i]!);
    return;
  }
  const { values } = column;
  const typed = sink.addNumber !== undefined;
  if (column.kind === 'numbers' && sink.addNumbers) {
    sink.addNumbers(column.values);
    return;
  }
  if (column.kind === 'numbers' && typed) {
    const numbers = column.values;
    for (let i = 0; i < numbers.length; i++) {
      const x = numbers[i]!;
      // NaN is a missing value and ±Infinity not a number, as their text is in a CSV.
      if (Number.isFinite(x)) sink.addNumber!(x);
      else sink.add(String(x));
    }
    return;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      if (sink.addMissing) sink.addMissing();
      else sink.add('');
    } else if (typed && typeof v === 'number' && Number.isFinite(v)) sink.addNumber!(v);
    else if (typed && typeof v === 'bigint') sink.addNumber!(Number(v));
    else sink.add(textOf(v));
  }
}

/**
 * The sinks per column name. A column's sinks see its values in the order they were added; only columns with a
 * sink are read from the file.
 */
class ColumnSinks {
  private readonly perColumn = new Map<string, CellSink[]>();
  private readonly names: Set<string>;

  constructor(
    readonly file: string,
    readonly header: string[]
  ) {
    this.names = new Set(header);
  }

  has(name: string | null): name is string {
    return name !== null && this.names.has(name);
  }

  /** Adds a sink to a column; false when the file has no such column. */
  on(name: string, sink: CellSink): boolean {
    if (!this.names.has(name)) return false;
    const sinks = this.perColumn.get(name);
    if (sinks) sinks.push(sink);
    else this.perColumn.set(name, [sink]);
    return true;
  }

  /** The row-aligned codes of a column the file has, else null. */
  coded(name: string | null): CodedColumn | null {
    if (!this.has(name)) return null;
    const coded = new CodedColumn();
    this.on(name, coded);
    return coded;
  }

  /** Reads the columns that have sinks, batch by batch; returns the number of rows. */
  async readAll(source: TableSource): Promise<number> {
    const names = [...this.perColumn.keys()];
    const sinks = names.map((n) => this.perColumn.get(n)!);
    let rows = 0;
    // Every sink takes NaN as a missing value, so typed readers may hand over numeric columns with NaN for null.
    for await (const batch of source.batches(names, { nullAsNaN: true })) {
      rows += batch.rows;
      batch.columns.forEach((column, k) => {
        for (const sink of sinks[k]!) feed(sink, column);
      });
    }
    return rows;
  }
}

function driftColumns(plan: DatasetPlan, handlers: ColumnSinks): Map<string, ColumnData> {
  const columns = new Map<string, ColumnData>();
  for (const [name, kind] of plan.columns) {
    if (!handlers.has(name)) continue;
    const data =
      kind === 'numeric'
        ? (plan.numericSink?.(name) ?? new NumericSink())
        : kind === 'categorical'
          ? new CategoricalSink()
          : new ColumnAccumulator(kind === 'infer-categorical');
    columns.set(name, data);
    handlers.on(name, data);
  }
  return columns;
}

/** Row-aligned scores (NaN where missing); a value that is not a probability stops the read at its row. */
class ScoreSink implements CellSink {
  readonly scores = new FloatBuffer();

  constructor(
    private readonly file: string,
    private readonly column: string
  ) {}

  add(cell: string): void {
    if (isMissing(cell)) {
      this.scores.push(Number.NaN);
      return;
    }
    const s = parseNumber(cell);
    if (Number.isNaN(s)) throw this.problem(`'${cell}' is not a number (scores must be probabilities in [0, 1])`);
    this.addNumber(s, cell);
  }

  addNumber(s: number, cell?: string): void {
    // The text is made only for the message: String() on every score was a tenth of a check's time.
    if (s < 0 || s > 1) throw this.problem(`${cell ?? String(s)} is outside [0, 1] (scores must be probabilities)`);
    this.scores.push(s);
  }

  addNumbers(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) {
      const s = values[i]!;
      if (Number.isFinite(s)) this.addNumber(s);
      else this.add(String(s));
    }
  }

  addMissing(): void {
    this.scores.push(Number.NaN);
  }

  private problem(text: string): InputError {
    return cellError(this.file, this.scores.length + 1, this.column, text);
  }
}

/** One streaming pass over a data file: drift summaries per column plus the row-aligned target columns. */
export async function readDataset(source: TableSource, plan: DatasetPlan): Promise<Dataset> {
  const { file, header } = source;
  const handlers = new ColumnSinks(file, header);
  for (const name of plan.required) {
    if (!handlers.has(name))
      throw new InputError(`${file}: has no column '${name}' (its columns: ${header.join(', ')})`);
  }
  const columns = driftColumns(plan, handlers);
  const labels = handlers.coded(plan.label);
  const predictions = handlers.coded(plan.prediction);
  const groups = new Map<string, CodedColumn>();
  for (const attribute of plan.protected) {
    const coded = handlers.coded(attribute);
    if (coded) groups.set(attribute, coded);
  }
  const scores = handlers.has(plan.score) ? new ScoreSink(file, plan.score) : null;
  if (scores) handlers.on(plan.score!, scores);
  const rows = await handlers.readAll(source);
  return {
    file,
    header,
    rows,
    columns,
    labels,
    scores: scores ? scores.scores.view().slice() : null,
    predictions,
    groups,
  };
}
