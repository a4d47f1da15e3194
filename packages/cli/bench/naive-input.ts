// The naive way a check on a data file is often written: load every row into an object, then compute per column.
// CSV through csv-parse's synchronous API, Parquet through hyparquet's parquetReadObjects. Same statistics as the
// streaming path's drift (PSI from the empirical distribution), so the benchmark compares the data handling.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import {
  EmpiricalDistribution,
  categoricalDrift,
  numericDrift,
  parseProfile,
  referenceCategoryCounts,
  referenceDistribution,
} from '@modelwatch/stats';

const [profileFile, currentFile] = process.argv.slice(2) as [string, string];
const profile = parseProfile(JSON.parse(readFileSync(profileFile, 'utf8')));
const rows = currentFile.endsWith('.parquet')
  ? await parquetReadObjects({ file: await asyncBufferFromFile(currentFile), compressors })
  : (parse(readFileSync(currentFile), { columns: true }) as Record<string, unknown>[]);
const drift: Record<string, number> = {};
for (const [name, column] of Object.entries(profile.columns)) {
  if (column.type === 'numeric') {
    const values = rows.map((r) => Number(r[name] ?? Number.NaN)).filter(Number.isFinite);
    drift[name] = numericDrift(referenceDistribution(column), EmpiricalDistribution.fromValues(values)).psi;
  } else {
    const counts = new Map<string, number>();
    for (const r of rows) {
      const v = String(r[name] ?? '');
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    drift[name] = categoricalDrift(referenceCategoryCounts(column), counts).psi;
  }
}
const usage = process.resourceUsage();
process.stderr.write(
  `${JSON.stringify({ maxRssBytes: usage.maxRSS * 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 })}\n`
);
