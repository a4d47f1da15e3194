// A real Prometheus on loopback for tests: its own port and data directory, stopped by its PID.
import { spawn, type ChildProcess } from 'child_process';
import { request } from 'http';
import { createServer } from 'net';

export const PROMETHEUS = '/usr/bin/prometheus';
export const PROMTOOL = '/usr/bin/promtool';

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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function status(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, headers: { connection: 'close' }, timeout: 2_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** Runs a program to completion; rejects with its output when it fails. */
export function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${output.slice(-2000)}`))
    );
  });
}

export class PrometheusServer {
  private output = '';

  private constructor(
    readonly url: string,
    private readonly child: ChildProcess
  ) {
    child.stdout?.on('data', (c: Buffer) => (this.output = (this.output + c.toString()).slice(-20_000)));
    child.stderr?.on('data', (c: Buffer) => (this.output = (this.output + c.toString()).slice(-20_000)));
  }

  /** Starts Prometheus on a free port over `dataDir` with `configFile`, and waits until it is ready. */
  static async start(configFile: string, dataDir: string): Promise<PrometheusServer> {
    const port = await freePort();
    const child = spawn(
      PROMETHEUS,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${dataDir}`,
        '--storage.tsdb.retention.time=60d',
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    );
    const server = new PrometheusServer(`http://127.0.0.1:${port}`, child);
    for (let i = 0; i < 300; i++) {
      if ((await status(`${server.url}/-/ready`)) === 200) {
        return server;
      }
      if (child.exitCode !== null) {
        break;
      }
      await sleep(100);
    }
    await server.stop();
    throw new Error(`Prometheus did not become ready: ${server.output}`);
  }

  get log(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
