import { parse as parseYaml } from 'yaml';
import {
  BINARY_METRICS,
  BINARY_PERFORMANCE,
  CHECK_DRIFT,
  CHECK_DRIFT_KEYS,
  CHECK_FAIRNESS,
  CHECK_FAIRNESS_KEYS,
  CHECK_QUALITY,
  DEFAULTS,
  DRIFT_ALPHA_RANGE,
  type CheckDriftStatistic,
  type CheckFairnessStatistic,
  type DefaultLevels,
  type StatisticSpec,
} from '@modelwatch/semconv';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { readTextFile } from '../data/read-text.js';
import { packListProblem, packListSchema, packsOf, type PolicyConfig } from '../audit/pack-config.js';

const level = z.number().finite();
/** Warning and critical levels of one statistic; a null level is off. */
const levels = z.object({ warning: level.nullable().optional(), critical: level.nullable().optional() }).strict();
type GivenLevels = z.infer<typeof levels>;
const optionalLevels = levels.optional();

/** Levels of each drift statistic, the same keys at the top of `drift` and per column. */
const driftStatisticLevels = Object.fromEntries(CHECK_DRIFT_KEYS.map((k) => [k, optionalLevels])) as Record<
  CheckDriftStatistic,
  typeof optionalLevels
>;

/** ROC AUC needs whole rows of scores and labels, so only `check` judges its drop, beside the recorded metrics. */
const DROP_METRICS = [...BINARY_METRICS, 'rocAuc'] as const;
type DropMetric = (typeof DROP_METRICS)[number];

const driftPolicy = z
  .object({
    bins: z.number().int().min(2).max(1000).optional(),
    /** False-alarm probability per column of the noise floor the report shows beside PSI and Jensen–Shannon. */
    alpha: z
      .number()
      .gt(DRIFT_ALPHA_RANGE.min, `must be strictly between ${DRIFT_ALPHA_RANGE.min} and ${DRIFT_ALPHA_RANGE.max}`)
      .lt(DRIFT_ALPHA_RANGE.max, `must be strictly between ${DRIFT_ALPHA_RANGE.min} and ${DRIFT_ALPHA_RANGE.max}`)
      .optional(),
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
        maxDrop: z.partialRecord(z.enum(DROP_METRICS), levels).optional(),
      })
      .strict()
      .optional(),
    fairness: z
      .object({
        minGroupSize: z.number().int().min(1).optional(),
        /** Floors (disparate impact, parity ratio) fire below their levels, ceilings (differences) above. */
        ...(Object.fromEntries(CHECK_FAIRNESS_KEYS.map((k) => [k, optionalLevels])) as Record<
          CheckFairnessStatistic,
          typeof optionalLevels
        >),
      })
      .strict()
      .optional(),
    /** Policy packs judged on the decisions by protected attribute, as with --policy. */
    policies: packListSchema.optional(),
    /** Explanation drift (`--attribution-prefix`): nDCG of the live importance ranking below these levels. */
    attribution: z.object({ ndcg: levels.optional() }).strict().optional(),
  })
  .strict();

export type CheckConfig = z.infer<typeof configSchema>;
export interface Levels {
  warning: number | null;
  critical: number | null;
}

/** The policy in force: every level resolved, nothing optional. */
export interface Policy {
  bins: number;
  /** α of the noise floors reported beside PSI and Jensen–Shannon. */
  alpha: number;
  drift: Record<CheckDriftStatistic, Levels>;
  driftColumns: Record<string, Partial<Record<CheckDriftStatistic, Levels>>>;
  missingShareIncrease: Levels;
  invalidShare: Levels;
  maxDrop: Partial<Record<DropMetric, Levels>>;
  minGroupSize: number;
  /** Statistics judged as floors (direction below in the catalogue). */
  fairnessFloors: Partial<Record<CheckFairnessStatistic, Levels>>;
  /** Statistics judged as ceilings (direction above). */
  fairnessCeilings: Partial<Record<CheckFairnessStatistic, Levels>>;
  /** Policy packs with their options (`policies`); `--policy` adds more by name. */
  packs: PolicyConfig[];
  /** nDCG of the live attribution-importance ranking: a violation below these levels. */
  attributionNdcg: Levels;
}

const off: Levels = { warning: null, critical: null };

const levelsOf = (given: DefaultLevels | undefined): Levels => ({
  warning: given?.warning ?? null,
  critical: given?.critical ?? null,
});

/** Statistics of a catalogue area with default check levels, each with those levels, in catalogue order. */
function defaultLevels<K extends string>(
  area: Readonly<Record<K, StatisticSpec>>,
  keys: readonly K[] = Object.keys(area) as K[]
): Partial<Record<K, Levels>> {
  const out: Partial<Record<K, Levels>> = {};
  for (const key of keys) {
    const given = area[key].checkLevels;
    if (given && (given.warning !== undefined || given.critical !== undefined)) out[key] = levelsOf(given);
  }
  return out;
}

const isFloor = (key: CheckFairnessStatistic): boolean => CHECK_FAIRNESS[key].direction === 'below';

/**
 * Defaults from the contract's catalogue: the thresholds Evidently and the four-fifths rule made familiar
 * (see docs/statistics.md).
 */
export function defaultPolicy(): Policy {
  return {
    bins: DEFAULTS.bins,
    alpha: DEFAULTS.drift.alpha,
    drift: Object.fromEntries(CHECK_DRIFT_KEYS.map((k) => [k, levelsOf(CHECK_DRIFT[k].checkLevels)])) as Record<
      CheckDriftStatistic,
      Levels
    >,
    driftColumns: {},
    missingShareIncrease: levelsOf(CHECK_QUALITY.missingShareIncrease.checkLevels),
    invalidShare: levelsOf(CHECK_QUALITY.invalidShare.checkLevels),
    maxDrop: defaultLevels(BINARY_PERFORMANCE),
    minGroupSize: DEFAULTS.minGroupSize,
    fairnessFloors: defaultLevels(CHECK_FAIRNESS, CHECK_FAIRNESS_KEYS.filter(isFloor)),
    fairnessCeilings: defaultLevels(
      CHECK_FAIRNESS,
      CHECK_FAIRNESS_KEYS.filter((k) => !isFloor(k))
    ),
    packs: [],
    attributionNdcg: { warning: DEFAULTS.attribution.ndcg, critical: null },
  };
}

function resolve(base: Levels, given: GivenLevels | undefined): Levels {
  if (!given) return base;
  return {
    warning: given.warning === undefined ? base.warning : given.warning,
    critical: given.critical === undefined ? base.critical : given.critical,
  };
}

/** The keys the config accepts at a path, so an unknown key's message can list the right ones. */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = configSchema;
  for (const segment of [...path, null]) {
    while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
    if (segment === null) break;
    if (schema instanceof z.ZodObject) schema = schema.shape[String(segment)] as z.ZodType;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else return [];
    if (!schema) return [];
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    const known = knownKeys(issue.path);
    return `unknown key ${path ? `${path}.` : ''}${keys}${known.length ? ` (known: ${known.join(', ')})` : ''}`;
  }
  return `${path || '(top level)'}: ${issue.message}`;
}

/** Merges a validated config over the defaults. */
export function policyFromConfig(config: CheckConfig): Policy {
  const p = defaultPolicy();
  const d = config.drift ?? {};
  p.bins = d.bins ?? p.bins;
  p.alpha = d.alpha ?? p.alpha;
  for (const key of CHECK_DRIFT_KEYS) p.drift[key] = resolve(p.drift[key], d[key]);
  for (const [column, overrides] of Object.entries(d.columns ?? {})) {
    const resolved: Partial<Record<CheckDriftStatistic, Levels>> = {};
    for (const [key, value] of Object.entries(overrides) as [CheckDriftStatistic, GivenLevels][]) {
      resolved[key] = resolve(p.drift[key], value);
    }
    p.driftColumns[column] = resolved;
  }
  p.missingShareIncrease = resolve(p.missingShareIncrease, config.dataQuality?.missingShareIncrease);
  p.invalidShare = resolve(p.invalidShare, config.dataQuality?.invalidShare);
  for (const [metric, value] of Object.entries(config.performance?.maxDrop ?? {})) {
    const key = metric as DropMetric;
    p.maxDrop[key] = resolve(p.maxDrop[key] ?? off, value);
  }
  const f = config.fairness ?? {};
  p.minGroupSize = f.minGroupSize ?? p.minGroupSize;
  for (const key of CHECK_FAIRNESS_KEYS) {
    const given = f[key];
    if (!given) continue;
    if (isFloor(key)) p.fairnessFloors[key] = resolve(p.fairnessFloors[key] ?? off, given);
    else p.fairnessCeilings[key] = resolve(p.fairnessCeilings[key] ?? off, given);
  }
  p.packs = packsOf(config.policies);
  p.attributionNdcg = resolve(p.attributionNdcg, config.attribution?.ndcg);
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
  const packs = packListProblem(packsOf(parsed.data.policies));
  if (packs) throw new InputError(`${file}: policies.${packs}`);
  return policyFromConfig(parsed.data);
}
