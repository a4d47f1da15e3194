import { InputError } from '../errors.js';

/** One series of an answer: its labels and [seconds, value] pairs (NaN as null, as JSON carries it). */
export interface PromSeries {
  labels: Record<string, string>;
  points: [number, number | null][];
}

interface ApiAnswer {
  status: 'success' | 'error';
  error?: string;
  data?: {
    resultType: 'matrix' | 'vector' | 'scalar' | 'string';
    result: { metric: Record<string, string>; values?: [number, string][]; value?: [number, string] }[];
  };
}

const value = (v: string): number | null => {
  const x = Number(v);
  return Number.isFinite(x) ? x : null;
};

/** Prometheus' HTTP API, the two read endpoints the report uses; every failure is one line naming the URL. */
export class PrometheusApi {
  private readonly base: string;

  constructor(url: string) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InputError(`--prometheus: '${url}' is not a URL (e.g. http://localhost:9090)`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new InputError(`--prometheus: '${url}' is not an http(s) URL`);
    this.base = url.replace(/\/+$/, '');
  }

  private async get(path: string, params: Record<string, string>): Promise<ApiAnswer['data']> {
    const url = `${this.base}${path}?${new URLSearchParams(params).toString()}`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
      throw new InputError(`--prometheus: cannot reach ${this.base} (${why})`);
    }
    let answer: ApiAnswer;
    try {
      answer = (await response.json()) as ApiAnswer;
    } catch {
      throw new InputError(`--prometheus: ${this.base} answered ${response.status} without Prometheus API JSON`);
    }
    if (answer.status !== 'success' || !answer.data) {
      throw new InputError(
        `--prometheus: ${this.base} refused the query ${params.query} (${(answer.error ?? `HTTP ${response.status}`).split('\n')[0]})`
      );
    }
    return answer.data;
  }

  /** query_range: one point per step from start to end (seconds). */
  async range(query: string, start: number, end: number, step: number): Promise<PromSeries[]> {
    const data = await this.get('/api/v1/query_range', {
      query,
      start: String(start),
      end: String(end),
      step: String(step),
    });
    return (data?.result ?? []).map((r) => ({
      labels: r.metric,
      points: (r.values ?? []).map(([t, v]) => [t, value(v)] as [number, number | null]),
    }));
  }

  /** An instant query at a time (seconds); a range selector in it answers with the raw samples. */
  async instant(query: string, time: number): Promise<PromSeries[]> {
    const data = await this.get('/api/v1/query', { query, time: String(time) });
    return (data?.result ?? []).map((r) => ({
      labels: r.metric,
      points: r.values
        ? r.values.map(([t, v]) => [t, value(v)] as [number, number | null])
        : r.value
          ? [[r.value[0], value(r.value[1])]]
          : [],
    }));
  }
}
