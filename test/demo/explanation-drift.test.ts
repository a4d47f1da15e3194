// The explanation-drift scenario, proved with `modelwatch check` on data generated as the scenario sends it: the
// lending model's exact SHAP values (linear: coefficient × (x − reference mean)) beside each applicant, the held-out
// half with the contributions of two inputs exchanged. The scores do not move, so score drift sees nothing; the
// importance ranking does, and its nDCG falls below the attribution level.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { ATTRIBUTION_PREFIX, attributionRows, exchangeContributions } from '../../examples/lending/src/attributions';
import { FEATURES, encode, readApplications, type Application } from '../../examples/lending/src/hmda';
import { predictProbability, type LogisticModel } from '../../examples/lending/src/logistic-regression';
import { SCENARIOS } from '../../examples/lending/src/demo/scenarios/catalogue';
import { cli, scratchDir } from '../../packages/cli/test/run-cli';

const DATA = resolve(__dirname, '../../examples/lending/data');
const model = JSON.parse(readFileSync(join(DATA, 'model.json'), 'utf8')) as LogisticModel;
const pairs = SCENARIOS.find((s) => s.name === 'explanation-drift')!.traffic.exchangeContributions!;

/** The rows as the scenario sends them (no pairs: as they are), scored by the model at full precision. */
function exchanged(rows: readonly Application[], exchange = pairs): Application[] {
  return rows.map((r) => {
    const row = { ...r };
    for (const [a, b] of exchange) {
      const x = exchangeContributions(model, encode(row), a, b);
      row[a] = String(x[FEATURES.indexOf(a)]);
      row[b] = String(x[FEATURES.indexOf(b)]);
    }
    row.score = String(predictProbability(model, encode(row)));
    return row;
  });
}

function withAttributions(rows: readonly Application[], file: string): string {
  const shap = attributionRows(model, rows, ATTRIBUTION_PREFIX);
  writeFileSync(
    file,
    stringify(
      rows.map((r, i) => ({ ...r, ...shap[i] })),
      { header: true }
    )
  );
  return file;
}

interface Report {
  drift: Record<string, { psi: number }>;
  attributions: { ndcg: number; features: Record<string, { referenceImportance: number; currentImportance: number }> };
  violations: { check: string; subject: string }[];
}

function check(current: string, reference: string): { code: number | null; report: Report } {
  const r = cli([
    'check',
    '--reference',
    reference,
    '--current',
    current,
    '--label',
    'deny',
    '--positive',
    'yes',
    '--score',
    'score',
    '--protected',
    'afam',
    '--attribution-prefix',
    ATTRIBUTION_PREFIX,
  ]);
  if (r.code === 2) throw new Error(r.stderr);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

describe('explanation drift in the lending demo', () => {
  const dir = scratchDir();
  const referenceRows = readApplications(join(DATA, 'reference.csv'));
  const currentRows = readApplications(join(DATA, 'current.csv'));
  const reference = withAttributions(referenceRows, join(dir, 'reference.csv'));
  const steady = check(withAttributions(exchanged(currentRows, []), join(dir, 'current.csv')), reference).report;
  const shifted = check(withAttributions(exchanged(currentRows), join(dir, 'exchanged.csv')), reference);

  it('leaves every score as it was: score drift is the steady one and below its level', () => {
    expect(pairs.length).toBeGreaterThan(0);
    const before = exchanged(currentRows, []).map((r) => Number(r.score));
    const after = exchanged(currentRows).map((r) => Number(r.score));
    after.forEach((s, i) => expect(s).toBeCloseTo(before[i]!, 12));
    expect(shifted.report.drift.score!.psi).toBeCloseTo(steady.drift.score!.psi, 9);
    expect(shifted.report.drift.score!.psi).toBeLessThan(0.1);
    expect(shifted.report.violations.filter((v) => v.subject === 'score')).toEqual([]);
  });

  it('is caught by attribution drift: the importance nDCG falls below 0.9 and check exits 1', () => {
    expect(steady.attributions.ndcg).toBeGreaterThanOrEqual(0.9);
    expect(steady.violations.filter((v) => v.check === 'attribution.ndcg')).toEqual([]);
    expect(shifted.report.attributions.ndcg).toBeLessThan(0.9);
    expect(shifted.report.violations.filter((v) => v.check === 'attribution.ndcg')).toHaveLength(1);
    expect(shifted.code).toBe(1);
    const f = shifted.report.attributions.features;
    // The input that drove decisions most now drives them least, and the other way round.
    expect(f.pirat!.referenceImportance).toBeGreaterThan(f.hirat!.referenceImportance);
    expect(f.pirat!.currentImportance).toBeLessThan(f.hirat!.currentImportance);
  });
});
