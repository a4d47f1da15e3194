import type { Command } from 'commander';
import { DEFAULTS } from '@modelwatch/semconv';
import { DEFAULT_MAX_CATEGORIES, DEFAULT_MAX_KNOTS, type ReferenceProfile } from '@modelwatch/stats';
import { InputError } from '../errors.js';
import { buildProfile, resolveTarget } from '../reference/build-profile.js';
import { readReferenceData, type ColumnChoices, type GivenTarget } from '../reference/load.js';
import type { InputFormat } from '../data/table-source.js';
import {
  inputFormatOption,
  positiveInteger,
  probability,
  targetOf,
  withTargetOptions,
  type Exit,
  type TargetFlags,
} from './options.js';
import { writeTextFile } from '../data/write-text.js';
import { chunkPlanOf, referenceChunksOf } from '../reference/chunk-statistics.js';
import { binCount } from './options.js';

export interface ProfileCommandOptions {
  data: string;
  target: GivenTarget;
  columns: ColumnChoices;
  out: string;
  maxKnots?: number;
  maxCategories?: number;
  /** How to read the data file; by its extension when not given. */
  inputFormat?: InputFormat;
  /** Cut the reference into this many chunks of consecutive rows and record their drift statistics. */
  chunks?: number;
  /** …or into chunks of this many rows. */
  chunkSize?: number;
  /** Equal-probability bins of the chunks' binned statistics (default DEFAULTS.bins). */
  bins?: number;
}

/** Builds a reference profile from a data file (CSV, Parquet, Arrow) and writes it as JSON. */
export async function runProfile(options: ProfileCommandOptions): Promise<ReferenceProfile> {
  const plan = chunkPlanOf(options);
  const spec = { ...options.target, threshold: options.target.threshold ?? DEFAULTS.threshold };
  const dataset = await readReferenceData(options.data, spec, options.columns, options.inputFormat);
  const profile = buildProfile(dataset, resolveTarget(dataset, spec), {
    maxKnots: options.maxKnots ?? DEFAULT_MAX_KNOTS,
    maxCategories: options.maxCategories ?? DEFAULT_MAX_CATEGORIES,
    protected: options.columns.protected,
    sourceName: options.data,
  });
  if (plan)
    profile.chunks = await referenceChunksOf(
      options.data,
      profile,
      plan,
      options.bins ?? DEFAULTS.bins,
      options.inputFormat
    );
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
      .requiredOption('--data <file>', 'reference data: CSV, Parquet or Arrow (training or validation data)')
      .requiredOption('--out <file>', 'where to write the profile JSON')
  )
    .option('--threshold <t>', 'decision threshold on the score', probability)
    .option('--max-knots <n>', 'knots kept per numeric column before a quantile summary is used', positiveInteger)
    .option('--max-categories <n>', 'categories kept by name per column; the rest count as __other__', positiveInteger)
    .addOption(inputFormatOption())
    .option(
      '--chunks <k>',
      'cut the reference into k chunks of consecutive rows and record each drift statistic per chunk (for drift.thresholds: reference-chunks)',
      positiveInteger
    )
    .option(
      '--chunk-size <n>',
      'like --chunks, with n rows per chunk (rows left over join the last chunk)',
      positiveInteger
    )
    .option(
      '--bins <b>',
      `equal-probability bins of the chunks' binned statistics; match drift bins in modelwatch.yaml (default ${DEFAULTS.bins})`,
      binCount
    )
    .action(
      async (
        flags: TargetFlags & {
          data: string;
          out: string;
          maxKnots?: number;
          maxCategories?: number;
          inputFormat?: InputFormat;
          chunks?: number;
          chunkSize?: number;
          bins?: number;
        }
      ) => {
        const { target, columns } = targetOf(flags);
        const profile = await runProfile({
          data: flags.data,
          out: flags.out,
          target,
          columns,
          maxKnots: flags.maxKnots,
          maxCategories: flags.maxCategories,
          inputFormat: flags.inputFormat,
          chunks: flags.chunks,
          chunkSize: flags.chunkSize,
          bins: flags.bins,
        });
        const chunked = profile.chunks ? ` in ${profile.chunks.rows.length} chunks` : '';
        process.stderr.write(
          `wrote ${flags.out}: ${Object.keys(profile.columns).length} columns from ${profile.source.rows} rows${chunked}\n`
        );
        exit(0);
      }
    );
}
