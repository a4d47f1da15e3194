// Child processes of the live tests: the traffic service and a real Prometheus on loopback, each on a port
// nobody else holds (other test files run in parallel), each stopped by its own PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const PROMETHEUS = '/usr/bin/prometheus';

/** A port the kernel just handed out; whoever binds it next may still lose a race, so callers retry. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** One HTTP request without keep-alive, so no socket outlives the test. */
export function http(
  method: 'GET' | 'POST',
  url: string,
  timeoutMs = 10_000
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, agent: false, headers: { connection: 'close' }, timeout: timeoutMs },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
        );
        response.on('error', reject);
      }
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** A child process with its output kept for failure messages. */
export class Child {
  private output = '';
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly process: ChildProcess
  ) {
    process.stdout?.on('data', (chunk: Buffer) => this.keep(chunk));
    process.stderr?.on('data', (chunk: Buffer) => this.keep(chunk));
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
  }

  private keep(chunk: Buffer): void {
    this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
  }

  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** SIGTERM to this PID, SIGKILL after a grace period. Safe to call twice. */
  async stop(graceMs = 5_000): Promise<void> {
    if (!this.running) return;
    this.process.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    const outcome = await Promise.race([this.exited, late]);
    clearTimeout(timer);
    if (outcome === 'late' && this.running) {
      this.process.kill('SIGKILL');
      await this.exited;
    }
  }
}

/** Waits for a line of JSON on the child's stdout, or its exit. */
function firstJsonLine(child: ChildProcess, timeoutMs: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`no ready line in ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('utf8');
      const newline = buffer.indexOf('\n');
      if (newline === -1) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      try {
        resolve(JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>);
      } catch (e) {
        reject(new Error(`not a ready line: ${buffer.slice(0, newline)} (${String(e)})`));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready`));
    });
  });
}

export interface TrafficService {
  child: Child;
  metricsPort: number;
  controlUrl: string;
}

/** Starts the traffic service on a free metrics port, retrying with another port if that one is taken. */
export async function startTrafficService(script: string, planFile: string): Promise<TrafficService> {
  let lastError = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const metricsPort = await freePort();
    const proc = spawn(process.execPath, [script, planFile, String(metricsPort)], { stdio: ['pipe', 'pipe', 'pipe'] });
    const child = new Child('traffic service', proc);
    try {
      const ready = await firstJsonLine(proc, 30_000);
      if (ready.ready === true)
        return { child, metricsPort, controlUrl: `http://127.0.0.1:${String(ready.controlPort)}` };
      lastError = String(ready.error);
    } catch (e) {
      lastError = `${String(e)}\n${child.log}`;
    }
    await child.stop();
    if (!/EADDRINUSE/.test(lastError)) break;
  }
  throw new Error(`the traffic service did not start: ${lastError}`);
}

export interface PrometheusServer {
  child: Child;
  url: string;
}

/**
 * Starts Debian's Prometheus on loopback with `configYaml` on a port chosen here and waits for /-/ready.
 * Prometheus is never optional: a missing binary fails the test instead of skipping it.
 */
export async function startPrometheus(dir: string, configYaml: string): Promise<PrometheusServer> {
  if (!existsSync(PROMETHEUS)) {
    throw new Error(
      `${PROMETHEUS} is missing: install Debian's 'prometheus' package (apt-get install -y prometheus), as .ci/run does`
    );
  }
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, configYaml);
  let lastError = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const proc = spawn(
      PROMETHEUS,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dir, `tsdb-${attempt}`)}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    );
    const child = new Child('prometheus', proc);
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && child.running) {
      try {
        if ((await http('GET', `${url}/-/ready`, 2_000)).status === 200) return { child, url };
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    lastError = child.running
      ? `not ready within 60 s\n${child.log}`
      : `exited with ${String(child.process.exitCode)}\n${child.log}`;
    await child.stop();
    if (!/address already in use/.test(lastError)) break;
  }
  throw new Error(`Prometheus did not start: ${lastError}`);
}

export interface PromSeries {
  metric: Record<string, string>;
  /** [seconds since the epoch, value] */
  values: [number, string][];
}

interface ApiAnswer {
  status: string;
  error?: string;
  data?: { resultType: string; result: unknown };
}

async function api(base: string, query: string, time?: number): Promise<NonNullable<ApiAnswer['data']>> {
  const params = new URLSearchParams({ query });
  if (time !== undefined) params.set('time', (time / 1000).toFixed(3));
  const { status, body } = await http('GET', `${base}/api/v1/query?${params.toString()}`, 30_000);
  const answer = JSON.parse(body) as ApiAnswer;
  if (status !== 200 || answer.status !== 'success' || !answer.data)
    throw new Error(`query ${query}: HTTP ${status} ${answer.error ?? body.slice(0, 300)}`);
  return answer.data;
}

/** Every raw sample of the series an expression selects, over the last `rangeSeconds` before `time` (ms). */
export async function querySamples(
  base: string,
  selector: string,
  rangeSeconds: number,
  time: number
): Promise<PromSeries[]> {
  const data = await api(base, `${selector}[${rangeSeconds}s]`, time);
  if (data.resultType !== 'matrix') throw new Error(`${selector}: expected a matrix, got ${data.resultType}`);
  return data.result as PromSeries[];
}

/** An instant query; returns [labels, value] per series. */
export async function queryInstant(
  base: string,
  query: string,
  time?: number
): Promise<{ metric: Record<string, string>; value: number }[]> {
  const data = await api(base, query, time);
  if (data.resultType === 'scalar') {
    const [, v] = data.result as [number, string];
    return [{ metric: {}, value: Number(v) }];
  }
  if (data.resultType !== 'vector') throw new Error(`${query}: expected a vector, got ${data.resultType}`);
  return (data.result as { metric: Record<string, string>; value: [number, string] }[]).map((r) => ({
    metric: r.metric,
    value: Number(r.value[1]),
  }));
}
