// Grafana's backendSrv as the datasource sees it, over Node's http: what Grafana's proxy does for a datasource
// URL, minus authentication. Tests register it with setBackendSrv so requests reach a real Prometheus.
import { request } from 'http';
import type { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';
import { Observable } from 'rxjs';

export interface RequestRecord {
  url: string;
  status: number;
}

function urlOf(options: BackendSrvRequest): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(options.params ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      params.append(key, String(v));
    }
  }
  const query = params.toString();
  return query ? `${options.url}?${query}` : options.url;
}

function get(url: string): Promise<{ status: number; statusText: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'GET', agent: false, headers: { connection: 'close' }, timeout: 20_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            body: Buffer.concat(chunks).toString('utf8'),
          })
        );
        res.on('error', reject);
      }
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Only `fetch` is implemented: it is all the datasource uses. */
export function nodeBackendSrv(log: RequestRecord[] = []): BackendSrv {
  const fetch = <T>(options: BackendSrvRequest): Observable<FetchResponse<T>> =>
    new Observable<FetchResponse<T>>((subscriber) => {
      const url = urlOf(options);
      get(url).then(
        ({ status, statusText, body }) => {
          log.push({ url, status });
          const data = parse(body);
          if (status < 200 || status >= 300) {
            const error: FetchError = { status, statusText, data, config: options };
            subscriber.error(error);
            return;
          }
          subscriber.next({
            data: data as T,
            status,
            statusText,
            ok: true,
            headers: undefined as unknown as Headers,
            redirected: false,
            type: 'basic',
            url,
            config: options,
          });
          subscriber.complete();
        },
        (e: unknown) => {
          log.push({ url, status: 0 });
          const error: FetchError = {
            status: 0,
            statusText: 'Network error',
            data: { message: e instanceof Error ? e.message : String(e) },
            config: options,
          };
          subscriber.error(error);
        }
      );
    });
  return { fetch } as unknown as BackendSrv;
}
