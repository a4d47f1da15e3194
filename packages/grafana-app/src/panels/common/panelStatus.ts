import { LoadingState, type DataQueryError, type PanelData } from '@grafana/data';

/**
 * What a panel should show instead of (or above) its visual. `notice` is a query error that arrived together
 * with usable frames: the data is shown and the error is reported above it.
 */
export type PanelStatus = { kind: 'ready'; notice?: string } | { kind: 'loading' | 'error' | 'empty'; message: string };

export interface StatusWording {
  /** What is shown while nothing has arrived yet, e.g. "Loading drift series…". */
  loading: string;
  /** What to do when nothing usable arrived, e.g. "No Modelwatch drift series: choose …". */
  empty: string;
}

function errorsOf(data: PanelData): DataQueryError[] {
  // `error` is the single-error field older Grafana versions still fill.
  const legacy = (data as { error?: DataQueryError }).error;
  const errors = [...(data.errors ?? [])];
  if (legacy && !errors.some((e) => e.message === legacy.message && e.refId === legacy.refId)) {
    errors.push(legacy);
  }
  return errors;
}

/** One line: which query failed and the datasource's own message (which names the fix). */
function errorLine(errors: DataQueryError[]): string {
  const first = errors[0]!;
  const where = first.refId ? `Query ${first.refId} failed` : 'The query failed';
  const message = (first.message ?? first.data?.message ?? '').split('\n')[0]!.trim();
  const text = message
    ? `${where}: ${message}`
    : `${where} without a message: check the query and the Modelwatch datasource settings`;
  return errors.length > 1 ? `${text} (and ${errors.length - 1} more)` : text;
}

/** `usable` is the number of frames of the kinds the panel draws. */
export function panelStatus(data: PanelData | undefined, usable: number, wording: StatusWording): PanelStatus {
  const errors = data ? errorsOf(data) : [];
  if (usable > 0) {
    return errors.length ? { kind: 'ready', notice: errorLine(errors) } : { kind: 'ready' };
  }
  if (errors.length) {
    return { kind: 'error', message: errorLine(errors) };
  }
  if (!data || data.state === LoadingState.Loading) {
    return { kind: 'loading', message: wording.loading };
  }
  return { kind: 'empty', message: wording.empty };
}
