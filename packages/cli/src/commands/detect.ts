import { Option, type Command } from 'commander';
import {
  createDetector,
  DETECTOR_KINDS,
  isMissing,
  parseNumber,
  runDetector,
  type DetectorKind,
} from '@modelwatch/stats';
import { cellError, InputError } from '../errors.js';
import { openTable } from '../data/open-table.js';
import { cellAt } from '../data/cell-text.js';
import { param, type Exit } from './options.js';

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
  const source = await openTable(options.data);
  if (!source.header.includes(options.column))
    throw new InputError(
      `${options.data}: --column names '${options.column}', which is not in the file (its columns: ${source.header.join(', ')})`
    );
  const values: number[] = [];
  let row = 0;
  for await (const batch of source.batches([options.column])) {
    for (let i = 0; i < batch.rows; i++) {
      row++;
      const cell = cellAt(batch.columns[0]!, i);
      // Missing cells stay in the stream as NaN, which detectors skip, so reported indices are row indices.
      if (isMissing(cell)) {
        values.push(Number.NaN);
        continue;
      }
      const x = parseNumber(cell);
      if (Number.isNaN(x)) throw cellError(options.data, row, options.column, `'${cell}' is not a number`);
      values.push(x);
    }
  }
  return runDetector(detector, values);
}

/** `modelwatch detect`. */
export function registerDetect(program: Command, exit: Exit): void {
  program
    .command('detect')
    .description('replay a column (an error or metric history) through a streaming drift detector')
    .addOption(new Option('--detector <name>', 'detector').choices([...DETECTOR_KINDS]).makeOptionMandatory())
    .requiredOption('--data <file>', 'CSV with the stream, one observation per row')
    .requiredOption('--column <name>', 'the column to replay')
    .option('--param <name=value>', 'detector parameter (repeatable), e.g. --param delta=0.002', param)
    .action(
      async (flags: {
        detector: DetectorKind;
        data: string;
        column: string;
        param?: Record<string, number | string>;
      }) => {
        const result = await runDetect({
          detector: flags.detector,
          data: flags.data,
          column: flags.column,
          params: flags.param ?? {},
        });
        process.stdout.write(`${JSON.stringify(result)}\n`);
        exit(0);
      }
    );
}
