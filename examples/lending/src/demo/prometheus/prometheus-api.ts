// The few Prometheus HTTP API calls the demo makes: instant queries, a range of raw samples, active alerts.
import { request } from 'node:http';

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

export interface SeriesHistory {
  labels: Record<string, string>;
  /** [milliseconds since the epoch, value] */
  samples: [number, number][];
}

export interface ActiveAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing' | 'inactive';
  activeAt?: string;
  value?: string;
}

export function httpGet(url: string, timeoutMs = 10_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: timeoutMs, headers: { connection: 'close' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
      );
      response.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

interface Envelope {
  status: string;
  error?: string;
  data?: unknown;
}

async function api(base: string, path: string): Promise<unknown> {
  const { status, body } = await httpGet(`${base}${path}`);
  const answer = JSON.parse(body) as Envelope;
  if (status !== 200 || answer.status !== 'success')
    throw new Error(`Prometheus ${path.split('?')[0]}: HTTP ${status} ${answer.error ?? body.slice(0, 200)}`);
  return answer.data;
}

export class PrometheusApi {
  constructor(readonly base: string) {}

  async query(expr: string, atMs?: number): Promise<Sample[]> {
    const params = new URLSearchParams({ query: expr });
    if (atMs !== undefined) params.set('time', (atMs / 1000).toFixed(3));
    const data = (await api(this.base, `/api/v1/query?${params.toString()}`)) as {
      resultType: string;
      result: { metric: Record<string, string>; value: [number, string] }[];
    };
    if (data.resultType !== 'vector') throw new Error(`${expr}: expected an instant vector, got ${data.resultType}`);
    return data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
  }

  /** Every raw sample of the selected series in the `rangeMs` before `atMs`. */
  async history(selector: string, rangeMs: number, atMs: number): Promise<SeriesHistory[]> {
    const params = new URLSearchParams({
      query: `${selector}[${Math.ceil(rangeMs / 1000)}s]`,
      time: (atMs / 1000).toFixed(3),
    });
    const data = (await api(this.base, `/api/v1/query?${params.toString()}`)) as {
      resultType: string;
      result: { metric: Record<string, string>; values: [number, string][] }[];
    };
    if (data.resultType !== 'matrix') throw new Error(`${selector}: expected a range vector, got ${data.resultType}`);
    return data.result.map((r) => ({
      labels: r.metric,
      samples: r.values.map(([t, v]) => [Math.round(t * 1000), Number(v)] as [number, number]),
    }));
  }

  async alerts(): Promise<ActiveAlert[]> {
    const data = (await api(this.base, '/api/v1/alerts')) as { alerts: ActiveAlert[] };
    return data.alerts;
  }
}
