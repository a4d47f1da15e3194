import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
export const EXAMPLE = join(ROOT, 'examples/lending/data');
const BIN = join(ROOT, 'packages/cli/dist/bin.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `modelwatch` binary as a user would (npm test builds it first). */
export function cli(args: string[], cwd = ROOT, env: Record<string, string> = {}): CliResult {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" (npm test does it)`);
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'modelwatch-test-'));
}

/** Bad input: exit 2, nothing on stdout, exactly one line on stderr containing every fragment, no stack trace. */
export function expectOneLineError(args: string[], ...fragments: (string | RegExp)[]): string {
  const r = cli(args);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  for (const f of fragments) expect(lines[0]).toMatch(f);
  return lines[0]!;
}
