import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DETECTOR_KINDS, type DetectorKind } from '@modelwatch/stats';
import { InputError } from './errors.js';
import { runCheck } from './commands/check.js';
import { runDetect } from './commands/detect.js';
import { runProfile } from './commands/profile.js';
import { runGrafanaAlerts, runRules, runSchema } from './commands/rules.js';
import { registerDashboards } from './commands/dashboards.js';
import type { ColumnChoices, GivenTarget } from './reference/load.js';

const list = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

function probability(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < 0 || x > 1)
    throw new InvalidArgumentError('must be a number in [0, 1].');
  return x;
}

function positiveInteger(value: string): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < 2) throw new InvalidArgumentError('must be a whole number of at least 2.');
  return x;
}

function param(value: string, previous: Record<string, number | string> = {}): Record<string, number | string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`'${value}' is not NAME=VALUE.`);
  const name = value.slice(0, eq).trim();
  const raw = value.slice(eq + 1).trim();
  const x = Number(raw);
  return { ...previous, [name]: raw !== '' && Number.isFinite(x) ? x : raw };
}

interface TargetFlags {
  label?: string;
  positive?: string;
  score?: string;
  prediction?: string;
  threshold?: number;
  protected?: string[];
  categorical?: string[];
  ignore?: string[];
}

function withTargetOptions(command: Command): Command {
  return command
    .option('--label <column>', 'the outcome column')
    .option('--positive <value>', 'the label value of the positive class (default: 1, true or yes when unambiguous)')
    .option('--score <column>', 'the model score column: probabilities of the positive class')
    .option('--prediction <column>', "the model's decision column (default: score >= threshold)")
    .option('--protected <columns>', 'protected attributes for fairness, comma-separated', list)
    .option('--categorical <columns>', 'treat these columns as categorical, comma-separated', list)
    .option('--ignore <columns>', 'leave these columns out, comma-separated', list);
}

function targetOf(flags: TargetFlags): { target: GivenTarget; columns: ColumnChoices } {
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

/** The `modelwatch` command tree. `exit` receives the exit code the contract gives each outcome. */
export function buildProgram(exit: (code: number) => void): Command {
  const program = new Command('modelwatch')
    .description('Reference profiles, drift, performance and fairness checks for machine-learning models.')
    .version('0.1.0')
    .exitOverride()
    // A usage mistake is one line, like every other error, with the way to the usage in it.
    .configureOutput({ outputError: (text, write) => write(`${text.split('\n')[0]} (run with --help for usage)\n`) });

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

  withTargetOptions(
    program
      .command('check')
      .description('compare current data with a reference; exit 1 on any violation (a CI gate)')
      .requiredOption('--reference <file>', 'reference CSV or profile JSON')
      .requiredOption('--current <file>', 'current CSV')
  )
    .option('--threshold <t>', 'decision threshold on the score (default 0.5)', probability)
    .option('--calibrate', 'calibrate scores on the labelled reference before label-free estimation', false)
    .option('--config <file>', 'policy YAML (thresholds); see docs/statistics.md')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table']).default('json'))
    .option('--out <file>', 'write the report to a file instead of standard output')
    .action(
      async (
        flags: TargetFlags & {
          reference: string;
          current: string;
          calibrate: boolean;
          config?: string;
          format: 'json' | 'table';
          out?: string;
        }
      ) => {
        const { target, columns } = targetOf(flags);
        const { exitCode } = await runCheck({
          reference: flags.reference,
          current: flags.current,
          target,
          columns,
          config: flags.config,
          calibrate: flags.calibrate,
          format: flags.format,
          out: flags.out,
        });
        exit(exitCode);
      }
    );

  program
    .command('detect')
    .description('replay a column (an error or metric history) through a streaming drift detector')
    .addOption(new Option('--detector <name>', 'detector').choices([...DETECTOR_KINDS]).makeOptionMandatory())
    .requiredOption('--data <file>', 'CSV with the stream, one observation per row')
    .requiredOption('--column <name>', 'the column to replay')
    .option('--param <name=value>', 'detector parameter (repeatable), e.g. --param delta=0.002', param)
    .action(
      async (flags: {
        detector: DetectorKind;
        data: string;
        column: string;
        param?: Record<string, number | string>;
      }) => {
        const result = await runDetect({
          detector: flags.detector,
          data: flags.data,
          column: flags.column,
          params: flags.param ?? {},
        });
        process.stdout.write(`${JSON.stringify(result)}\n`);
        exit(0);
      }
    );
  program
    .command('rules')
    .description('generate Prometheus recording and alerting rules from modelwatch.yaml')
    .requiredOption('--config <file>', 'modelwatch.yaml')
    .requiredOption('--out <dir>', 'directory for the rule files (one per model)')
    .option('--recording-only', 'leave the alerting rules out (when alerting from Grafana)', false)
    .action((flags: { config: string; out: string; recordingOnly: boolean }) => {
      for (const file of runRules(flags)) process.stderr.write(`wrote ${file}\n`);
      exit(0);
    });

  program
    .command('alerts')
    .description('generate Grafana alert provisioning (rules, contact point, notification policy) from modelwatch.yaml')
    .requiredOption('--config <file>', 'modelwatch.yaml')
    .option('--grafana', 'Grafana file provisioning (the only format so far)', true)
    .requiredOption('--out <dir>', 'directory for the provisioning files')
    .action((flags: { config: string; out: string }) => {
      for (const file of runGrafanaAlerts(flags)) process.stderr.write(`wrote ${file}\n`);
      exit(0);
    });

  registerDashboards(program, exit);

  program
    .command('schema')
    .description('print (or write) the JSON Schema of modelwatch.yaml for editor completion')
    .option('--out <file>', 'write to a file instead of standard output')
    .action((flags: { out?: string }) => {
      runSchema(flags);
      exit(0);
    });
  return program;
}

/** Runs the CLI; never throws, returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successful exits; usage mistakes are bad input.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`modelwatch: error: ${e.message}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`modelwatch: internal error: ${message.split('\n')[0]} (please report this)\n`);
    return 3;
  }
}
