// The few Prometheus HTTP API calls tests, the demo and the bench make, over Node's fetch. Values come back as
// numbers and timestamps as milliseconds; a failed call is one line naming the endpoint and Prometheus' error.
import { sleep } from './sleep.js';
import type { ActiveAlert, RuleGroup, Sample, Series, WaitOptions } from './types.js';

export interface ClientOptions {
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** Appended to a failed wait: e.g. the end of the server's own output. */
  log?: () => string;
}

interface Envelope {
  status: string;
  error?: string;
  data?: unknown;
}

interface RawSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

/** Prometheus writes +Inf, -Inf and NaN, which Number() reads as NaN for the infinities. */
function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function toSeries(result: RawSeries[]): Series[] {
  return result.map((r) => ({
    labels: r.metric,
    samples: r.values.map(([t, v]) => [Math.round(t * 1000), parseValue(v)] as [number, number]),
  }));
}

/** fetch's own errors say only "fetch failed"; the cause (e.g. connect ECONNREFUSED) says what happened. */
function plainError(e: unknown, url: string, timeoutMs: number): unknown {
  if (e instanceof Error && e.name === 'TimeoutError') return new Error(`GET ${url}: no answer in ${timeoutMs} ms`);
  if (e instanceof Error && e.cause instanceof Error) return e.cause;
  return e;
}

export class PrometheusClient {
  constructor(
    readonly url: string,
    private readonly options: ClientOptions = {}
  ) {}

  /** An instant query as one sample per series (a scalar as one sample without labels); `atMs` defaults to now. */
  async query(expr: string, atMs?: number): Promise<Sample[]> {
    const params = new URLSearchParams({ query: expr });
    if (atMs !== undefined) params.set('time', seconds(atMs));
    const data = (await this.api('/api/v1/query', params)) as { resultType: string; result: unknown };
    if (data.resultType === 'scalar') return [{ labels: {}, value: parseValue((data.result as [number, string])[1]) }];
    if (data.resultType !== 'vector') throw new Error(`${expr}: expected an instant vector, got ${data.resultType}`);
    return (data.result as { metric: Record<string, string>; value: [number, string] }[]).map((r) => ({
      labels: r.metric,
      value: parseValue(r.value[1]),
    }));
  }

  /** A range query: the expression evaluated every `stepMs` from `startMs` to `endMs`. */
  async queryRange(expr: string, range: { startMs: number; endMs: number; stepMs: number }): Promise<Series[]> {
    const params = new URLSearchParams({
      query: expr,
      start: seconds(range.startMs),
      end: seconds(range.endMs),
      step: seconds(range.stepMs),
    });
    const data = (await this.api('/api/v1/query_range', params)) as { resultType: string; result: RawSeries[] };
    return toSeries(data.result);
  }

  /** Every raw sample of the selected series in the `rangeMs` before `atMs` (default now), as stored. */
  async history(selector: string, rangeMs: number, atMs?: number): Promise<Series[]> {
    const params = new URLSearchParams({ query: `${selector}[${Math.ceil(rangeMs / 1000)}s]` });
    if (atMs !== undefined) params.set('time', seconds(atMs));
    const data = (await this.api('/api/v1/query', params)) as { resultType: string; result: RawSeries[] };
    if (data.resultType !== 'matrix') throw new Error(`${selector}: expected a range vector, got ${data.resultType}`);
    return toSeries(data.result);
  }

  /**
   * Polls an instant query until it returns at least `series` series: e.g. until targets were scraped or rules
   * evaluated. Returns those samples; an abort returns the last answer instead of failing.
   */
  async waitFor(expr: string, options: WaitOptions = {}): Promise<Sample[]> {
    const { timeoutMs = 30_000, intervalMs = 250, series = 1, signal } = options;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const samples = await this.query(expr);
      if (samples.length >= series || signal?.aborted) return samples;
      if (Date.now() > deadline) {
        const log = this.options.log?.().slice(-2_000);
        const message = `Prometheus at ${this.url}: ${expr} returned ${samples.length} of ${series} series within ${timeoutMs / 1000} s`;
        throw new Error(log ? `${message}\n${log}` : message);
      }
      await sleep(intervalMs, signal);
    }
  }

  async alerts(): Promise<ActiveAlert[]> {
    return ((await this.api('/api/v1/alerts')) as { alerts: ActiveAlert[] }).alerts;
  }

  /** Every rule group with each rule's health and last evaluation. */
  async rules(): Promise<RuleGroup[]> {
    return ((await this.api('/api/v1/rules')) as { groups: RuleGroup[] }).groups;
  }

  /** Prometheus' own metrics (rule evaluation times and failures, …) in the text exposition format. */
  async metrics(): Promise<string> {
    const { status, body } = await this.get('/metrics');
    if (status !== 200) throw new Error(`Prometheus /metrics: HTTP ${status} ${body.slice(0, 200)}`);
    return body;
  }

  /** True once Prometheus answers /-/ready with 200; false while it cannot answer yet. */
  async ready(timeoutMs = 2_000): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/-/ready`, { signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer();
      return response.status === 200;
    } catch {
      return false;
    }
  }

  private async get(path: string): Promise<{ status: number; body: string }> {
    const url = `${this.url}${path}`;
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      return { status: response.status, body: await response.text() };
    } catch (e) {
      throw plainError(e, url, timeoutMs);
    }
  }

  private async api(path: string, params?: URLSearchParams): Promise<unknown> {
    const { status, body } = await this.get(params ? `${path}?${params.toString()}` : path);
    let answer: Envelope | undefined;
    try {
      answer = JSON.parse(body) as Envelope;
    } catch {
      // not JSON: a proxy's or a starting server's error page, quoted below
    }
    if (status !== 200 || answer?.status !== 'success')
      throw new Error(`Prometheus ${path}: HTTP ${status} ${answer?.error ?? body.slice(0, 200)}`);
    return answer.data;
  }
}
