// HTTP calls to the demo service with one keep-alive agent, so thousands of requests reuse a few sockets.
import { Agent, request } from 'node:http';
import { sleep } from '@modelwatch/local-prometheus';

export interface Answer {
  status: number;
  body: string;
}

export class ServiceClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  readonly base: string;

  constructor(target: string) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new Error(`TARGET=${target}: not a URL; give the service's base URL, e.g. http://127.0.0.1:8080`);
    }
    if (url.protocol !== 'http:') throw new Error(`TARGET=${target}: the demo service speaks plain http`);
    this.base = url.origin;
  }

  call(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    timeoutMs = 10_000
  ): Promise<Answer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.base}${path}`,
        {
          method,
          agent: this.agent,
          timeout: timeoutMs,
          headers:
            payload === undefined
              ? headers
              : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
          );
          response.on('error', reject);
        }
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Polls /health until the service answers, so traffic can start before the service in a compose stack. */
  async waitUntilUp(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline && !signal?.aborted) {
      try {
        const answer = await this.call('GET', '/health', undefined, {}, 2_000);
        if (answer.status === 200) return;
        last = `HTTP ${answer.status}`;
      } catch (e) {
        last = (e as NodeJS.ErrnoException).code ?? String(e);
      }
      await sleep(250);
    }
    if (signal?.aborted) return;
    throw new Error(
      `the service at ${this.base} did not answer GET /health within ${Math.round(timeoutMs / 1000)} s (${last}); start it or set TARGET`
    );
  }

  close(): void {
    this.agent.destroy();
  }
}
