/**
 * A problem with what the user gave us (a file, a flag, a config key). The CLI prints its message as one
 * line and exits with code 2; anything else that escapes is a bug and is reported the same way.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** "file: data row N, column 'c': problem" — the shape every data error takes. */
export function cellError(file: string, row: number, column: string, problem: string): InputError {
  return new InputError(`${file}: data row ${row}, column '${column}': ${problem}`);
}
