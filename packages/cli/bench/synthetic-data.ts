import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from '@modelwatch/stats';

export const NUMERIC_COLUMNS = 16;
export const CATEGORIES = ['web', 'branch', 'phone', 'partner', 'broker'];

/** 16 numeric features, 3 categorical, a score: 20 columns. `shift` moves the first four features. */
export async function writeSyntheticCsv(file: string, rows: number, seed: number, shift = 0): Promise<void> {
  const random = seededRandom(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const out = createWriteStream(file);
  const header = [...Array.from({ length: NUMERIC_COLUMNS }, (_, i) => `x${i}`), 'channel', 'region', 'group', 'score'];
  let chunk = `${header.join(',')}\n`;
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let i = 0; i < NUMERIC_COLUMNS; i++) cells.push((normal() * (i + 1) + (i < 4 ? shift : 0)).toFixed(4));
    cells.push(CATEGORIES[Math.floor(random() * CATEGORIES.length)]!);
    cells.push(`r${Math.floor(random() * 40)}`);
    cells.push(random() < 0.2 ? 'b' : 'a');
    cells.push(random().toFixed(5));
    chunk += `${cells.join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
