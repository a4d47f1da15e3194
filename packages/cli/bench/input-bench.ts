// npm run bench: `modelwatch check` on CSV and Parquet at 100,000, 1,000,000 and 5,000,000 current rows (20 features
// plus score and label) against a profile of 100,000 reference rows, each run in its own process so its peak RSS is
// its own; the naive load-everything way runs in the same bench for comparison.
// Targets on a 2-core machine, at 1,000,000 rows: Parquet <= 3 s and CSV <= 6 s wall.
// BENCH_INPUT_ROWS=100000,1000000 limits the sizes; the data is generated once under the system's temp directory.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTableCsv, writeTableParquet } from './synthetic-table.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const cache = join(tmpdir(), 'modelwatch-bench-input');
const SIZES = (process.env.BENCH_INPUT_ROWS ?? '100000,1000000,5000000').split(',').map(Number);
const REFERENCE_ROWS = 100_000;
const TARGET_ROWS = 1_000_000;
const TARGET_SECONDS: Record<Format, number> = { parquet: 3, csv: 6 };
// The naive way holds every row as an object: past this it needs more memory than the machine is worth spending.
const NAIVE_MAX_ROWS = 1_000_000;
type Format = 'csv' | 'parquet';

interface Run {
  wallSeconds: number;
  cpuSeconds: number;
  maxRssBytes: number;
  exitCode: number | null;
}

/** Runs a Node script in a child; the child prints its CPU time and peak RSS as JSON on its last stderr line. */
function measure(args: string[], env: Record<string, string> = {}): Run {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    env: { ...process.env, ...env },
  });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const last = r.stderr.trim().split('\n').pop() ?? '';
  let usage = { maxRssBytes: Number.NaN, cpuSeconds: Number.NaN };
  try {
    usage = JSON.parse(last) as typeof usage;
  } catch {
    process.stderr.write(r.stderr);
  }
  return { wallSeconds, ...usage, exitCode: r.status };
}

const mib = (b: number): string => `${(b / 1024 ** 2).toFixed(0)} MiB`;
const line = (label: string, run: Run): string =>
  `  ${label.padEnd(34)} wall ${run.wallSeconds.toFixed(2).padStart(6)} s  cpu ${run.cpuSeconds.toFixed(2).padStart(6)} s  peak RSS ${mib(run.maxRssBytes).padStart(9)}`;

/** The data of one size in both formats, generated once and kept for later runs. */
async function dataFiles(rows: number, seed: number, shift: number): Promise<Record<Format, string>> {
  const files = {
    csv: join(cache, `table-${rows}-${seed}.csv`),
    parquet: join(cache, `table-${rows}-${seed}.parquet`),
  };
  if (!existsSync(files.csv)) await writeTableCsv(files.csv, rows, seed, shift);
  if (!existsSync(files.parquet)) await writeTableParquet(files.parquet, rows, seed, shift);
  return files;
}

async function main(): Promise<void> {
  mkdirSync(cache, { recursive: true });
  const reference = await dataFiles(REFERENCE_ROWS, 1, 0);
  const profile = join(cache, 'reference-profile.json');
  const cli = join(root, 'packages/cli/dist/bin.js');
  const target = ['--label', 'label', '--score', 'score', '--protected', 'group'];
  const built = spawnSync(process.execPath, [cli, 'profile', '--data', reference.csv, ...target, '--out', profile], {
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(built.stderr);

  // The CLI itself, with a wrapper that reports CPU time and peak RSS after the run. It imports what bin.js
  // imports, so only the command that runs is loaded (the package's index exports every command).
  const wrapper = `import(${JSON.stringify(join(root, 'packages/cli/dist/program.js'))}).then(async (m) => {
    const code = await m.main(process.argv.slice(1));
    const u = process.resourceUsage();
    process.stderr.write(JSON.stringify({ maxRssBytes: u.maxRSS * 1024, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 }) + '\\n');
    process.exitCode = code;
  })`;
  const missed: string[] = [];
  console.log(
    `modelwatch check: current rows x 20 features + score + label, against a profile of ${REFERENCE_ROWS.toLocaleString('en')} reference rows`
  );
  for (const rows of SIZES) {
    const current = await dataFiles(rows, 2, 0.5);
    console.log(
      `${rows.toLocaleString('en')} rows (CSV ${mib(statSync(current.csv).size)}, Parquet ${mib(statSync(current.parquet).size)})`
    );
    for (const format of ['parquet', 'csv'] as const) {
      const check = [
        '-e',
        wrapper,
        'check',
        '--reference',
        profile,
        '--current',
        current[format],
        ...target,
        '--out',
        join(cache, 'report.json'),
      ];
      const run = measure(check);
      // Exit 1: the shifted features were caught, as they should be.
      if (run.exitCode !== 1) throw new Error(`check on ${current[format]} exited ${run.exitCode}`);
      let verdict = '';
      if (rows === TARGET_ROWS) {
        const pass = run.wallSeconds <= TARGET_SECONDS[format];
        verdict = `  target <= ${TARGET_SECONDS[format]} s ${pass ? 'PASS' : 'FAIL'}`;
        if (!pass)
          missed.push(`${format} at ${rows} rows: ${run.wallSeconds.toFixed(2)} s > ${TARGET_SECONDS[format]} s`);
      }
      console.log(`${line(`modelwatch check, ${format}`, run)}${verdict}`);
      if (rows >= 200_000) {
        // The same check kept on one thread, so the gain of the second one is measured in the same run.
        const one = measure(check, { MODELWATCH_PARALLEL_MIN_ROWS: 'Infinity' });
        console.log(
          `${line(`  on one thread, ${format}`, one)}  two threads ${(one.wallSeconds / run.wallSeconds).toFixed(1)}x faster`
        );
      }
      if (rows <= NAIVE_MAX_ROWS) {
        const naive = measure(['--max-old-space-size=16384', join(here, 'naive-input.js'), profile, current[format]]);
        console.log(
          `${line(`naive (all rows in memory), ${format}`, naive)}  speed-up ${(naive.wallSeconds / run.wallSeconds).toFixed(1)}x, memory ${(naive.maxRssBytes / run.maxRssBytes).toFixed(1)}x`
        );
      }
    }
  }
  // A missed target fails `npm run bench`, so a regression cannot pass unnoticed in a log.
  if (missed.length > 0) {
    console.log(`missed: ${missed.join('; ')}`);
    process.exitCode = 1;
  }
}

await main();
