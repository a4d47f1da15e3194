import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { runTool, type ToolRun } from '@modelwatch/local-prometheus';

export const ROOT = resolve(__dirname, '../..');
/** The config the stack's Prometheus rules, Grafana alert rules and mounted dashboards are generated from. */
export const DEMO_CONFIG = 'examples/lending/demo/modelwatch.yaml';
const CLI = join(ROOT, 'packages/cli/dist/bin.js');

export function readYaml<T>(path: string): T {
  // docker-compose.yml uses a merge key (<<) for the two Node services.
  return parse(readFileSync(join(ROOT, path), 'utf8'), { merge: true }) as T;
}

export function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'modelwatch-stack-'));
}

export type Run = ToolRun;

export const promtool = (args: string[]): Run => runTool('promtool', args, ROOT);
export const amtool = (args: string[]): Run => runTool('amtool', args, ROOT);

/** The built `modelwatch` CLI writing into a fresh directory; returns that directory. */
export function modelwatch(args: string[]): string {
  const out = scratch();
  const r = spawnSync(process.execPath, [CLI, ...args, '--out', out], { cwd: ROOT, encoding: 'utf8' });
  if (r.error || r.status !== 0)
    throw new Error(`modelwatch ${args.join(' ')} failed (run "npm run build" first): ${r.stderr ?? r.error?.message}`);
  return out;
}

/**
 * The generated files of a directory equal what a generator wrote, byte for byte; `own` names the files
 * written by hand beside them. The failure names the command that regenerates everything.
 */
export function expectSameFiles(committed: string, generated: string, own: string[] = []): void {
  const want = readdirSync(generated).sort();
  const have = readdirSync(join(ROOT, committed))
    .filter((f) => !own.includes(f))
    .sort();
  const hint = 'Run `npm run build && node deploy/generate.mjs` and review the diff.';
  if (have.join() !== want.join())
    throw new Error(`${committed} has [${have.join(', ')}], the generator writes [${want.join(', ')}]. ${hint}`);
  for (const f of want) {
    if (readFileSync(join(ROOT, committed, f), 'utf8') !== readFileSync(join(generated, f), 'utf8'))
      throw new Error(`${committed}/${f} differs from what the generator writes. ${hint}`);
  }
}

/** Names of recorded series (`modelwatch:…`) in a text. */
export function recordedNames(text: string): string[] {
  return [...text.matchAll(/\bmodelwatch:[a-zA-Z0-9_:]+/g)].map((m) => m[0]);
}

export interface Compose {
  name?: string;
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}
export interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[]; interval?: string; timeout?: string; retries?: number };
  working_dir?: string;
}

export const compose = (): Compose => readYaml<Compose>('docker-compose.yml');

/** A bind mount `./host:/container[:ro]` as parts; named volumes have no leading `.` or `/`. */
export function mountOf(spec: string): { source: string; target: string; readOnly: boolean; bind: boolean } {
  const [source, target, mode] = spec.split(':') as [string, string, string?];
  return { source, target, readOnly: mode === 'ro', bind: source.startsWith('.') || source.startsWith('/') };
}
