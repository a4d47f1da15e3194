// The data set of the input benchmark, as the issue measures it: 20 features (16 numeric, 4 categorical) plus a score
// and a label, written as the same values to CSV and to Parquet so both formats are timed on one table.
import { createWriteStream, renameSync } from 'node:fs';
import { once } from 'node:events';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import { seededRandom } from '@modelwatch/stats';

export const NUMERIC_FEATURES = 16;
export const CATEGORICAL_FEATURES: Readonly<Record<string, readonly string[]>> = {
  channel: ['web', 'branch', 'phone', 'partner', 'broker'],
  region: Array.from({ length: 40 }, (_, i) => `r${i}`),
  segment: ['retail', 'small-business', 'corporate', 'private'],
  group: ['a', 'b'],
};
const CHUNK_ROWS = 100_000;

interface Chunk {
  numeric: Float64Array[];
  /** A numeric feature with 1% missing values (NaN here, an empty cell or a null in the files). */
  categorical: Map<string, string[]>;
  score: Float64Array;
  label: Int32Array;
}

export const COLUMN_NAMES = [
  ...Array.from({ length: NUMERIC_FEATURES }, (_, i) => `x${i}`),
  ...Object.keys(CATEGORICAL_FEATURES),
  'score',
  'label',
];

/** Rows in chunks; `shift` moves the first four features. Values are rounded as the CSV writes them. */
function* chunks(rows: number, seed: number, shift: number): Generator<Chunk> {
  const random = seededRandom(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const round = (x: number, digits: number): number => Number(x.toFixed(digits));
  for (let start = 0; start < rows; start += CHUNK_ROWS) {
    const n = Math.min(CHUNK_ROWS, rows - start);
    const numeric = Array.from({ length: NUMERIC_FEATURES }, () => new Float64Array(n));
    const categorical = new Map(Object.keys(CATEGORICAL_FEATURES).map((name) => [name, new Array<string>(n)] as const));
    const score = new Float64Array(n);
    const label = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < NUMERIC_FEATURES; i++) {
        const x = round(normal() * (i + 1) + (i < 4 ? shift : 0), 4);
        numeric[i]![r] = i === 5 && random() < 0.01 ? Number.NaN : x;
      }
      for (const [name, values] of Object.entries(CATEGORICAL_FEATURES))
        categorical.get(name)![r] = values[Math.floor(random() * values.length)]!;
      const s = round(random(), 5);
      score[r] = s;
      label[r] = random() < s ? 1 : 0;
    }
    yield { numeric, categorical, score, label };
  }
}

/** Writes the table as CSV (missing = empty cell) and returns when the file is complete. */
export async function writeTableCsv(file: string, rows: number, seed: number, shift = 0): Promise<void> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  let text = `${COLUMN_NAMES.join(',')}\n`;
  for (const chunk of chunks(rows, seed, shift)) {
    const categorical = [...chunk.categorical.values()];
    for (let r = 0; r < chunk.score.length; r++) {
      const cells: string[] = [];
      for (const column of chunk.numeric) {
        const x = column[r]!;
        cells.push(Number.isNaN(x) ? '' : x.toFixed(4));
      }
      for (const column of categorical) cells.push(column[r]!);
      cells.push(chunk.score[r]!.toFixed(5), String(chunk.label[r]));
      text += `${cells.join(',')}\n`;
      if (text.length > 1 << 20) {
        if (!out.write(text)) await once(out, 'drain');
        text = '';
      }
    }
  }
  out.end(text);
  await once(out, 'finish');
  // A run stopped half-way leaves no file that a later run would take for a whole one.
  renameSync(partial, file);
}

/** Writes the same table as Parquet (snappy, one row group per 100,000 rows, nulls for missing values). */
export async function writeTableParquet(file: string, rows: number, seed: number, shift = 0): Promise<void> {
  const partial = `${file}.partial`;
  const writer = new ParquetWriter({
    writer: fileWriter(partial),
    schema: [
      { name: 'root', num_children: COLUMN_NAMES.length },
      ...Array.from({ length: NUMERIC_FEATURES }, (_, i) => ({
        name: `x${i}`,
        type: 'DOUBLE' as const,
        repetition_type: 'OPTIONAL' as const,
      })),
      ...Object.keys(CATEGORICAL_FEATURES).map((name) => ({
        name,
        type: 'BYTE_ARRAY' as const,
        converted_type: 'UTF8' as const,
        repetition_type: 'OPTIONAL' as const,
      })),
      { name: 'score', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      { name: 'label', type: 'INT32', repetition_type: 'OPTIONAL' },
    ],
  });
  for (const chunk of chunks(rows, seed, shift)) {
    await writer.write({
      rowGroupSize: CHUNK_ROWS,
      columnData: [
        ...chunk.numeric.map((values, i) => ({
          name: `x${i}`,
          data: Array.from(values, (x) => (Number.isNaN(x) ? null : x)),
        })),
        ...[...chunk.categorical].map(([name, values]) => ({ name, data: values })),
        { name: 'score', data: Array.from(chunk.score) },
        { name: 'label', data: Array.from(chunk.label) },
      ],
    });
  }
  await writer.finish();
  renameSync(partial, file);
}
