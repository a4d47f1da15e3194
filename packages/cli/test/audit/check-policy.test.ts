import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, EXAMPLE, expectOneLineError, scratchDir } from '../run-cli';

const dir = scratchDir();

/** Decisions of a model by sex and race (one race missing), with the true outcome beside them. */
function decisions(): string {
  const cells: [string, string, number, number][] = [
    ['F', 'White', 20, 12],
    ['M', 'White', 30, 18],
    ['F', 'Black', 25, 9],
    ['M', 'Black', 15, 9],
    ['F', 'Asian', 4, 2],
    ['M', 'Asian', 4, 2],
    ['F', 'Native', 1, 1],
    ['M', 'NA', 1, 0],
  ];
  const lines = ['sex,race,decision,outcome'];
  for (const [sex, race, n, hired] of cells)
    for (let i = 0; i < n; i++) {
      const decision = i < hired ? 'hire' : 'reject';
      lines.push(`${sex},${race},${decision},${i % 3 === 0 ? 'reject' : 'hire'}`);
    }
  return `${lines.join('\n')}\n`;
}
const file = join(dir, 'decisions.csv');
writeFileSync(file, decisions());

const check = (extra: string[]): ReturnType<typeof cli> =>
  cli([
    'check',
    '--reference',
    file,
    '--current',
    file,
    '--label',
    'outcome',
    '--positive',
    'hire',
    '--prediction',
    'decision',
    '--protected',
    'sex,race',
    ...extra,
  ]);

describe('check --policy', () => {
  const r = check(['--policy', 'nyc-ll144,four-fifths']);
  const report = JSON.parse(r.stdout) as {
    policies: Record<string, { attributes: unknown; violations: { check: string; message: string }[] }>;
    violations: { check: string; message: string }[];
  };

  it("adds each pack's audit and violations to the report; exit 1", () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(Object.keys(report.policies)).toEqual(['nyc-ll144', 'four-fifths']);
    const packViolations = report.violations.filter((v) => /^(nyc-ll144|four-fifths)\./.test(v.check));
    expect(packViolations).toEqual([
      ...report.policies['nyc-ll144']!.violations,
      ...report.policies['four-fifths']!.violations,
    ]);
    expect(packViolations.some((v) => v.message.includes('29 CFR 1607.4(D)'))).toBe(true);
    expect(packViolations.some((v) => v.message.includes('Local Law 144'))).toBe(true);
  });

  it('agrees with modelwatch audit on the same decisions', () => {
    for (const policy of ['nyc-ll144', 'four-fifths']) {
      const a = cli([
        'audit',
        '--data',
        file,
        '--protected',
        'sex,race',
        '--selected',
        'decision',
        '--positive',
        'hire',
        '--policy',
        policy,
      ]);
      expect(a.code).toBe(1);
      expect(report.policies[policy]).toEqual(JSON.parse(a.stdout));
    }
  });

  it('--favourable negative counts the negative class as selected, as audit does with --positive reject', () => {
    const flipped = JSON.parse(check(['--policy', 'four-fifths', '--favourable', 'negative']).stdout) as {
      policies: Record<string, unknown>;
    };
    const a = cli([
      'audit',
      '--data',
      file,
      '--protected',
      'sex,race',
      '--selected',
      'decision',
      '--positive',
      'reject',
      '--policy',
      'four-fifths',
    ]);
    expect(flipped.policies['four-fifths']).toEqual(JSON.parse(a.stdout));
    expect(flipped.policies['four-fifths']).not.toEqual(report.policies['four-fifths']);
  });

  it('the table lists the packs after the check', () => {
    const t = check(['--policy', 'four-fifths', '--format', 'table']);
    expect(t.code).toBe(1);
    expect(t.stdout).toContain('Bias audit: four-fifths');
    expect(t.stdout).toMatch(/race \(unknown: 1\)/);
  });

  it('without --policy the report has no packs', () => {
    const plain = JSON.parse(check([]).stdout) as Record<string, unknown>;
    expect(plain.policies).toBeUndefined();
  });

  it("the policy file's packs keep their options, and --policy adds others", () => {
    const config = join(dir, 'check.yaml');
    writeFileSync(config, 'policies: [{ name: nyc-ll144, threshold: 0.5, excludeBelow: 0 }]\n');
    const r2 = check(['--config', config, '--policy', 'four-fifths,nyc-ll144']);
    const withFile = JSON.parse(r2.stdout) as {
      policies: Record<string, { threshold: number; excludeBelow: number; violations: unknown[] }>;
    };
    expect(Object.keys(withFile.policies)).toEqual(['nyc-ll144', 'four-fifths']);
    expect(withFile.policies['nyc-ll144']).toMatchObject({ threshold: 0.5, excludeBelow: 0 });
    expect(withFile.policies['four-fifths']!.threshold).toBe(0.8);
    writeFileSync(config, 'policies: [nyc-ll144, { name: nyc-ll144 }]\n');
    expectOneLineError(
      ['check', '--reference', file, '--current', file, '--label', 'outcome', '--config', config],
      "policies.1: pack 'nyc-ll144' is listed twice"
    );
  });

  it('bad input: an unknown pack, no protected attribute', () => {
    expectOneLineError(
      ['check', '--reference', file, '--current', file, '--label', 'outcome', '--policy', 'gdpr'],
      "'gdpr' is not a policy pack"
    );
    expectOneLineError(
      [
        'check',
        '--reference',
        join(EXAMPLE, 'reference.csv'),
        '--current',
        join(EXAMPLE, 'current.csv'),
        '--label',
        'deny',
        '--positive',
        'yes',
        '--policy',
        'nyc-ll144',
      ],
      '--policy needs protected attributes'
    );
  });
});
