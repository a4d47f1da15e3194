import { createReadStream } from 'node:fs';
import { DataType, RecordBatchReader, type Field, type Vector } from 'apache-arrow';
import { InputError } from '../errors.js';
import { checkReadable } from './csv-source.js';
import { ioProblem } from './io-error.js';
import type { Batch, ColumnValues, TableSource } from './table-source.js';
import { unsupportedColumn } from './unsupported-column.js';

/** Numbers, text (plain or dictionary-encoded) and booleans are read; other types are named in the error. */
function unreadableType(field: Field): string | null {
  const type = field.type as DataType;
  if (DataType.isFloat(type) || DataType.isInt(type) || DataType.isBool(type) || DataType.isUtf8(type)) return null;
  if (DataType.isLargeUtf8(type) || DataType.isDecimal(type)) return null;
  if (DataType.isDictionary(type)) {
    const values = type.dictionary;
    return DataType.isUtf8(values) || DataType.isLargeUtf8(values) ? null : `dictionary of ${String(values)}`;
  }
  return String(type);
}

const notReadable = (file: string, e: unknown): InputError => {
  if (e instanceof InputError) return e;
  if (typeof e === 'object' && e !== null && 'code' in e)
    return new InputError(`${file}: cannot read the file (${ioProblem(e)})`);
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  return new InputError(`${file}: not a readable Arrow IPC file (${message})`);
};

/** A column of a record batch: a typed array when it is numeric without nulls, else each value (null = missing). */
function columnValues(vector: Vector): ColumnValues {
  const type = vector.type as DataType;
  if (vector.nullCount === 0 && (DataType.isFloat(type) || (DataType.isInt(type) && type.bitWidth < 64)))
    return { kind: 'numbers', values: vector.toArray() as ArrayLike<number> };
  // Decimals come as their unscaled digits; their string form is the number the file means.
  if (DataType.isDecimal(type)) {
    const scale = type.scale;
    return {
      kind: 'values',
      values: Array.from({ length: vector.length }, (_, i) => {
        const v: unknown = vector.get(i);
        return v === null || v === undefined ? null : Number(String(v)) / 10 ** scale;
      }),
    };
  }
  return { kind: 'values', values: Array.from({ length: vector.length }, (_, i): unknown => vector.get(i)) };
}

/** Opens an Arrow IPC file or stream (Feather v2): the schema now, then the requested columns batch by batch. */
export async function openArrow(file: string): Promise<TableSource> {
  checkReadable(file);
  const input = createReadStream(file);
  let reader: RecordBatchReader;
  try {
    reader = await RecordBatchReader.from(input);
    await reader.open();
  } catch (e) {
    input.destroy();
    throw notReadable(file, e);
  }
  const fields = reader.schema.fields;
  const header = fields.map((f) => f.name);
  const types = new Map(fields.map((f) => [f.name, unreadableType(f)] as const));
  async function* batches(columns: readonly string[]): AsyncGenerator<Batch> {
    for (const c of columns) {
      const type = types.get(c);
      if (type) throw unsupportedColumn(file, c, type);
    }
    try {
      for (;;) {
        let next;
        try {
          next = await reader.next();
        } catch (e) {
          throw notReadable(file, e);
        }
        if (next.done) break;
        const batch = next.value;
        yield {
          rows: batch.numRows,
          columns: columns.map((c) => columnValues(batch.getChild(c)!)),
        };
      }
    } finally {
      input.destroy();
    }
  }
  return { file, format: 'arrow', header, batches };
}
