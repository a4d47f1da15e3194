import { InvalidArgumentError, Option, type Command } from 'commander';
import { InputError } from '../errors.js';
import { writeTextFile } from '../data/write-text.js';
import { evaluateCheck, favourableOption, maxMemoryOption, policyList } from './check.js';
import type { Favourable } from '../audit/from-check.js';
import { POLICY_NAMES, type PolicyName } from '@modelwatch/semconv';
import { inputFormatOption, probability, targetOf, withTargetOptions, type Exit, type TargetFlags } from './options.js';
import type { InputFormat } from '../data/table-source.js';
import { assembleReport, modelOf } from '../evidence/assemble.js';
import { policiesOfCheck, loadAudit, type AuditReport } from '../evidence/audit-input.js';
import { checksumLine, fileHash } from '../evidence/hashes.js';
import { loadModelCard, type ModelCard } from '../evidence/model-card.js';
import { liveEvidence } from '../evidence/live.js';
import { parseTime } from '../evidence/time.js';
import { renderReport, type ReportFormat } from '../evidence/render.js';
import type { EvidenceReport, InputHash, LiveEvidence } from '../evidence/types.js';
import { basename } from 'node:path';
import { loadConfig } from '../rules/config.js';

interface ReportFlags extends TargetFlags {
  reference?: string;
  current?: string;
  calibrate: boolean;
  config?: string;
  policy?: PolicyName[];
  favourable: Favourable;
  maxMemory?: number;
  prometheus?: string;
  model?: string;
  modelVersion?: string;
  from?: string;
  to?: string;
  step?: number;
  modelCard?: string;
  audit?: string[];
  out: string;
  format: ReportFormat;
  inputFormat?: InputFormat;
}

/** Model card and policy-pack results: the same in both modes. */
function extras(flags: ReportFlags, inputs: InputHash[]): { card: ModelCard | null; policies: AuditReport[] } {
  const card = flags.modelCard ? loadModelCard(flags.modelCard) : null;
  if (flags.modelCard) inputs.push(fileHash('model card', flags.modelCard));
  const policies = (flags.audit ?? []).map((file) => {
    const audit = loadAudit(file);
    inputs.push(fileHash('audit', file));
    return audit;
  });
  return { card, policies };
}

async function fromFiles(flags: ReportFlags): Promise<EvidenceReport> {
  if (!flags.reference || !flags.current) {
    throw new InputError('report: give --reference and --current (from files), or --prometheus (from live history)');
  }
  const { target, columns } = targetOf(flags);
  const check = await evaluateCheck({
    reference: flags.reference,
    current: flags.current,
    target,
    columns,
    config: flags.config,
    calibrate: flags.calibrate,
    policies: flags.policy ?? [],
    favourable: flags.favourable,
    maxMemory: flags.maxMemory,
    inputFormat: flags.inputFormat,
  });
  const inputs: InputHash[] = [fileHash('reference', flags.reference), fileHash('current', flags.current)];
  if (flags.config) inputs.push(fileHash('check policy', flags.config));
  const { card, policies } = extras(flags, inputs);
  return assembleReport({
    model: modelOf(flags.model, card, basename(flags.reference)),
    modelCard: card,
    check,
    live: null,
    checkPolicies: policiesOfCheck(check),
    auditPolicies: policies,
    inputs,
  });
}

async function fromPrometheus(flags: ReportFlags): Promise<EvidenceReport> {
  const url = flags.prometheus!;
  if (flags.reference || flags.current || flags.policy) {
    throw new InputError(
      'report: --prometheus reads live history; leave out --reference, --current and --policy (give pack results with --audit)'
    );
  }
  for (const [flag, value] of [
    ['--config', flags.config],
    ['--model', flags.model],
    ['--from', flags.from],
    ['--to', flags.to],
  ] as const) {
    if (!value) throw new InputError(`report: --prometheus needs ${flag} (see modelwatch report --help)`);
  }
  const from = parseTime(flags.from!, '--from');
  const to = parseTime(flags.to!, '--to');
  if (!(to > from)) throw new InputError(`report: --to (${flags.to}) must be after --from (${flags.from})`);
  const config = loadConfig(flags.config!);
  const inputs: InputHash[] = [fileHash('config', flags.config!)];
  const { card, policies } = extras(flags, inputs);
  const live = await liveEvidence({
    url,
    config,
    model: flags.model!,
    version: flags.modelVersion ?? null,
    from,
    to,
    step: flags.step ?? null,
  });
  inputs.push(live.queriesHash);
  return assembleReport({
    model: { name: flags.model!, version: flags.modelVersion ?? null },
    modelCard: card,
    check: null,
    live: live.evidence,
    checkPolicies: [],
    // The packs of the model's `policies`, read from live history, then any given with --audit.
    auditPolicies: [...live.policies, ...policies],
    inputs,
  });
}

/** Writes the evidence report and `<out>.sha256` beside it; returns the report. */
export async function runReport(flags: ReportFlags): Promise<EvidenceReport> {
  const report = flags.prometheus ? await fromPrometheus(flags) : await fromFiles(flags);
  const bytes = await renderReport(report, flags.format);
  writeTextFile(flags.out, bytes);
  writeTextFile(`${flags.out}.sha256`, checksumLine(flags.out, bytes));
  return report;
}

function seconds(value: string): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < 1) throw new InvalidArgumentError('must be a whole number of seconds, at least 1.');
  return x;
}

/** Nothing read: most often a misspelt model or a period before the rules were loaded. */
function isEmpty(live: LiveEvidence): boolean {
  const series = [...live.performance, ...live.drift, ...live.fairnessOverTime].flatMap((s) => s.series);
  return series.length === 0 && live.fairness.length === 0 && live.slos.length === 0 && live.alerts.length === 0;
}

/** `modelwatch report`. */
export function registerReport(program: Command, exit: Exit): void {
  withTargetOptions(
    program
      .command('report')
      .description('write an evidence report (HTML, JSON or PDF) from data files or from live Prometheus history')
      .option('--reference <file>', 'from files: reference data (CSV, Parquet, Arrow) or profile JSON')
      .option('--current <file>', 'from files: current data (CSV, Parquet, Arrow)')
  )
    .option('--threshold <t>', 'from files: decision threshold on the score (default 0.5)', probability)
    .option('--calibrate', 'from files: calibrate scores on the labelled reference before estimation', false)
    .option('--config <file>', 'from files: the check policy YAML; from Prometheus: modelwatch.yaml')
    .addOption(
      new Option(
        '--policy <packs>',
        `from files: policy packs check judges, comma-separated (${POLICY_NAMES.join(', ')})`
      ).argParser(policyList)
    )
    .addOption(favourableOption())
    .addOption(maxMemoryOption())
    .addOption(inputFormatOption())
    .option('--prometheus <url>', 'from live history: the Prometheus base URL')
    .option('--model <name>', 'the model (from Prometheus: its model_name and modelwatch.yaml entry)')
    .option('--model-version <regex>', 'from Prometheus: RE2 regex over model_version (default: every version)')
    .option('--from <time>', 'from Prometheus: start of the period (RFC 3339 or seconds since the epoch)')
    .option('--to <time>', 'from Prometheus: end of the period (RFC 3339 or seconds since the epoch)')
    .option('--step <seconds>', 'from Prometheus: resolution of the charts (default: the period / 240)', seconds)
    .option('--model-card <file>', 'model card YAML (Mitchell et al. 2019 sections); see docs/evidence-report.md')
    .option('--audit <file>', 'policy-pack results (`modelwatch audit` JSON); repeatable', (v, prev: string[] = []) => [
      ...prev,
      v,
    ])
    .requiredOption('--out <file>', 'the report file; <out>.sha256 is written beside it')
    .addOption(new Option('--format <format>', 'output format').choices(['html', 'json', 'pdf']).default('html'))
    .action(async (flags: ReportFlags) => {
      const report = await runReport(flags);
      process.stderr.write(`wrote ${flags.out}\n`);
      if (report.live && isEmpty(report.live)) {
        process.stderr.write(
          `note: Prometheus holds no recorded series of model '${report.model.name}' in the period; check --model, --model-version, the period and that the rules of ${flags.config} are loaded\n`
        );
      }
      exit(0);
    });
}
