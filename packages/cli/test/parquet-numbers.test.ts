import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { isFlatNumberColumn, isFlatTextColumn, readFlatNumbers, readFlatTexts } from '../src/data/parquet-numbers';
import { ROOT, scratchDir } from './run-cli';

// The direct decoder of flat numeric columns must give, value for value, what hyparquet's own reader gives (a null
// as NaN), on files of both writers the CLI meets: pyarrow (data pages v1, dictionary and plain encoding, snappy,
// gzip, zstd) and hyparquet-writer (data pages v2, the bench's writer).
const COLUMNAR = join(__dirname, 'fixtures/columnar');
const dir = scratchDir();

/** What hyparquet's own reader gives for one column of one row group. */
async function hyparquetColumn(
  buffer: Awaited<ReturnType<typeof asyncBufferFromFile>>,
  metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>,
  name: string,
  start: number,
  rows: number
): Promise<unknown[]> {
  const expected: unknown[] = [];
  await parquetRead({
    file: buffer,
    metadata,
    columns: [name],
    rowStart: start,
    rowEnd: start + rows,
    compressors,
    onChunk: (chunk) => {
      for (let i = 0; i < chunk.columnData.length; i++) expected[chunk.rowStart - start + i] = chunk.columnData[i];
    },
  });
  return expected;
}

/**
 * Every flat numeric column (or, with `texts`, every flat text column) of every row group, by both readers;
 * returns how many columns were compared.
 */
async function compareWithHyparquet(file: string, texts = false): Promise<number> {
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const root = parquetSchema(metadata);
  const flat = root.children.filter(texts ? isFlatTextColumn : isFlatNumberColumn);
  let start = 0;
  let compared = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    for (const column of flat) {
      const name = column.element.name;
      const expected = await hyparquetColumn(buffer, metadata, name, start, rows);
      const chunk = group.columns.find((c) => c.meta_data?.path_in_schema[0] === name)!;
      if (texts) {
        const got = await readFlatTexts(buffer, root, column, chunk, rows);
        expect(got).toHaveLength(rows);
        // Strict: a null stays null (not undefined), a string the same string.
        for (let i = 0; i < rows; i++) if (got[i] !== expected[i]) expect([i, got[i]]).toEqual([i, expected[i]]);
      } else {
        const got = await readFlatNumbers(buffer, root, column, chunk, rows);
        expect(got).toHaveLength(rows);
        expect(Array.from(got)).toEqual(expected.map((v) => (v === null ? Number.NaN : Number(v))));
      }
      compared++;
    }
    start += rows;
  }
  return compared;
}

/** Writes a Parquet file with hyparquet-writer (ESM only) in a child Node. */
function writeParquet(file: string, options: unknown): void {
  const script = `import { parquetWriteBuffer } from 'hyparquet-writer';
    import { writeFileSync } from 'node:fs';
    const [file, options] = process.argv.slice(1);
    writeFileSync(file, new Uint8Array(parquetWriteBuffer(JSON.parse(options))));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, file, JSON.stringify(options)], {
    cwd: join(ROOT, 'packages/cli'),
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
}

describe('flat numeric Parquet columns decoded straight into numbers', () => {
  it('takes only columns whose values are plain numbers', async () => {
    const buffer = await asyncBufferFromFile(join(COLUMNAR, 'unsupported-types.parquet'));
    const root = parquetSchema(await parquetMetadataAsync(buffer));
    expect(root.children.map((c) => [c.element.name, isFlatNumberColumn(c)])).toEqual([
      ['x', true],
      ['seen', false], // a timestamp
      ['tags', false], // a list
    ]);
  });

  it.each(readdirSync(COLUMNAR).filter((f) => f.endsWith('.parquet')))(
    'gives what hyparquet gives on %s (pyarrow)',
    async (file) => {
      expect(await compareWithHyparquet(join(COLUMNAR, file))).toBeGreaterThan(0);
    }
  );

  it('gives what hyparquet gives on generated files with nulls, pages and row groups (hyparquet-writer)', async () => {
    let run = 0;
    const size = 300;
    const doubles = fc.array(fc.option(fc.double({ noNaN: true }), { freq: 3 }), { minLength: size, maxLength: size });
    const ints = fc.array(fc.option(fc.integer(), { freq: 3 }), { minLength: size, maxLength: size });
    await fc.assert(
      fc.asyncProperty(
        doubles,
        ints,
        fc.constantFrom(17, 100, 300),
        fc.constantFrom(64, 1024, 1 << 20),
        fc.constantFrom('SNAPPY', 'UNCOMPRESSED'),
        async (x, k, rowGroupSize, pageSize, codec) => {
          const file = join(dir, `generated-${run++}.parquet`);
          writeParquet(file, {
            rowGroupSize,
            pageSize,
            codec,
            columnData: [
              // JSON has no -0 or infinities: the child gets what JSON carries.
              { name: 'x', data: x, type: 'DOUBLE' },
              { name: 'f', data: x.map((v) => (v === null ? null : Math.fround(v))), type: 'FLOAT' },
              { name: 'k', data: k, type: 'INT32' },
              { name: 'required', data: k.map((v) => v ?? 0), type: 'INT32', nullable: false },
              { name: 'none', data: k.map(() => null), type: 'DOUBLE' },
              { name: 'few', data: k.map((v) => (v === null ? null : v % 3)), type: 'INT32' },
            ],
          });
          expect(await compareWithHyparquet(file)).toBe(6 * Math.ceil(size / rowGroupSize));
        }
      ),
      { numRuns: 12 }
    );
  });
});

describe('flat text Parquet columns decoded straight into strings', () => {
  it.each(readdirSync(COLUMNAR).filter((f) => f.endsWith('.parquet') && !f.startsWith('unsupported')))(
    'gives what hyparquet gives on %s (pyarrow)',
    async (file) => {
      expect(await compareWithHyparquet(join(COLUMNAR, file), true)).toBeGreaterThan(0);
    }
  );

  it('gives what hyparquet gives on generated files with nulls, pages and row groups (hyparquet-writer)', async () => {
    let run = 0;
    const size = 300;
    // Few distinct values (dictionary pages) and many (plain pages), with empty strings and non-ASCII text.
    const few = fc.array(fc.option(fc.constantFrom('a', 'b', '', 'ünï', '女'), { freq: 3 }), {
      minLength: size,
      maxLength: size,
    });
    const many = fc.array(fc.option(fc.string({ unit: 'grapheme', maxLength: 12 }), { freq: 4 }), {
      minLength: size,
      maxLength: size,
    });
    await fc.assert(
      fc.asyncProperty(
        few,
        many,
        fc.constantFrom(17, 100, 300),
        fc.constantFrom(64, 1024, 1 << 20),
        fc.constantFrom('SNAPPY', 'UNCOMPRESSED'),
        async (f, m, rowGroupSize, pageSize, codec) => {
          const file = join(dir, `generated-text-${run++}.parquet`);
          writeParquet(file, {
            rowGroupSize,
            pageSize,
            codec,
            columnData: [
              { name: 'few', data: f, type: 'STRING' },
              { name: 'many', data: m, type: 'STRING' },
              { name: 'required', data: f.map((v) => v ?? 'none'), type: 'STRING', nullable: false },
              { name: 'none', data: f.map(() => null), type: 'STRING' },
            ],
          });
          expect(await compareWithHyparquet(file, true)).toBe(4 * Math.ceil(size / rowGroupSize));
        }
      ),
      { numRuns: 12 }
    );
  });
});
