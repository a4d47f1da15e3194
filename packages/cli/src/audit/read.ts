import { isMissing, parseNumber, scoringSelections } from '@modelwatch/stats';
import { cellError, InputError } from '../errors.js';
import { openTable } from '../data/open-table.js';
import { cellAt } from '../data/cell-text.js';
import type { InputFormat } from '../data/table-source.js';
import type { AuditInput } from './evaluate.js';

/** How the outcome of a row is read: a column whose value `positive` means selected, or a numeric score. */
export type Outcome = { selected: string; positive: string } | { score: string };

/**
 * Reads the audited columns of a CSV in one pass. Missing attribute values (empty, NA, … as in `check`) are unknown;
 * rows whose outcome is missing are left out and counted; a score that is not a number stops the read (exit 2).
 */
export async function readAuditData(
  file: string,
  attributes: readonly string[],
  outcome: Outcome,
  format?: InputFormat
): Promise<AuditInput> {
  const source = await openTable(file, format);
  const position = (column: string, flag: string): number => {
    const at = source.header.indexOf(column);
    if (at < 0)
      throw new InputError(
        `${file}: has no column '${column}' (named by ${flag}; its columns: ${source.header.join(', ')})`
      );
    return at;
  };
  attributes.forEach((a) => position(a, '--protected'));
  const outcomeColumn = 'score' in outcome ? outcome.score : outcome.selected;
  position(outcomeColumn, 'score' in outcome ? '--score' : '--selected');
  const values = attributes.map((): (string | null)[] => []);
  const outcomes: number[] = [];
  // A few values, to name in the message when --positive never occurs.
  const seen = new Set<string>();
  let positiveSeen = false;
  // The parser makes a new string per cell; rows keep one shared copy per category instead.
  const names = new Map<string, string>();
  const intern = (v: string): string => {
    const known = names.get(v);
    if (known !== undefined) return known;
    names.set(v, v);
    return v;
  };
  let missingOutcome = 0;
  let row = 0;
  for await (const batch of source.batches([outcomeColumn, ...attributes])) {
    const [outcomeCells, ...attributeCells] = batch.columns;
    for (let i = 0; i < batch.rows; i++) {
      row++;
      const cell = cellAt(outcomeCells!, i);
      if (isMissing(cell)) {
        missingOutcome++;
        continue;
      }
      if ('score' in outcome) {
        const x = parseNumber(cell);
        if (Number.isNaN(x))
          throw cellError(file, row, outcomeColumn, `'${cell}' is not a number (--score needs numeric scores)`);
        outcomes.push(x);
      } else {
        const positive = cell === outcome.positive;
        positiveSeen ||= positive;
        if (seen.size < 10) seen.add(cell);
        outcomes.push(positive ? 1 : 0);
      }
      attributeCells.forEach((column, k) => {
        const v = cellAt(column, i);
        values[k]!.push(isMissing(v) ? null : intern(v));
      });
    }
  }
  if (row === 0) throw new InputError(`${file}: has no data rows`);
  if (outcomes.length === 0)
    throw new InputError(`${file}: every value of column '${outcomeColumn}' is missing; there is nothing to audit`);
  if (!('score' in outcome) && !positiveSeen)
    throw new InputError(
      `${file}: --positive '${outcome.positive}' never occurs in column '${outcome.selected}' (its values: ${[...seen].join(', ')})`
    );
  attributes.forEach((a, k) => {
    if (values[k]!.every((v) => v === null))
      throw new InputError(`${file}: column '${a}' has no category: every value is missing (empty, NA, …)`);
  });
  const byName = new Map(attributes.map((a, k) => [a, values[k]!] as const));
  if ('score' in outcome) {
    const { median, selected } = scoringSelections(outcomes);
    return { values: byName, selected, rate: 'scoring', median, missingOutcome };
  }
  return { values: byName, selected: Uint8Array.from(outcomes), rate: 'selection', missingOutcome };
}
