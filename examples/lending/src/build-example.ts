import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { FEATURES, encode, isDenied, readApplications, type Application } from './hmda.js';
import { fitLogistic, predictProbability, type LogisticModel } from './logistic-regression.js';
import { seededRandom } from '@modelwatch/stats';
import { shuffledIndices } from './random.js';

const SEED = 20261123;

/**
 * The drifted scenario: applicants carry more debt for bigger loans (payments-to-income +25%, housing
 * expense +15%, loan-to-value +0.08), as when rates rise. Only the inputs move; the outcome stays recorded.
 */
export function higherDebtScenario(a: Application): Application {
  const round = (x: number): string => String(Math.round(x * 1e6) / 1e6);
  return {
    ...a,
    pirat: round(Number(a.pirat) * 1.25),
    hirat: round(Number(a.hirat) * 1.15),
    lvrat: round(Number(a.lvrat) + 0.08),
  };
}

function scored(model: LogisticModel, rows: Application[]): Record<string, string>[] {
  return rows.map((a) => ({ ...a, score: predictProbability(model, encode(a)).toFixed(6) }));
}

function writeCsv(file: string, rows: Record<string, string>[]): void {
  writeFileSync(file, stringify(rows, { header: true }));
}

/** Splits the applications in two halves, trains on one, and writes the data sets the README uses. */
export function buildExample(dataDir: string, outDir = dataDir): LogisticModel {
  const applications = readApplications(join(dataDir, 'hmda.csv'));
  const order = shuffledIndices(applications.length, seededRandom(SEED));
  const half = Math.floor(applications.length / 2);
  const reference = order.slice(0, half).map((i) => applications[i]!);
  const holdout = order.slice(half).map((i) => applications[i]!);
  const model = fitLogistic(FEATURES, reference.map(encode), reference.map(isDenied));
  writeFileSync(join(outDir, 'model.json'), `${JSON.stringify(model, null, 2)}\n`);
  writeCsv(join(outDir, 'reference.csv'), scored(model, reference));
  writeCsv(join(outDir, 'current.csv'), scored(model, holdout));
  writeCsv(join(outDir, 'current-drifted.csv'), scored(model, holdout.map(higherDebtScenario)));
  return model;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'data');
  buildExample(dataDir);
  process.stderr.write(`wrote reference.csv, current.csv, current-drifted.csv and model.json to ${dataDir}\n`);
}
