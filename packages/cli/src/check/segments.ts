import { BIN, DEFAULT_ATTRIBUTE_VALUE_CAP, DEFAULTS } from '@modelwatch/semconv';
import { isMissing, type PsiZeroShare, type ReferenceProfile } from '@modelwatch/stats';
import { InputError } from '../errors.js';
import { cellAt } from '../data/cell-text.js';
import { openTable } from '../data/open-table.js';
import type { Batch, ColumnValues, InputFormat, TableSource } from '../data/table-source.js';
import { readDataset, type DatasetPlan } from '../data/dataset.js';
import { evaluateDrift } from './evaluate.js';
import type { Policy } from './policy.js';
import type { SegmentDriftReport, Violation } from './report.js';

/** The rows of one batch column that the mask keeps, in the column's own kind. */
function kept(column: ColumnValues, mask: readonly boolean[]): ColumnValues {
  if (column.kind === 'text') return { kind: 'text', cells: column.cells.filter((_, i) => mask[i]) };
  const values: unknown[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) values.push(column.values[i]);
  return column.kind === 'numbers' ? { kind: 'numbers', values: values as number[] } : { kind: 'values', values };
}

/** Rows of a table whose `column` reads as `value` (__missing__: empty or a missing marker). */
function rowsOf(source: TableSource, column: string, value: string): TableSource {
  return {
    ...source,
    batches(columns: readonly string[]): AsyncIterable<Batch> {
      return {
        async *[Symbol.asyncIterator]() {
          for await (const batch of source.batches([...columns, column])) {
            const segment = batch.columns[columns.length]!;
            const mask: boolean[] = [];
            let rows = 0;
            for (let i = 0; i < batch.rows; i++) {
              const keep = segmentValue(cellAt(segment, i)) === value;
              mask.push(keep);
              if (keep) rows++;
            }
            if (rows > 0) yield { rows, columns: batch.columns.slice(0, columns.length).map((c) => kept(c, mask)) };
          }
        },
      };
    },
  };
}

function segmentValue(cell: string): string {
  return isMissing(cell) ? BIN.missing : cell;
}

/** Distinct values of the segment column with their row counts, in order of first appearance. */
async function valuesOf(file: string, column: string, format?: InputFormat): Promise<Map<string, number>> {
  const source = await openTable(file, format);
  if (!source.header.includes(column))
    throw new InputError(`--segment: ${file} has no column '${column}' (it has ${source.header.join(', ')})`);
  const counts = new Map<string, number>();
  for await (const batch of source.batches([column])) {
    for (let i = 0; i < batch.rows; i++) {
      const value = segmentValue(cellAt(batch.columns[0]!, i));
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    if (counts.size > DEFAULT_ATTRIBUTE_VALUE_CAP)
      throw new InputError(
        `--segment: column '${column}' of ${file} has more than ${DEFAULT_ATTRIBUTE_VALUE_CAP} distinct values; choose a column with fewer (a channel, a region), as the live monitor caps them`
      );
  }
  return counts;
}

/**
 * Drift per value of one column of the current data: each value's rows against the whole reference, with the
 * check's own drift functions and levels. Values with fewer than minRows rows are reported, never judged, as the
 * segment drift alerts need drift.minSamples values per segment. Reads the file once per value (bounded by the
 * value cap), so memory stays that of one segment.
 */
export async function segmentDrift(
  file: string,
  column: string,
  reference: ReferenceProfile,
  plan: DatasetPlan,
  policy: Policy,
  minRows: number = DEFAULTS.drift.minSamples,
  format?: InputFormat,
  psiZeroShare: PsiZeroShare = 'epsilon'
): Promise<{ report: SegmentDriftReport; violations: Violation[] }> {
  const counts = await valuesOf(file, column, format);
  const report: SegmentDriftReport = { column, minRows, values: {} };
  const violations: Violation[] = [];
  for (const [value, rows] of counts) {
    const source = await openTable(file, format);
    const subset = await readDataset(rowsOf(source, column, value), plan);
    const { drift, violations: found } = evaluateDrift(reference, subset, policy, psiZeroShare);
    const judged = rows >= minRows;
    report.values[value] = {
      rows,
      judged,
      drift: Object.fromEntries(
        Object.entries(drift).map(([name, d]) => [
          name,
          {
            type: d.type,
            role: d.role,
            psi: d.psi,
            jensenShannon: d.jensenShannon,
            drifted: judged && found.some((v) => v.subject === name && isSegmentStatistic(v.check)),
          },
        ])
      ),
    };
    if (!judged) continue;
    for (const v of found.filter((v) => isSegmentStatistic(v.check))) {
      violations.push({
        ...v,
        check: v.check.replace(/^drift\./, 'segmentDrift.'),
        subject: `${v.subject} [${column}=${value}]`,
        message: `${v.message} among rows with ${column}=${value}`,
      });
    }
  }
  return { report, violations };
}

/** The statistics judged per segment: the two the live segment rules record. */
function isSegmentStatistic(check: string): boolean {
  return check === 'drift.psi' || check === 'drift.jensenShannon';
}
