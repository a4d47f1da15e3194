import { ColumnAccumulator, FloatBuffer, isMissing, parseNumber } from '@modelwatch/stats';
import { cellError, InputError } from '../errors.js';
import type { BudgetedNumericSink } from './budgeted-numeric-sink.js';
import type { CsvSource } from './csv-source.js';

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
}

/** Counts of a categorical column whose type the reference fixed. */
export class CategoricalSink {
  readonly counts = new Map<string, number>();
  rows = 0;
  missing = 0;
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
export type ColumnData = ColumnAccumulator | NumericSink | CategoricalSink | BudgetedNumericSink;

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

type CellHandler = (cell: string) => void;

/**
 * The work per header position, as a list of closures built once, so the row loop does no lookups. Handlers of one
 * column run in the order they were added.
 */
class RowHandlers {
  private readonly perColumn: CellHandler[][];
  private readonly position: Map<string, number>;

  constructor(
    readonly file: string,
    readonly header: string[]
  ) {
    this.position = new Map(header.map((h, i) => [h, i] as const));
    this.perColumn = header.map(() => []);
  }

  has(name: string | null): name is string {
    return name !== null && this.position.has(name);
  }

  /** Adds a handler to a column; false when the file has no such column. */
  on(name: string, handle: CellHandler): boolean {
    const at = this.position.get(name);
    if (at === undefined) return false;
    this.perColumn[at]!.push(handle);
    return true;
  }

  /** The row-aligned codes of a column the file has, else null. */
  coded(name: string | null): CodedColumn | null {
    if (!this.has(name)) return null;
    const coded = new CodedColumn();
    this.on(name, (cell) => coded.add(cell));
    return coded;
  }

  /** Calls each column's handlers on every row; returns the number of rows. */
  async readAll(rows: AsyncIterable<string[]>, cursor: { row: number }): Promise<number> {
    const active = this.perColumn.map((handlers, i) => [i, handlers] as const).filter(([, h]) => h.length > 0);
    for await (const record of rows) {
      cursor.row++;
      for (const [i, handlers] of active) {
        const cell = record[i] ?? '';
        for (const handle of handlers) handle(cell);
      }
    }
    return cursor.row;
  }
}

function driftColumns(plan: DatasetPlan, handlers: RowHandlers): Map<string, ColumnData> {
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
    handlers.on(name, (cell) => data.add(cell));
  }
  return columns;
}

/** Row-aligned scores (NaN where missing); a cell that is not a probability stops the read at its row. */
function scoreColumn(column: string | null, handlers: RowHandlers, cursor: { row: number }): FloatBuffer | null {
  if (!handlers.has(column)) return null;
  const scores = new FloatBuffer();
  const { file } = handlers;
  handlers.on(column, (cell) => {
    if (isMissing(cell)) {
      scores.push(Number.NaN);
      return;
    }
    const s = parseNumber(cell);
    if (Number.isNaN(s))
      throw cellError(file, cursor.row, column, `'${cell}' is not a number (scores must be probabilities in [0, 1])`);
    if (s < 0 || s > 1)
      throw cellError(file, cursor.row, column, `${cell} is outside [0, 1] (scores must be probabilities)`);
    scores.push(s);
  });
  return scores;
}

/** One streaming pass over a CSV: drift summaries per column plus the row-aligned target columns. */
export async function readDataset(source: CsvSource, plan: DatasetPlan): Promise<Dataset> {
  const { file, header } = source;
  const handlers = new RowHandlers(file, header);
  for (const name of plan.required) {
    if (!handlers.has(name))
      throw new InputError(`${file}: has no column '${name}' (its columns: ${header.join(', ')})`);
  }
  const cursor = { row: 0 };
  const columns = driftColumns(plan, handlers);
  const labels = handlers.coded(plan.label);
  const predictions = handlers.coded(plan.prediction);
  const groups = new Map<string, CodedColumn>();
  for (const attribute of plan.protected) {
    const coded = handlers.coded(attribute);
    if (coded) groups.set(attribute, coded);
  }
  const scores = scoreColumn(plan.score, handlers, cursor);
  const rows = await handlers.readAll(source.rows, cursor);
  return {
    file,
    header,
    rows,
    columns,
    labels,
    scores: scores ? scores.view().slice() : null,
    predictions,
    groups,
  };
}
