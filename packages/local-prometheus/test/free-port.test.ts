import { createServer, type Server } from 'node:net';
import { freePort, sleep, withFreePort } from '@modelwatch/local-prometheus';

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('freePort', () => {
  it('hands out a loopback port that can be bound right away', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
    const server = await listen(port);
    server.close();
  });
});

describe('withFreePort', () => {
  it('tries another port when the first one was taken meanwhile', async () => {
    const ports: number[] = [];
    const result = await withFreePort(async (port) => {
      ports.push(port);
      if (ports.length === 1) throw new Error(`listen tcp 127.0.0.1:${port}: bind: address already in use`);
      return port;
    });
    expect(ports).toHaveLength(2);
    expect(result).toBe(ports[1]);
  });

  it('takes a real EADDRINUSE for a taken port', async () => {
    const held = await listen(0);
    let calls = 0;
    try {
      const address = held.address();
      const heldPort = typeof address === 'object' && address !== null ? address.port : 0;
      const server = await withFreePort((port) => listen(++calls === 1 ? heldPort : port));
      server.close();
      expect(calls).toBe(2);
    } finally {
      held.close();
    }
  });

  it('gives up after the attempts and passes any other error on at once', async () => {
    let calls = 0;
    await expect(
      withFreePort(async () => {
        calls++;
        throw new Error('EADDRINUSE');
      }, 3)
    ).rejects.toThrow('EADDRINUSE');
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      withFreePort(async () => {
        calls++;
        throw new Error('bad config');
      })
    ).rejects.toThrow('bad config');
    expect(calls).toBe(1);
  });
});

describe('sleep', () => {
  it('never wakes before the time asked, by the monotonic clock', async () => {
    for (const ms of [1, 5, 20]) {
      const start = performance.now();
      await sleep(ms);
      expect(performance.now() - start).toBeGreaterThanOrEqual(ms);
    }
  });

  it('takes a negative or invalid time as none, and ends at once on an abort', async () => {
    await sleep(-5);
    await sleep(Number.NaN);
    const controller = new AbortController();
    const start = performance.now();
    setTimeout(() => controller.abort(), 10);
    await sleep(60_000, controller.signal);
    expect(performance.now() - start).toBeLessThan(5_000);
    await sleep(60_000, controller.signal);
  });
});
