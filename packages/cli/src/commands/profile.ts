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
import { referenceAttributions, withoutAttributionColumns } from '../reference/attributions.js';

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
  /** A file of reference attributions whose columns are the features they explain. */
  attributions?: string;
  /** …or the data file's columns named PREFIX<feature> (left out of the profile's columns). */
  attributionPrefix?: string;
}

/** Builds a reference profile from a data file (CSV, Parquet, Arrow) and writes it as JSON. */
export async function runProfile(options: ProfileCommandOptions): Promise<ReferenceProfile> {
  const plan = chunkPlanOf(options);
  const spec = { ...options.target, threshold: options.target.threshold ?? DEFAULTS.threshold };
  if (options.attributions !== undefined && options.attributionPrefix !== undefined)
    throw new InputError('give --attributions FILE or --attribution-prefix PREFIX, not both');
  const columns = await withoutAttributionColumns(
    options.data,
    options.columns,
    options.attributionPrefix,
    options.inputFormat
  );
  const dataset = await readReferenceData(options.data, spec, columns, options.inputFormat);
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
  const attributionSource =
    options.attributions !== undefined
      ? { file: options.attributions, format: options.inputFormat }
      : options.attributionPrefix !== undefined
        ? { file: options.data, prefix: options.attributionPrefix, format: options.inputFormat }
        : null;
  if (attributionSource !== null)
    profile.attributions = await referenceAttributions(attributionSource, options.maxKnots ?? DEFAULT_MAX_KNOTS);
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
    .option(
      '--attributions <file>',
      'reference attributions (SHAP, integrated gradients…), one column per feature: adds attribution drift and importance'
    )
    .option(
      '--attribution-prefix <prefix>',
      "the data's columns named <prefix><feature> are that feature's attributions (kept out of the profile's columns)"
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
          attributions?: string;
          attributionPrefix?: string;
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
          attributions: flags.attributions,
          attributionPrefix: flags.attributionPrefix,
        });
        const chunked = profile.chunks ? ` in ${profile.chunks.rows.length} chunks` : '';
        const attributed = profile.attributions
          ? `, attributions of ${Object.keys(profile.attributions).length} features`
          : '';
        process.stderr.write(
          `wrote ${flags.out}: ${Object.keys(profile.columns).length} columns from ${profile.source.rows} rows${chunked}${attributed}\n`
        );
        exit(0);
      }
    );
}
