// Waits until a child prints a line that matches, or fails in one line when it exits or takes too long.
import type { ChildProcess } from './child-process.js';

export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (f: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      f();
    };
    const lastLine = (): string => child.output.trim().split('\n').pop() ?? '';
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new Error(`${child.name} printed nothing like ${pattern} within ${timeoutMs / 1000} s (${lastLine()})`)
          )
        ),
      timeoutMs
    );
    child.onLine((line) => {
      const match = pattern.exec(line);
      if (match) finish(() => resolve(match));
    });
    void child.exited.then((code) =>
      finish(() => reject(new Error(`${child.name} exited (${code ?? 'signal'}): ${lastLine()}`)))
    );
  });
}
