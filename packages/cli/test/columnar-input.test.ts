import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, expectOneLineError, scratchDir } from './run-cli';

// Parquet and Arrow files written by pyarrow with the same values as the CSV beside them (see generate.py there).
const FIXTURES = join(__dirname, 'fixtures/columnar');
const at = (name: string): string => join(FIXTURES, name);
const TYPED = [
  'reference-snappy.parquet',
  'reference-gzip.parquet',
  'reference-zstd.parquet',
  'reference.arrow',
  'reference.feather',
  'reference.ipc', // the IPC stream format
];
const dir = scratchDir();

/** A profile without what names its input (file name, time of writing). */
function profileOf(data: string, extra: string[] = []): unknown {
  const out = join(dir, `${data.split('/').pop()}.json`);
  const r = cli([
    'profile',
    '--data',
    data,
    '--label',
    'label',
    '--score',
    'score',
    '--protected',
    'group',
    '--out',
    out,
    ...extra,
  ]);
  expect(r.stderr).toMatch(/^wrote .*: 11 columns from 300 rows\n$/);
  expect(r.code).toBe(0);
  const profile = JSON.parse(readFileSync(out, 'utf8')) as { createdAt?: string; source: { name?: string } };
  delete profile.createdAt;
  delete profile.source.name;
  return profile;
}

/** A check report, as JSON, with the current file's name taken out. */
function checkOf(reference: string, current: string, extra: string[] = []): string {
  const target = ['--label', 'label', '--score', 'score', '--protected', 'group', '--policy', 'four-fifths'];
  const r = cli(['check', '--reference', reference, '--current', current, ...target, ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(1); // the current data drifted
  return r.stdout.split(current).join('<current>');
}

describe('Parquet and Arrow input', () => {
  const csvProfile = profileOf(at('reference.csv'));

  it('profiles every format and compression to the same profile as the CSV of the same values', () => {
    const columns = (csvProfile as { columns: Record<string, { type: string; missing: number }> }).columns;
    // The fixtures exercise both inferences and the missing-value rules: nulls, NaN, a 4-value integer column.
    expect(columns.age).toMatchObject({ type: 'numeric', missing: 16 });
    expect(columns.income).toMatchObject({ type: 'numeric', missing: 13 });
    expect(columns.children?.type).toBe('categorical');
    expect(columns.member).toMatchObject({ type: 'categorical', missing: 14 });
    for (const file of TYPED) expect(profileOf(at(file))).toEqual(csvProfile);
  });

  it('checks current data from every format to the same report as from the CSV', () => {
    const reference = at('reference.csv');
    const expected = checkOf(reference, at('current.csv'));
    for (const current of ['current-snappy.parquet', 'current-zstd.parquet', 'current.arrow', 'current.ipc'])
      expect(checkOf(reference, at(current))).toEqual(expected);
    // A Parquet reference (profiled in memory) gives the same report as a CSV one.
    expect(checkOf(at('reference-gzip.parquet'), at('current.feather'))).toEqual(expected);
  });

  it('audits a Parquet file as it audits the CSV', () => {
    const args = ['audit', '--protected', 'group,channel', '--score', 'score', '--data'];
    const csv = cli([...args, at('current.csv')]);
    const parquet = cli([...args, at('current-zstd.parquet')]);
    expect(csv.stderr).toBe('');
    expect(parquet.stdout.split('current-zstd.parquet').join('current.csv')).toEqual(csv.stdout);
  });

  it('reads by --input-format when the extension does not say', () => {
    const renamed = join(dir, 'current.data');
    copyFileSync(at('current-snappy.parquet'), renamed);
    // The option applies to every data file of the command; a profile JSON is read as JSON.
    const reference = join(dir, 'reference.csv.json');
    const expected = checkOf(reference, at('current.csv'));
    expect(checkOf(reference, renamed, ['--input-format', 'parquet'])).toEqual(expected);
    // Read as CSV (the default for an unknown extension), the binary file is not a table.
    expect(cli(['check', '--reference', reference, '--current', renamed]).code).toBe(2);
  });
});

describe('Parquet and Arrow input errors are one line', () => {
  it('a corrupt or truncated file', () => {
    const bytes = readFileSync(at('current-snappy.parquet'));
    const truncated = join(dir, 'truncated.parquet');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    expectOneLineError(
      ['profile', '--data', truncated, '--out', join(dir, 'x.json')],
      'truncated.parquet',
      'not a readable Parquet file'
    );
    const garbage = join(dir, 'garbage.arrow');
    writeFileSync(garbage, 'not arrow at all\n'.repeat(100));
    expectOneLineError(
      ['profile', '--data', garbage, '--out', join(dir, 'x.json')],
      'garbage.arrow',
      'not a readable Arrow IPC file'
    );
    expectOneLineError(
      ['profile', '--data', join(dir, 'absent.parquet'), '--out', join(dir, 'x.json')],
      'absent.parquet',
      'no such file'
    );
  });

  it('a column that is not in the file', () => {
    expectOneLineError(
      ['check', '--reference', join(dir, 'reference.csv.json'), '--current', at('current.arrow'), '--protected', 'sex'],
      'current.arrow',
      "--protected names column 'sex'"
    );
    expectOneLineError(
      ['audit', '--data', at('current-gzip.parquet'), '--protected', 'sex', '--score', 'score'],
      "has no column 'sex'"
    );
  });

  it('a column of a type modelwatch does not read, with the way to leave it out', () => {
    const file = at('unsupported-types.parquet');
    expectOneLineError(
      ['profile', '--data', file, '--out', join(dir, 'u.json')],
      "column 'seen' has type TIMESTAMP",
      '--ignore seen'
    );
    const r = cli(['profile', '--data', file, '--ignore', 'seen,tags', '--out', join(dir, 'u.json')]);
    expect(r.stderr).toMatch(/1 columns from 3 rows/);
  });
});
