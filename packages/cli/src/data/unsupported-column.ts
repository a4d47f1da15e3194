import { InputError } from '../errors.js';

/** A column of a type that is neither a number, a text nor a boolean: named with the way to leave it out. */
export function unsupportedColumn(file: string, column: string, type: string): InputError {
  return new InputError(
    `${file}: column '${column}' has type ${type}, which modelwatch does not read (numbers, text and booleans only); leave it out with --ignore ${column}`
  );
}
