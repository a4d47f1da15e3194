// A throw-away Prometheus for the demo: Debian's binary on loopback, storage in the demo's temporary
// directory, the generated rules loaded, stopped by its PID.
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { ChildProcess } from '../processes/child-process.js';
import { PrometheusApi, httpGet } from './prometheus-api.js';

/** Debian's package installs it here; anything named prometheus on PATH will do as well. */
export function findPrometheus(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [
    '/usr/bin/prometheus',
    ...(env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((d) => join(d, 'prometheus')),
  ];
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not there
    }
  }
  return null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

export interface PrometheusConfig {
  intervalMs: number;
  ruleFiles: readonly string[];
  job: string;
  target: string;
}

export function prometheusYaml(c: PrometheusConfig): string {
  const seconds = (ms: number): string => `${ms}ms`;
  return [
    'global:',
    `  scrape_interval: ${seconds(c.intervalMs)}`,
    `  scrape_timeout: ${seconds(Math.max(100, Math.floor(c.intervalMs * 0.8)))}`,
    `  evaluation_interval: ${seconds(c.intervalMs)}`,
    'rule_files:',
    ...c.ruleFiles.map((f) => `  - ${JSON.stringify(f)}`),
    'scrape_configs:',
    `  - job_name: ${JSON.stringify(c.job)}`,
    '    static_configs:',
    `      - targets: [${JSON.stringify(c.target)}]`,
    '',
  ].join('\n');
}

export interface PrometheusServer {
  url: string;
  api: PrometheusApi;
  child: ChildProcess;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts Prometheus on a free loopback port and waits until it is ready (one line naming the cause if not). */
export async function startPrometheus(bin: string, dir: string, config: PrometheusConfig): Promise<PrometheusServer> {
  const file = join(dir, 'prometheus.yml');
  writeFileSync(file, prometheusYaml(config));
  let last = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const storage = join(dir, `tsdb-${attempt}`);
    mkdirSync(storage, { recursive: true });
    // Its own process group: Ctrl-C in the terminal reaches the demo only, which still reads the alert history
    // before it stops Prometheus.
    const child = ChildProcess.start(
      'prometheus',
      bin,
      [
        `--config.file=${file}`,
        `--storage.tsdb.path=${storage}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      {
        detached: true,
      }
    );
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && child.running) {
      try {
        if ((await httpGet(`${url}/-/ready`, 2_000)).status === 200) return { url, api: new PrometheusApi(url), child };
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    const lastLine = child.output.trim().split('\n').pop() ?? '';
    last = child.running ? 'not ready within 60 s' : `exited (${lastLine})`;
    await child.stop();
    if (!/address already in use/.test(child.output)) break;
  }
  throw new Error(`Prometheus did not start: ${last}`);
}
