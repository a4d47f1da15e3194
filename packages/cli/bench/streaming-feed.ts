// Feeds generated rows straight into the check's column sinks under a memory budget, without a CSV in between:
// how the streaming bench reaches 50 million rows in reasonable time. Prints peak RSS and the certified bounds as
// JSON on its last stderr line. Usage: node streaming-feed.js PROFILE ROWS MAX_MEMORY_BYTES
import { readFileSync } from 'node:fs';
import { parseProfile, referenceDistribution, seededRandom } from '@modelwatch/stats';
import { BudgetedNumericSink } from '../dist/data/budgeted-numeric-sink.js';
import { CategoricalSink } from '../dist/data/dataset.js';
import { MemoryBudget } from '../dist/data/memory-budget.js';
import { CATEGORIES } from './synthetic-data.js';

const [profileFile, rowsText, budgetText] = process.argv.slice(2) as [string, string, string];
const rows = Number(rowsText);
const profile = parseProfile(JSON.parse(readFileSync(profileFile, 'utf8')));
const budget = new MemoryBudget(Number(budgetText));
const numeric = new Map<string, BudgetedNumericSink>();
const categorical = new Map<string, CategoricalSink>();
for (const [name, column] of Object.entries(profile.columns)) {
  if (column.type === 'numeric') numeric.set(name, new BudgetedNumericSink(referenceDistribution(column), 10, budget));
  else categorical.set(name, new CategoricalSink());
}

const started = process.hrtime.bigint();
const random = seededRandom(7);
// Normal deviates from a table of 2^20 Box–Muller draws, indexed at random: a fifth of the cost of drawing each
// one, so the run measures the sinks rather than the generator.
const TABLE = 1 << 20;
const normals = Float64Array.from(
  { length: TABLE },
  () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
);
const normal = (): number => normals[(random() * TABLE) | 0]!;
const CHUNK = 1 << 16;
const chunk = new Float64Array(CHUNK);
for (let done = 0; done < rows; done += CHUNK) {
  const n = Math.min(CHUNK, rows - done);
  const batch = chunk.subarray(0, n);
  let i = 0;
  for (const [name, sink] of numeric) {
    // The same shapes as the synthetic CSV: x0..x15 normal with spread i+1 (the first four shifted), score uniform.
    const spread = i + 1;
    const shift = i < 4 ? 0.5 : 0;
    if (name === 'score') for (let r = 0; r < n; r++) batch[r] = random();
    else for (let r = 0; r < n; r++) batch[r] = normal() * spread + shift;
    sink.addNumbers(batch);
    i++;
  }
  for (const sink of categorical.values()) {
    for (let r = 0; r < n; r++) sink.add(CATEGORIES[Math.floor(random() * CATEGORIES.length)]!);
  }
}
const bounds: Record<string, { ks: number; wasserstein: number; retained: number }> = {};
for (const [name, sink] of numeric) {
  if (!sink.streamed) continue;
  const d = sink.streamed.drift();
  bounds[name] = {
    ks: d.bounds.ksStatistic,
    wasserstein: d.bounds.wasserstein,
    retained: sink.streamed.summary.retained,
  };
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stderr.write(
  `${JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, seconds, streaming: budget.streaming, bounds })}\n`
);
