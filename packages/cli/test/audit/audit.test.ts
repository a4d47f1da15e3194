import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULTS, INTERSECTION_SEPARATOR, POLICY } from '@modelwatch/semconv';
import { DEFAULT_EXCLUDE_BELOW, DEFAULT_IMPACT_THRESHOLD, DEFAULT_ALPHA } from '@modelwatch/stats';
import { cli, EXAMPLE, expectOneLineError, ROOT, scratchDir } from '../run-cli';

const dir = scratchDir();
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/**
 * The hand-worked example of docs/statistics.md: [sex, race, rows, hired]. One row's race is missing (NA), so it is
 * unknown for race and for sex × race.
 */
const CELLS: [string, string, number, number][] = [
  ['F', 'White', 20, 12],
  ['M', 'White', 30, 18],
  ['F', 'Black', 25, 9],
  ['M', 'Black', 15, 9],
  ['F', 'Asian', 4, 2],
  ['M', 'Asian', 4, 2],
  ['F', 'Native', 1, 1],
  ['M', 'NA', 1, 0],
];
function handWorked(): string {
  const lines = ['sex,race,outcome'];
  for (const [sex, race, n, hired] of CELLS)
    for (let i = 0; i < n; i++) lines.push(`${sex},${race},${i < hired ? 'hired' : 'rejected'}`);
  return `${lines.join('\n')}\n`;
}
const hiring = write('hiring.csv', handWorked());
const selection = [
  'audit',
  '--data',
  hiring,
  '--protected',
  'sex,race',
  '--selected',
  'outcome',
  '--positive',
  'hired',
];

interface Category {
  count: number;
  selected: number;
  rate: number | null;
  impactRatio: number | null;
  excluded: boolean;
  share: number;
  belowThreshold: boolean;
  tests?: { z: number; test: string; significant: boolean; twoStandardDeviations: boolean } | null;
}
interface Report {
  policy: string;
  reference: string;
  rate: string;
  rows: number;
  median?: number;
  missingOutcome: number;
  threshold: number;
  thresholdSource: string;
  excludeBelow: number;
  attributes: Record<string, { unknown: number; highest: string | null; categories: Record<string, Category> }>;
  violations: { check: string; subject: string; value: number; threshold: number; severity: string; message: string }[];
  notes: string[];
}

function run(args: string[], code = 1): Report {
  const r = cli(args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(code);
  return JSON.parse(r.stdout) as Report;
}

it('the stats and the contract agree on the packs’ defaults', () => {
  expect(DEFAULTS.policies.threshold).toBe(DEFAULT_IMPACT_THRESHOLD);
  expect(DEFAULTS.policies.excludeBelow).toBe(DEFAULT_EXCLUDE_BELOW);
  expect(DEFAULTS.policies.alpha).toBe(DEFAULT_ALPHA);
});

describe('nyc-ll144, selection rates (hand-worked)', () => {
  const report = run(selection);
  const both = `sex${INTERSECTION_SEPARATOR}race`;

  it('reports each attribute and, by default, their intersection in --protected order', () => {
    expect(report.policy).toBe('nyc-ll144');
    expect(report.reference).toBe(POLICY.nycLl144.reference);
    expect(report.rate).toBe('selection');
    expect(report.rows).toBe(100);
    expect(report.median).toBeUndefined();
    expect(report.threshold).toBe(0.8);
    expect(report.excludeBelow).toBe(0.02);
    expect(Object.keys(report.attributes)).toEqual(['sex', 'race', both]);
  });

  it('race: Native (1% of rows) is excluded, one row is unknown, Black is below 0.8', () => {
    const race = report.attributes.race!;
    expect(race.unknown).toBe(1);
    expect(race.highest).toBe('White');
    expect(race.categories.Native).toMatchObject({ count: 1, selected: 1, rate: 1, impactRatio: null, excluded: true });
    expect(race.categories.Black!.rate).toBeCloseTo(18 / 40, 12);
    expect(race.categories.Black!.impactRatio).toBeCloseTo(0.45 / 0.6, 12);
    expect(race.categories.Asian!.impactRatio).toBeCloseTo(0.5 / 0.6, 12);
    expect(report.attributes.sex!.categories.F!.impactRatio).toBeCloseTo(0.48 / 0.58, 12);
  });

  it('sex × race: categories joined with " × ", the unknown race is unknown here too', () => {
    const x = report.attributes[both]!;
    expect(x.unknown).toBe(1);
    expect(Object.keys(x.categories)).toEqual([
      'F × Asian',
      'F × Black',
      'F × Native',
      'F × White',
      'M × Asian',
      'M × Black',
      'M × White',
    ]);
    expect(x.categories['F × Black']!.impactRatio).toBeCloseTo(0.36 / 0.6, 12);
    expect(x.categories['F × Native']!.excluded).toBe(true);
  });

  it('violations name the pack and its legal reference; exit 1', () => {
    expect(report.violations.map((v) => v.subject)).toEqual(['race: Black', `${both}: F × Black`]);
    for (const v of report.violations) {
      expect(v.check).toBe('nyc-ll144.impactRatio');
      expect(v.message).toContain('nyc-ll144');
      expect(v.message).toContain('6 RCNY §5-300');
      expect(v.message).toContain('the law sets none');
      expect(v.threshold).toBe(0.8);
    }
    expect(report.violations[0]!.value).toBeCloseTo(0.75, 12);
  });

  it('--intersect sets the order; --threshold and --exclude-below change the judgement; exit 0 when clean', () => {
    const r = run([...selection, '--intersect', 'race,sex', '--threshold', '0.3', '--exclude-below', '0'], 0);
    expect(Object.keys(r.attributes)).toEqual(['sex', 'race', `race${INTERSECTION_SEPARATOR}sex`]);
    expect(r.attributes.race!.highest).toBe('Native');
    expect(r.attributes.race!.categories.White!.impactRatio).toBe(0.6);
    expect(r.violations).toEqual([]);
  });
});

describe('nyc-ll144, scoring rates (hand-worked)', () => {
  // Group A scores 9, 8, 7, 2; group B 1, 3, 4, 5, 6, 10; one row of unknown group scores 5; one row has no score.
  const file = write('scores.csv', 'group,score\nA,9\nA,8\nA,7\nA,2\nB,1\nB,3\nB,4\nB,5\nB,6\nB,10\n,5\nB,NA\n');
  const r = run(['audit', '--data', file, '--protected', 'group', '--score', 'score']);

  it('the median of the whole sample is the cut; a score at the median is not selected', () => {
    expect(r.rate).toBe('scoring');
    expect(r.median).toBe(5);
    expect(r.rows).toBe(11);
    expect(r.missingOutcome).toBe(1);
    const g = r.attributes.group!;
    expect(g.unknown).toBe(1);
    expect(g.categories.A).toMatchObject({ count: 4, selected: 3, rate: 0.75, impactRatio: 1 });
    expect(g.categories.B).toMatchObject({ count: 6, selected: 2 });
    expect(g.categories.B!.impactRatio).toBeCloseTo(1 / 3 / 0.75, 12);
  });
});

describe('four-fifths', () => {
  const lines = ['sex,hired'];
  for (let i = 0; i < 100; i++) lines.push(`M,${i < 60 ? 'yes' : 'no'}`);
  for (let i = 0; i < 80; i++) lines.push(`F,${i < 36 ? 'yes' : 'no'}`);
  const file = write('four-fifths.csv', `${lines.join('\n')}\n`);
  const args = ['audit', '--data', file, '--protected', 'sex', '--selected', 'hired', '--positive', 'yes'];

  it('impact ratio 0.75 with the z-test beyond 2 standard deviations: critical, with the legal reference', () => {
    const r = run([...args, '--policy', 'four-fifths']);
    expect(r.excludeBelow).toBe(0);
    const f = r.attributes.sex!.categories.F!;
    expect(f.impactRatio).toBeCloseTo(0.75, 12);
    // pooled 96/180: se = sqrt(96/180 · 84/180 · (1/80 + 1/100)) = sqrt(0.0056)
    expect(f.tests!.z).toBeCloseTo(-0.15 / Math.sqrt(0.0056), 10);
    expect(f.tests).toMatchObject({ test: 'z', significant: true, twoStandardDeviations: true });
    expect(r.attributes.sex!.categories.M!.tests).toBeNull();
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({
      check: 'four-fifths.impactRatio',
      subject: 'sex: F',
      severity: 'critical',
    });
    expect(r.violations[0]!.message).toContain('29 CFR 1607.4(D)');
    expect(r.violations[0]!.message).toContain('adverse impact');
  });

  it('the table and the HTML page carry the same numbers', () => {
    const table = cli([...args, '--policy', 'four-fifths', '--format', 'table']);
    expect(table.code).toBe(1);
    expect(table.stdout).toContain('29 CFR 1607.4(D)');
    expect(table.stdout).toMatch(/F\s+80\s+44\.4%\s+36\s+0\.450\s+0\.750 \*\s+-2\.00/);
    const out = join(dir, 'audit.html');
    const html = cli([...args, '--policy', 'four-fifths', '--format', 'html', '--out', out]);
    expect(html.code).toBe(1);
    const page = readFileSync(out, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<td>0.750 *</td>');
    expect(page).toContain('29 CFR 1607.4(D)');
  });
});

describe('user data is data', () => {
  it('categories named __proto__ or <script> are ordinary categories, escaped in HTML', () => {
    const file = write(
      'odd.csv',
      'g,s\n__proto__,1\n__proto__,0\n<script>alert(1)</script>,1\n<script>alert(1)</script>,1\nconstructor,0\nconstructor,1\n'
    );
    const args = ['audit', '--data', file, '--protected', 'g', '--selected', 's', '--positive', '1'];
    const r = run(args);
    expect(Object.keys(r.attributes.g!.categories)).toEqual(['<script>alert(1)</script>', '__proto__', 'constructor']);
    expect(r.attributes.g!.categories.__proto__!.impactRatio).toBe(0.5);
    const page = cli([...args, '--format', 'html']).stdout;
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const table = cli([...args, '--format', 'table']).stdout;
    expect(table).toMatch(/^<script>alert\(1\)<\/script>\s+2\s/m);
    // Self-contained: nothing is fetched.
    expect(page).not.toMatch(/\b(src|href)=|https?:/);
  });
});

it('a category holding a line break stays on one row of the table', () => {
  const file = write('newline.csv', 'g,s\n"two\nlines",1\n"two\nlines",0\nplain,1\n');
  const r = cli([
    'audit',
    '--data',
    file,
    '--protected',
    'g',
    '--selected',
    's',
    '--positive',
    '1',
    '--format',
    'table',
  ]);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/^two\\u000alines\s+2\s/m);
  expect(r.stdout).not.toMatch(/^lines/m);
});

describe('the lending example: race via afam', () => {
  it('approval rates by afam, as in the README', () => {
    const r = run(
      [
        'audit',
        '--data',
        join(EXAMPLE, 'current.csv'),
        '--protected',
        'afam',
        '--selected',
        'deny',
        '--positive',
        'no',
        '--policy',
        'four-fifths',
      ],
      0
    );
    const { no, yes } = r.attributes.afam!.categories;
    expect(r.attributes.afam!.highest).toBe('no');
    expect(yes!.impactRatio).toBeCloseTo(yes!.rate! / no!.rate!, 12);
    expect(no!.count + yes!.count).toBe(r.rows);
    // Above 0.8, yet far beyond chance: the guidelines' other route to adverse impact, named in a note.
    expect(yes!.impactRatio).toBeGreaterThan(0.8);
    expect(yes!.tests!.significant).toBe(true);
    expect(r.notes).toEqual([expect.stringContaining("'yes' in 'afam' passes the 0.8 ratio")]);
    expect(r.thresholdSource).toBe('law');
  });

  it("another threshold is the organisation's, not the guidelines'", () => {
    const args = ['--selected', 'deny', '--positive', 'no', '--policy', 'four-fifths', '--threshold', '0.9'];
    const r = run(['audit', '--data', join(EXAMPLE, 'current.csv'), '--protected', 'afam', ...args]);
    expect(r.thresholdSource).toBe('organisation');
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]!.message).toContain("0.8135 < 0.9 (the organisation's threshold, not the guidelines' 0.8)");
  });
});

describe('bad input: one line, exit 2', () => {
  it('a missing attribute column', () => {
    expectOneLineError(
      ['audit', '--data', hiring, '--protected', 'sex,age', '--selected', 'outcome', '--positive', 'hired'],
      "has no column 'age'",
      '--protected'
    );
  });

  it('an attribute without any category', () => {
    const file = write('empty-category.csv', 'sex,race,outcome\nF,,hired\nM,NA,rejected\n');
    expectOneLineError(
      ['audit', '--data', file, '--protected', 'sex,race', '--selected', 'outcome', '--positive', 'hired'],
      "column 'race' has no category"
    );
  });

  it('a non-numeric score', () => {
    const file = write('bad-score.csv', 'group,score\nA,0.5\nB,high\n');
    expectOneLineError(
      ['audit', '--data', file, '--protected', 'group', '--score', 'score'],
      "data row 2, column 'score'",
      "'high' is not a number"
    );
  });

  it('a --positive that never occurs, and a missing or doubled outcome', () => {
    expectOneLineError(
      ['audit', '--data', hiring, '--protected', 'sex', '--selected', 'outcome', '--positive', 'yes'],
      "--positive 'yes' never occurs",
      'hired'
    );
    expectOneLineError(['audit', '--data', hiring, '--protected', 'sex'], '--selected COLUMN --positive VALUE');
    expectOneLineError(
      ['audit', '--data', hiring, '--protected', 'sex', '--selected', 'outcome'],
      '--selected outcome needs --positive'
    );
    expectOneLineError(
      ['audit', '--data', hiring, '--protected', 'sex', '--score', 'outcome', '--selected', 'outcome'],
      'not both'
    );
  });

  it('a category holding the intersection separator, when it is intersected', () => {
    const file = write('separator.csv', 'sex,race,outcome\nF,Black × White,hired\nM,White,rejected\nF,White,hired\n');
    expectOneLineError(
      ['audit', '--data', file, '--protected', 'sex,race', '--selected', 'outcome', '--positive', 'hired'],
      "attribute 'race': category 'Black × White' contains the intersection separator"
    );
    const alone = cli([
      'audit',
      '--data',
      file,
      '--protected',
      'race',
      '--selected',
      'outcome',
      '--positive',
      'hired',
      '--policy',
      'four-fifths',
    ]);
    expect(alone.stderr).toBe('');
  });

  it('intersections and options', () => {
    expectOneLineError([...selection, '--intersect', 'sex,age'], "'age' is not a protected attribute");
    expectOneLineError([...selection, '--intersect', 'sex'], 'at least two attributes');
    expectOneLineError([...selection, '--exclude-below', '1.5'], '--exclude-below', 'share in [0, 1)');
    expectOneLineError([...selection, '--threshold', '0'], '--threshold', 'above 0');
    expectOneLineError([...selection, '--policy', 'eu-ai-act'], '--policy', 'four-fifths');
  });
});

describe('the README audit example', () => {
  it('prints, as printed in the README, exit 0 with the note', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const match = /```sh\n(npx modelwatch audit [\s\S]*?)```\s*```\n([\s\S]*?)```/.exec(readme);
    expect(match).not.toBeNull();
    const command = match![1]!
      .replace(/\\\n\s*/g, '')
      .trim()
      .split(/\s+/)
      .slice(2);
    const r = cli(command);
    expect(r.code).toBe(0);
    for (const line of match![2]!.trimEnd().split('\n')) expect(r.stdout).toContain(line);
    expect(r.stdout).toContain("note: 'yes' in 'afam' passes the 0.8 ratio");
  });
});
