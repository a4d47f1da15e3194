import { chiSquareUpperQuantile } from '@modelwatch/stats';
import { cli, expectOneLineError } from './run-cli';

// `modelwatch thresholds`: the noise floor a user sees before choosing levels. The asymptotic value is checked
// against the χ² quantile by hand (q·v, v = 1/n + 1/m), the floor against q·v·(1 + (B + 1)·v) (equal shares), the
// simulated one against both at large n.

function run(args: string[]): Record<string, unknown> {
  const r = cli(['thresholds', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('modelwatch thresholds', () => {
  it('prints exactly the documented keys; without --reference-size the reference is exact', () => {
    const out = run(['--statistic', 'psi', '--bins', '10', '--samples', '1000']);
    expect(Object.keys(out)).toEqual(['statistic', 'bins', 'samples', 'referenceSize', 'alpha', 'asymptotic', 'floor']);
    expect(out).toMatchObject({ statistic: 'psi', bins: 10, samples: 1000, referenceSize: null, alpha: 0.01 });
    // scipy.stats.chi2.isf(0.01, 9) = 21.665994333461924
    expect(out.asymptotic as number).toBeCloseTo(21.665994333461924 / 1000, 14);
    expect(out.floor as number).toBeCloseTo((21.665994333461924 / 1000) * (1 + 11 / 1000), 14);
  });

  it('js is the Jensen–Shannon distance, sqrt(q·(1/n + 1/m)/8), and --monte-carlo adds the simulated quantile', () => {
    const args = [
      '--statistic',
      'js',
      '--bins',
      '5',
      '--samples',
      '2000',
      '--reference-size',
      '8000',
      '--alpha',
      '0.05',
    ];
    const out = run([...args, '--monte-carlo', '2000', '--seed', '7']);
    expect(Object.keys(out)).toEqual([
      'statistic',
      'bins',
      'samples',
      'referenceSize',
      'alpha',
      'asymptotic',
      'floor',
      'monteCarlo',
    ]);
    const q = chiSquareUpperQuantile(0.05, 4);
    const v = 1 / 2000 + 1 / 8000;
    expect(out.asymptotic as number).toBeCloseTo(Math.sqrt((q * v) / 8), 14);
    expect(out.floor as number).toBeCloseTo(Math.sqrt((q * v * (1 + 6 * v)) / 8), 14);
    expect(Math.abs((out.monteCarlo as number) / (out.asymptotic as number) - 1)).toBeLessThan(0.04);
    // The seed makes the figure reproducible, and another seed gives another draw.
    expect(run([...args, '--monte-carlo', '2000', '--seed', '7']).monteCarlo).toBe(out.monteCarlo);
    expect(run([...args, '--monte-carlo', '2000', '--seed', '8']).monteCarlo).not.toBe(out.monteCarlo);
  });

  it.each([
    [['--statistic', 'kl', '--bins', '10', '--samples', '100'], '--statistic'],
    [['--statistic', 'psi', '--bins', '1', '--samples', '100'], '--bins'],
    [['--statistic', 'psi', '--bins', '10', '--samples', '0'], '--samples'],
    [['--statistic', 'psi', '--bins', '10', '--samples', '100', '--alpha', '0.5'], '--alpha'],
    [['--statistic', 'psi', '--bins', '10', '--samples', '100', '--reference-size', 'x'], '--reference-size'],
    [['--statistic', 'psi', '--bins', '10', '--samples', '100', '--monte-carlo', '10', '--seed', '-1'], '--seed'],
    [['--statistic', 'psi', '--bins', '10'], '--samples'],
  ])('%j is a one-line error naming %s, exit 2', (args, key) => {
    expectOneLineError(['thresholds', ...args], key);
  });
});
