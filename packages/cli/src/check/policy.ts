import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { readTextFile } from '../data/read-text.js';

const level = z.number().finite();
/** Warning and critical levels of one statistic; a null level is off. */
const levels = z.object({ warning: level.nullable().optional(), critical: level.nullable().optional() }).strict();

/** Levels of each drift statistic, the same keys at the top of `drift` and per column. */
const driftStatisticLevels = {
  psi: levels.optional(),
  jensenShannon: levels.optional(),
  /** Fires when the KS p-value falls below the level (off by default: large samples make every shift significant). */
  ksPValue: levels.optional(),
  wasserstein: levels.optional(),
  chiSquarePValue: levels.optional(),
  newCategoryShare: levels.optional(),
};

const driftPolicy = z
  .object({
    bins: z.number().int().min(2).max(1000).optional(),
    ...driftStatisticLevels,
    /** Per-column overrides of the levels above. */
    columns: z.record(z.string(), z.object(driftStatisticLevels).strict()).optional(),
  })
  .strict();

const configSchema = z
  .object({
    drift: driftPolicy.optional(),
    dataQuality: z
      .object({ missingShareIncrease: levels.optional(), invalidShare: levels.optional() })
      .strict()
      .optional(),
    performance: z
      .object({
        /** Largest allowed drop of each metric below its reference value. */
        maxDrop: z.partialRecord(z.enum(['accuracy', 'precision', 'recall', 'f1', 'rocAuc']), levels).optional(),
      })
      .strict()
      .optional(),
    fairness: z
      .object({
        minGroupSize: z.number().int().min(1).optional(),
        /** Floors: fire when the value falls below. */
        disparateImpact: levels.optional(),
        demographicParityRatio: levels.optional(),
        /** Ceilings: fire when the value rises above. */
        demographicParityDifference: levels.optional(),
        equalizedOddsDifference: levels.optional(),
        equalOpportunityDifference: levels.optional(),
        fnrDifference: levels.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type CheckConfig = z.infer<typeof configSchema>;
export interface Levels {
  warning: number | null;
  critical: number | null;
}

export type DriftStatistic =
  'psi' | 'jensenShannon' | 'ksPValue' | 'wasserstein' | 'chiSquarePValue' | 'newCategoryShare';

/** The policy in force: every level resolved, nothing optional. */
export interface Policy {
  bins: number;
  drift: Record<DriftStatistic, Levels>;
  driftColumns: Record<string, Partial<Record<DriftStatistic, Levels>>>;
  missingShareIncrease: Levels;
  invalidShare: Levels;
  maxDrop: Partial<Record<'accuracy' | 'precision' | 'recall' | 'f1' | 'rocAuc', Levels>>;
  minGroupSize: number;
  fairnessFloors: Partial<Record<'disparateImpact' | 'demographicParityRatio', Levels>>;
  fairnessCeilings: Partial<
    Record<
      'demographicParityDifference' | 'equalizedOddsDifference' | 'equalOpportunityDifference' | 'fnrDifference',
      Levels
    >
  >;
}

const off: Levels = { warning: null, critical: null };

/** Defaults: the thresholds Evidently and the four-fifths rule made familiar; see docs/statistics.md. */
export function defaultPolicy(): Policy {
  return {
    bins: 10,
    drift: {
      psi: { warning: 0.1, critical: 0.2 },
      jensenShannon: { warning: 0.1, critical: null },
      ksPValue: off,
      wasserstein: off,
      chiSquarePValue: off,
      newCategoryShare: { warning: 0.05, critical: null },
    },
    driftColumns: {},
    missingShareIncrease: { warning: 0.1, critical: null },
    invalidShare: { warning: 0.01, critical: null },
    maxDrop: { f1: { warning: 0.05, critical: null }, accuracy: { warning: 0.05, critical: null } },
    minGroupSize: 30,
    fairnessFloors: { disparateImpact: { warning: 0.8, critical: null } },
    fairnessCeilings: {},
  };
}

function resolve(base: Levels, given: z.infer<typeof levels> | undefined): Levels {
  if (!given) return base;
  return {
    warning: given.warning === undefined ? base.warning : given.warning,
    critical: given.critical === undefined ? base.critical : given.critical,
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    return `unknown key ${path ? `${path}.` : ''}${keys}`;
  }
  return `${path || '(top level)'}: ${issue.message}`;
}

/** Merges a validated config over the defaults. */
export function policyFromConfig(config: CheckConfig): Policy {
  const p = defaultPolicy();
  const d = config.drift ?? {};
  p.bins = d.bins ?? p.bins;
  for (const key of Object.keys(p.drift) as DriftStatistic[]) p.drift[key] = resolve(p.drift[key], d[key]);
  for (const [column, overrides] of Object.entries(d.columns ?? {})) {
    const resolved: Partial<Record<DriftStatistic, Levels>> = {};
    for (const [key, value] of Object.entries(overrides) as [DriftStatistic, z.infer<typeof levels>][]) {
      resolved[key] = resolve(p.drift[key], value);
    }
    p.driftColumns[column] = resolved;
  }
  p.missingShareIncrease = resolve(p.missingShareIncrease, config.dataQuality?.missingShareIncrease);
  p.invalidShare = resolve(p.invalidShare, config.dataQuality?.invalidShare);
  for (const [metric, value] of Object.entries(config.performance?.maxDrop ?? {})) {
    const key = metric as keyof Policy['maxDrop'];
    p.maxDrop[key] = resolve(p.maxDrop[key] ?? off, value);
  }
  const f = config.fairness ?? {};
  p.minGroupSize = f.minGroupSize ?? p.minGroupSize;
  for (const key of ['disparateImpact', 'demographicParityRatio'] as const) {
    if (f[key]) p.fairnessFloors[key] = resolve(p.fairnessFloors[key] ?? off, f[key]);
  }
  for (const key of [
    'demographicParityDifference',
    'equalizedOddsDifference',
    'equalOpportunityDifference',
    'fnrDifference',
  ] as const) {
    if (f[key]) p.fairnessCeilings[key] = resolve(p.fairnessCeilings[key] ?? off, f[key]);
  }
  return p;
}

/** Reads and validates a YAML config file; any problem is one line naming the file and the key. */
export function loadPolicy(file: string | undefined): Policy {
  if (!file) return defaultPolicy();
  const text = readTextFile(file);
  let json: unknown;
  try {
    json = parseYaml(text) ?? {};
  } catch (e) {
    throw new InputError(`${file}: not valid YAML (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`);
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) throw new InputError(`${file}: ${describeIssue(parsed.error.issues[0]!)}`);
  return policyFromConfig(parsed.data);
}
