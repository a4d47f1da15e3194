/** Longest message kept from a contained failure, in characters. */
export const MESSAGE_MAX_CHARS = 200;

const UNDESCRIBABLE = 'a value that cannot be described';

/**
 * A short text for anything that was thrown: an Error's message, a string, or what String() makes of the
 * rest. Never throws, whatever the value (a null-prototype object, a throwing `message` getter or
 * `toString`, a revoked Proxy), and never longer than MESSAGE_MAX_CHARS.
 */
export function describe(thrown: unknown): string {
  let text: string;
  try {
    if (typeof thrown === 'string') text = thrown;
    else if (isError(thrown)) {
      const message: unknown = (thrown as { message?: unknown }).message;
      text = typeof message === 'string' ? message : describeOther(message);
    } else text = describeOther(thrown);
  } catch {
    text = UNDESCRIBABLE;
  }
  return text.length > MESSAGE_MAX_CHARS ? `${text.slice(0, MESSAGE_MAX_CHARS - 1)}…` : text;
}

function describeOther(value: unknown): string {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return String(value);
  try {
    const text: unknown = String(value);
    return typeof text === 'string' ? text : UNDESCRIBABLE;
  } catch {
    return UNDESCRIBABLE;
  }
}

/** instanceof can itself throw (a Proxy's getPrototypeOf trap). */
function isError(value: unknown): boolean {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

/**
 * The error type of a failed inference: a string as given, an Error's `name`, else 'error'. Never throws
 * (a throwing `name` getter gives 'Error').
 */
export function errorTypeOf(error: unknown): string {
  if (typeof error === 'string') return error;
  if (!isError(error)) return 'error';
  try {
    const name: unknown = (error as { name?: unknown }).name;
    return typeof name === 'string' && name !== '' ? name : 'Error';
  } catch {
    return 'Error';
  }
}
