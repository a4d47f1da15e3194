import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../run-cli';
import { runTool, type ToolRun } from '@modelwatch/local-prometheus';

export const RULES_TEST_DIR = __dirname;

export type Run = ToolRun;

/** Runs promtool; a missing one fails the test with the package that installs it, never a skip. */
export const promtool = (args: string[], cwd?: string): Run => runTool('promtool', args, cwd);

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

/** `modelwatch alerts --alertmanager` into `out`. */
export function generateAlertmanager(config: string, out: string): void {
  const r = cli(['alerts', '--alertmanager', '--config', config, '--out', out]);
  if (r.code !== 0)
    throw new Error(`modelwatch alerts --alertmanager --config ${config} exited ${r.code}:\n${r.stderr}`);
}
