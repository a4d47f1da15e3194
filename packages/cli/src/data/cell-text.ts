import type { ColumnValues } from './table-source.js';

/** The text a CSV cell would hold for a typed value, so every format goes through the same rules. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** Row i of a batch column as cell text; a null (missing in a typed file) is the empty cell. */
export function cellAt(column: ColumnValues, i: number): string {
  if (column.kind === 'text') return column.cells[i]!;
  const v = column.values[i];
  return v === null || v === undefined ? '' : textOf(v);
}
