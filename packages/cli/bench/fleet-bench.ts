// npm run bench: `modelwatch rules`, `alerts` and `dashboards` for a fleet of BENCH_FLEET_MODELS (default 10,000)
// model entries (bench/fleet-config.ts, every area on for most entries), each in a child process as users run it,
// into a fresh directory: wall time, CPU time and peak RSS (the child's own resource usage). The naive way is
// the generator before it was made to scale (whole config through the `yaml` library's document model, every
// file held in memory, YAML through the library): measured at BENCH_NAIVE_MODELS (default 1,000) entries, where
// it still fits, with its output compared byte for byte with the command's. A missed target exits non-zero.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fleetConfig } from './fleet-config.js';

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, '../dist/bin.js');
const MODELS = Number(process.env.BENCH_FLEET_MODELS ?? 10_000);
const NAIVE_MODELS = Number(process.env.BENCH_NAIVE_MODELS ?? 1_000);
const GIB = 1024 ** 3;
/** Targets at 10,000 entries on a 2-core machine: issue #17 for rules; alerts and dashboards write more per model. */
const TARGETS: Record<string, { seconds: number; bytes: number }> = {
  rules: { seconds: 10, bytes: GIB },
  alerts: { seconds: 20, bytes: GIB },
  dashboards: { seconds: 20, bytes: GIB },
};

interface Usage {
  wall: number;
  cpu: number;
  rss: number;
}

/** Runs node with `args` plus a hook that reports the child's resource usage as it exits. */
function measure(args: string[]): Usage {
  const hook = `process.on('exit', () => process.stderr.write('\\nBENCH_USAGE ' + JSON.stringify(process.resourceUsage()) + '\\n'))`;
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(hook)}`, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const line = /BENCH_USAGE (.*)$/m.exec(r.stderr);
  if (r.status !== 0 || !line) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const u = JSON.parse(line[1]!) as { userCPUTime: number; systemCPUTime: number; maxRSS: number };
  return { wall, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, rss: u.maxRSS * 1024 };
}

function digest(dir: string): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(dir).sort())
    hash
      .update(`${f}\0`)
      .update(readFileSync(join(dir, f)))
      .update('\0');
  return hash.digest('hex');
}

const show = (u: Usage): string =>
  `${u.wall.toFixed(1).padStart(6)} s wall, ${u.cpu.toFixed(1).padStart(6)} s CPU, ${(u.rss / 2 ** 20).toFixed(0).padStart(5)} MiB peak RSS`;

const dir = mkdtempSync(join(tmpdir(), 'modelwatch-fleet-bench-'));
try {
  let met = true;
  const config = join(dir, 'fleet.yaml');
  writeFileSync(config, fleetConfig(MODELS));
  console.log(
    `modelwatch generators for ${MODELS.toLocaleString('en')} model entries (${readFileSync(config).length.toLocaleString('en')} bytes of config):`
  );
  for (const command of ['rules', 'alerts', 'dashboards']) {
    const out = join(dir, command);
    const u = measure([bin, command, '--config', config, '--out', out]);
    const target = TARGETS[command]!;
    const pass = u.wall <= target.seconds && u.rss <= target.bytes;
    met &&= pass;
    const files = readdirSync(out).length;
    console.log(
      `  ${command.padEnd(10)} ${show(u)}, ${files} files; target ≤ ${target.seconds} s and ≤ ${target.bytes / GIB} GiB ${pass ? 'PASS' : 'FAIL'}`
    );
    rmSync(out, { recursive: true, force: true });
  }

  const small = join(dir, 'naive.yaml');
  writeFileSync(small, fleetConfig(NAIVE_MODELS));
  const now = measure([bin, 'rules', '--config', small, '--out', join(dir, 'now')]);
  const naive = measure([resolve(here, 'naive-rules.js'), small, join(dir, 'naive')]);
  const same = digest(join(dir, 'now')) === digest(join(dir, 'naive'));
  met &&= same;
  console.log(`  rules for ${NAIVE_MODELS.toLocaleString('en')} entries, the naive way against now:`);
  console.log(`    naive ${show(naive)}`);
  console.log(
    `    now   ${show(now)}  (${(naive.wall / now.wall).toFixed(1)}x faster, ${(naive.rss / now.rss).toFixed(1)}x less memory)`
  );
  console.log(`    output byte-identical: ${same ? 'yes' : 'NO'}`);
  // A missed target fails `npm run bench`, so a regression cannot pass unnoticed in a log.
  if (!met) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
