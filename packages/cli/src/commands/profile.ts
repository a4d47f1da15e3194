import type { Command } from 'commander';
import { DEFAULTS } from '@modelwatch/semconv';
import { DEFAULT_MAX_CATEGORIES, DEFAULT_MAX_KNOTS, type ReferenceProfile } from '@modelwatch/stats';
import { InputError } from '../errors.js';
import { buildProfile, resolveTarget } from '../reference/build-profile.js';
import { readReferenceCsv, type ColumnChoices, type GivenTarget } from '../reference/load.js';
import { positiveInteger, probability, targetOf, withTargetOptions, type Exit, type TargetFlags } from './options.js';
import { writeTextFile } from '../data/write-text.js';

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
  const spec = { ...options.target, threshold: options.target.threshold ?? DEFAULTS.threshold };
  const dataset = await readReferenceCsv(options.data, spec, options.columns);
  const profile = buildProfile(dataset, resolveTarget(dataset, spec), {
    maxKnots: options.maxKnots ?? DEFAULT_MAX_KNOTS,
    maxCategories: options.maxCategories ?? DEFAULT_MAX_CATEGORIES,
    protected: options.columns.protected,
    sourceName: options.data,
  });
  try {
    writeTextFile(options.out, `${JSON.stringify(profile)}\n`);
  } catch (e) {
    throw new InputError(`${options.out}: cannot write the profile (${e instanceof Error ? e.message : String(e)})`);
  }
  return profile;
}

/** `modelwatch profile`. */
export function registerProfile(program: Command, exit: Exit): void {
  withTargetOptions(
    program
      .command('profile')
      .description('build a reference profile (JSON) from a reference data set')
      .requiredOption('--data <file>', 'reference CSV (training or validation data)')
      .requiredOption('--out <file>', 'where to write the profile JSON')
  )
    .option('--threshold <t>', 'decision threshold on the score', probability)
    .option('--max-knots <n>', 'knots kept per numeric column before a quantile summary is used', positiveInteger)
    .option('--max-categories <n>', 'categories kept by name per column; the rest count as __other__', positiveInteger)
    .action(async (flags: TargetFlags & { data: string; out: string; maxKnots?: number; maxCategories?: number }) => {
      const { target, columns } = targetOf(flags);
      const profile = await runProfile({
        data: flags.data,
        out: flags.out,
        target,
        columns,
        maxKnots: flags.maxKnots,
        maxCategories: flags.maxCategories,
      });
      process.stderr.write(
        `wrote ${flags.out}: ${Object.keys(profile.columns).length} columns from ${profile.source.rows} rows\n`
      );
      exit(0);
    });
}
