import {
  DEFAULT_MAX_CATEGORIES,
  DEFAULT_MAX_KNOTS,
  ProfileError,
  parseProfile,
  type ReferenceProfile,
} from '@modelwatch/stats';
import { DEFAULTS } from '@modelwatch/semconv';
import { InputError } from '../errors.js';
import { openTable } from '../data/open-table.js';
import type { InputFormat } from '../data/table-source.js';
import { readTextFile } from '../data/read-text.js';
import { readDataset, type ColumnKind, type Dataset, type DatasetPlan } from '../data/dataset.js';
import type { TargetSpec } from '../check/target.js';
import { buildProfile, resolveTarget } from './build-profile.js';

export interface ColumnChoices {
  categorical: readonly string[];
  ignore: readonly string[];
  protected: readonly string[];
}

/** Reads a saved profile, with one-line errors for a missing file, bad JSON or a foreign format. */
export function readProfileFile(file: string): ReferenceProfile {
  const text = readTextFile(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return parseProfile(json);
  } catch (e) {
    if (e instanceof ProfileError) throw new InputError(`${file}: not a usable Modelwatch profile: ${e.message}`);
    throw e;
  }
}

/** Checks that every column a flag names exists in the file, before any row is read. */
export function checkNamedColumns(
  file: string,
  header: readonly string[],
  named: Record<string, readonly (string | null)[]>
): void {
  for (const [flag, columns] of Object.entries(named)) {
    for (const c of columns) {
      if (c !== null && !header.includes(c))
        throw new InputError(
          `${file}: ${flag} names column '${c}', which is not in the file (its columns: ${header.join(', ')})`
        );
    }
  }
}

/** Reads a data file for profiling: every column not ignored, with types inferred unless forced categorical. */
export async function readReferenceData(
  file: string,
  spec: TargetSpec,
  choices: ColumnChoices,
  format?: InputFormat
): Promise<Dataset> {
  const source = await openTable(file, format);
  checkNamedColumns(file, source.header, {
    '--label': [spec.label],
    '--score': [spec.score],
    '--prediction': [spec.prediction],
    '--protected': choices.protected,
    '--categorical': choices.categorical,
    '--ignore': choices.ignore,
  });
  const forced = new Set(
    [...choices.categorical, ...choices.protected, spec.label, spec.prediction].filter((c): c is string => c !== null)
  );
  const columns = new Map<string, ColumnKind>();
  for (const name of source.header) {
    if (choices.ignore.includes(name)) continue;
    columns.set(name, forced.has(name) ? 'infer-categorical' : 'infer');
  }
  const plan: DatasetPlan = {
    columns,
    label: spec.label,
    score: spec.score,
    prediction: spec.prediction,
    protected: choices.protected,
    required: [],
  };
  const dataset = await readDataset(source, plan);
  if (dataset.rows === 0) throw new InputError(`${file}: has no data rows`);
  return dataset;
}

/** Target flags as given; a threshold of null means "not said" (the profile's, else 0.5). */
export type GivenTarget = Omit<TargetSpec, 'threshold'> & { threshold: number | null };

export interface LoadedReference {
  profile: ReferenceProfile;
  spec: TargetSpec;
}

/**
 * A reference from a saved profile (bounded, as the instrumentation sees it) or a data file (profiled in memory
 * without bounds, so every statistic is exact). Flags given on the command line win over the profile's.
 */
export async function loadReference(
  file: string,
  given: GivenTarget,
  choices: ColumnChoices,
  format?: InputFormat
): Promise<LoadedReference> {
  if (/\.json$/i.test(file)) {
    const profile = readProfileFile(file);
    const t = profile.target;
    const spec: TargetSpec = {
      label: given.label ?? t.label,
      positive: given.positive ?? t.positive,
      score: given.score ?? t.score,
      prediction: given.prediction ?? t.prediction,
      threshold: given.threshold ?? t.threshold,
    };
    for (const [flag, column] of [
      ['--label', spec.label],
      ['--score', spec.score],
      ['--prediction', spec.prediction],
    ] as const) {
      if (column !== null && !profile.columns[column])
        throw new InputError(`${file}: ${flag} names column '${column}', which the profile does not describe`);
    }
    for (const c of choices.ignore) delete profile.columns[c];
    const protectedColumns = choices.protected.length ? [...choices.protected] : profile.protected;
    return { profile: { ...profile, protected: protectedColumns }, spec };
  }
  const withThreshold: TargetSpec = { ...given, threshold: given.threshold ?? DEFAULTS.threshold };
  const dataset = await readReferenceData(file, withThreshold, choices, format);
  const spec = resolveTarget(dataset, withThreshold);
  const profile = buildProfile(dataset, spec, {
    maxKnots: Number.POSITIVE_INFINITY,
    maxCategories: Number.POSITIVE_INFINITY,
    protected: choices.protected,
    sourceName: file,
  });
  return { profile, spec };
}

export { DEFAULT_MAX_CATEGORIES, DEFAULT_MAX_KNOTS };
