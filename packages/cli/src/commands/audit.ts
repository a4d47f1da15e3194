import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULTS, POLICY, POLICY_NAMES, type PolicyName } from '@modelwatch/semconv';
import { InputError } from '../errors.js';
import { audit } from '../audit/evaluate.js';
import { intersectionsOf } from '../audit/intersections.js';
import { renderAuditHtml } from '../audit/html.js';
import { readAuditData, type Outcome } from '../audit/read.js';
import { renderAuditTable } from '../audit/table.js';
import type { AuditReport } from '../audit/types.js';
import { writeTextFile } from '../data/write-text.js';
import { inputFormatOption, list, type Exit } from './options.js';
import type { InputFormat } from '../data/table-source.js';

export type AuditFormat = 'json' | 'table' | 'html';

export interface AuditCommandOptions {
  data: string;
  protected: string[];
  intersect: string[][];
  outcome: Outcome;
  policy: PolicyName;
  excludeBelow?: number;
  threshold?: number;
  format: AuditFormat;
  out?: string;
  /** How to read the data file; by its extension when not given. */
  inputFormat?: InputFormat;
}

/** A share of rows in [0, 1). */
function share(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !(x >= 0 && x < 1)) throw new InvalidArgumentError('must be a share in [0, 1).');
  return x;
}

/** An impact-ratio threshold above 0. */
function ratioThreshold(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !(x > 0 && Number.isFinite(x)))
    throw new InvalidArgumentError('must be a number above 0.');
  return x;
}

const intersection = (value: string, previous: string[][] = []): string[][] => [...previous, list(value)];

export function render(report: AuditReport, format: AuditFormat): string {
  if (format === 'table') return renderAuditTable(report);
  if (format === 'html') return renderAuditHtml(report);
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Runs an audit; returns the report and the exit code the contract gives it (0 clean, 1 violations). */
export async function runAudit(options: AuditCommandOptions): Promise<{ report: AuditReport; exitCode: number }> {
  if (new Set(options.protected).size !== options.protected.length)
    throw new InputError('--protected names an attribute twice');
  const intersections = intersectionsOf(options.policy, options.protected, options.intersect);
  const input = await readAuditData(options.data, options.protected, options.outcome, options.inputFormat);
  const report = audit(input, {
    policy: options.policy,
    attributes: options.protected,
    intersections,
    excludeBelow: options.excludeBelow,
    threshold: options.threshold,
  });
  const text = render(report, options.format);
  if (options.out) writeTextFile(options.out, text);
  else process.stdout.write(text);
  return { report, exitCode: report.violations.length > 0 ? 1 : 0 };
}

function outcomeOf(flags: { selected?: string; positive?: string; score?: string }): Outcome {
  if (flags.score !== undefined) {
    if (flags.selected !== undefined || flags.positive !== undefined)
      throw new InputError('give either --score, or --selected with --positive, not both');
    return { score: flags.score };
  }
  if (flags.selected === undefined)
    throw new InputError('name the outcome: --selected COLUMN --positive VALUE, or --score COLUMN');
  if (flags.positive === undefined)
    throw new InputError(`--selected ${flags.selected} needs --positive: the value that means selected`);
  return { selected: flags.selected, positive: flags.positive };
}

/** `modelwatch audit`. */
export function registerAudit(program: Command, exit: Exit): void {
  program
    .command('audit')
    .description(
      'impact ratios of a policy pack (NYC Local Law 144, four-fifths rule) from a CSV; exit 1 on any violation'
    )
    .requiredOption('--data <file>', 'the data to audit: CSV, Parquet or Arrow')
    .requiredOption('--protected <columns>', 'protected attributes (e.g. sex,race), comma-separated', list)
    .option(
      '--intersect <columns>',
      `attributes reported together, comma-separated; repeat for more (${POLICY.nycLl144.name} default: all of --protected)`,
      intersection
    )
    .option('--selected <column>', 'the column of the binary outcome (with --positive)')
    .option('--positive <value>', 'the value of --selected that means selected')
    .option('--score <column>', 'a numeric score column: scoring rate = share above the median score')
    .addOption(
      new Option('--policy <pack>', 'the policy pack').choices([...POLICY_NAMES]).default(POLICY.nycLl144.name)
    )
    .option(
      '--exclude-below <share>',
      `leave categories under this share of rows out of the impact ratios (${POLICY.nycLl144.name} default ${DEFAULTS.policies.excludeBelow}, ${POLICY.fourFifths.name} 0)`,
      share
    )
    .option(
      '--threshold <ratio>',
      `flag impact ratios below this (default ${DEFAULTS.policies.threshold})`,
      ratioThreshold
    )
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table', 'html']).default('json'))
    .option('--out <file>', 'write the report to a file instead of standard output')
    .addOption(inputFormatOption())
    .action(
      async (flags: {
        data: string;
        protected: string[];
        intersect?: string[][];
        selected?: string;
        positive?: string;
        score?: string;
        policy: PolicyName;
        excludeBelow?: number;
        threshold?: number;
        format: AuditFormat;
        out?: string;
        inputFormat?: InputFormat;
      }) => {
        const { exitCode } = await runAudit({
          data: flags.data,
          protected: flags.protected,
          intersect: flags.intersect ?? [],
          outcome: outcomeOf(flags),
          policy: flags.policy,
          excludeBelow: flags.excludeBelow,
          threshold: flags.threshold,
          format: flags.format,
          out: flags.out,
          inputFormat: flags.inputFormat,
        });
        exit(exitCode);
      }
    );
}
