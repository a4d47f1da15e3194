// Ports on loopback that nobody else holds. The kernel hands one out and it is released again at once, so
// whoever binds it next may lose a race with another test process: `withFreePort` tries a fresh one then.
import { createServer } from 'node:net';

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

const TAKEN = /EADDRINUSE|address already in use/;

/** True when an error says the port was taken (Node's EADDRINUSE, Go's "address already in use"). */
export function portTaken(error: unknown): boolean {
  return TAKEN.test(
    error instanceof Error ? `${error.message} ${(error as NodeJS.ErrnoException).code ?? ''}` : String(error)
  );
}

/** Calls `start` with a free port, and again with another one while it fails because that port was taken. */
export async function withFreePort<T>(start: (port: number) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await start(port);
    } catch (e) {
      if (attempt >= attempts || !portTaken(e)) throw e;
    }
  }
}
