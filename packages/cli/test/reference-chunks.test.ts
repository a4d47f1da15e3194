// `modelwatch profile --chunks` and `check --thresholds reference-chunks`, end to end through the built binary:
// chunk statistics by hand on a tiny file, against NannyML on seeded data, and every mistake as a one-line error.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkLevel } from '@modelwatch/stats';
import { cli, EXAMPLE, expectOneLineError, ROOT, scratchDir } from './run-cli';

const scratch = scratchDir();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface ChunkedProfile {
  columns: Record<string, { std: number }>;
  chunks: {
    by: string;
    rows: number[];
    bins: number;
    columns: Record<string, { rules: Record<string, (number | null)[]>; check: Record<string, (number | null)[]> }>;
  };
}

function profile(csv: string, out: string, ...flags: string[]): ChunkedProfile {
  const r = cli(['profile', '--data', csv, '--out', out, ...flags]);
  if (r.code !== 0) throw new Error(`modelwatch profile exited ${r.code}: ${r.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8')) as ChunkedProfile;
}

function close(actual: number | null | undefined, expected: number, what: string, tolerance = 1e-12): void {
  if (
    actual === null ||
    actual === undefined ||
    !(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)))
  )
    throw new Error(`${what}: got ${actual}, expected ${expected}`);
}

describe('profile --chunks on a file small enough to work by hand', () => {
  // x = 1..8 (two bins: 1..4 and 5..8), c = a a b b | a a a b; two chunks of four rows.
  const csv = join(scratch, 'tiny.csv');
  writeFileSync(csv, 'x,c\n1,a\n2,a\n3,b\n4,b\n5,a\n6,a\n7,a\n8,b\n');
  const p = profile(csv, join(scratch, 'tiny.json'), '--chunks', '2', '--bins', '2');

  it('records the chunks and their bins', () => {
    expect(p.chunks.by).toBe('count');
    expect(p.chunks.rows).toEqual([4, 4]);
    expect(p.chunks.bins).toBe(2);
  });

  it('numeric statistics: each chunk fills one of the two reference bins', () => {
    // Shares (1, 0) against (.5, .5); the empty bin counts as 1e-4 for PSI; Jensen–Shannon with m = (.75, .25).
    const psi = 0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5);
    const js = Math.sqrt(0.5 * (0.5 * Math.log(0.5 / 0.75) + 0.5 * Math.log(0.5 / 0.25)) + 0.5 * Math.log(1 / 0.75));
    // W1 = Σ |F_ref − F_chunk| over [1, 8]: (1 + 2 + 3)/8 + (4 + 3 + 2 + 1)/8 = 2, over the population std √5.25.
    const w = 2 / Math.sqrt(5.25);
    const x = p.chunks.columns.x!;
    for (let i = 0; i < 2; i++) {
      close(x.rules.psi![i], psi, `rules psi ${i}`);
      close(x.rules.jensenShannon![i], js, `rules js ${i}`);
      close(x.rules.ks![i], 0.5, `binned ks ${i}`);
      close(x.check.psi![i], psi, `check psi ${i}`);
      close(x.check.ks![i], 0.5, `exact ks ${i}`);
      close(x.check.wasserstein![i], w, `wasserstein ${i}`);
    }
  });

  it('categorical statistics: shares (.5, .5) and (.75, .25) against (.625, .375)', () => {
    const psi = (q: number): number => (q - 0.625) * Math.log(q / 0.625) + (1 - q - 0.375) * Math.log((1 - q) / 0.375);
    const c = p.chunks.columns.c!;
    close(c.check.psi![0], psi(0.5), 'chunk 1 psi');
    close(c.check.psi![1], psi(0.75), 'chunk 2 psi');
    // The rules' bins add __other__ and __missing__, empty on both sides: they add (1e-4 − 1e-4)·ln 1 = 0.
    close(c.rules.psi![0], psi(0.5), 'chunk 1 rules psi');
    close(c.rules.psi![1], psi(0.75), 'chunk 2 rules psi');
  });
});

interface NannymlCase {
  id: string;
  chunks: number;
  chunkRows: number[];
  columns: Record<string, (number | string)[]>;
  nannyml: Record<string, Record<string, { values: number[]; upperThreshold: number }>>;
}
const nannyml = JSON.parse(readFileSync(join(ROOT, 'packages/stats/test/fixtures/nannyml-chunks.json'), 'utf8')) as {
  cases: NannymlCase[];
};

describe.each(nannyml.cases.map((c) => [c.id, c] as const))('against NannyML (%s)', (id, c) => {
  const names = Object.keys(c.columns);
  const rows = c.columns[names[0]!]!.length;
  const csv = join(scratch, `${id}.csv`);
  const lines = [names.join(',')];
  for (let i = 0; i < rows; i++) lines.push(names.map((n) => String(c.columns[n]![i])).join(','));
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const out = join(scratch, `${id}.json`);
  const p = profile(csv, out, '--chunks', String(c.chunks), '--categorical', 'region');

  it('cuts the same chunks', () => expect(p.chunks.rows).toEqual(c.chunkRows));

  it.each(['income', 'age'])('%s: KS D per chunk and its level equal NannyML', (column) => {
    const ours = p.chunks.columns[column]!.check.ks!;
    const theirs = c.nannyml[column]!.kolmogorov_smirnov!;
    theirs.values.forEach((v, i) => close(ours[i], v, `${column} chunk ${i}`));
    close(chunkLevel(ours)!.level, theirs.upperThreshold, `${column} level`);
  });

  it.each(['income', 'age'])(
    '%s: Wasserstein per chunk and its level equal NannyML once scaled by the std',
    (column) => {
      const std = p.columns[column]!.std;
      const ours = p.chunks.columns[column]!.check.wasserstein!.map((x) => x! * std);
      const theirs = c.nannyml[column]!.wasserstein!;
      theirs.values.forEach((v, i) => close(ours[i], v, `${column} chunk ${i}`, 1e-9));
      close(chunkLevel(ours)!.level, theirs.upperThreshold, `${column} level`, 1e-9);
    }
  );

  it('region: categorical Jensen–Shannon per chunk and its level equal NannyML in base 2', () => {
    const ours = p.chunks.columns.region!.check.jensenShannon!.map((x) => x! / Math.sqrt(Math.LN2));
    const theirs = c.nannyml.region!.jensen_shannon!;
    theirs.values.forEach((v, i) => close(ours[i], v, `region chunk ${i}`, 1e-9));
    close(chunkLevel(ours)!.level, theirs.upperThreshold, 'region level', 1e-9);
  });

  it('check --thresholds reference-chunks reports and judges by the same levels', () => {
    const r = cli(['check', '--reference', out, '--current', csv, '--thresholds', 'reference-chunks']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as {
      drift: Record<string, { learnedLevels: Record<string, { level: number; mean: number; std: number }> }>;
    };
    close(report.drift.income!.learnedLevels.ks!.level, c.nannyml.income!.kolmogorov_smirnov!.upperThreshold, 'ks');
    const js = report.drift.region!.learnedLevels.jensenShannon!.level / Math.sqrt(Math.LN2);
    close(js, c.nannyml.region!.jensen_shannon!.upperThreshold, 'region js', 1e-9);
  });
});

describe('check --thresholds reference-chunks judges by the learned levels', () => {
  const lending = ['--label', 'deny', '--positive', 'yes', '--score', 'score', '--protected', 'afam'];
  const out = join(scratch, 'lending.json');
  const p = profile(join(EXAMPLE, 'reference.csv'), out, ...lending, '--chunks', '10');

  it('a warning at mean + 3 std of the chunks, critical at the policy level', () => {
    const r = cli([
      'check',
      '--reference',
      out,
      '--current',
      join(EXAMPLE, 'current-drifted.csv'),
      '--thresholds',
      'reference-chunks',
    ]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      drift: Record<string, { psi: number; jensenShannon: number }>;
      violations: { check: string; subject: string; threshold: number; severity: string }[];
    };
    for (const [name, d] of Object.entries(report.drift)) {
      const values = p.chunks.columns[name]!.check.jensenShannon!.filter((x): x is number => x !== null);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
      const level = mean + 3 * std;
      const fired = report.violations.find((v) => v.check === 'drift.jensenShannon' && v.subject === name);
      if (d.jensenShannon >= level) close(fired?.threshold, level, `${name} jensenShannon level`);
      else expect(fired).toBeUndefined();
    }
    // Some features are judged above and some below their learned level.
    expect(report.violations.some((v) => v.check === 'drift.jensenShannon')).toBe(true);
    expect(Object.values(report.drift).some((d) => d.jensenShannon > 0 && d.jensenShannon < 0.05)).toBe(true);
  });
});

describe('one-line errors', () => {
  const csv = join(EXAMPLE, 'reference.csv');
  const plain = join(scratch, 'plain.json');
  it('--chunks with --chunk-size', () => {
    expectOneLineError(
      ['profile', '--data', csv, '--out', plain, '--chunks', '4', '--chunk-size', '10'],
      /give one of them/
    );
  });
  it('more chunks than rows allow', () => {
    expectOneLineError(
      ['profile', '--data', csv, '--out', plain, '--chunk-size', '1000'],
      /--chunk-size: .*at least 2 chunks/
    );
  });
  it('--thresholds reference-chunks without a chunked profile', () => {
    expect(cli(['profile', '--data', csv, '--out', plain]).code).toBe(0);
    const current = join(EXAMPLE, 'current.csv');
    expectOneLineError(
      ['check', '--reference', plain, '--current', current, '--thresholds', 'reference-chunks'],
      /has no chunk statistics.*--chunks/
    );
    expectOneLineError(
      ['check', '--reference', csv, '--current', current, '--thresholds', 'reference-chunks'],
      /has no chunk statistics/
    );
  });
  it('--thresholds reference-chunks with --psi-zero evidently, or over other bins', () => {
    const chunked = join(scratch, 'chunked.json');
    expect(cli(['profile', '--data', csv, '--out', chunked, '--chunks', '5', '--bins', '4']).code).toBe(0);
    const current = join(EXAMPLE, 'current.csv');
    expectOneLineError(
      ['check', '--reference', chunked, '--current', current, '--thresholds', 'reference-chunks'],
      /over 4 bins .* into 10; set drift.bins: 4/
    );
    const policy = join(scratch, 'policy.yaml');
    writeFileSync(policy, 'drift:\n  bins: 4\n');
    expectOneLineError(
      [
        'check',
        '--reference',
        chunked,
        '--current',
        current,
        '--config',
        policy,
        '--thresholds',
        'reference-chunks',
        '--psi-zero',
        'evidently',
      ],
      /leave out --psi-zero evidently/
    );
  });
});
