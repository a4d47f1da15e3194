// npm run bench: memory of `modelwatch check` in streaming mode (--max-memory 512MiB) against exact mode.
// 5M rows x 20 columns go through the CLI from a CSV generated into the temp directory; 50M rows go through the
// library (the same column sinks and budget, fed generated numbers), since writing and parsing a 50M-row CSV
// would take most of an hour. Targets: peak RSS <= 512 MiB in streaming mode at both sizes, and every measured
// KS / Wasserstein error at 5M within the bound the report states.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticCsv } from './synthetic-data.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const work = join(root, '.bench');
const CLI_ROWS = Number(process.env.BENCH_STREAM_CLI_ROWS ?? 5_000_000);
const LIBRARY_ROWS = Number(process.env.BENCH_STREAM_LIBRARY_ROWS ?? 50_000_000);
const REFERENCE_ROWS = 200_000;
const BUDGET = '512MiB';
const BUDGET_BYTES = 512 * 1024 ** 2;

interface Run {
  seconds: number;
  maxRssBytes: number;
  exitCode: number | null;
  last: Record<string, unknown>;
}

/** Runs a Node script in a child; it prints JSON with its peak RSS on its last stderr line. */
function measure(args: string[]): Run {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lastLine = r.stderr.trim().split('\n').pop() ?? '';
  let last: Record<string, unknown> = {};
  try {
    last = JSON.parse(lastLine) as Record<string, unknown>;
  } catch {
    process.stderr.write(r.stderr);
  }
  return { seconds, maxRssBytes: Number(last.maxRssBytes), exitCode: r.status, last };
}

const mib = (b: number): string => `${(b / 1024 ** 2).toFixed(0)} MiB`;
const ok = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');
const sci = (x: number): string => x.toExponential(2);

interface Report {
  drift: Record<string, { type: string; ks?: { statistic: number; pValue: number }; wasserstein?: number }>;
  notes: string[];
}

/** The largest measured error of KS and Wasserstein over the numeric columns, each next to its stated bound. */
function compare(exact: Report, streamed: Report): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  let pass = true;
  for (const [name, e] of Object.entries(exact.drift)) {
    const s = streamed.drift[name];
    if (e.type !== 'numeric' || !s?.ks || !e.ks) continue;
    const note = streamed.notes.find((n) => n.startsWith(`'${name}' (summarised)`)) ?? '';
    const ksBound = Number(/KS statistic within ±([\d.e+-]+)/.exec(note)?.[1]);
    const wBound = Number(/Wasserstein within ±([\d.e+-]+)/.exec(note)?.[1]);
    const ksError = Math.abs(s.ks.statistic - e.ks.statistic);
    const wError = Math.abs(s.wasserstein! - e.wasserstein!);
    // Notes print two significant digits; the comparison allows that rounding.
    const within = ksError <= ksBound * 1.06 && wError <= wBound * 1.06 && s.ks.pValue >= e.ks.pValue;
    pass &&= within;
    lines.push(
      `    ${name.padEnd(6)} KS |error| ${sci(ksError)} <= bound ${sci(ksBound)}, Wasserstein |error| ${sci(wError)} <= bound ${sci(wBound)}, p ${sci(s.ks.pValue)} >= exact ${sci(e.ks.pValue)} ${ok(within)}`
    );
  }
  return { ok: pass, lines };
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const reference = join(work, `reference-${REFERENCE_ROWS}.csv`);
  if (!existsSync(reference)) await writeSyntheticCsv(reference, REFERENCE_ROWS, 1);
  const cli = join(root, 'packages/cli/dist/bin.js');
  // No --score: the score is profiled as a numeric feature, so all 20 columns are drift columns and nothing
  // row-aligned (scores, labels, groups) is kept; those still grow with the rows (see the CLI README).
  const profile = join(work, 'profile-features.json');
  const built = spawnSync(process.execPath, [cli, 'profile', '--data', reference, '--out', profile], {
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(built.stderr);

  const scratch = mkdtempSync(join(tmpdir(), 'modelwatch-streaming-bench-'));
  try {
    const current = join(scratch, `current-${CLI_ROWS}.csv`);
    await writeSyntheticCsv(current, CLI_ROWS, 2, 0.5);
    const wrapper = `import(${JSON.stringify(join(root, 'packages/cli/dist/index.js'))}).then(async (m) => {
      const code = await m.main(process.argv.slice(1));
      process.stderr.write(JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, code }) + '\\n');
      process.exitCode = code;
    })`;
    const check = (maxMemory: string, out: string): Run =>
      measure([
        '-e',
        wrapper,
        'check',
        '--reference',
        profile,
        '--current',
        current,
        '--max-memory',
        maxMemory,
        '--out',
        out,
      ]);
    const exactOut = join(scratch, 'exact.json');
    const streamedOut = join(scratch, 'streamed.json');
    const exact = check('64GiB', exactOut);
    const streamed = check(BUDGET, streamedOut);
    const library5 = measure([join(here, 'streaming-feed.js'), profile, String(CLI_ROWS), String(BUDGET_BYTES)]);
    const library50 = measure([join(here, 'streaming-feed.js'), profile, String(LIBRARY_ROWS), String(BUDGET_BYTES)]);

    const exactReport = JSON.parse(readFileSync(exactOut, 'utf8')) as Report;
    const streamedReport = JSON.parse(readFileSync(streamedOut, 'utf8')) as Report;
    const errors = compare(exactReport, streamedReport);
    const summarised = streamedReport.notes.some((n) => n.startsWith('numeric columns were summarised'));
    const exactStayedExact = !exactReport.notes.some((n) => n.includes('summarised'));

    const rows = (n: number): string => n.toLocaleString('en');
    console.log(
      `modelwatch check streaming memory, 20 columns (17 numeric), reference profile of ${rows(REFERENCE_ROWS)} rows`
    );
    console.log(`  CLI from CSV, ${rows(CLI_ROWS)} rows:`);
    console.log(
      `    exact (--max-memory 64GiB): ${exact.seconds.toFixed(1)} s, peak RSS ${mib(exact.maxRssBytes)}, exit ${exact.exitCode}`
    );
    console.log(
      `    streaming (--max-memory ${BUDGET}): ${streamed.seconds.toFixed(1)} s, peak RSS ${mib(streamed.maxRssBytes)}, exit ${streamed.exitCode}, summarised: ${summarised}`
    );
    console.log(`  library (column sinks fed generated numbers, no CSV), --max-memory ${BUDGET}:`);
    for (const [n, run] of [
      [CLI_ROWS, library5],
      [LIBRARY_ROWS, library50],
    ] as const) {
      console.log(
        `    ${rows(n)} rows: ${Number(run.last.seconds).toFixed(1)} s, peak RSS ${mib(run.maxRssBytes)}, summarised: ${String(run.last.streaming)}`
      );
    }
    const bounds50 = Object.values(
      (library50.last.bounds ?? {}) as Record<string, { ks: number; wasserstein: number }>
    );
    if (bounds50.length > 0) {
      console.log(
        `    stated bounds at ${rows(LIBRARY_ROWS)} rows: KS <= ${sci(Math.max(...bounds50.map((b) => b.ks)))}, normalized Wasserstein <= ${sci(Math.max(...bounds50.map((b) => b.wasserstein)))}`
      );
    }
    console.log(`  measured errors at ${rows(CLI_ROWS)} rows, streaming against exact:`);
    for (const line of errors.lines) console.log(line);

    const targets: [string, boolean][] = [
      [`exact mode stayed exact under 64GiB`, exactStayedExact],
      [`streaming summarised the numeric columns`, summarised],
      [
        `CLI streaming peak RSS <= ${BUDGET} at ${rows(CLI_ROWS)} rows (${mib(streamed.maxRssBytes)})`,
        streamed.maxRssBytes <= BUDGET_BYTES,
      ],
      [
        `library peak RSS <= ${BUDGET} at ${rows(CLI_ROWS)} rows (${mib(library5.maxRssBytes)})`,
        library5.maxRssBytes <= BUDGET_BYTES,
      ],
      [
        `library peak RSS <= ${BUDGET} at ${rows(LIBRARY_ROWS)} rows (${mib(library50.maxRssBytes)})`,
        library50.maxRssBytes <= BUDGET_BYTES,
      ],
      [`every measured error within its stated bound`, errors.ok && errors.lines.length > 0],
      [
        `same verdict in both modes (exit ${exact.exitCode} vs ${streamed.exitCode})`,
        exact.exitCode === streamed.exitCode,
      ],
    ];
    for (const [what, pass] of targets) console.log(`  target: ${what} ${ok(pass)}`);
    if (targets.some(([, pass]) => !pass)) process.exitCode = 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
