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

const LIMIT_BYTES = 1_000_000;

export function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > LIMIT_BYTES) {
        reject(new BadRequest(`the body is larger than ${LIMIT_BYTES} bytes`, 413));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
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
