import { InvalidArgumentError, Option, type Command } from 'commander';
import { INPUT_FORMATS } from '../data/table-source.js';
import type { ColumnChoices, GivenTarget } from '../reference/load.js';

/** Receives the exit code the contract gives each outcome. */
export type Exit = (code: number) => void;

/** The one shape of every command module's export: adds its command to the program. */
export type RegisterCommand = (program: Command, exit: Exit) => void;

export const list = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export function probability(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < 0 || x > 1)
    throw new InvalidArgumentError('must be a number in [0, 1].');
  return x;
}

export function positiveInteger(value: string): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < 2) throw new InvalidArgumentError('must be a whole number of at least 2.');
  return x;
}

/** Equal-probability bins, within the range modelwatch.yaml's `bins` allows. */
export function binCount(value: string): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < 2 || x > 100) throw new InvalidArgumentError('must be a whole number from 2 to 100.');
  return x;
}

export function param(value: string, previous: Record<string, number | string> = {}): Record<string, number | string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`'${value}' is not NAME=VALUE.`);
  const name = value.slice(0, eq).trim();
  const raw = value.slice(eq + 1).trim();
  const x = Number(raw);
  return { ...previous, [name]: raw !== '' && Number.isFinite(x) ? x : raw };
}

/** `--input-format`: how data files are read when their extension does not say (`--format` names the output). */
export function inputFormatOption(): Option {
  return new Option(
    '--input-format <format>',
    'format of the data files (default: by extension: .parquet, .arrow/.feather/.ipc, else CSV)'
  ).choices(INPUT_FORMATS);
}

export interface TargetFlags {
  label?: string;
  positive?: string;
  score?: string;
  prediction?: string;
  threshold?: number;
  protected?: string[];
  categorical?: string[];
  ignore?: string[];
}

/** The target and column options `profile` and `check` share (each adds its own `--threshold`). */
export function withTargetOptions(command: Command): Command {
  return command
    .option('--label <column>', 'the outcome column')
    .option('--positive <value>', 'the label value of the positive class (default: 1, true or yes when unambiguous)')
    .option('--score <column>', 'the model score column: probabilities of the positive class')
    .option('--prediction <column>', "the model's decision column (default: score >= threshold)")
    .option('--protected <columns>', 'protected attributes for fairness, comma-separated', list)
    .option('--categorical <columns>', 'treat these columns as categorical, comma-separated', list)
    .option('--ignore <columns>', 'leave these columns out, comma-separated', list);
}

export function targetOf(flags: TargetFlags): { target: GivenTarget; columns: ColumnChoices } {
  return {
    target: {
      label: flags.label ?? null,
      positive: flags.positive ?? null,
      score: flags.score ?? null,
      prediction: flags.prediction ?? null,
      threshold: flags.threshold ?? null,
    },
    columns: { protected: flags.protected ?? [], categorical: flags.categorical ?? [], ignore: flags.ignore ?? [] },
  };
}
