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

/**
 * A message as one line: names from the user (a key, a model name) may hold line breaks or control characters,
 * which are shown escaped so the error stays one line and cannot forge another.
 */
export function oneLine(message: string): string {
  return message.replace(
    /[\u0000-\u001f\u007f\u0085\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
}
