// Debian's Prometheus programs. Tests need them and never skip without them, so a missing one fails with the
// package that installs it.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { BinaryName } from './types.js';

const PACKAGE: Record<BinaryName, string> = {
  prometheus: 'prometheus',
  promtool: 'prometheus',
  amtool: 'prometheus-alertmanager',
};

/** Where Debian installs them first, then PATH. */
export function defaultSearchPath(env: NodeJS.ProcessEnv = process.env): string {
  return ['/usr/bin', env.PATH ?? ''].filter(Boolean).join(delimiter);
}

/** The executable `name` in the first directory of `searchPath` that has one, or null. */
export function findBinary(name: BinaryName, searchPath = defaultSearchPath()): string | null {
  for (const dir of searchPath.split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this directory
    }
  }
  return null;
}

export function installHint(name: BinaryName): string {
  return `apt-get install -y ${PACKAGE[name]}`;
}

/** Like findBinary, but a missing program is an error that says how to install it. */
export function requireBinary(name: BinaryName, searchPath = defaultSearchPath()): string {
  const found = findBinary(name, searchPath);
  if (found) return found;
  throw new Error(
    `${name} is missing (not in ${searchPath}): install Debian's '${PACKAGE[name]}' package (${installHint(name)})`
  );
}

/** How a tool run ended: its exit code and everything it printed, stdout then stderr. */
export interface ToolRun {
  code: number | null;
  output: string;
}

/**
 * Runs one of the programs to its end. A missing one fails with the package that installs it (tests that need
 * promtool or amtool prove nothing without them, so they fail rather than skip).
 */
export function runTool(name: BinaryName, args: readonly string[], cwd?: string): ToolRun {
  const r = spawnSync(requireBinary(name), args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${name} could not run: ${r.error.message}`);
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}
