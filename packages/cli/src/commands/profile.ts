import { writeFileSync } from 'node:fs';
import { DEFAULT_MAX_CATEGORIES, DEFAULT_MAX_KNOTS, type ReferenceProfile } from '@modelwatch/stats';
import { InputError } from '../errors.js';
import { buildProfile, resolveTarget } from '../reference/build-profile.js';
import { DEFAULT_THRESHOLD, readReferenceCsv, type ColumnChoices, type GivenTarget } from '../reference/load.js';

export interface ProfileCommandOptions {
  data: string;
  target: GivenTarget;
  columns: ColumnChoices;
  out: string;
  maxKnots?: number;
  maxCategories?: number;
}

/** Builds a reference profile from a CSV and writes it as JSON. */
export async function runProfile(options: ProfileCommandOptions): Promise<ReferenceProfile> {
  const spec = { ...options.target, threshold: options.target.threshold ?? DEFAULT_THRESHOLD };
  const dataset = await readReferenceCsv(options.data, spec, options.columns);
  const profile = buildProfile(dataset, resolveTarget(dataset, spec), {
    maxKnots: options.maxKnots ?? DEFAULT_MAX_KNOTS,
    maxCategories: options.maxCategories ?? DEFAULT_MAX_CATEGORIES,
    protected: options.columns.protected,
    sourceName: options.data,
  });
  try {
    writeFileSync(options.out, `${JSON.stringify(profile)}\n`);
  } catch (e) {
    throw new InputError(`${options.out}: cannot write the profile (${e instanceof Error ? e.message : String(e)})`);
  }
  return profile;
}
