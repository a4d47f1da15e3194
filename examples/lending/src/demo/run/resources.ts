// Everything the demo starts, and the one way it is all taken down: at the end, on Ctrl-C, on an error, and as a
// last resort when the process exits anyway (children killed, temporary directory removed).
import { rmSync } from 'node:fs';
import type { ChildProcess } from '@modelwatch/local-prometheus';

export class Resources {
  private readonly children: ChildProcess[] = [];
  private readonly dirs: string[] = [];
  private released = false;

  constructor() {
    process.once('exit', () => this.releaseNow());
  }

  child<T extends ChildProcess>(c: T): T {
    this.children.push(c);
    return c;
  }

  dir(path: string): string {
    this.dirs.push(path);
    return path;
  }

  get pids(): number[] {
    return this.children.map((c) => c.pid).filter((p): p is number => p !== undefined);
  }

  /** Stops every child by its PID (SIGTERM, then SIGKILL), then removes the directories. */
  async release(): Promise<void> {
    if (this.released) return;
    await Promise.all(this.children.map((c) => c.stop()));
    this.removeDirs();
    this.released = true;
  }

  /** Synchronous, for process exit: no time for grace periods. */
  releaseNow(): void {
    if (this.released) return;
    for (const c of this.children) c.kill();
    this.removeDirs();
    this.released = true;
  }

  private removeDirs(): void {
    for (const d of this.dirs) rmSync(d, { recursive: true, force: true });
  }
}
