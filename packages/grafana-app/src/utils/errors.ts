/**
 * One line for the user from whatever a datasource or backendSrv threw: an Error, a FetchError
 * (`{ status, data: { message } }`) or a string. Never a stack trace.
 */
export function errorMessage(error: unknown): string {
  if (typeof error === 'string') {
    return firstLine(error);
  }
  if (error instanceof Error) {
    return firstLine(error.message);
  }
  if (typeof error === 'object' && error !== null) {
    const e = error as {
      message?: unknown;
      status?: unknown;
      statusText?: unknown;
      data?: { message?: unknown; error?: unknown };
    };
    const detail = e.data?.message ?? e.data?.error ?? e.message ?? e.statusText;
    if (typeof detail === 'string' && detail !== '') {
      return firstLine(typeof e.status === 'number' ? `HTTP ${e.status}: ${detail}` : detail);
    }
    if (typeof e.status === 'number') {
      return `HTTP ${e.status}`;
    }
  }
  return 'Unknown error';
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
