// A program run to completion, its failure turned into one line: what ran and the last line it printed.
import { spawn } from 'node:child_process';

/** Resolves with everything it printed (stdout and stderr); `label` names it in errors (default: the command). */
export function runToEnd(command: string, args: readonly string[], label = command): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.once('error', (e) => reject(new Error(`${label}: cannot start (${e.message})`)));
    child.once('exit', (code, signal) => {
      if (code === 0) return resolve(output);
      const last = output.trim().split('\n').pop() ?? '';
      reject(new Error(`${label} failed (${signal ?? `exit ${code}`}): ${last}`));
    });
  });
}
