import { InvalidArgumentError, Option, type Command } from 'commander';
import { InputError } from '../errors.js';
import { formatOf, openTable } from '../data/open-table.js';
import type { InputFormat } from '../data/table-source.js';
import type { ColumnKind, DatasetPlan } from '../data/dataset.js';
import { readDatasetInParallel, startEarly, type ColumnWorker } from '../data/parallel-read.js';
import { BudgetedNumericSink } from '../data/budgeted-numeric-sink.js';
import { DEFAULT_MAX_MEMORY, MemoryBudget, memorySize } from '../data/memory-budget.js';
import { streamingNote } from '../check/streamed-notes.js';
import { evaluate } from '../check/evaluate.js';
import type { CheckReport } from '../check/report.js';
import { loadPolicy } from '../check/policy.js';
import type { Favourable } from '../audit/from-check.js';
import { renderTable } from '../report/table.js';
import { checkNamedColumns, loadReference, type ColumnChoices, type GivenTarget } from '../reference/load.js';
import {
  inputFormatOption,
  list,
  probability,
  targetOf,
  withTargetOptions,
  type Exit,
  type TargetFlags,
} from './options.js';
import { writeTextFile } from '../data/write-text.js';
import {
  DRIFT_THRESHOLD_MODES,
  FAVOURABLE_CLASSES,
  POLICY_NAMES,
  type DriftThresholds,
  type PolicyName,
} from '@modelwatch/semconv';
import { PSI_ZERO_SHARES, referenceDistribution, type PsiZeroShare } from '@modelwatch/stats';
import { learnedLevelsFor } from '../check/learned-levels.js';
import { checkPolicies } from '../audit/from-check.js';
import { renderAuditSections } from '../audit/table.js';
import { outcomesOf } from '../check/target.js';
import { segmentDrift } from '../check/segments.js';
import { attributionColumnChoices, checkAttributions, withoutPrefixedColumns } from '../check/attributions.js';

export interface CheckOptions {
  reference: string;
  current: string;
  target: GivenTarget;
  columns: ColumnChoices;
  config?: string;
  calibrate: boolean;
  format: 'json' | 'table';
  out?: string;
  /** Policy packs judged on the current data's decisions by protected attribute. */
  policies?: readonly PolicyName[];
  /** Which predicted class the packs count as selected: the favourable decision (hired, approved). */
  favourable?: Favourable;
  /** How drift is judged: the policy's levels ('fixed') or warnings at levels learned from reference chunks. */
  thresholds?: DriftThresholds;
  /** How PSI replaces empty bins: 1e-4 ('epsilon', default) or Evidently 0.7's rule. */
  psiZero?: PsiZeroShare;
  /** `--segment`: a column of the current data whose values each get their own drift. */
  segment?: string;
  /** Bytes the process may use; numeric columns are summarised beyond it (default DEFAULT_MAX_MEMORY). */
  maxMemory?: number;
  /** How to read the data files; by their extension when not given. */
  inputFormat?: InputFormat;
  /** Columns named PREFIX<feature> in both files are that feature's attributions, not features. */
  attributionPrefix?: string;
}

/** What a check reads; the report it gives does not depend on how it is printed. */
export type CheckInputs = Omit<CheckOptions, 'format' | 'out'>;

/** The check's report from its inputs, printing nothing: `check` and `report` both call it, so they agree. */
export async function evaluateCheck(options: CheckInputs): Promise<CheckReport> {
  // The second reading thread loads its modules while this one reads the policy and the reference.
  const worker = startEarly(options.current, formatOf(options.current, options.inputFormat));
  try {
    return await evaluateCheckWith(options, worker);
  } finally {
    worker?.stop();
  }
}

async function evaluateCheckWith(options: CheckInputs, worker: ColumnWorker | null): Promise<CheckReport> {
  const policy = loadPolicy(options.config);
  const prefix = options.attributionPrefix;
  const { profile, spec } = await loadReference(
    options.reference,
    options.target,
    await attributionColumnChoices(options.reference, options.columns, prefix, options.inputFormat),
    options.inputFormat
  );
  if (prefix !== undefined) withoutPrefixedColumns(profile, prefix);

  const source = await openTable(options.current, options.inputFormat);
  checkNamedColumns(options.current, source.header, {
    '--score': [spec.score],
    '--prediction': [spec.prediction],
    '--protected': profile.protected,
  });
  const columns = new Map<string, ColumnKind>();
  for (const [name, column] of Object.entries(profile.columns)) columns.set(name, column.type);
  // The label may be absent from current data (labels arrive late); every other profiled column must be there.
  const required = Object.keys(profile.columns).filter((c) => c !== spec.label);
  const missing = required.filter((c) => !source.header.includes(c));
  if (missing.length > 0) {
    throw new InputError(
      `${options.current}: has no column '${missing[0]}' that the reference has (leave it out with --ignore ${missing.join(',')})`
    );
  }
  const budget = new MemoryBudget(options.maxMemory ?? DEFAULT_MAX_MEMORY);
  const plan: DatasetPlan = {
    columns,
    label: spec.label,
    score: spec.score,
    prediction: spec.prediction,
    protected: profile.protected,
    required,
    numericSink: (name) => {
      const column = profile.columns[name];
      if (column?.type !== 'numeric') throw new Error(`column '${name}' is not numeric in the reference`);
      return new BudgetedNumericSink(referenceDistribution(column), policy.bins, budget);
    },
  };
  const current = await readDatasetInParallel(source, plan, {
    references: profile.columns,
    bins: policy.bins,
    budget,
    worker,
  });
  if (current.rows === 0) throw new InputError(`${options.current}: has no data rows`);
  const psiZeroShare = options.psiZero ?? 'epsilon';
  const learned = learnedLevelsFor(
    options.thresholds ?? 'fixed',
    options.reference,
    profile,
    policy.bins,
    psiZeroShare
  );
  const report = evaluate(profile, current, spec, policy, { calibrate: options.calibrate, psiZeroShare, learned });
  if (budget.streaming) report.notes.unshift(streamingNote(budget));
  // The policy file's packs keep their options; --policy adds the others with their defaults.
  const packs = [
    ...policy.packs,
    ...(options.policies ?? []).filter((n) => !policy.packs.some((p) => p.name === n)).map((name) => ({ name })),
  ];
  if (packs.length > 0) {
    report.policies = checkPolicies(current, outcomesOf(current, spec).predicted, packs, options.favourable);
    for (const pack of Object.values(report.policies)) report.violations.push(...pack.violations);
  }
  if (options.segment !== undefined) {
    const segments = await segmentDrift(
      options.current,
      options.segment,
      profile,
      plan,
      policy,
      undefined,
      options.inputFormat,
      psiZeroShare
    );
    report.segments = segments.report;
    report.violations.push(...segments.violations);
  }
  if (prefix !== undefined) {
    const a = await checkAttributions(
      {
        reference: options.reference,
        current: options.current,
        prefix,
        inputFormat: options.inputFormat,
        psiZeroShare,
      },
      profile,
      policy
    );
    report.attributions = a.report;
    report.violations.push(...a.violations);
    report.notes.push(...a.notes);
  }
  return report;
}

/** Runs a check; returns the report and the exit code the contract gives it (0 clean, 1 violations). */
export async function runCheck(options: CheckOptions): Promise<{ report: CheckReport; exitCode: number }> {
  const report = await evaluateCheck(options);
  const packTables = Object.values(report.policies ?? {})
    .map((pack) => `\n${renderAuditSections(pack)}`)
    .join('');
  const text = options.format === 'table' ? renderTable(report) + packTables : `${JSON.stringify(report, null, 2)}\n`;
  if (options.out) writeTextFile(options.out, text);
  else process.stdout.write(text);
  return { report, exitCode: report.violations.length > 0 ? 1 : 0 };
}

/** `--favourable`, shared by `check` and `report`: the packs compare rates of the favourable decision. */
export function favourableOption(): Option {
  return new Option(
    '--favourable <class>',
    'the predicted class the policy packs count as selected, the favourable decision (e.g. negative when positive means deny)'
  )
    .choices(FAVOURABLE_CLASSES)
    .default('positive');
}

/** `--max-memory`, shared by `check` and `report`: beyond the budget numeric columns are summarised. */
export function maxMemoryOption(): Option {
  return new Option(
    '--max-memory <size>',
    'memory budget, e.g. 512MiB: beyond it numeric columns switch to bounded summaries with stated error (default 2GiB)'
  ).argParser(memorySize);
}

/** Pack names, comma-separated; the flag may be repeated (`check` and `report`). */
export function policyList(value: string, previous: PolicyName[] = []): PolicyName[] {
  const names = list(value);
  const unknown = names.find((n) => !(POLICY_NAMES as readonly string[]).includes(n));
  if (unknown !== undefined)
    throw new InvalidArgumentError(`'${unknown}' is not a policy pack (known: ${POLICY_NAMES.join(', ')}).`);
  return [...new Set([...previous, ...(names as PolicyName[])])];
}

/** `modelwatch check`. */
export function registerCheck(program: Command, exit: Exit): void {
  withTargetOptions(
    program
      .command('check')
      .description('compare current data with a reference; exit 1 on any violation (a CI gate)')
      .requiredOption('--reference <file>', 'reference data (CSV, Parquet, Arrow) or profile JSON')
      .requiredOption('--current <file>', 'current data (CSV, Parquet, Arrow)')
  )
    .option('--threshold <t>', 'decision threshold on the score (default 0.5)', probability)
    .option('--calibrate', 'calibrate scores on the labelled reference before label-free estimation', false)
    .option('--config <file>', 'policy YAML (levels per statistic); see "The check policy" in the README')
    .addOption(
      new Option('--policy <packs>', `policy packs to judge, comma-separated (${POLICY_NAMES.join(', ')})`).argParser(
        policyList
      )
    )
    .addOption(favourableOption())
    .addOption(
      new Option(
        '--thresholds <mode>',
        'fixed: drift warnings at the policy levels; reference-chunks: at the levels learned from a profile built with modelwatch profile --chunks (mean + 3 std over chunks)'
      )
        .choices(DRIFT_THRESHOLD_MODES.filter((m) => m === 'fixed' || m === 'reference-chunks'))
        .default('fixed')
    )
    .addOption(
      new Option('--psi-zero <rule>', "PSI's empty-bin rule: epsilon (1e-4) or evidently (Evidently 0.7's exact rule)")
        .choices(PSI_ZERO_SHARES)
        .default('epsilon')
    )
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table']).default('json'))
    .option('--out <file>', 'write the report to a file instead of standard output')
    .option(
      '--segment <column>',
      'also report PSI and Jensen-Shannon per value of this column of the current data, against the whole reference'
    )
    .addOption(maxMemoryOption())
    .addOption(inputFormatOption())
    .option(
      '--attribution-prefix <prefix>',
      "columns named <prefix><feature> in both files are that feature's attributions: report explanation drift (importance nDCG, attribution PSI and Jensen-Shannon) instead of feature drift for them"
    )
    .action(
      async (
        flags: TargetFlags & {
          reference: string;
          current: string;
          calibrate: boolean;
          config?: string;
          format: 'json' | 'table';
          out?: string;
          policy?: PolicyName[];
          favourable: Favourable;
          thresholds: DriftThresholds;
          psiZero: PsiZeroShare;
          segment?: string;
          maxMemory?: number;
          inputFormat?: InputFormat;
          attributionPrefix?: string;
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
          policies: flags.policy ?? [],
          favourable: flags.favourable,
          thresholds: flags.thresholds,
          psiZero: flags.psiZero,
          segment: flags.segment,
          maxMemory: flags.maxMemory,
          inputFormat: flags.inputFormat,
          attributionPrefix: flags.attributionPrefix,
        });
        exit(exitCode);
      }
    );
}
