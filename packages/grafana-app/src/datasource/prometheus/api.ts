/** The parts of Prometheus' HTTP API (v1) responses the datasource reads. */

export type Labels = Record<string, string>;

/** [unix seconds, value as text]: Prometheus writes values as strings ("NaN", "+Inf" included). */
export type PromPoint = [number, string];

export interface PromVector {
  resultType: 'vector';
  result: Array<{ metric: Labels; value: PromPoint }>;
}

export interface PromMatrix {
  resultType: 'matrix';
  result: Array<{ metric: Labels; values: PromPoint[] }>;
}

export type PromData = PromVector | PromMatrix | { resultType: 'scalar' | 'string'; result: PromPoint };

/** The envelope of every API answer. */
export interface PromResponse<T> {
  status: 'success' | 'error';
  data?: T;
  errorType?: string;
  error?: string;
  warnings?: string[];
}

/** A sample value as a number: Prometheus' "+Inf"/"-Inf" are not JavaScript number syntax. */
export function parseValue(text: string): number {
  switch (text) {
    case '+Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
    default:
      return Number(text);
  }
}

/** Unix seconds (possibly fractional) to milliseconds, rounded so equal instants compare equal. */
export function toMillis(seconds: number): number {
  return Math.round(seconds * 1000);
}

export function emptyMatrix(): PromMatrix {
  return { resultType: 'matrix', result: [] };
}

export function emptyVector(): PromVector {
  return { resultType: 'vector', result: [] };
}
