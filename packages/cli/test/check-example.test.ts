import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { driftNoiseFloor } from '@modelwatch/stats';
import { cli, EXAMPLE, scratchDir } from './run-cli';

const lending = ['--label', 'deny', '--positive', 'yes', '--score', 'score', '--protected', 'afam'];
const ref = join(EXAMPLE, 'reference.csv');

interface Report {
  rows: { reference: number; current: number };
  drift: Record<
    string,
    {
      type: string;
      psi: number;
      jensenShannon: number;
      noiseFloor: {
        psi: number;
        jensenShannon: number;
        alpha: number;
        bins: number;
        samples: number;
        referenceSize: number;
      } | null;
      drifted: boolean;
      ks?: { statistic: number; pValue: number };
      chiSquare?: { pValue: number };
    }
  >;
  performance: Record<string, number | null>;
  referencePerformance: Record<string, number | null>;
  estimatedPerformance: Record<string, number | null>;
  fairness: Record<
    string,
    {
      groups: Record<string, { count: number; selectionRate: number; tpr: number | null }>;
      disparateImpact: number;
      eligible: { disparateImpact: number };
    }
  >;
  violations: { check: string; subject: string; value: number; threshold: number; severity: string }[];
}

function check(current: string, ...extra: string[]): { code: number | null; report: Report; stderr: string } {
  const r = cli(['check', '--reference', ref, '--current', join(EXAMPLE, current), ...lending, ...extra]);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

describe('modelwatch check on the HMDA lending example', () => {
  const stable = check('current.csv');
  const drifted = check('current-drifted.csv');

  it('reports every column of the public contract', () => {
    expect(stable.report.rows).toEqual({ reference: 1190, current: 1190 });
    expect(Object.keys(stable.report.drift).sort()).toEqual(
      [
        'afam',
        'chist',
        'condomin',
        'deny',
        'hirat',
        'hschool',
        'insurance',
        'lvrat',
        'mhist',
        'phist',
        'pirat',
        'score',
        'selfemp',
        'single',
        'unemp',
      ].sort()
    );
    expect(stable.report.drift.pirat!.type).toBe('numeric');
    expect(stable.report.drift.afam!.type).toBe('categorical');
    for (const key of ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'logLoss', 'brier', 'ece']) {
      expect(typeof stable.report.performance[key]).toBe('number');
    }
    for (const key of ['accuracy', 'precision', 'recall', 'f1'])
      expect(typeof stable.report.estimatedPerformance[key]).toBe('number');
    const afam = stable.report.fairness.afam!;
    expect(afam.groups.no!.count + afam.groups.yes!.count).toBe(1190);
    // The example model ranks held-out denials well above chance.
    expect(stable.report.performance.rocAuc).toBeGreaterThan(0.75);
  });

  it('finds no drift between two random halves of the same data', () => {
    for (const [name, d] of Object.entries(stable.report.drift)) {
      expect({ name, drifted: d.drifted }).toEqual({ name, drifted: false });
      expect(d.psi).toBeLessThan(0.1);
    }
    expect(stable.report.violations.filter((v) => v.check.startsWith('drift.'))).toEqual([]);
  });

  it('flags the racial disparity in denials that the HMDA study is known for, and exits 1', () => {
    const afam = stable.report.fairness.afam!;
    expect(afam.groups.yes!.selectionRate).toBeGreaterThan(afam.groups.no!.selectionRate);
    expect(stable.report.violations).toContainEqual(
      expect.objectContaining({
        check: 'fairness.disparateImpact',
        subject: 'afam',
        severity: 'warning',
        threshold: 0.8,
      })
    );
    expect(stable.code).toBe(1);
  });

  it('catches the higher-debt scenario as critical drift of the shifted inputs and of the score', () => {
    const critical = drifted.report.violations
      .filter((v) => v.check === 'drift.psi' && v.severity === 'critical')
      .map((v) => v.subject);
    expect(critical).toEqual(expect.arrayContaining(['pirat', 'lvrat', 'score']));
    for (const column of ['pirat', 'hirat', 'lvrat', 'score']) expect(drifted.report.drift[column]!.drifted).toBe(true);
    for (const column of ['chist', 'mhist', 'afam', 'unemp']) expect(drifted.report.drift[column]!.drifted).toBe(false);
    expect(drifted.report.drift.pirat!.ks!.pValue).toBeLessThan(1e-6);
    expect(drifted.code).toBe(1);
  });

  it('estimates performance without labels, and reports the same numbers when labels are left out', () => {
    const unlabelled = join(scratchDir(), 'unlabelled.csv');
    const lines = readFileSync(join(EXAMPLE, 'current.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(unlabelled, lines.map((l) => l.split(',').slice(1).join(',')).join('\n') + '\n');
    expect(lines[0]!.startsWith('deny,')).toBe(true);
    const noLabels = cli(['check', '--reference', ref, '--current', unlabelled, ...lending]);
    expect(noLabels.code).toBe(1);
    const report = JSON.parse(noLabels.stdout) as Report;
    expect(report.performance).toBeUndefined();
    expect(report.estimatedPerformance).toEqual(stable.report.estimatedPerformance);
  });

  it('gives the same numbers from a saved profile as from the reference CSV (no column exceeds the knot bound)', () => {
    const dir = scratchDir();
    const profile = join(dir, 'profile.json');
    const built = cli(['profile', '--data', ref, ...lending, '--out', profile]);
    expect(built.code).toBe(0);
    const viaProfile = cli(['check', '--reference', profile, '--current', join(EXAMPLE, 'current-drifted.csv')]);
    const report = JSON.parse(viaProfile.stdout) as Report & { rows: unknown };
    expect(report.drift).toEqual(drifted.report.drift);
    expect(report.violations).toEqual(drifted.report.violations);
    expect(report.performance).toEqual(drifted.report.performance);
    expect(viaProfile.code).toBe(1);
  });

  it('reports the noise floor beside PSI and Jensen–Shannon: df from the reference bins, n and m from the data', () => {
    const pirat = stable.report.drift.pirat!.noiseFloor!;
    // 10 equal-probability bins, 1190 current and 1190 reference values, α at its default.
    expect(pirat).toMatchObject({ alpha: 0.01, bins: 10, samples: 1190, referenceSize: 1190 });
    const expected = driftNoiseFloor({ bins: 10, samples: 1190, referenceSize: 1190, alpha: 0.01 });
    expect(pirat.psi).toBe(expected.psi);
    expect(pirat.jensenShannon).toBe(expected.jensenShannon);
    // A yes/no column has one degree of freedom.
    expect(stable.report.drift.afam!.noiseFloor).toMatchObject({ bins: 2, samples: 1190, referenceSize: 1190 });
    // Two halves of one data set stay under their noise floors; the shifted inputs are far above theirs.
    for (const name of ['pirat', 'chist', 'unemp', 'afam', 'single']) {
      expect(stable.report.drift[name]!.psi).toBeLessThan(stable.report.drift[name]!.noiseFloor!.psi);
    }
    expect(drifted.report.drift.pirat!.psi).toBeGreaterThan(10 * drifted.report.drift.pirat!.noiseFloor!.psi);
  });

  it('takes the alpha of the noise floor from the policy, and rejects one outside (0, 0.5) naming the key', () => {
    const dir = scratchDir();
    const config = join(dir, 'policy.yaml');
    writeFileSync(config, 'drift:\n  alpha: 0.001\n');
    const r = check('current.csv', '--config', config);
    expect(r.report.drift.pirat!.noiseFloor!.alpha).toBe(0.001);
    expect(r.report.drift.pirat!.noiseFloor!.psi).toBe(
      driftNoiseFloor({ bins: 10, samples: 1190, referenceSize: 1190, alpha: 0.001 }).psi
    );
    writeFileSync(config, 'drift:\n  alpha: 0.5\n');
    const bad = cli([
      'check',
      '--reference',
      ref,
      '--current',
      join(EXAMPLE, 'current.csv'),
      ...lending,
      '--config',
      config,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/drift\.alpha/);
  });

  it('passes the gate when the policy allows what it finds', () => {
    const dir = scratchDir();
    const config = join(dir, 'policy.yaml');
    writeFileSync(
      config,
      'fairness:\n  disparateImpact: { warning: 0.1 }\nperformance:\n  maxDrop: { f1: { warning: 0.1 } }\n'
    );
    const r = cli([
      'check',
      '--reference',
      ref,
      '--current',
      join(EXAMPLE, 'current.csv'),
      ...lending,
      '--config',
      config,
    ]);
    expect(JSON.parse(r.stdout).violations).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('prints a readable table with the same verdicts', () => {
    const r = cli([
      'check',
      '--reference',
      ref,
      '--current',
      join(EXAMPLE, 'current-drifted.csv'),
      ...lending,
      '--format',
      'table',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^pirat\s+numeric\s+\d\.\d{4}/m);
    expect(r.stdout).toMatch(/Fairness by afam/);
    expect(r.stdout).toMatch(/CRITICAL\s+drift\.psi/);
  });
});
