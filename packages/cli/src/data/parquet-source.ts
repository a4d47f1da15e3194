import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type DecodedArray,
  type FileMetaData,
  type SchemaTree,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputError } from '../errors.js';
import { checkReadable } from './csv-source.js';
import { isFlatNumberColumn, isFlatTextColumn, readFlatNumbers, readFlatTexts } from './parquet-numbers.js';
import type { Batch, BatchOptions, ColumnValues, TableSource } from './table-source.js';
import { unsupportedColumn } from './unsupported-column.js';

const NUMERIC_PHYSICAL = new Set(['INT32', 'INT64', 'FLOAT', 'DOUBLE']);
// Logical types whose values are numbers or text; times and dates would be read as numbers of unstated units.
const READABLE_LOGICAL = new Set(['STRING', 'ENUM', 'INTEGER', 'DECIMAL', 'FLOAT16']);
const READABLE_CONVERTED = new Set([
  'UTF8',
  'ENUM',
  'DECIMAL',
  'INT_8',
  'INT_16',
  'INT_32',
  'INT_64',
  'UINT_8',
  'UINT_16',
  'UINT_32',
  'UINT_64',
]);

/** The column's type in words when Modelwatch cannot read it, else null. */
function unreadableType(column: SchemaTree): string | null {
  const { element } = column;
  if (column.children.length > 0 || element.repetition_type === 'REPEATED')
    return element.logical_type?.type ?? element.converted_type ?? 'a nested group';
  const logical = element.logical_type?.type;
  if (logical !== undefined) return READABLE_LOGICAL.has(logical) ? null : logical;
  const converted = element.converted_type;
  if (converted !== undefined) return READABLE_CONVERTED.has(converted) ? null : converted;
  const physical = element.type;
  if (physical === undefined) return 'untyped';
  if (NUMERIC_PHYSICAL.has(physical) || physical === 'BOOLEAN' || physical === 'BYTE_ARRAY') return null;
  return physical;
}

const notReadable = (file: string, e: unknown): InputError =>
  e instanceof InputError
    ? e
    : new InputError(
        `${file}: not a readable Parquet file (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`
      );

/** A column chunk as the data layer takes it: a typed array of numbers when it has no nulls, else each value. */
function columnValues(data: DecodedArray): ColumnValues {
  if (
    data instanceof Float64Array ||
    data instanceof Float32Array ||
    data instanceof Int32Array ||
    data instanceof Uint32Array
  )
    return { kind: 'numbers', values: data };
  return { kind: 'values', values: data };
}

/** Joins the pieces a column of one row group arrived in, cut to the group's rows. */
function joinPieces(pieces: { start: number; data: DecodedArray }[], start: number, rows: number): DecodedArray {
  if (pieces.length === 1 && pieces[0]!.start === start && pieces[0]!.data.length === rows) return pieces[0]!.data;
  const out = new Array<unknown>(rows);
  for (const piece of pieces) {
    for (let i = 0; i < piece.data.length; i++) {
      const at = piece.start + i - start;
      if (at >= 0 && at < rows) out[at] = piece.data[i];
    }
  }
  return out;
}

/**
 * Opens a Parquet file: the footer is read now (so column and type errors come before any row), then the requested
 * columns only, one row group at a time.
 */
export async function openParquet(file: string): Promise<TableSource> {
  checkReadable(file);
  let metadata: FileMetaData;
  let buffer: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  try {
    buffer = await asyncBufferFromFile(file);
    metadata = await parquetMetadataAsync(buffer);
  } catch (e) {
    throw notReadable(file, e);
  }
  const root = parquetSchema(metadata);
  const fields = root.children;
  const header = fields.map((f) => f.element.name);
  const types = new Map(fields.map((f) => [f.element.name, unreadableType(f)] as const));
  const position = new Map(fields.map((f, i) => [f.element.name, i] as const));
  async function* batches(columns: readonly string[], options: BatchOptions = {}): AsyncGenerator<Batch> {
    for (const c of columns) {
      const type = types.get(c);
      if (type) throw unsupportedColumn(file, c, type);
    }
    const numbers = new Set(
      options.nullAsNaN ? columns.filter((c) => isFlatNumberColumn(fields[position.get(c)!]!)) : []
    );
    const texts = new Set(columns.filter((c) => isFlatTextColumn(fields[position.get(c)!]!)));
    const others = columns.filter((c) => !numbers.has(c) && !texts.has(c));
    let start = 0;
    for (const group of metadata.row_groups) {
      const rows = Number(group.num_rows);
      const pieces = new Map(others.map((c) => [c, [] as { start: number; data: DecodedArray }[]] as const));
      const decoded = new Map<string, Float64Array>();
      const decodedTexts = new Map<string, (string | null)[]>();
      const chunkOf = (c: string) => {
        const chunk = group.columns.find(
          (k) => k.meta_data?.path_in_schema.length === 1 && k.meta_data.path_in_schema[0] === c
        );
        if (!chunk) throw new Error(`no column chunk for ${c}`);
        return chunk;
      };
      try {
        for (const c of numbers)
          decoded.set(c, await readFlatNumbers(buffer, root, fields[position.get(c)!]!, chunkOf(c), rows));
        for (const c of texts)
          decodedTexts.set(c, await readFlatTexts(buffer, root, fields[position.get(c)!]!, chunkOf(c), rows));
        if (others.length > 0)
          await parquetRead({
            file: buffer,
            metadata,
            columns: others,
            rowStart: start,
            rowEnd: start + rows,
            compressors,
            onChunk: (chunk) => pieces.get(chunk.columnName)?.push({ start: chunk.rowStart, data: chunk.columnData }),
          });
      } catch (e) {
        throw notReadable(file, e);
      }
      yield {
        rows,
        columns: columns.map((c): ColumnValues => {
          const values = decoded.get(c);
          if (values) return { kind: 'numbers', values };
          const strings = decodedTexts.get(c);
          if (strings) return { kind: 'values', values: strings };
          return columnValues(joinPieces(pieces.get(c)!, start, rows));
        }),
      };
      start += rows;
    }
  }
  return { file, format: 'parquet', header, rowCount: Number(metadata.num_rows), batches };
}
