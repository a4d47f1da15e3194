import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULTS, DRIFT_ALPHA_RANGE } from '@modelwatch/semconv';
import { driftNoiseFloor, seededRandom, simulatedNoiseFloor, type NoiseFloorStatistic } from '@modelwatch/stats';
import { positiveInteger, type Exit } from './options.js';

/** The statistics `thresholds` knows, by their command-line names (js is the Jensen–Shannon distance). */
const STATISTICS = { psi: 'psi', js: 'jensenShannon' } as const satisfies Record<string, NoiseFloorStatistic>;
type StatisticFlag = keyof typeof STATISTICS;

export interface ThresholdsOptions {
  statistic: StatisticFlag;
  bins: number;
  samples: number;
  referenceSize?: number;
  alpha: number;
  monteCarlo?: number;
  seed: number;
}

/** What `modelwatch thresholds` prints, keys in this order. */
export interface ThresholdsReport {
  statistic: StatisticFlag;
  bins: number;
  samples: number;
  referenceSize: number | null;
  alpha: number;
  /** First order: q·(1/n + 1/m) for PSI, its square root over 8 for the distance. */
  asymptotic: number;
  /** With the small-window correction (equal shares): the floor `check` and the generated rules judge against. */
  floor: number;
  monteCarlo?: number;
}

function count(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(x) || x < 1)
    throw new InvalidArgumentError('must be a whole number of at least 1.');
  return x;
}

function alpha(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !(x > DRIFT_ALPHA_RANGE.min && x < DRIFT_ALPHA_RANGE.max)) {
    throw new InvalidArgumentError(
      `must be a number strictly between ${DRIFT_ALPHA_RANGE.min} and ${DRIFT_ALPHA_RANGE.max}.`
    );
  }
  return x;
}

function seed(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isInteger(x) || x < 0 || x > 0xffffffff) {
    throw new InvalidArgumentError('must be a whole number from 0 to 4294967295.');
  }
  return x;
}

/** The noise floor of one statistic for one window size: first order, corrected, and by simulation when asked. */
export function runThresholds(options: ThresholdsOptions): ThresholdsReport {
  const statistic = STATISTICS[options.statistic];
  const input = {
    bins: options.bins,
    samples: options.samples,
    referenceSize: options.referenceSize ?? null,
    alpha: options.alpha,
  };
  const floor = driftNoiseFloor(input);
  const report: ThresholdsReport = {
    statistic: options.statistic,
    bins: input.bins,
    samples: input.samples,
    referenceSize: input.referenceSize,
    alpha: input.alpha,
    asymptotic: floor.asymptotic[statistic],
    floor: floor[statistic],
  };
  if (options.monteCarlo !== undefined) {
    report.monteCarlo = simulatedNoiseFloor({
      ...input,
      statistic,
      simulations: options.monteCarlo,
      random: seededRandom(options.seed),
    });
  }
  return report;
}

/** `modelwatch thresholds`. */
export function registerThresholds(program: Command, exit: Exit): void {
  program
    .command('thresholds')
    .description(
      'print the noise floor of PSI or the Jensen–Shannon distance: the level a window drawn from the reference exceeds with probability alpha'
    )
    .addOption(
      new Option('--statistic <name>', 'psi, or js (the Jensen–Shannon distance)')
        .choices(Object.keys(STATISTICS))
        .makeOptionMandatory()
    )
    .requiredOption('--bins <count>', 'equal-probability reference bins (or categories), at least 2', positiveInteger)
    .requiredOption('--samples <count>', 'values in the current window', count)
    .option('--reference-size <count>', 'values in the reference (default: the reference shares are exact)', count)
    .option(
      '--alpha <probability>',
      `false-alarm probability per feature-window (default ${DEFAULTS.drift.alpha})`,
      alpha,
      DEFAULTS.drift.alpha
    )
    .option(
      '--monte-carlo <windows>',
      'also simulate this many windows from equal shares and report their 1 − alpha quantile',
      count
    )
    .option('--seed <seed>', 'seed of the simulation (default 1)', seed, 1)
    .action((flags: ThresholdsOptions) => {
      process.stdout.write(`${JSON.stringify(runThresholds(flags))}\n`);
      exit(0);
    });
}
