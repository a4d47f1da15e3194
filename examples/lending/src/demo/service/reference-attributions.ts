// The reference attributions of the monitor's profile: the model's exact SHAP values on its training half, written
// as the file `modelwatch profile --attributions` reads.
import { readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { attributionRows } from '../../attributions.js';
import { readApplications } from '../../hmda.js';
import type { LogisticModel } from '../../logistic-regression.js';

export function writeReferenceAttributions(modelFile: string, referenceCsv: string, out: string): void {
  const model = JSON.parse(readFileSync(modelFile, 'utf8')) as LogisticModel;
  writeFileSync(out, stringify(attributionRows(model, readApplications(referenceCsv)), { header: true }));
}
