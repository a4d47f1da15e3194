import { extname } from 'node:path';
import { openCsv } from './csv-source.js';
import { openParquet } from './parquet-source.js';
import type { InputFormat, TableSource } from './table-source.js';

const BY_EXTENSION: Readonly<Record<string, InputFormat>> = {
  '.csv': 'csv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.arrow': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
  '.arrows': 'arrow',
};

/** The format a file is read as: the one given (--input-format), else by its extension, else CSV. */
export function formatOf(file: string, given?: InputFormat): InputFormat {
  return given ?? BY_EXTENSION[extname(file).toLowerCase()] ?? 'csv';
}

/** Opens a data file of any supported format; its header (column names) is known when this resolves. */
export async function openTable(file: string, given?: InputFormat): Promise<TableSource> {
  switch (formatOf(file, given)) {
    case 'parquet':
      return openParquet(file);
    case 'arrow':
      // Loaded on first use: the Arrow library takes a sixth of a second to load, which CSV and Parquet need not pay.
      return (await import('./arrow-source.js')).openArrow(file);
    default:
      return openCsv(file);
  }
}
