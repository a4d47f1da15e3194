/** The input formats the data commands read. */
export const INPUT_FORMATS = ['csv', 'parquet', 'arrow'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/**
 * One column of a batch. CSV gives the cells' text; Parquet and Arrow give typed values: numbers (a typed array
 * when the column has no nulls), bigints, booleans, strings, and null for a missing value.
 */
export type ColumnValues =
  | { kind: 'text'; cells: readonly string[] }
  | { kind: 'numbers'; values: ArrayLike<number> }
  | { kind: 'values'; values: ArrayLike<unknown> };

/** Rows [start, start + rows) of the requested columns, in the order they were requested. */
export interface Batch {
  rows: number;
  columns: ColumnValues[];
}

export interface BatchOptions {
  /**
   * The reader takes NaN and a missing value alike (as every sink does): a numeric column may then come as numbers
   * with NaN where a typed file has a null, which Parquet decodes without boxing each value.
   */
  nullAsNaN?: boolean;
}

/** A table read column by column in batches of rows, so memory does not grow with the file. */
export interface TableSource {
  /** The path as the user wrote it, for messages. */
  file: string;
  format: InputFormat;
  header: string[];
  /** The number of data rows, when the format records it (Parquet's footer). */
  rowCount?: number;
  /** Reads only the named columns (each must be in the header), batch by batch, in file order. */
  batches(columns: readonly string[], options?: BatchOptions): AsyncIterable<Batch>;
}
