import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, expectOneLineError, ROOT, scratchDir } from '../run-cli';

const DIR = join(ROOT, 'packages/cli/test/fixtures/attributions');
const reference = join(DIR, 'reference.csv');
const current = join(DIR, 'current.csv');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  provenance: string;
  referenceImportance: Record<string, number>;
  currentImportance: Record<string, number>;
  ndcg: number;
};

interface Report {
  drift: Record<string, { type: string; psi: number; jensenShannon: number }>;
  attributions?: {
    ndcg: number | null;
    features: Record<
      string,
      {
        referenceImportance: number;
        currentImportance: number | null;
        psi: number | null;
        jensenShannon: number | null;
      }
    >;
  };
  violations: { check: string; value: number; threshold: number; severity: string }[];
  notes: string[];
}

function check(args: string[]): { code: number | null; report: Report } {
  const r = cli(['check', '--score', 'score', ...args]);
  if (r.code === 2) throw new Error(r.stderr);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

describe('check --attribution-prefix', () => {
  const withPrefix = check(['--reference', reference, '--current', current, '--attribution-prefix', 'shap_']);

  it("reports scikit-learn's nDCG and numpy's mean |attribution| per feature", () => {
    expect(expected.provenance).toMatch(/^scikit-learn/);
    const a = withPrefix.report.attributions!;
    expect(a.ndcg).toBeCloseTo(expected.ndcg, 12);
    expect(Object.keys(a.features).sort()).toEqual(['x', 'y', 'z']);
    for (const f of ['x', 'y', 'z']) {
      expect(a.features[f]!.referenceImportance).toBeCloseTo(expected.referenceImportance[f]!, 12);
      expect(a.features[f]!.currentImportance).toBeCloseTo(expected.currentImportance[f]!, 12);
    }
  });

  it('leaves the attribution columns out of feature drift', () => {
    expect(Object.keys(withPrefix.report.drift).sort()).toEqual(['score', 'x', 'y', 'z']);
  });

  it("bins attributions as the check bins a numeric feature: the same PSI and Jensen-Shannon as the column's drift", () => {
    const plain = check(['--reference', reference, '--current', current]).report;
    // shap_x has a non-numeric cell, so as a plain column it is inferred categorical: compare the numeric ones.
    expect(plain.drift.shap_x).toMatchObject({ type: 'categorical' });
    for (const f of ['y', 'z']) {
      expect(withPrefix.report.attributions!.features[f]!.psi).toBeCloseTo(plain.drift[`shap_${f}`]!.psi, 12);
      expect(withPrefix.report.attributions!.features[f]!.jensenShannon).toBeCloseTo(
        plain.drift[`shap_${f}`]!.jensenShannon,
        12
      );
    }
    expect(withPrefix.report.attributions!.features.z!.psi).toBeGreaterThan(0.2);
  });

  it('raises a violation below the default attribution level of 0.9, so the exit code is 1', () => {
    expect(withPrefix.code).toBe(1);
    const v = withPrefix.report.violations.find((x) => x.check === 'attribution.ndcg');
    expect(v).toMatchObject({ threshold: 0.9, severity: 'warning' });
    expect(v!.value).toBeCloseTo(expected.ndcg, 12);
  });

  it("takes the policy's attribution level", () => {
    const dir = scratchDir();
    const config = join(dir, 'policy.yaml');
    writeFileSync(config, 'attribution:\n  ndcg:\n    warning: 0.5\n    critical: 0.75\n');
    const r = check([
      '--reference',
      reference,
      '--current',
      current,
      '--attribution-prefix',
      'shap_',
      '--config',
      config,
    ]);
    expect(r.report.violations.find((x) => x.check === 'attribution.ndcg')).toMatchObject({
      severity: 'critical',
      threshold: 0.75,
    });
    writeFileSync(config, 'attribution:\n  ndcg:\n    warning: 0.5\n');
    const quiet = check([
      '--reference',
      reference,
      '--current',
      current,
      '--attribution-prefix',
      'shap_',
      '--config',
      config,
    ]);
    expect(quiet.report.violations.filter((x) => x.check === 'attribution.ndcg')).toEqual([]);
  });

  it('gives the same numbers from a profile built with --attribution-prefix', () => {
    const dir = scratchDir();
    const profile = join(dir, 'profile.json');
    const built = cli([
      'profile',
      '--data',
      reference,
      '--out',
      profile,
      '--score',
      'score',
      '--attribution-prefix',
      'shap_',
    ]);
    expect(built.code).toBe(0);
    expect(built.stderr).toContain('attributions of 3 features');
    const json = JSON.parse(readFileSync(profile, 'utf8')) as { columns: object; attributions: Record<string, object> };
    expect(Object.keys(json.columns).sort()).toEqual(['score', 'x', 'y', 'z']);
    const fromProfile = check(['--reference', profile, '--current', current, '--attribution-prefix', 'shap_']).report;
    expect(fromProfile.attributions!.ndcg).toBeCloseTo(expected.ndcg, 12);
    for (const f of ['x', 'y', 'z'])
      expect(fromProfile.attributions!.features[f]!.referenceImportance).toBeCloseTo(
        expected.referenceImportance[f]!,
        12
      );
  });

  it('reads reference attributions from a file of their own (profile --attributions)', () => {
    const dir = scratchDir();
    const shap = join(dir, 'shap.csv');
    const rows = readFileSync(reference, 'utf8').trimEnd().split('\n');
    writeFileSync(
      shap,
      rows
        .map((r) => r.split(',').slice(4).join(','))
        .join('\n')
        .replace(/shap_/g, '') + '\n'
    );
    const data = join(dir, 'data.csv');
    writeFileSync(data, rows.map((r) => r.split(',').slice(0, 4).join(',')).join('\n') + '\n');
    const profile = join(dir, 'profile.json');
    expect(cli(['profile', '--data', data, '--out', profile, '--score', 'score', '--attributions', shap]).code).toBe(0);
    const r = check(['--reference', profile, '--current', current, '--attribution-prefix', 'shap_']).report;
    expect(r.attributions!.ndcg).toBeCloseTo(expected.ndcg, 12);
  });

  it('prints the explanation drift in the table format', () => {
    const r = cli([
      'check',
      '--score',
      'score',
      '--reference',
      reference,
      '--current',
      current,
      '--attribution-prefix',
      'shap_',
      '--format',
      'table',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`nDCG of the importance ranking ${expected.ndcg.toFixed(4)}`);
    expect(r.stdout).toMatch(/\n\s*z\s+0\.1538\s+0\.7468\s/);
  });

  it('says in one line what is wrong with the attribution inputs', () => {
    const dir = scratchDir();
    const partial = join(dir, 'current.csv');
    const rows = readFileSync(current, 'utf8').trimEnd().split('\n');
    writeFileSync(partial, rows.map((r) => r.split(',').slice(0, 6).join(',')).join('\n') + '\n');
    expectOneLineError(
      ['check', '--score', 'score', '--reference', reference, '--current', partial, '--attribution-prefix', 'shap_'],
      "no column 'shap_z'"
    );
    expectOneLineError(
      ['check', '--score', 'score', '--reference', reference, '--current', current, '--attribution-prefix', 'none_'],
      'no attribution columns'
    );
  });
});
