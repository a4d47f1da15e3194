import { attributionProfile, isMissing, parseNumber, type AttributionProfile } from '@modelwatch/stats';
import { InputError } from '../errors.js';
import { openTable } from '../data/open-table.js';
import type { ColumnValues, InputFormat } from '../data/table-source.js';

/** Columns holding attributions, by the feature they explain: `PREFIX<feature>` → feature. */
export function prefixedColumns(header: readonly string[], prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of header) if (c.startsWith(prefix) && c.length > prefix.length) out.set(c.slice(prefix.length), c);
  return out;
}

/** One cell as a number; missing, non-numeric and non-finite cells are NaN (left out of every statistic). */
function numberAt(column: ColumnValues, i: number): number {
  if (column.kind === 'text') {
    const cell = column.cells[i]!;
    return isMissing(cell) ? Number.NaN : parseNumber(cell);
  }
  const v = column.values[i];
  if (typeof v === 'number') return Number.isFinite(v) ? v : Number.NaN;
  if (typeof v === 'bigint') return Number(v);
  return Number.NaN;
}

/** The values of the named columns (feature → column), as numbers, read in one pass over the file. */
export async function readAttributionValues(
  file: string,
  columns: ReadonlyMap<string, string>,
  format?: InputFormat
): Promise<Map<string, Float64Array>> {
  const source = await openTable(file, format);
  const features = [...columns.keys()];
  const names = features.map((f) => columns.get(f)!);
  const missing = names.find((n) => !source.header.includes(n));
  if (missing !== undefined) throw new InputError(`${file}: has no attribution column '${missing}'`);
  const parts: number[][] = features.map(() => []);
  for await (const batch of source.batches(names)) {
    for (let j = 0; j < names.length; j++) {
      const column = batch.columns[j]!;
      const into = parts[j]!;
      for (let i = 0; i < batch.rows; i++) into.push(numberAt(column, i));
    }
  }
  return new Map(features.map((f, j) => [f, Float64Array.from(parts[j]!)]));
}

/**
 * Reference attributions of every feature: from a file of attributions whose columns are the features
 * (`--attributions FILE`), or from the `PREFIX<feature>` columns of the data file (`--attribution-prefix`).
 */
export async function referenceAttributions(
  source: { file: string; prefix?: string; format?: InputFormat },
  maxKnots: number
): Promise<Record<string, AttributionProfile>> {
  const table = await openTable(source.file, source.format);
  const columns =
    source.prefix === undefined
      ? new Map(table.header.map((c) => [c, c]))
      : prefixedColumns(table.header, source.prefix);
  if (columns.size === 0)
    throw new InputError(
      `${source.file}: has no attribution columns${source.prefix === undefined ? '' : ` named '${source.prefix}<feature>'`} (check --attribution-prefix)`
    );
  const values = await readAttributionValues(source.file, columns, source.format);
  const out = Object.create(null) as Record<string, AttributionProfile>;
  for (const [feature, v] of values) {
    const p = attributionProfile(v, maxKnots);
    if (p === null)
      throw new InputError(`${source.file}: attribution column '${columns.get(feature)}' has no finite numbers`);
    out[feature] = p;
  }
  return out;
}

/** Column choices with the `PREFIX<feature>` columns of the file ignored, so they are no features of their own. */
export async function withoutAttributionColumns<C extends { ignore: readonly string[] }>(
  file: string,
  choices: C,
  prefix: string | undefined,
  format?: InputFormat
): Promise<C> {
  if (prefix === undefined) return choices;
  if (prefix === '') throw new InputError('--attribution-prefix: give a non-empty prefix, e.g. shap_');
  const table = await openTable(file, format);
  const attribution = [...prefixedColumns(table.header, prefix).values()];
  return { ...choices, ignore: [...new Set([...choices.ignore, ...attribution])] };
}
