import { createDetector, isMissing, parseNumber, runDetector, type DetectorKind } from '@modelwatch/stats';
import { cellError, InputError } from '../errors.js';
import { openCsv } from '../data/csv-source.js';

export interface DetectOptions {
  detector: DetectorKind;
  data: string;
  column: string;
  params: Record<string, number | string>;
}

/** Replays one column through a streaming drift detector; indices in the result are 0-based data rows. */
export async function runDetect(options: DetectOptions): Promise<{ drifts: number[]; warnings: number[] }> {
  let detector;
  try {
    detector = createDetector(options.detector, options.params);
  } catch (e) {
    if (e instanceof RangeError || e instanceof TypeError) throw new InputError(e.message);
    throw e;
  }
  const source = await openCsv(options.data);
  const at = source.header.indexOf(options.column);
  if (at < 0)
    throw new InputError(
      `${options.data}: --column names '${options.column}', which is not in the file (its columns: ${source.header.join(', ')})`
    );
  const values: number[] = [];
  let row = 0;
  for await (const record of source.rows) {
    row++;
    const cell = record[at] ?? '';
    // Missing cells stay in the stream as NaN, which detectors skip, so reported indices are row indices.
    if (isMissing(cell)) {
      values.push(Number.NaN);
      continue;
    }
    const x = parseNumber(cell);
    if (Number.isNaN(x)) throw cellError(options.data, row, options.column, `'${cell}' is not a number`);
    values.push(x);
  }
  return runDetector(detector, values);
}
