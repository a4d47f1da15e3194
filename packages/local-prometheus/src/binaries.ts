// Debian's Prometheus programs. Tests need them and never skip without them, so a missing one fails with the
// package that installs it.
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
