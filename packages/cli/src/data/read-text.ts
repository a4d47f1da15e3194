import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { ioProblem } from './io-error.js';

/** A whole text file, or a one-line InputError naming it and what went wrong. */
export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read the file (${ioProblem(e)})`);
  }
}
