// `modelwatch check --segment COL`: drift per value of a column. The current data is the lending example's with a
// channel column added; one channel in five (broker) has its loan-to-value ratio raised by 0.05, a shift the
// aggregate hardly shows but the broker rows do.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, EXAMPLE, expectOneLineError, scratchDir } from '../run-cli';

const lending = ['--label', 'deny', '--positive', 'yes', '--score', 'score', '--protected', 'afam'];
const ref = join(EXAMPLE, 'reference.csv');
const scratch = scratchDir();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Drift {
  psi: number | null;
  jensenShannon: number | null;
  drifted: boolean;
}
interface Report {
  drift: Record<string, Drift>;
  segments?: {
    column: string;
    minRows: number;
    values: Record<string, { rows: number; judged: boolean; drift: Record<string, Drift> }>;
  };
  violations: { check: string; subject: string; severity: string; message: string }[];
}

const channelOf = (row: number): string => (row % 5 === 0 ? 'broker' : row % 3 === 0 ? 'branch' : 'web');

/** The example's current rows with a channel; `only` keeps one channel's rows (the file check is compared with). */
function writeCurrent(file: string, only?: string): string {
  const [header, ...rows] = readFileSync(join(EXAMPLE, 'current.csv'), 'utf8').trim().split('\n');
  const lvrat = header!.split(',').indexOf('lvrat');
  const out = [`${header},channel`];
  rows.forEach((line, k) => {
    const channel = channelOf(k);
    if (only !== undefined && channel !== only) return;
    const cells = line.split(',');
    if (channel === 'broker') cells[lvrat] = String(Number(cells[lvrat]) + 0.05);
    out.push(`${cells.join(',')},${channel}`);
  });
  const path = join(scratch, file);
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}

function check(current: string, ...extra: string[]): { code: number | null; report: Report } {
  const r = cli(['check', '--reference', ref, '--current', current, ...lending, ...extra]);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

describe('check --segment channel', () => {
  const current = writeCurrent('current.csv');
  const { code, report } = check(current, '--segment', 'channel');

  it('reports every value of the column with its rows', () => {
    expect(report.segments!.column).toBe('channel');
    const rows = Object.fromEntries(Object.entries(report.segments!.values).map(([v, s]) => [v, s.rows]));
    const total = readFileSync(join(EXAMPLE, 'current.csv'), 'utf8').trim().split('\n').length - 1;
    const expected: Record<string, number> = {};
    for (let k = 0; k < total; k++) expected[channelOf(k)] = (expected[channelOf(k)] ?? 0) + 1;
    expect(rows).toEqual(expected);
    for (const s of Object.values(report.segments!.values)) expect(s.judged).toBe(s.rows >= report.segments!.minRows);
  });

  it('catches the broker drift that the aggregate does not', () => {
    expect(report.drift.lvrat!.drifted).toBe(false);
    expect(report.violations.filter((v) => v.check.startsWith('drift.') && v.subject === 'lvrat')).toEqual([]);
    expect(report.segments!.values.broker!.drift.lvrat!.drifted).toBe(true);
    expect(report.segments!.values.web!.drift.lvrat!.drifted).toBe(false);
    // Only lvrat was shifted; other columns of 238 rows may pass the default levels on noise alone.
    const flagged = report.violations.filter(
      (v) => v.check.startsWith('segmentDrift.') && v.subject.startsWith('lvrat ')
    );
    expect(flagged.map((v) => [v.check, v.subject])).toEqual([
      ['segmentDrift.psi', 'lvrat [channel=broker]'],
      ['segmentDrift.jensenShannon', 'lvrat [channel=broker]'],
    ]);
    expect(flagged[0]!.message).toMatch(
      /^PSI of 'lvrat' \d\.\d{4} >= critical level 0\.2 among rows with channel=broker$/
    );
    expect(code).toBe(1);
  });

  it.each(['broker', 'web', 'branch'])("gives %s's rows the drift a check of those rows alone gives", (channel) => {
    const alone = check(writeCurrent(`${channel}.csv`, channel)).report;
    const segment = report.segments!.values[channel]!;
    for (const [column, d] of Object.entries(alone.drift)) {
      expect({ column, psi: segment.drift[column]!.psi, js: segment.drift[column]!.jensenShannon }).toEqual({
        column,
        psi: d.psi,
        js: d.jensenShannon,
      });
    }
  });

  it('prints a table of drift by segment value', () => {
    const r = cli([
      'check',
      '--reference',
      ref,
      '--current',
      current,
      ...lending,
      '--segment',
      'channel',
      '--format',
      'table',
    ]);
    expect(r.stdout).toContain('Drift by channel');
    expect(r.stdout).toMatch(/^broker\s+lvrat\s+\d+\s+\d\.\d{4}\s+\d\.\d{4}\s+DRIFT$/m);
  });

  it('names a missing column in one line', () => {
    expectOneLineError(
      ['check', '--reference', ref, '--current', current, ...lending, '--segment', 'region'],
      '--segment: ',
      "no column 'region'"
    );
  });
});
