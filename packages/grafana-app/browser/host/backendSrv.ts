// Grafana's backendSrv, as the plugin sees it, over window.fetch: requests go to the harness server, which
// answers /api/datasources/proxy/uid/<uid>/… from the real Prometheus and /api/plugins/… itself, as Grafana does.
import { Observable, lastValueFrom } from 'rxjs';
import type { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';

export interface RequestRecord {
  method: string;
  url: string;
  status: number;
}

function urlOf(options: BackendSrvRequest): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(options.params ?? {})) {
    if (value === undefined || value === null) {
      continue;
    }
    for (const v of Array.isArray(value) ? value : [value]) {
      params.append(key, String(v));
    }
  }
  const query = params.toString();
  return query ? `${options.url}${options.url.includes('?') ? '&' : '?'}${query}` : options.url;
}

function bodyOf(options: BackendSrvRequest): { body?: BodyInit; contentType?: string } {
  const data: unknown = options.data;
  if (data === undefined || data === null) {
    return {};
  }
  if (typeof data === 'string' || data instanceof URLSearchParams || data instanceof FormData || data instanceof Blob) {
    return { body: data };
  }
  return { body: JSON.stringify(data), contentType: 'application/json' };
}

async function parse(response: Response, type: BackendSrvRequest['responseType']): Promise<unknown> {
  if (type === 'text') {
    return response.text();
  }
  if (type === 'arraybuffer') {
    return response.arrayBuffer();
  }
  if (type === 'blob') {
    return response.blob();
  }
  const text = await response.text();
  if (text === '') {
    return {};
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export class HarnessBackendSrv implements BackendSrv {
  readonly log: RequestRecord[] = [];

  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return new Observable<FetchResponse<T>>((subscriber) => {
      const abort = new AbortController();
      options.abortSignal?.addEventListener('abort', () => abort.abort());
      this.send<T>(options, abort.signal).then(
        (response) => {
          subscriber.next(response);
          subscriber.complete();
        },
        (error: unknown) => subscriber.error(error)
      );
      return () => abort.abort();
    });
  }

  private async send<T>(options: BackendSrvRequest, signal: AbortSignal): Promise<FetchResponse<T>> {
    const method = (options.method ?? 'GET').toUpperCase();
    const url = urlOf(options);
    const { body, contentType } = bodyOf(options);
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = contentType;
    }
    let response: Response;
    try {
      response = await window.fetch(url, {
        method,
        headers,
        body,
        signal,
        credentials: options.credentials ?? 'same-origin',
      });
    } catch (error) {
      this.log.push({ method, url, status: 0 });
      if (signal.aborted) {
        const cancelled: FetchError = {
          status: 0,
          statusText: 'Request was aborted',
          data: {},
          cancelled: true,
          config: options,
        };
        throw cancelled;
      }
      const failed: FetchError = {
        status: 0,
        statusText: 'Network error',
        data: { message: String(error) },
        config: options,
      };
      throw failed;
    }
    this.log.push({ method, url, status: response.status });
    const data = await parse(response, options.responseType);
    if (!response.ok) {
      const message = typeof data === 'object' && data !== null ? (data as { message?: unknown }).message : undefined;
      const error: FetchError = {
        status: response.status,
        statusText: response.statusText,
        data,
        message: typeof message === 'string' ? message : undefined,
        config: options,
      };
      throw error;
    }
    return {
      data: data as T,
      status: response.status,
      statusText: response.statusText,
      ok: response.ok,
      headers: response.headers,
      redirected: response.redirected,
      type: response.type,
      url: response.url,
      config: options,
    };
  }

  async request<T = unknown>(options: BackendSrvRequest): Promise<T> {
    return (await lastValueFrom(this.fetch<T>(options))).data;
  }

  datasourceRequest<T = unknown>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return lastValueFrom(this.fetch<T>(options));
  }

  get<T = unknown>(
    url: string,
    params?: BackendSrvRequest['params'],
    requestId?: string,
    options?: Partial<BackendSrvRequest>
  ): Promise<T> {
    return this.request<T>({ ...options, url, params, requestId, method: 'GET' });
  }

  delete<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'DELETE' });
  }

  post<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'POST' });
  }

  patch<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'PATCH' });
  }

  put<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'PUT' });
  }

  /** Grafana streams chunked responses for a few of its own APIs; no plugin of this app uses them. */
  chunked(options: BackendSrvRequest): Observable<FetchResponse<Uint8Array | undefined>> {
    return new Observable((subscriber) =>
      subscriber.error(new Error(`chunked requests are not served by the harness: ${options.url}`))
    );
  }
}
