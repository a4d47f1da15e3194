// A throw-away Prometheus: Debian's binary on a loopback port nobody else holds, its config and storage in a
// directory of its own, ready (/-/ready) before anyone queries it, and stopped by its PID.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary } from './binaries.js';
import { ChildProcess } from './child-process.js';
import { PrometheusClient } from './client.js';
import { prometheusYaml } from './config.js';
import { withFreePort } from './free-port.js';
import { sleep } from './sleep.js';
import type { StartOptions } from './types.js';

export interface PrometheusServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly client: PrometheusClient;
  readonly child: ChildProcess;
  /** Holds prometheus.yml and, unless a storage directory was given, the TSDB. */
  readonly dir: string;
  /** Stops Prometheus, then removes the directory if it was a temporary one. Safe to call twice. */
  stop(): Promise<void>;
}

/** Why it is not ready, or null once it is. */
async function waitUntilReady(
  child: ChildProcess,
  client: PrometheusClient,
  timeoutMs: number
): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.running) {
    if (await client.ready()) return null;
    await sleep(100);
  }
  if (!child.running) await child.exited;
  return child.running ? `not ready within ${timeoutMs / 1000} s` : `exited (${child.lastLine})`;
}

function serverArgs(options: StartOptions, configFile: string, storage: string, port: number): string[] {
  return [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${storage}`,
    ...(options.retention ? [`--storage.tsdb.retention.time=${options.retention}`] : []),
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ];
}

async function startOnPort(options: StartOptions, binary: string, dir: string, port: number, attempt: number) {
  // A failed attempt may have left a half-made TSDB behind; each attempt gets a fresh one.
  const storage = options.storage ?? join(dir, `tsdb-${attempt}`);
  mkdirSync(storage, { recursive: true });
  const configFile = join(dir, 'prometheus.yml');
  const child = ChildProcess.start('prometheus', binary, serverArgs(options, configFile, storage, port), {
    detached: options.detached === true,
  });
  const url = `http://127.0.0.1:${port}`;
  const client = new PrometheusClient(url, { log: () => child.output });
  const failure = await waitUntilReady(child, client, options.readyTimeoutMs ?? 60_000);
  if (failure === null) return { url, client, child };
  await child.stop();
  // The first line stands alone in one-line reports (the demo's); the output explains it to whoever reads on.
  throw new Error(`Prometheus did not start: ${failure}\n${child.output.trim()}`);
}

/** Starts Prometheus and waits until it is ready; on a taken port it tries another one. */
export async function startPrometheus(options: StartOptions): Promise<PrometheusServer> {
  const binary = options.binary ?? requireBinary('prometheus');
  const temporary = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'local-prometheus-'));
  const removeDir = (): void => {
    if (temporary) rmSync(dir, { recursive: true, force: true });
  };
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'prometheus.yml'), prometheusYaml(options.config));
    let attempt = 0;
    const started = await withFreePort((port) => startOnPort(options, binary, dir, port, attempt++));
    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> => (stopped ??= started.child.stop().then(removeDir));
    return { ...started, dir, stop };
  } catch (e) {
    removeDir();
    throw e;
  }
}
