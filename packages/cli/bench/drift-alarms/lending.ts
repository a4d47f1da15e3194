// The lending demo's traffic: the reference profile the demo's service builds from data/reference.csv, and rows
// resampled from the held-out applicants (data/current.csv) as the demo's traffic sends them, optionally with the
// covariate-drift scenario's shifts (examples/lending/src/demo/scenarios/catalogue.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ReferenceProfile } from '@modelwatch/stats';
import { runProfile } from '@modelwatch/cli';
import { pick, type SimRow, type TrafficSource } from './traffic.js';

/** What the demo's service passes to `modelwatch profile` and to ModelMonitor. */
const LABEL = 'deny';
const SCORE = 'score';
const PROTECTED = 'afam';
const YES_NO = new Set(['yes', 'no']);

/** The covariate-drift scenario: every applicant's pirat × 1.25 and lvrat + 0.08. */
export const COVARIATE_DRIFT: readonly { feature: string; multiply?: number; add?: number }[] = [
  { feature: 'pirat', multiply: 1.25 },
  { feature: 'lvrat', add: 0.08 },
];

export interface LendingTraffic {
  steady: TrafficSource;
  covariateDrift: TrafficSource;
  /** Inputs of the model (drift features), without the label and the score. */
  features: string[];
}

export async function lendingTraffic(dataDir: string, workDir: string): Promise<LendingTraffic> {
  const profile: ReferenceProfile = await runProfile({
    data: join(dataDir, 'reference.csv'),
    target: { label: LABEL, positive: 'yes', score: SCORE, prediction: null, threshold: null },
    columns: { categorical: [], ignore: [], protected: [PROTECTED] },
    out: join(workDir, 'lending-profile.json'),
  });
  const rows = parse(readFileSync(join(dataDir, 'current.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const features = Object.keys(rows[0]!).filter((c) => c !== LABEL && c !== SCORE && c !== PROTECTED);
  const source = (shifts: typeof COVARIATE_DRIFT): TrafficSource => ({
    profile,
    protectedAttributes: [PROTECTED],
    row: (random: () => number): SimRow => {
      const row = rows[pick(random, rows.length)]!;
      const values: SimRow['features'] = {};
      // As the demo's traffic sends an application: yes/no stay text, the rest are numbers.
      for (const f of features) values[f] = YES_NO.has(row[f]!) ? row[f]! : Number(row[f]);
      for (const s of shifts) values[s.feature] = (values[s.feature] as number) * (s.multiply ?? 1) + (s.add ?? 0);
      return { features: values, attributes: { [PROTECTED]: row[PROTECTED]! } };
    },
  });
  return { steady: source([]), covariateDrift: source(COVARIATE_DRIFT), features: [...features, PROTECTED] };
}
