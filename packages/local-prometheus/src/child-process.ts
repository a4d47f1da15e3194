// A child process that keeps the end of what it printed, for error messages, and is stopped by its own PID only:
// a process group it did not create may hold the caller itself, or a terminal's other jobs.
import { spawn, type ChildProcess as NodeChildProcess, type SpawnOptions } from 'node:child_process';

export interface ChildOptions extends SpawnOptions {
  /** How much of its output (stdout and stderr together) to keep; default 20,000 characters. */
  tailChars?: number;
}

type LineListener = (line: string) => void;

export class ChildProcess {
  /** Its exit code; null when a signal ended it or it could not start. */
  readonly exited: Promise<number | null>;
  private tail = '';
  private readonly listeners = new Set<LineListener>();

  private constructor(
    readonly name: string,
    private readonly child: NodeChildProcess,
    private readonly tailChars: number
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      // Each stream has its own unfinished line, so lines of stdout and stderr never merge.
      let partial = '';
      stream?.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        this.tail = (this.tail + text).slice(-this.tailChars);
        const lines = (partial + text).split('\n');
        partial = lines.pop()!;
        for (const line of lines) for (const listener of [...this.listeners]) listener(line);
      });
    }
    this.exited = new Promise((resolve) => {
      // 'close' comes once its last output is read, so an error message can quote it; a grandchild that holds
      // the pipes open must not delay the exit for longer than a moment.
      child.once('close', (code) => resolve(code));
      child.once('exit', (code) => setTimeout(() => resolve(code), 200));
      // 'error' also reports a failed kill of a running process; only a failed spawn means it is gone.
      child.on('error', () => {
        if (child.pid === undefined) resolve(null);
      });
    });
  }

  /** stdin is ignored and stdout and stderr are kept unless `options.stdio` says otherwise. */
  static start(name: string, command: string, args: readonly string[], options: ChildOptions = {}): ChildProcess {
    const { tailChars = 20_000, ...spawnOptions } = options;
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions });
    return new ChildProcess(name, child, tailChars);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The end of what it printed. */
  get output(): string {
    return this.tail;
  }

  get lastLine(): string {
    return this.tail.trim().split('\n').pop() ?? '';
  }

  /** Calls `listener` with every complete line it prints from now on; returns how to stop listening. */
  onLine(listener: LineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first line from now on that matches; fails in one line when it exits or takes too long. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (settle: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        stopListening();
        settle();
      };
      const timer = setTimeout(() => {
        const error = `${this.name} printed nothing like ${pattern} within ${timeoutMs / 1000} s (${this.lastLine})`;
        finish(() => reject(new Error(error)));
      }, timeoutMs);
      const stopListening = this.onLine((line) => {
        const match = pattern.exec(line);
        if (match) finish(() => resolve(match));
      });
      void this.exited.then((code) =>
        finish(() => reject(new Error(`${this.name} exited (${code ?? 'signal'}): ${this.lastLine}`)))
      );
    });
  }

  /** SIGTERM to its PID, SIGKILL after `graceMs`. Safe to call twice. */
  async stop(graceMs = 5_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    const outcome = await Promise.race([this.exited, late]);
    clearTimeout(timer);
    if (outcome === 'late' && this.running) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  /** SIGKILL to its PID now: for a process that is exiting and cannot wait. */
  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}
