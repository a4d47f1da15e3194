import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, EXAMPLE, expectOneLineError, scratchDir } from './run-cli';

const dir = scratchDir();
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const ref = join(EXAMPLE, 'reference.csv');
const cur = join(EXAMPLE, 'current.csv');

describe('bad input gets one clear line and exit code 2', () => {
  it('a missing file', () => {
    expectOneLineError(
      ['check', '--reference', join(dir, 'nope.csv'), '--current', cur],
      'nope.csv',
      'no such file or directory'
    );
  });

  // A file that exists but fails while it is read: the kernel answers reads of this one with EIO.
  it('a file that cannot be read, as CSV, profile or config', () => {
    const unreadable = '/proc/self/mem';
    const problem = 'cannot read the file (the device reported an I/O error)';
    expectOneLineError(['check', '--reference', unreadable, '--current', cur, '--label', 'deny'], unreadable, problem);
    expectOneLineError(['check', '--reference', ref, '--current', unreadable, '--label', 'deny'], unreadable, problem);
    expectOneLineError(
      ['profile', '--data', unreadable, '--label', 'deny', '--out', join(dir, 'profile.json')],
      unreadable,
      problem
    );
    expectOneLineError(['check', '--reference', ref, '--current', cur, '--config', unreadable], unreadable, problem);
    expectOneLineError(['rules', '--config', unreadable, '--out', join(dir, 'rules')], unreadable, problem);
  });

  it('an output that cannot be written', () => {
    const args = ['check', '--reference', ref, '--current', cur, '--label', 'deny', '--positive', 'yes'];
    expectOneLineError([...args, '--out', dir], 'cannot write the file (is a directory, not a file)');
    const blocker = file('plain-file', '');
    expectOneLineError(
      [...args, '--out', join(blocker, 'report.json')],
      'plain-file/report.json: cannot write the file (a part of the path is not a directory)'
    );
  });

  it('writes a report into a directory that does not exist yet, as the generators do', () => {
    const out = join(dir, 'new', 'nested', 'report.json');
    const r = cli([
      'check',
      '--reference',
      ref,
      '--current',
      cur,
      '--label',
      'deny',
      '--positive',
      'yes',
      '--out',
      out,
    ]);
    expect(r.stderr).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('"violations"');
  });

  it('an inconsistent profile, naming the field', () => {
    const profilePath = join(dir, 'consistent.json');
    expect(cli(['profile', '--data', ref, '--label', 'deny', '--positive', 'yes', '--out', profilePath]).code).toBe(0);
    const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as { target: { threshold: number } };
    profile.target.threshold = 7;
    const bad = file('inconsistent.json', JSON.stringify(profile));
    expectOneLineError(['check', '--reference', bad, '--current', cur], 'inconsistent.json', 'target.threshold: is 7');
  });

  it('names such as __proto__, constructor and toString are ordinary columns, groups and classes', () => {
    const rows = (shift: number): string =>
      '__proto__,constructor,grp,label,score\n' +
      Array.from({ length: 120 }, (_, i) => {
        const group = ['__proto__', 'toString', 'valueOf'][i % 3];
        return `${(i % 10) + shift},${i % 2 ? '__proto__' : 'hasOwnProperty'},${group},${i % 4 ? 'constructor' : '__proto__'},${(i % 7) / 7}`;
      }).join('\n');
    const reference = file('proto-ref.csv', rows(0));
    const current = file('proto-cur.csv', rows(5));
    const r = cli([
      'check',
      '--reference',
      reference,
      '--current',
      current,
      '--label',
      'label',
      '--positive',
      '__proto__',
      '--score',
      'score',
      '--protected',
      'grp',
    ]);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as {
      drift: Record<string, unknown>;
      fairness: Record<string, { groups: Record<string, unknown> }>;
      violations: { subject: string }[];
    };
    expect(Object.keys(report.drift)).toEqual(['__proto__', 'constructor', 'grp', 'label', 'score']);
    expect(Object.keys(report.fairness.grp!.groups).sort()).toEqual(['__proto__', 'toString', 'valueOf']);
    expect(report.violations.map((v) => v.subject)).toContain('__proto__');
    expect(({} as Record<string, unknown>).drifted).toBeUndefined();
  });

  it('an unknown column', () => {
    expectOneLineError(
      ['check', '--reference', ref, '--current', cur, '--label', 'outcome'],
      'reference.csv',
      "--label names column 'outcome'"
    );
  });

  it('a non-numeric score, naming file, row and column', () => {
    const current = file('bad-score.csv', 'x,score\n1,0.2\n2,0.4\n3,high\n');
    const reference = file('ok-score.csv', 'x,score\n1,0.2\n2,0.4\n3,0.5\n4,0.1\n5,0.9\n6,0.3\n');
    expectOneLineError(
      ['check', '--reference', reference, '--current', current, '--score', 'score'],
      'bad-score.csv',
      'data row 3',
      "column 'score'",
      "'high' is not a number"
    );
  });

  it('an empty current set', () => {
    const empty = file(
      'empty.csv',
      'deny,pirat,hirat,lvrat,chist,mhist,phist,unemp,selfemp,insurance,condomin,afam,single,hschool,score\n'
    );
    expectOneLineError(['check', '--reference', ref, '--current', empty], 'empty.csv', 'no data rows');
  });

  it('a current set without a column the reference has', () => {
    const partial = file('partial.csv', 'pirat\n0.3\n');
    expectOneLineError(
      ['check', '--reference', ref, '--current', partial],
      'partial.csv',
      /no column '(deny|hirat)'/,
      '--ignore'
    );
  });

  it('a malformed profile', () => {
    const foreign = file('foreign.json', JSON.stringify({ version: 3, features: [] }));
    expectOneLineError(
      ['check', '--reference', foreign, '--current', cur],
      'foreign.json',
      'not a Modelwatch reference profile'
    );
    const broken = file(
      'broken.json',
      '{"profileVersion": 1, "columns": {"x": {"type": "numeric", "rows": 2, "missing": 0, "count": 2, "knots": {"values": [2, 1], "counts": [1, 1]}}}}'
    );
    expectOneLineError(['check', '--reference', broken, '--current', cur], 'broken.json', 'columns.x.knots.values[1]');
    const notJson = file('not-json.json', '{profileVersion');
    expectOneLineError(['check', '--reference', notJson, '--current', cur], 'not-json.json', 'not valid JSON');
  });

  it('a config with an unknown or badly typed key', () => {
    const unknown = file('policy.yaml', 'drift:\n  psi: { warn: 0.1 }\n');
    expectOneLineError(
      ['check', '--reference', ref, '--current', cur, '--config', unknown],
      'policy.yaml',
      'unknown key drift.psi.warn'
    );
    const typed = file('typed.yaml', 'fairness:\n  minGroupSize: many\n');
    expectOneLineError(
      ['check', '--reference', ref, '--current', cur, '--config', typed],
      'typed.yaml',
      'fairness.minGroupSize'
    );
  });

  it('a CSV whose rows do not match its header', () => {
    const ragged = file('ragged.csv', 'a,b\n1,2\n3\n');
    expectOneLineError(['profile', '--data', ragged, '--out', join(dir, 'p.json')], 'ragged.csv', 'not a readable CSV');
  });

  it('an ambiguous positive class', () => {
    const labels = file('labels.csv', 'y,x\nhigh,1\nlow,2\nhigh,3\nlow,4\nhigh,5\nlow,6\n');
    expectOneLineError(
      ['profile', '--data', labels, '--label', 'y', '--out', join(dir, 'q.json')],
      'labels.csv',
      '--positive'
    );
  });

  it('a usage mistake', () => {
    const r = cli(['check', '--reference', ref]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/--current/);
  });

  it('an unknown detector parameter', () => {
    const stream = file('stream.csv', 'err\n0\n1\n');
    expectOneLineError(
      ['detect', '--detector', 'adwin', '--data', stream, '--column', 'err', '--param', 'deltaa=0.1'],
      'deltaa'
    );
  });
});
