import { ChildProcess, runToEnd } from '@modelwatch/local-prometheus';

const node = (script: string, options = {}): ChildProcess =>
  ChildProcess.start('the script', process.execPath, ['-e', script], options);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('ChildProcess', () => {
  it('keeps a bounded tail of stdout and stderr for error messages', async () => {
    const child = node(
      // stdout and stderr are separate pipes: the last line waits for stderr's write, so the order is fixed.
      `for (let i = 0; i < 200; i++) console.log('x'.repeat(99)); process.stderr.write('stderr line\\n', () => setTimeout(() => console.log('last line'), 100));`,
      { tailChars: 500 }
    );
    expect(await child.exited).toBe(0);
    expect(child.output.length).toBe(500);
    expect(child.output).toContain('stderr line\n');
    expect(child.output.endsWith('last line\n')).toBe(true);
    expect(child.lastLine).toBe('last line');
    expect(child.running).toBe(false);
  });

  it('hands out whole lines and waits for one that matches', async () => {
    const child = node(
      `process.stdout.write('listening '); setTimeout(() => console.log('on http://127.0.0.1:1234'), 50); setTimeout(() => {}, 5000);`
    );
    const lines: string[] = [];
    child.onLine((line) => lines.push(line));
    const match = await child.waitForLine(/listening on (http:\/\/\S+)/, 5_000);
    expect(match[1]).toBe('http://127.0.0.1:1234');
    expect(lines).toEqual(['listening on http://127.0.0.1:1234']);
    await child.stop();
  });

  it('fails a wait in one line when the child exits or takes too long', async () => {
    await expect(node(`console.log('no port'); process.exit(3)`).waitForLine(/ready/, 5_000)).rejects.toThrow(
      'the script exited (3): no port'
    );
    const slow = node(`console.log('starting'); setTimeout(() => {}, 5000)`);
    await expect(slow.waitForLine(/ready/, 300)).rejects.toThrow(
      'the script printed nothing like /ready/ within 0.3 s (starting)'
    );
    await slow.stop();
  });

  it('stops with SIGTERM, and with SIGKILL after the grace period when SIGTERM is ignored', async () => {
    const polite = node(`console.log('up'); setTimeout(() => {}, 60000)`);
    await polite.waitForLine(/up/, 5_000);
    await polite.stop();
    expect(polite.running).toBe(false);

    const stubborn = node(`process.on('SIGTERM', () => {}); console.log('up'); setTimeout(() => {}, 60000)`);
    await stubborn.waitForLine(/up/, 5_000);
    const start = Date.now();
    await stubborn.stop(300);
    expect(Date.now() - start).toBeGreaterThanOrEqual(300);
    expect(stubborn.running).toBe(false);
    expect(alive(stubborn.pid!)).toBe(false);
    await stubborn.stop();
  });

  it('stops only its own PID, never the process group it leads', async () => {
    // The child leads a new group (detached); its own child shares that group and must outlive the stop.
    const parent = node(
      `const c = require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' }); console.log('grandchild ' + c.pid); setTimeout(() => {}, 60000);`,
      { detached: true }
    );
    const grandchild = Number((await parent.waitForLine(/grandchild (\d+)/, 5_000))[1]);
    try {
      await parent.stop();
      expect(alive(parent.pid!)).toBe(false);
      expect(alive(grandchild)).toBe(true);
    } finally {
      process.kill(grandchild, 'SIGKILL');
    }
  });

  it('reports a program that cannot start as exited, not running', async () => {
    const missing = ChildProcess.start('nothing', '/nonexistent/program', []);
    expect(await missing.exited).toBeNull();
    expect(missing.running).toBe(false);
    await missing.stop();
  });
});

describe('runToEnd', () => {
  it('resolves with the output, or fails with the label and the last line printed', async () => {
    expect(await runToEnd(process.execPath, ['-e', `console.log('done')`])).toBe('done\n');
    await expect(
      runToEnd(process.execPath, ['-e', `console.log('a'); console.error('it broke'); process.exit(3)`], 'the tool')
    ).rejects.toThrow('the tool failed (exit 3): it broke');
    await expect(runToEnd('/nonexistent/program', [], 'the tool')).rejects.toThrow('the tool: cannot start (');
  });
});
