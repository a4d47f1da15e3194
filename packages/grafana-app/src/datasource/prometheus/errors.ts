import { ModelwatchError } from '../errors';

/** What a failed request looked like, from whichever backendSrv (Grafana's, or a test's) delivered it. */
interface FailedRequest {
  status?: number;
  statusText?: string;
  message?: string;
  data?: { error?: unknown; errorType?: unknown; message?: unknown } | string | null;
}

/** Statuses that mean the request did not get to a working Prometheus (the Grafana proxy reports these). */
const UNREACHABLE = new Set([0, -1, 502, 503, 504]);

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

/**
 * One line for a failed request: Prometheus' own error (bad query, timeout) with what was being asked, or the
 * connection problem with where it was sent and what to check.
 */
export function requestError(error: unknown, where: string, what: string): ModelwatchError {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as FailedRequest;
  const data = typeof e.data === 'object' && e.data !== null ? e.data : undefined;
  if (data && typeof data.error === 'string' && typeof data.errorType === 'string') {
    return new ModelwatchError(
      `Prometheus at ${where} rejected the ${what} query (${data.errorType}): ${firstLine(data.error)}`
    );
  }
  const status = typeof e.status === 'number' ? e.status : 0;
  const reason = firstLine(
    [
      typeof data?.message === 'string' ? data.message : '',
      typeof e.data === 'string' ? e.data : '',
      e.statusText ?? '',
      e.message ?? '',
    ].find((x) => x.trim() !== '') ?? 'no answer'
  );
  if (UNREACHABLE.has(status) || status < 100) {
    return new ModelwatchError(
      `Cannot reach Prometheus at ${where} (${status > 0 ? `${status} ` : ''}${reason}): check the URL or the Prometheus datasource in the Modelwatch datasource settings, and that Prometheus is running`
    );
  }
  if (status === 404) {
    return new ModelwatchError(
      `Prometheus at ${where} answered 404 to the ${what} query: the URL must be Prometheus' base URL (such as http://prometheus:9090, without /api/v1)`
    );
  }
  if (status === 401 || status === 403) {
    return new ModelwatchError(
      `Prometheus at ${where} refused the ${what} query (${status} ${reason}): check the datasource's authentication settings`
    );
  }
  return new ModelwatchError(`Prometheus at ${where} failed the ${what} query (${status} ${reason})`);
}
