import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { ioProblem } from '../data/io-error.js';
import type { InputHash } from './types.js';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The SHA-256 of a file's bytes, under its role. */
export function fileHash(role: string, file: string): InputHash {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new InputError(`${file}: cannot read the file (${ioProblem(e)})`);
  }
  return { role, name: basename(file), sha256: sha256(bytes) };
}

/** `sha256sum`'s line for a written file, so `sha256sum -c <out>.sha256` checks it beside the file. */
export function checksumLine(file: string, bytes: string | Uint8Array): string {
  return `${sha256(bytes)}  ${basename(file)}\n`;
}
