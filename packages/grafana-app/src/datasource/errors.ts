/**
 * A problem the user can fix, told in one line that names the field or the setting and the fix. Everything
 * the datasource reports goes through this type, so no stack trace reaches a panel.
 */
export class ModelwatchError extends Error {
  override name = 'ModelwatchError';
}

/** One line for any failure: a ModelwatchError as it is, anything else as its first line. */
export function oneLine(error: unknown): string {
  if (error instanceof ModelwatchError) {
    return error.message;
  }
  const text = error instanceof Error ? error.message : String(error);
  return `Modelwatch query failed: ${text.split('\n')[0]}`;
}
