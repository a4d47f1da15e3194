import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../run-cli';

export const RULES_TEST_DIR = __dirname;

export interface Run {
  code: number | null;
  output: string;
}

/**
 * Runs promtool. A missing promtool fails the test instead of skipping it: without it nothing here proves the
 * rules are valid, and .ci/run installs it (Debian's `prometheus` package).
 */
export function promtool(args: string[], cwd?: string): Run {
  const r = spawnSync('promtool', args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? "promtool is not installed or not on PATH. .ci/run installs it; locally run `apt-get install -y prometheus` (Debian/Ubuntu) or put a Prometheus release's promtool on PATH."
        : `promtool could not run: ${r.error.message}`
    );
  }
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

/** `modelwatch rules` into `out`; returns the rule files it wrote. Fails with the CLI's own message. */
export function generateRules(config: string, out: string): string[] {
  const r = cli(['rules', '--config', config, '--out', out]);
  if (r.code !== 0) throw new Error(`modelwatch rules --config ${config} exited ${r.code}:\n${r.stderr}`);
  return readdirSync(out)
    .filter((f) => f.endsWith('.rules.yml'))
    .map((f) => join(out, f));
}

/** `modelwatch alerts --grafana` into `out`. */
export function generateGrafana(config: string, out: string): void {
  const r = cli(['alerts', '--grafana', '--config', config, '--out', out]);
  if (r.code !== 0) throw new Error(`modelwatch alerts --config ${config} exited ${r.code}:\n${r.stderr}`);
}

/** `promtool check rules` on each file; the failure message carries promtool's output. */
export function expectValidRules(files: string[]): void {
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const r = promtool(['check', 'rules', file]);
    if (r.code !== 0) throw new Error(`promtool check rules ${file} exited ${r.code}:\n${r.output}`);
  }
}
