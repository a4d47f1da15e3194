import { BIN, DEFAULT_ATTRIBUTE_VALUE_CAP, DEFAULTS } from '@modelwatch/semconv';
import { isMissing, type PsiZeroShare, type ReferenceProfile } from '@modelwatch/stats';
import { InputError } from '../errors.js';
import { openCsv, type CsvSource } from '../data/csv-source.js';
import { readDataset, type DatasetPlan } from '../data/dataset.js';
import { evaluateDrift } from './evaluate.js';
import type { Policy } from './policy.js';
import type { SegmentDriftReport, Violation } from './report.js';

/** Rows of a CSV source whose `column` cell reads as `value` (__missing__: empty or a missing marker). */
function rowsOf(source: CsvSource, column: number, value: string): CsvSource {
  const rows: AsyncIterable<string[]> = {
    async *[Symbol.asyncIterator]() {
      for await (const row of source.rows) if (segmentValue(row[column]) === value) yield row;
    },
  };
  return { ...source, rows };
}

function segmentValue(cell: string | undefined): string {
  return cell === undefined || isMissing(cell) ? BIN.missing : cell;
}

/** Distinct values of the segment column with their row counts, in order of first appearance. */
async function valuesOf(file: string, column: string): Promise<Map<string, number>> {
  const source = await openCsv(file);
  const index = source.header.indexOf(column);
  if (index < 0)
    throw new InputError(`--segment: ${file} has no column '${column}' (it has ${source.header.join(', ')})`);
  const counts = new Map<string, number>();
  for await (const row of source.rows) {
    const value = segmentValue(row[index]);
    counts.set(value, (counts.get(value) ?? 0) + 1);
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
  psiZeroShare: PsiZeroShare = 'epsilon'
): Promise<{ report: SegmentDriftReport; violations: Violation[] }> {
  const counts = await valuesOf(file, column);
  const report: SegmentDriftReport = { column, minRows, values: {} };
  const violations: Violation[] = [];
  for (const [value, rows] of counts) {
    const source = await openCsv(file);
    const subset = await readDataset(rowsOf(source, source.header.indexOf(column), value), plan);
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
