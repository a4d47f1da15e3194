// npm run bench: `modelwatch check` on 1,000,000 rows x 20 columns, against the naive load-everything way.
// Targets: under 30 s and under 1 GiB of resident memory on a 2-core machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticCsv } from './synthetic-data.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const work = join(root, '.bench');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REFERENCE_ROWS = 200_000;
const TIME_TARGET_S = 30;
const MEMORY_TARGET_BYTES = 1024 ** 3;

interface Run {
  seconds: number;
  maxRssBytes: number;
  exitCode: number | null;
}

/** Runs a Node script in a child and reads its peak RSS, which it prints as JSON on its last stderr line. */
function measure(args: string[]): Run {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const last = r.stderr.trim().split('\n').pop() ?? '';
  let maxRssBytes = Number.NaN;
  try {
    maxRssBytes = (JSON.parse(last) as { maxRssBytes: number }).maxRssBytes;
  } catch {
    process.stderr.write(r.stderr);
  }
  return { seconds, maxRssBytes, exitCode: r.status };
}

const mib = (b: number): string => `${(b / 1024 ** 2).toFixed(0)} MiB`;

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const reference = join(work, `reference-${REFERENCE_ROWS}.csv`);
  const current = join(work, `current-${ROWS}-shifted.csv`);
  if (!existsSync(reference)) await writeSyntheticCsv(reference, REFERENCE_ROWS, 1);
  if (!existsSync(current)) await writeSyntheticCsv(current, ROWS, 2, 0.5);
  const profile = join(work, 'profile.json');
  const cli = join(root, 'packages/cli/dist/bin.js');
  const built = spawnSync(
    process.execPath,
    [cli, 'profile', '--data', reference, '--score', 'score', '--protected', 'group', '--out', profile],
    { encoding: 'utf8' }
  );
  if (built.status !== 0) throw new Error(built.stderr);

  // The CLI itself, with a one-line wrapper that reports peak RSS after the run.
  const wrapper = `import(${JSON.stringify(join(root, 'packages/cli/dist/index.js'))}).then(async (m) => {
    const code = await m.main(process.argv.slice(1));
    process.stderr.write(JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, code }) + '\\n');
    process.exitCode = code;
  })`;
  const streaming = measure([
    '-e',
    wrapper,
    'check',
    '--reference',
    profile,
    '--current',
    current,
    '--score',
    'score',
    '--out',
    join(work, 'report.json'),
  ]);
  const naive = measure(['--max-old-space-size=8192', join(here, 'naive-check.js'), profile, current]);

  const ok = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');
  const fast = streaming.seconds < TIME_TARGET_S;
  const small = streaming.maxRssBytes < MEMORY_TARGET_BYTES;
  console.log(
    `modelwatch check, ${ROWS.toLocaleString('en')} rows x 20 columns (reference profile of ${REFERENCE_ROWS.toLocaleString('en')} rows)`
  );
  console.log(
    `  streaming (modelwatch check): ${streaming.seconds.toFixed(1)} s, peak RSS ${mib(streaming.maxRssBytes)}, exit ${streaming.exitCode} (1: the shifted features were caught)`
  );
  console.log(
    `  naive (load all rows, then compute): ${naive.seconds.toFixed(1)} s, peak RSS ${mib(naive.maxRssBytes)}`
  );
  console.log(
    `  speed-up ${(naive.seconds / streaming.seconds).toFixed(2)}x, memory ratio ${(naive.maxRssBytes / streaming.maxRssBytes).toFixed(2)}x`
  );
  console.log(
    `  target: under ${TIME_TARGET_S} s ${ok(fast)} (${streaming.seconds.toFixed(3)} s), under ${mib(MEMORY_TARGET_BYTES)} ${ok(small)} (${streaming.maxRssBytes} bytes)`
  );
  // A missed target fails `npm run bench`, so a regression cannot pass unnoticed in a log.
  if (!fast || !small) process.exitCode = 1;
}

await main();
