import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { cli, ROOT, scratchDir, type CliResult } from './run-cli';

// `check` reads large data on two threads (a worker takes about half of the drift columns). The threshold is
// lowered to 0 rows here so the small fixtures take the parallel path, and raised to Infinity for the one-thread
// path; both must give the same report, byte for byte, and the same one-line errors.
const PARALLEL = { MODELWATCH_PARALLEL_MIN_ROWS: '0' };
const ONE_THREAD = { MODELWATCH_PARALLEL_MIN_ROWS: 'Infinity' };
const COLUMNAR = join(__dirname, 'fixtures/columnar');
const dir = scratchDir();
const TARGET = ['--label', 'label', '--score', 'score', '--protected', 'group'];

function profile(data: string, name: string): string {
  const out = join(dir, `${name}.json`);
  const r = cli(['profile', '--data', data, ...TARGET, '--out', out]);
  expect(r.stderr).toMatch(/^wrote /);
  return out;
}

function checkBoth(reference: string, current: string, extra: string[] = []): [CliResult, CliResult] {
  const args = ['check', '--reference', reference, '--current', current, ...TARGET, ...extra];
  return [cli(args, undefined, PARALLEL), cli(args, undefined, ONE_THREAD)];
}

describe('check on two threads', () => {
  const reference = profile(join(COLUMNAR, 'reference.csv'), 'columnar');

  it.each(['current.csv', 'current-snappy.parquet', 'current-gzip.parquet', 'current-zstd.parquet', 'current.arrow'])(
    'reports on %s exactly as on one thread',
    (file) => {
      const [parallel, single] = checkBoth(reference, join(COLUMNAR, file), ['--policy', 'four-fifths']);
      expect(single.code).toBe(1);
      expect(single.stderr).toBe('');
      expect(JSON.parse(single.stdout)).toHaveProperty('drift.income.ks');
      expect(parallel).toEqual(single);
    }
  );

  it('keeps the summaries of --max-memory when the budget cannot hold every value', () => {
    const [parallel, single] = checkBoth(reference, join(COLUMNAR, 'current.csv'), ['--max-memory', '1MiB']);
    expect(single.stdout).toMatch(/summar/);
    expect(parallel).toEqual(single);
  });

  it('gives the same one-line error when a column only the second thread reads cannot be read', () => {
    // The reference names all three columns numeric; the Parquet file has 'seen' as a timestamp and 'tags' as a list.
    const csv = join(dir, 'xyz.csv');
    writeFileSync(csv, 'x,seen,tags\n1,2,3\n4,5,6\n7,8,9\n');
    const out = join(dir, 'xyz.json');
    expect(cli(['profile', '--data', csv, '--out', out]).code).toBe(0);
    const args = ['check', '--reference', out, '--current', join(COLUMNAR, 'unsupported-types.parquet')];
    const parallel = cli(args, undefined, PARALLEL);
    expect(parallel.code).toBe(2);
    expect(parallel.stderr).toMatch(/^modelwatch: error: .*column 'seen' has type TIMESTAMP.*\n$/);
    expect(parallel).toEqual(cli(args, undefined, ONE_THREAD));
  });

  it('gives the same one-line error for a malformed row and for a score outside [0, 1]', () => {
    const lines = readFileSync(join(COLUMNAR, 'current.csv'), 'utf8').trimEnd().split('\n');
    const short = join(dir, 'short-row.csv');
    writeFileSync(short, [...lines.slice(0, 120), '1,2,3', ...lines.slice(120)].join('\n'));
    const score = join(dir, 'bad-score.csv');
    const cells = lines[200]!.split(',');
    cells[9] = '1.5';
    writeFileSync(score, [...lines.slice(0, 200), cells.join(','), ...lines.slice(201)].join('\n'));
    for (const [file, problem] of [
      [short, /data row 120 has 3 fields/],
      [score, /data row 200, column 'score': 1.5 is outside/],
    ] as const) {
      const [parallel, single] = checkBoth(reference, file);
      expect(single.code).toBe(2);
      expect(single.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(single.stderr).toMatch(problem);
      expect(parallel).toEqual(single);
    }
  });

  it('starts the second thread early for a large file, and stops it on an error before the read', () => {
    // Over 16 MiB: the thread is started before the reference is read.
    const large = join(dir, 'large.csv');
    const lines = readFileSync(join(COLUMNAR, 'current.csv'), 'utf8').trimEnd().split('\n');
    const body = lines.slice(1).join('\n');
    writeFileSync(large, `${lines[0]}\n${Array.from({ length: 1000 }, () => body).join('\n')}\n`);
    const [parallel, single] = checkBoth(reference, large);
    expect(single.code).toBe(1);
    expect(parallel).toEqual(single);
    const early = cli(['check', '--reference', reference, '--current', large, '--label', 'nope'], undefined, PARALLEL);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/^modelwatch: error: .*--label names column 'nope'.*\n$/);
  });
});

/** Writes a Parquet file with hyparquet-writer, which ships ESM only: in a child Node, as the CLI itself runs. */
function writeParquet(file: string, options: { rowGroupSize: number; columnData: unknown[] }): void {
  const script = `import { parquetWriteBuffer } from 'hyparquet-writer';
    import { writeFileSync } from 'node:fs';
    const [file, options] = process.argv.slice(1);
    writeFileSync(file, new Uint8Array(parquetWriteBuffer(JSON.parse(options))));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, file, JSON.stringify(options)], {
    cwd: join(ROOT, 'packages/cli'),
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
}

/** A CSV cell as a writer quotes it: only when it holds a comma, a quote or a line break. */
const quoted = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

const NUMBER_CELL = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String),
  fc.integer({ min: -50, max: 50 }).map(String),
  fc.constantFrom('', 'NA', 'n/a', ' 3.5 ', 'abc', '1e3')
);
const TEXT_CELL = fc.oneof(
  fc.constantFrom('web', 'branch', 'phone'),
  fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', ''),
  fc.string({ maxLength: 6 })
);
const ROW = fc.tuple(
  NUMBER_CELL,
  NUMBER_CELL,
  TEXT_CELL,
  fc.constantFrom('a', 'b', ''),
  fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }).map(String), fc.constant('')),
  fc.constantFrom('0', '1', '')
);
const HEADER = ['age', 'income', 'channel', 'group', 'score', 'label'];

function writeCsv(file: string, rows: string[][], eol: string, bom: boolean): void {
  const text = [HEADER, ...rows].map((r) => r.map(quoted).join(',')).join(eol) + eol;
  writeFileSync(file, (bom ? '\ufeff' : '') + text);
}

describe('check on two threads, on generated data', () => {
  const reference = join(dir, 'generated-reference.csv');
  const referenceRows = Array.from({ length: 120 }, (_, i) => [
    String((i * 37) % 91),
    String(i * 1.5),
    ['web', 'branch', 'phone'][i % 3]!,
    i % 2 ? 'a' : 'b',
    String((i % 10) / 10),
    String(i % 2),
  ]);
  writeCsv(reference, referenceRows, '\n', false);
  const profileFile = profile(reference, 'generated');

  it('gives the same report from CSV with quoted line breaks, CRLF and a byte-order mark', () => {
    let run = 0;
    fc.assert(
      fc.property(
        fc.array(ROW, { minLength: 1, maxLength: 60 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (rows, eol, bom) => {
          const current = join(dir, `generated-${run++}.csv`);
          writeCsv(current, rows, eol, bom);
          const [parallel, single] = checkBoth(profileFile, current);
          expect(parallel).toEqual(single);
        }
      ),
      { numRuns: 6 }
    );
  });

  it('gives the same report from Parquet with nulls and several row groups', () => {
    let run = 0;
    const column = fc.array(fc.option(fc.double({ min: -100, max: 200, noNaN: true }), { freq: 4 }), {
      minLength: 40,
      maxLength: 40,
    });
    fc.assert(
      fc.property(column, column, fc.constantFrom(7, 16, 64), (age, income, rowGroupSize) => {
        const n = age.length;
        const current = join(dir, `generated-${run++}.parquet`);
        writeParquet(current, {
          rowGroupSize,
          columnData: [
            { name: 'age', data: age, type: 'DOUBLE' },
            { name: 'income', data: income, type: 'DOUBLE' },
            { name: 'channel', data: Array.from({ length: n }, (_, i) => (i % 5 ? 'web' : null)), type: 'STRING' },
            { name: 'group', data: Array.from({ length: n }, (_, i) => (i % 3 ? 'a' : 'b')), type: 'STRING' },
            { name: 'score', data: Array.from({ length: n }, (_, i) => (i % 11) / 10), type: 'DOUBLE' },
            { name: 'label', data: Array.from({ length: n }, (_, i) => i % 2), type: 'INT32' },
          ],
        });
        const [parallel, single] = checkBoth(profileFile, current);
        expect(single.stderr).toBe('');
        expect(parallel).toEqual(single);
      }),
      { numRuns: 4 }
    );
  });
});
