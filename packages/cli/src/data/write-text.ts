import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../errors.js';
import { ioProblem } from './io-error.js';

/**
 * Writes a report or profile, creating its directory as the directory generators do; a failure is a one-line
 * InputError naming the file (exit 2), never an internal error.
 */
export function writeTextFile(file: string, text: string | Uint8Array): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (e) {
    throw new InputError(`${file}: cannot write the file (${ioProblem(e)})`);
  }
}
