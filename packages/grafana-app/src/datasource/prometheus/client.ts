import { getBackendSrv, type BackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import { ModelwatchError } from '../errors';
import type { Labels, PromMatrix, PromResponse, PromVector } from './api';
import { requestError } from './errors';

/** Where requests go and how to name that place in messages. */
export interface PrometheusTarget {
  /** Base URL: this datasource's own (proxied) URL, or another Prometheus datasource's proxy path. */
  base: string;
  /** Human-readable: the URL, or the Prometheus datasource's name. */
  description: string;
}

/** Unix seconds to the millisecond, Prometheus' resolution (so a grid lands on the instants asked for). */
function unix(seconds: number): string {
  return seconds.toFixed(3);
}

/** Prometheus accepts at most 11,000 points per series in a range query. */
export const MAX_POINTS = 11_000;

/**
 * Prometheus' HTTP API over Grafana's backendSrv (so Grafana's proxy adds authentication and the query
 * inspector sees the requests). Every failure becomes a one-line ModelwatchError; `what` names the request.
 */
export class PrometheusClient {
  constructor(
    readonly target: PrometheusTarget,
    private readonly backend: () => BackendSrv = getBackendSrv
  ) {}

  private async get<T>(path: string, params: Record<string, unknown>, what: string): Promise<T> {
    let response: { data: PromResponse<T> };
    try {
      response = await lastValueFrom(
        this.backend().fetch<PromResponse<T>>({
          url: `${this.target.base.replace(/\/+$/, '')}${path}`,
          method: 'GET',
          params,
          showErrorAlert: false,
          showSuccessAlert: false,
        })
      );
    } catch (error) {
      throw requestError(error, this.target.description, what);
    }
    const body = response.data;
    if (body === null || typeof body !== 'object' || body.status !== 'success' || body.data === undefined) {
      const problem =
        body && typeof body === 'object' && body.error ? body.error : 'an answer that is not Prometheus API JSON';
      throw new ModelwatchError(
        `Prometheus at ${this.target.description} answered the ${what} query with ${problem}: is the URL Prometheus' base URL?`
      );
    }
    return body.data;
  }

  /** An instant query at `time` (unix seconds). */
  async instant(expr: string, time: number, what: string): Promise<PromVector> {
    const data = await this.get<PromVector | { resultType: string }>(
      '/api/v1/query',
      { query: expr, time: unix(time) },
      what
    );
    if (data.resultType !== 'vector') {
      throw new ModelwatchError(`Prometheus answered the ${what} query with a ${data.resultType}, not a vector`);
    }
    return data as PromVector;
  }

  /** A range query from `start` to `end` (unix seconds) every `step` seconds. */
  async range(expr: string, start: number, end: number, step: number, what: string): Promise<PromMatrix> {
    const data = await this.get<PromMatrix | { resultType: string }>(
      '/api/v1/query_range',
      { query: expr, start: unix(start), end: unix(end), step },
      what
    );
    if (data.resultType !== 'matrix') {
      throw new ModelwatchError(`Prometheus answered the ${what} query with a ${data.resultType}, not a matrix`);
    }
    return data as PromMatrix;
  }

  /** Values of one label among the series matching `match`, optionally within a time range. */
  async labelValues(label: string, match: string, range?: { start: number; end: number }): Promise<string[]> {
    const params: Record<string, unknown> = { 'match[]': match };
    if (range) {
      params.start = unix(range.start);
      params.end = unix(range.end);
    }
    const values = await this.get<string[]>(
      `/api/v1/label/${encodeURIComponent(label)}/values`,
      params,
      `${label} values`
    );
    return [...values].sort();
  }

  /** Label sets of the series matching `match` within a time range. */
  async series(match: string, start: number, end: number, what: string): Promise<Labels[]> {
    return this.get<Labels[]>('/api/v1/series', { 'match[]': match, start: unix(start), end: unix(end) }, what);
  }
}

/** A step (seconds) near the requested interval that keeps a range query under Prometheus' point limit. */
export function stepFor(start: number, end: number, intervalMs: number | undefined): number {
  const wanted = Math.max(1, Math.round((intervalMs ?? 60_000) / 1000));
  return Math.max(wanted, Math.ceil((end - start) / MAX_POINTS));
}
