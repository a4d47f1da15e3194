import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/** A whole text file, or a one-line InputError naming it. */
export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`${file}: no such file`);
  }
}
