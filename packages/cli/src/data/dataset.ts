import { ColumnAccumulator, FloatBuffer, isMissing, parseNumber } from '@modelwatch/stats';
import { cellError, InputError } from '../errors.js';
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
export type ColumnData = ColumnAccumulator | NumericSink | CategoricalSink;

export interface DatasetPlan {
  /** Columns to summarise for drift, with how to read each. */
  columns: ReadonlyMap<string, ColumnKind>;
  label: string | null;
  score: string | null;
  prediction: string | null;
  protected: readonly string[];
  /** Columns that must be present in the file (the others are optional, e.g. a label not known yet). */
  required: readonly string[];
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

/** One streaming pass over a CSV: drift summaries per column plus the row-aligned target columns. */
export async function readDataset(source: CsvSource, plan: DatasetPlan): Promise<Dataset> {
  const { file, header } = source;
  const position = new Map(header.map((h, i) => [h, i] as const));
  for (const name of plan.required) {
    if (!position.has(name))
      throw new InputError(`${file}: has no column '${name}' (its columns: ${header.join(', ')})`);
  }
  const present = (name: string | null): name is string => name !== null && position.has(name);

  // Work per header position is a list of closures built once, so the row loop does no lookups.
  const perColumn: ((cell: string) => void)[][] = header.map(() => []);
  const columns = new Map<string, ColumnData>();
  for (const [name, kind] of plan.columns) {
    const at = position.get(name);
    if (at === undefined) continue;
    const data =
      kind === 'numeric'
        ? new NumericSink()
        : kind === 'categorical'
          ? new CategoricalSink()
          : new ColumnAccumulator(kind === 'infer-categorical');
    columns.set(name, data);
    perColumn[at]!.push((cell) => data.add(cell));
  }

  const labels = present(plan.label) ? new CodedColumn() : null;
  if (labels) perColumn[position.get(plan.label!)!]!.push((cell) => labels.add(cell));
  const predictions = present(plan.prediction) ? new CodedColumn() : null;
  if (predictions) perColumn[position.get(plan.prediction!)!]!.push((cell) => predictions.add(cell));
  const groups = new Map<string, CodedColumn>();
  for (const attribute of plan.protected) {
    if (!present(attribute)) continue;
    const coded = new CodedColumn();
    groups.set(attribute, coded);
    perColumn[position.get(attribute)!]!.push((cell) => coded.add(cell));
  }
  const scores = present(plan.score) ? new FloatBuffer() : null;
  let row = 0;
  if (scores) {
    const scoreColumn = plan.score!;
    perColumn[position.get(scoreColumn)!]!.push((cell) => {
      if (isMissing(cell)) {
        scores.push(Number.NaN);
        return;
      }
      const s = parseNumber(cell);
      if (Number.isNaN(s))
        throw cellError(file, row, scoreColumn, `'${cell}' is not a number (scores must be probabilities in [0, 1])`);
      if (s < 0 || s > 1)
        throw cellError(file, row, scoreColumn, `${cell} is outside [0, 1] (scores must be probabilities)`);
      scores.push(s);
    });
  }

  const active = perColumn.map((handlers, i) => [i, handlers] as const).filter(([, h]) => h.length > 0);
  for await (const record of source.rows) {
    row++;
    for (const [i, handlers] of active) {
      const cell = record[i] ?? '';
      for (const handle of handlers) handle(cell);
    }
  }
  return {
    file,
    header,
    rows: row,
    columns,
    labels,
    scores: scores ? scores.view().slice() : null,
    predictions,
    groups,
  };
}
