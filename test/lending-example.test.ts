// The lending example's data sets are committed so the README works without a build step; they must be exactly
// what the generator produces from the HMDA data (`npm run example:data` rewrites them).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExample } from '../examples/lending/src/build-example';

const DATA = join(__dirname, '../examples/lending/data');

describe('the lending example', () => {
  const out = mkdtempSync(join(tmpdir(), 'modelwatch-example-'));
  const model = buildExample(DATA, out);

  it.each(['reference.csv', 'current.csv', 'current-drifted.csv', 'model.json'])(
    'commits %s as the generator writes it',
    (file) => {
      expect(readFileSync(join(out, file), 'utf8')).toBe(readFileSync(join(DATA, file), 'utf8'));
    }
  );

  it('learns the known directions: more debt, worse credit history and denied insurance mean more denials', () => {
    const coefficient = (name: string): number => model.coefficients[model.features.indexOf(name)]!;
    expect(coefficient('pirat')).toBeGreaterThan(0);
    expect(coefficient('chist')).toBeGreaterThan(0);
    expect(coefficient('insurance')).toBeGreaterThan(0);
  });
});
