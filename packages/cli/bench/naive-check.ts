// The naive way a check is often written: load the whole file into row objects, then compute per column.
// Same statistics as `modelwatch check`, so the benchmark compares only the data handling.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
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
const rows = parse(readFileSync(currentFile), { columns: true }) as Record<string, string>[];
const drift: Record<string, number> = {};
for (const [name, column] of Object.entries(profile.columns)) {
  if (column.type === 'numeric') {
    const values = rows.map((r) => Number(r[name])).filter(Number.isFinite);
    drift[name] = numericDrift(referenceDistribution(column), EmpiricalDistribution.fromValues(values)).psi;
  } else {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r[name]!, (counts.get(r[name]!) ?? 0) + 1);
    drift[name] = categoricalDrift(referenceCategoryCounts(column), counts).psi;
  }
}
process.stderr.write(
  `${JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, columns: Object.keys(drift).length })}\n`
);
