import type { AsyncBuffer, ColumnChunk, CompressionCodec, DecodedArray, SchemaTree } from 'hyparquet';
import { parquetHeader, readPage } from 'hyparquet/src/column.js';
import { convert, convertWithDictionary, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { compressors } from 'hyparquet-compressors';

// hyparquet assembles a nullable column into a plain array of boxed numbers and nulls, which with the garbage
// collection after it was half of a check on Parquet. A flat numeric column only needs its definition levels laid
// over its values: this decodes it page by page with hyparquet's own page, encoding and compression functions and
// writes the values straight into a Float64Array, NaN where the value is null. A flat text column is laid the same
// way into an array of strings and nulls.

// Types whose values are the physical numbers as they are (no scale, no unit, no unsigned reinterpretation).
const PLAIN_NUMBER = new Set(['DOUBLE', 'FLOAT', 'INT32']);
const PLAIN_CONVERTED = new Set(['INT_8', 'INT_16', 'INT_32']);

/** True when a top-level column can be decoded straight into numbers. */
export function isFlatNumberColumn(column: SchemaTree): boolean {
  const { element } = column;
  if (column.children.length > 0 || element.repetition_type === 'REPEATED') return false;
  if (element.type === undefined || !PLAIN_NUMBER.has(element.type)) return false;
  const logical = element.logical_type;
  if (logical !== undefined && !(logical.type === 'INTEGER' && logical.isSigned && logical.bitWidth <= 32))
    return false;
  return element.converted_type === undefined || PLAIN_CONVERTED.has(element.converted_type);
}

/** True when a top-level column is text that can be decoded straight into strings (UTF-8 byte arrays). */
export function isFlatTextColumn(column: SchemaTree): boolean {
  const { element } = column;
  if (column.children.length > 0 || element.repetition_type === 'REPEATED') return false;
  if (element.type !== 'BYTE_ARRAY') return false;
  const logical = element.logical_type;
  if (logical !== undefined && logical.type !== 'STRING') return false;
  return element.converted_type === undefined || element.converted_type === 'UTF8';
}

interface FlatPage {
  /** The page's non-null values, converted and looked up in the dictionary. */
  values: DecodedArray;
  /** 1 for a value, 0 for a null; undefined when the column cannot hold nulls or the page has none. */
  levels: ArrayLike<number> | undefined;
}

/** The data pages of one column chunk of a flat column, decoded by hyparquet's page functions. */
async function* flatPages(
  file: AsyncBuffer,
  root: SchemaTree,
  column: SchemaTree,
  chunk: ColumnChunk,
  rows: number
): AsyncGenerator<FlatPage> {
  const meta = chunk.meta_data;
  if (!meta) throw new Error(`column ${column.element.name} has no metadata`);
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  const bytes = await file.slice(start, start + Number(meta.total_compressed_size));
  const decoder = {
    pathInSchema: meta.path_in_schema,
    type: meta.type,
    element: column.element,
    schemaPath: [root, column],
    codec: meta.codec as CompressionCodec,
    parsers: DEFAULT_PARSERS,
    compressors,
  };
  const reader = { view: new DataView(bytes), offset: 0 };
  const nullable = column.element.repetition_type === 'OPTIONAL';
  let dictionary: DecodedArray | undefined;
  let row = 0;
  while (row < rows && reader.offset < reader.view.byteLength - 1) {
    const header = parquetHeader(reader);
    if (header.type === 'DICTIONARY_PAGE') {
      const { data } = readPage(reader, header, decoder, undefined, undefined, 0);
      if (data) dictionary = convert(data, decoder);
      continue;
    }
    const pageBytes = new Uint8Array(bytes, reader.offset, header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    let page;
    let encoding;
    if (header.type === 'DATA_PAGE' && header.data_page_header) {
      const uncompressed = decompressPage(pageBytes, Number(header.uncompressed_page_size), decoder.codec, compressors);
      page = readDataPage(uncompressed, header.data_page_header, decoder);
      encoding = header.data_page_header.encoding;
    } else if (header.type === 'DATA_PAGE_V2' && header.data_page_header_v2) {
      page = readDataPageV2(pageBytes, header, decoder);
      encoding = header.data_page_header_v2.encoding;
    } else {
      throw new Error(`parquet unsupported page type: ${header.type}`);
    }
    const values = convertWithDictionary(page.dataPage, dictionary, encoding, decoder);
    const levels = page.definitionLevels;
    const flat = { values, levels: nullable && levels !== undefined && levels.length > 0 ? levels : undefined };
    row += flat.levels?.length ?? values.length;
    yield flat;
  }
}

/**
 * One column chunk of a flat numeric column as numbers, NaN for a null. `root` is the schema tree; `column` one of
 * its children for which isFlatNumberColumn holds.
 */
export async function readFlatNumbers(
  file: AsyncBuffer,
  root: SchemaTree,
  column: SchemaTree,
  chunk: ColumnChunk,
  rows: number
): Promise<Float64Array> {
  const out = new Float64Array(rows);
  let row = 0;
  for await (const { values, levels } of flatPages(file, root, column, chunk, rows)) {
    if (levels === undefined) {
      const n = Math.min(values.length, rows - row);
      for (let i = 0; i < n; i++) out[row++] = Number(values[i]);
      continue;
    }
    const n = Math.min(levels.length, rows - row);
    let k = 0;
    for (let i = 0; i < n; i++) out[row++] = levels[i] === 1 ? Number(values[k++]) : Number.NaN;
  }
  if (row !== rows) throw new Error(`column ${column.element.name} has ${row} values in a row group of ${rows} rows`);
  return out;
}

/**
 * One column chunk of a flat text column as hyparquet's reader gives it (a string per row, null for a null) without
 * its general assembly of nested lists, which boxed every value again. `column` is one for which isFlatTextColumn
 * holds.
 */
export async function readFlatTexts(
  file: AsyncBuffer,
  root: SchemaTree,
  column: SchemaTree,
  chunk: ColumnChunk,
  rows: number
): Promise<(string | null)[]> {
  const out = new Array<string | null>(rows);
  let row = 0;
  for await (const { values, levels } of flatPages(file, root, column, chunk, rows)) {
    const texts = values as ArrayLike<string>;
    if (levels === undefined) {
      const n = Math.min(texts.length, rows - row);
      for (let i = 0; i < n; i++) out[row++] = texts[i]!;
      continue;
    }
    const n = Math.min(levels.length, rows - row);
    let k = 0;
    for (let i = 0; i < n; i++) out[row++] = levels[i] === 1 ? texts[k++]! : null;
  }
  if (row !== rows) throw new Error(`column ${column.element.name} has ${row} values in a row group of ${rows} rows`);
  return out;
}
