// Reading the datasource's frames on the Node side: by kind, by field name, by label, as the panels read them.
import type { HostPage } from '../browser';
import type { FrameSummary, QueryResult, TimeRangeMs } from '../../host/api';

export function kindOf(frame: FrameSummary): string | undefined {
  return frame.meta?.custom?.kind as string | undefined;
}

export function framesOf(result: QueryResult, kind: string): FrameSummary[] {
  return result.frames.filter((f) => kindOf(f) === kind);
}

export function column<T = unknown>(frame: FrameSummary, name: string): T[] {
  const field = frame.fields.find((f) => f.name === name);
  if (!field) {
    throw new Error(
      `frame ${frame.name ?? ''} has no field ${name} (fields: ${frame.fields.map((f) => f.name).join(', ')})`
    );
  }
  return field.values as T[];
}

/** Labels of a time-series frame (they sit on its value field). */
export function labelsOf(frame: FrameSummary): Record<string, string> {
  return frame.fields.find((f) => f.name === 'value')?.labels ?? {};
}

/** The value "now" of a time-series frame: its last point, at the range end. */
export function lastValue(frame: FrameSummary): number {
  const values = column<number>(frame, 'value');
  return values[values.length - 1]!;
}

export function lastTime(frame: FrameSummary): number {
  const times = column<number>(frame, 'time');
  return times[times.length - 1]!;
}

export function meta<T = Record<string, unknown>>(frame: FrameSummary): T {
  return (frame.meta?.custom ?? {}) as T;
}

/** Rows of a table frame as objects. */
export function rowsOf(frame: FrameSummary): Array<Record<string, unknown>> {
  return Array.from({ length: frame.length }, (_, i) =>
    Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]]))
  );
}

/** Runs targets through the datasource in the page; a response error fails, unless `allowErrors`. */
export async function query(
  host: HostPage,
  uid: string,
  targets: Array<Record<string, unknown>>,
  range: TimeRangeMs,
  allowErrors = false
): Promise<QueryResult> {
  const result = await host.page.evaluate(([u, t, r]) => window.modelwatchHost.query(u, t, r), [
    uid,
    targets,
    range,
  ] as const);
  if (!allowErrors && result.errors.length > 0) {
    throw new Error(
      `the query answered with errors: ${result.errors.map((e) => `${e.refId ?? ''} ${e.message ?? ''}`).join('; ')}`
    );
  }
  return result;
}
