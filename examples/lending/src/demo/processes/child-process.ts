// A child process of the demo, stopped by its own PID: SIGTERM, then SIGKILL after a grace period.
import { spawn, type SpawnOptions } from 'node:child_process';

export class ChildProcess {
  private tail = '';
  readonly exited: Promise<number | null>;
  private readonly listeners: ((line: string) => void)[] = [];
  private partial = '';

  private constructor(
    readonly name: string,
    private readonly process: ReturnType<typeof spawn>
  ) {
    const keep = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      this.tail = (this.tail + text).slice(-10_000);
      this.partial += text;
      const lines = this.partial.split('\n');
      this.partial = lines.pop()!;
      for (const line of lines) for (const l of this.listeners) l(line);
    };
    process.stdout?.on('data', keep);
    process.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      process.once('exit', (code) => resolve(code));
      process.once('error', () => resolve(null));
    });
  }

  static start(name: string, command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
    return new ChildProcess(name, spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options }));
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null && this.process.pid !== undefined;
  }

  /** The last lines it printed, for error messages. */
  get output(): string {
    return this.tail;
  }

  onLine(listener: (line: string) => void): void {
    this.listeners.push(listener);
  }

  /** SIGKILL now, for process exit. */
  kill(): void {
    if (this.running) this.process.kill('SIGKILL');
  }

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
