// Request bodies of the demo service: JSON, bounded, with one-line errors.
import type { IncomingMessage } from 'node:http';

export class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400
  ) {
    super(message);
  }
}

export const LIMIT_BYTES = 1_000_000;

const tooLarge = (): BadRequest => new BadRequest(`the body is larger than ${LIMIT_BYTES} bytes`, 413);

/**
 * The body as JSON. An over-limit body is refused with 413 before it is read when its length is declared, and
 * as soon as it passes the limit otherwise; the rest is drained unread, so the client gets the answer instead of
 * a reset connection (the handler then closes the connection).
 */
export function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > LIMIT_BYTES) {
      request.resume();
      return reject(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > LIMIT_BYTES) {
        chunks.length = 0;
        request.off('data', onData);
        request.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => {
      if (size > LIMIT_BYTES) return;
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(JSON.parse(text) as unknown);
      } catch {
        reject(new BadRequest(`the body is not JSON: ${JSON.stringify(text.slice(0, 60))}`));
      }
    });
    request.on('error', reject);
  });
}
