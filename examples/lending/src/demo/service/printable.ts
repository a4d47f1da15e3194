// Text from requests goes into log lines; escaped, a newline or control character in it cannot forge a line.

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text with control characters and line separators written as escapes (\n, \r, \t, \u001b, …). */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A thrown value's message, first line only; never throws itself (a getter or toString may). */
export function messageOf(e: unknown): string {
  try {
    return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  } catch {
    return 'an error that cannot be printed';
  }
}
