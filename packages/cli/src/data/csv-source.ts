import { createReadStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import { InputError } from '../errors.js';
import { ioProblem } from './io-error.js';

export interface CsvSource {
  /** The path as the user wrote it, for messages. */
  file: string;
  header: string[];
  /** Data rows as cell arrays, in file order, read as a stream (memory does not grow with the file). */
  rows: AsyncIterable<string[]>;
}

function checkReadable(file: string): void {
  let stat;
  try {
    stat = statSync(file);
  } catch (e) {
    throw new InputError(`${file}: cannot read the file (${ioProblem(e)})`);
  }
  if (!stat.isFile()) throw new InputError(`${file}: not a file`);
}

/** Opens a CSV with a header row; the header is read before this resolves, so column errors come early. */
export async function openCsv(file: string): Promise<CsvSource> {
  checkReadable(file);
  const input = createReadStream(file);
  const parser = input.pipe(
    parse({ bom: true, trim: true, skip_empty_lines: true, relax_quotes: false, max_record_size: 1 << 24 })
  );
  // pipe() does not forward a read error: unforwarded, it is an unhandled 'error' event that ends the process.
  input.on('error', (e) => parser.destroy(new InputError(`${file}: cannot read the file (${ioProblem(e)})`)));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const wrap = (e: unknown): InputError => {
    if (e instanceof InputError) return e;
    const message = e instanceof Error ? e.message : String(e);
    return new InputError(`${file}: not a readable CSV file (${message.split('\n')[0]})`);
  };
  let first: IteratorResult<string[]>;
  try {
    first = await iterator.next();
  } catch (e) {
    throw wrap(e);
  }
  if (first.done) throw new InputError(`${file}: the file is empty (a header row is required)`);
  const header = first.value.map((h) => h.trim());
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (h === '') throw new InputError(`${file}: header column ${i + 1} has no name`);
    if (seen.has(h)) throw new InputError(`${file}: the header names column '${h}' twice`);
    seen.add(h);
  });
  const rows: AsyncIterable<string[]> = {
    [Symbol.asyncIterator]() {
      return {
        async next() {
          try {
            return await iterator.next();
          } catch (e) {
            throw wrap(e);
          }
        },
        async return() {
          parser.destroy();
          return { done: true, value: undefined };
        },
      };
    },
  };
  return { file, header, rows };
}
