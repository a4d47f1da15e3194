import {
  EmpiricalDistribution,
  alignCategories,
  emptyRecord,
  calibratorFromJSON,
  categoricalDrift,
  driftNoiseFloor,
  estimatePerformance,
  fairnessReport,
  numericDrift,
  ReferenceBinning,
  referenceCategoryCounts,
  referenceDistribution,
  type CategoricalColumnProfile,
  type ColumnProfile,
  type FairnessReport,
  type NumericColumnProfile,
  type NumericDrift,
  type PsiZeroShare,
  type ReferenceProfile,
} from '@modelwatch/stats';
import type { LearnedLevels } from './learned-levels.js';
import { CategoricalSink, NumericSink, SummarisedNumericColumn, type Dataset } from '../data/dataset.js';
import { BudgetedNumericSink } from '../data/budgeted-numeric-sink.js';
import { streamedColumnNote } from './streamed-notes.js';
import { performanceOf } from '../reference/build-profile.js';
import {
  CHECK_DRIFT,
  CHECK_FAIRNESS,
  CHECK_QUALITY,
  type CheckDriftStatistic,
  type Direction,
} from '@modelwatch/semconv';
import type { Levels, Policy } from './policy.js';
import type { AttributeFairness, CheckReport, ColumnDrift, NoiseFloorJson, Severity, Violation } from './report.js';
import { knownRows, outcomesOf, pick, type Outcomes, type TargetSpec } from './target.js';

/** JSON has no NaN: an undefined statistic (e.g. precision with no predicted positives) is null. */
function finiteOrNull(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}

/** Compares a value with warning/critical levels; 'above' fires at value >= level, 'below' at value < level. */
function judge(
  value: number | null,
  levels: Levels,
  direction: Direction
): { severity: Severity; threshold: number } | null {
  if (value === null || !Number.isFinite(value)) return null;
  const crosses = (level: number | null): level is number =>
    level !== null && (direction === 'above' ? value >= level : value < level);
  if (crosses(levels.critical)) return { severity: 'critical', threshold: levels.critical };
  if (crosses(levels.warning)) return { severity: 'warning', threshold: levels.warning };
  return null;
}

const fmt = (x: number): string => (Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(4) : x.toExponential(2));

class Violations {
  readonly list: Violation[] = [];
  add(
    check: string,
    subject: string,
    value: number | null,
    levels: Levels,
    direction: Direction,
    describe: string
  ): boolean {
    const verdict = judge(value, levels, direction);
    if (!verdict) return false;
    const relation = direction === 'above' ? '>=' : '<';
    this.list.push({
      check,
      subject,
      value: value!,
      threshold: verdict.threshold,
      severity: verdict.severity,
      message: `${describe} ${fmt(value!)} ${relation} ${verdict.severity} level ${verdict.threshold}`,
    });
    return true;
  }
}

/** The policy's levels, with the warning replaced by the level learned from reference chunks where there is one. */
function driftLevels(run: Evaluation, column: string, statistic: CheckDriftStatistic): Levels {
  const levels = run.policy.driftColumns[column]?.[statistic] ?? run.policy.drift[statistic];
  const learned = run.learned?.[column]?.[statistic as keyof LearnedLevels[string]];
  return learned ? { ...levels, warning: learned.level } : levels;
}

/** The drift checks of one column; remembers whether any of them fired. */
class ColumnChecks {
  drifted = false;

  constructor(
    private readonly name: string,
    private readonly run: Evaluation
  ) {}

  /** Judges one statistic in the direction, and names it as, the contract's catalogue does. */
  check(statistic: CheckDriftStatistic, value: number | null): void {
    const { direction, displayName } = CHECK_DRIFT[statistic];
    const levels = driftLevels(this.run, this.name, statistic);
    const describe = `${displayName} of '${this.name}'`;
    if (this.run.violations.add(`drift.${statistic}`, this.name, value, levels, direction, describe))
      this.drifted = true;
  }
}

type MissingShare = ColumnDrift['missingShare'];

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/**
 * The column's noise floor: df from the reference bins (categories) with a positive share, the small-window
 * correction from those shares, n the current values, m the reference's values (the rules read m from the
 * instrumentation's modelwatch.feature.reference.size).
 */
function noiseFloorOf(
  shares: ArrayLike<number>,
  samples: number,
  referenceSize: number,
  alpha: number
): NoiseFloorJson | null {
  let bins = 0;
  for (let i = 0; i < shares.length; i++) if (shares[i]! > 0) bins++;
  if (bins < 2 || samples < 1 || referenceSize < 1) return null;
  const f = driftNoiseFloor({ bins, samples, referenceSize, alpha, shares });
  return { psi: f.psi, jensenShannon: f.jensenShannon, alpha, bins, samples, referenceSize };
}

/** Statistics from every value, or from the summary of a column folded to fit the memory budget (with a note). */
function numericStatistics(
  name: string,
  reference: NumericColumnProfile,
  current: NumericSink | BudgetedNumericSink | SummarisedNumericColumn,
  policy: Policy,
  notes: string[]
): NumericDrift | null {
  if (current instanceof SummarisedNumericColumn) return current.drift;
  if (current instanceof BudgetedNumericSink && current.streamed) {
    if (current.streamed.count === 0) return null;
    const d = current.streamed.drift();
    notes.push(streamedColumnNote(name, d.bounds));
    return d;
  }
  const values = current.numbers!.view();
  if (values.length === 0) return null;
  return numericDrift(referenceDistribution(reference), EmpiricalDistribution.fromValues(values), {
    bins: policy.bins,
  });
}

function numericColumnDrift(
  name: string,
  reference: NumericColumnProfile,
  current: NumericSink | BudgetedNumericSink | SummarisedNumericColumn,
  run: Evaluation,
  missingShare: MissingShare
): ColumnDrift {
  const { policy, violations } = run;
  const invalidShare = current.rows ? current.invalid / current.rows : 0;
  violations.add(
    'dataQuality.invalidShare',
    name,
    invalidShare,
    policy.invalidShare,
    CHECK_QUALITY.invalidShare.direction,
    `share of non-numeric values in '${name}'`
  );
  const d = numericStatistics(name, reference, current, policy, run.notes);
  if (d === null) {
    return {
      type: 'numeric',
      role: reference.role,
      psi: null,
      jensenShannon: null,
      noiseFloor: null,
      ks: null,
      wasserstein: null,
      missingShare,
      invalidShare,
      drifted: false,
    };
  }
  const referenceValues = referenceDistribution(reference);
  const referenceSize = reference.count;
  const samples = current.rows - current.missing - current.invalid;
  const checks = new ColumnChecks(name, run);
  checks.check('psi', d.psi);
  checks.check('jensenShannon', d.jensenShannon);
  checks.check('ksPValue', d.ks.pValue);
  checks.check('wasserstein', d.wasserstein);
  return {
    type: 'numeric',
    role: reference.role,
    psi: d.psi,
    jensenShannon: d.jensenShannon,
    noiseFloor: noiseFloorOf(
      new ReferenceBinning(referenceValues, policy.bins).referenceShares(),
      samples,
      referenceSize,
      policy.alpha
    ),
    ks: d.ks,
    wasserstein: d.wasserstein,
    missingShare,
    invalidShare,
    drifted: checks.drifted,
    ...learnedOf(run, name),
  };
}

function categoricalColumnDrift(
  name: string,
  reference: CategoricalColumnProfile,
  current: CategoricalSink,
  run: Evaluation,
  missingShare: MissingShare
): ColumnDrift {
  if (current.counts.size === 0) {
    return {
      type: 'categorical',
      role: reference.role,
      psi: null,
      jensenShannon: null,
      noiseFloor: null,
      chiSquare: null,
      newCategoryShare: null,
      missingShare,
      drifted: false,
    };
  }
  const referenceCounts = referenceCategoryCounts(reference);
  const aligned = alignCategories(reference, current.counts);
  const d = categoricalDrift(referenceCounts, aligned, { psiZeroShare: run.psiZeroShare });
  const checks = new ColumnChecks(name, run);
  checks.check('psi', d.psi);
  checks.check('jensenShannon', d.jensenShannon);
  checks.check('chiSquarePValue', d.chiSquare?.pValue ?? null);
  checks.check('newCategoryShare', d.newCategoryShare);
  return {
    type: 'categorical',
    role: reference.role,
    psi: d.psi,
    jensenShannon: d.jensenShannon,
    noiseFloor: noiseFloorOf(
      Object.values(d.shares).map((s) => s.reference),
      sum(aligned.values()),
      sum(referenceCounts.values()),
      run.policy.alpha
    ),
    chiSquare: d.chiSquare,
    newCategoryShare: d.newCategoryShare,
    missingShare,
    drifted: checks.drifted,
    ...learnedOf(run, name),
  };
}

function columnDrift(
  name: string,
  reference: ColumnProfile,
  current: NumericSink | BudgetedNumericSink | SummarisedNumericColumn | CategoricalSink,
  run: Evaluation
): ColumnDrift {
  const { policy, violations } = run;
  const missingShare = {
    reference: reference.rows ? reference.missing / reference.rows : 0,
    current: current.rows ? current.missing / current.rows : 0,
  };
  violations.add(
    'dataQuality.missingShareIncrease',
    name,
    missingShare.current - missingShare.reference,
    policy.missingShareIncrease,
    CHECK_QUALITY.missingShareIncrease.direction,
    `missing share of '${name}' rose by`
  );
  if (
    reference.type === 'numeric' &&
    (current instanceof NumericSink ||
      current instanceof BudgetedNumericSink ||
      current instanceof SummarisedNumericColumn)
  ) {
    return numericColumnDrift(name, reference, current, run, missingShare);
  }
  if (reference.type === 'categorical' && current instanceof CategoricalSink) {
    return categoricalColumnDrift(name, reference, current, run, missingShare);
  }
  throw new Error(`column '${name}' was read with the wrong type`);
}

const PERFORMANCE_KEYS = ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'logLoss', 'brier', 'ece'] as const;
const ESTIMATED_KEYS = ['accuracy', 'precision', 'recall', 'f1'] as const;

function nullable<K extends string>(keys: readonly K[], values: Partial<Record<K, number>>): Record<K, number | null> {
  const out = {} as Record<K, number | null>;
  for (const k of keys) out[k] = finiteOrNull(values[k]);
  return out;
}

export interface EvaluateOptions {
  /** Calibrate scores on the reference before label-free estimation. */
  calibrate: boolean;
  /** How PSI replaces empty bins (default 'epsilon'). */
  psiZeroShare?: PsiZeroShare;
  /** Warning levels learned from the reference's chunks (--thresholds reference-chunks), per column. */
  learned?: LearnedLevels | null;
}

/** What the checks of one run share: the policy, the violations found so far and the notes for the reader. */
interface Evaluation {
  policy: Policy;
  violations: Violations;
  notes: string[];
  psiZeroShare: PsiZeroShare;
  learned: LearnedLevels | null;
}

/** The learned levels a column was judged by, for the report. */
function learnedOf(run: Evaluation, name: string): Pick<ColumnDrift, 'learnedLevels'> {
  const levels = run.learned?.[name];
  return levels ? { learnedLevels: levels } : {};
}

/**
 * Drift of every profiled column alone, judged by the policy: what `check --segment` computes for each segment
 * value's rows, with the same functions as the whole current data's.
 */
export function evaluateDrift(
  reference: ReferenceProfile,
  current: Dataset,
  policy: Policy,
  psiZeroShare: PsiZeroShare = 'epsilon'
): { drift: Record<string, ColumnDrift>; violations: Violation[] } {
  // Levels learned from reference chunks hold for windows of the chunk size, not for a segment's rows.
  const run: Evaluation = { policy, violations: new Violations(), notes: [], psiZeroShare, learned: null };
  const drift = driftOf(reference, current, run);
  return { drift, violations: run.violations.list };
}

function driftOf(reference: ReferenceProfile, current: Dataset, run: Evaluation): Record<string, ColumnDrift> {
  const drift = emptyRecord<ColumnDrift>();
  for (const [name, column] of Object.entries(reference.columns)) {
    const data = current.columns.get(name);
    if (!data) {
      run.notes.push(`column '${name}' is not in ${current.file}; its drift is not reported`);
      continue;
    }
    if (
      data instanceof NumericSink ||
      data instanceof BudgetedNumericSink ||
      data instanceof SummarisedNumericColumn ||
      data instanceof CategoricalSink
    ) {
      drift[name] = columnDrift(name, column, data, run);
    }
  }
  return drift;
}

/** Label-free estimates from the current scores and decisions; undefined without any row having both. */
function estimatedPerformanceOf(
  reference: ReferenceProfile,
  outcomes: Outcomes,
  options: EvaluateOptions,
  run: Evaluation
): Record<(typeof ESTIMATED_KEYS)[number], number | null> | undefined {
  if (!outcomes.scores || !outcomes.predicted) return undefined;
  const rows = knownRows(outcomes.scores, outcomes.predicted);
  if (rows.length === 0) return undefined;
  let calibrator;
  if (options.calibrate) {
    if (reference.target.calibration === null) {
      run.notes.push('--calibrate needs a reference with labels and scores; estimation uses raw scores');
    } else {
      calibrator = calibratorFromJSON(reference.target.calibration);
    }
  }
  const estimate = estimatePerformance(pick(outcomes.scores, rows), pick(outcomes.predicted, rows), { calibrator });
  return nullable(ESTIMATED_KEYS, estimate);
}

/** Judges the fall of each metric from the reference, on realized performance when there is any, else on estimates. */
function judgePerformanceDrops(
  referencePerformance: Record<string, number | null>,
  report: CheckReport,
  run: Evaluation
): void {
  const basis = report.performance ? 'performance' : 'estimatedPerformance';
  const currentPerformance = report.performance ?? report.estimatedPerformance;
  if (!currentPerformance) return;
  for (const [metric, levels] of Object.entries(run.policy.maxDrop)) {
    const before = referencePerformance[metric];
    const now = currentPerformance[metric];
    if (typeof before !== 'number' || typeof now !== 'number') continue;
    run.violations.add(
      `${basis}.${metric}.drop`,
      metric,
      before - now,
      levels,
      'above',
      `${basis === 'performance' ? '' : 'estimated '}${metric} fell by`
    );
  }
}

function judgeFairness(attribute: string, f: FairnessReport, run: Evaluation): void {
  const judged = [...entriesOf(run.policy.fairnessFloors), ...entriesOf(run.policy.fairnessCeilings)];
  for (const [metric, levels] of judged) {
    run.violations.add(
      `fairness.${metric}`,
      attribute,
      f.eligible[metric] ?? null,
      levels,
      CHECK_FAIRNESS[metric].direction,
      `${metric} across '${attribute}' groups`
    );
  }
}

function fairnessOf(
  current: Dataset,
  predicted: Int8Array,
  actual: Int8Array | null,
  run: Evaluation
): Record<string, AttributeFairness> {
  const fairness = emptyRecord<AttributeFairness>();
  for (const [attribute, groups] of current.groups) {
    const rows = knownRows(groups.codes, predicted, actual);
    if (rows.length === 0) {
      run.notes.push(`no rows with both '${attribute}' and a prediction: fairness for it is not reported`);
      continue;
    }
    const names = Array.from(rows, (i) => groups.names[groups.codes[i]!]!);
    const f = fairnessReport(names, pick(predicted, rows), actual ? pick(actual, rows) : null, {
      minGroupSize: run.policy.minGroupSize,
    });
    fairness[attribute] = fairnessJson(f);
    judgeFairness(attribute, f, run);
  }
  return fairness;
}

/** Everything `modelwatch check` reports, from a reference profile and a current data set. */
export function evaluate(
  reference: ReferenceProfile,
  current: Dataset,
  spec: TargetSpec,
  policy: Policy,
  options: EvaluateOptions
): CheckReport {
  const run: Evaluation = {
    policy,
    violations: new Violations(),
    notes: [],
    psiZeroShare: options.psiZeroShare ?? 'epsilon',
    learned: options.learned ?? null,
  };
  const report: CheckReport = {
    rows: { reference: reference.source.rows, current: current.rows },
    drift: driftOf(reference, current, run),
    violations: run.violations.list,
    notes: run.notes,
  };
  const referencePerformance = reference.target.performance;
  if (referencePerformance) report.referencePerformance = referencePerformance;

  const outcomes = outcomesOf(current, spec);
  const realized = performanceOf(current, spec);
  if (realized) {
    report.performance = nullable(PERFORMANCE_KEYS, realized);
  } else if (spec.label !== null) {
    run.notes.push(`no labelled rows with predictions in ${current.file}: realized performance is not reported`);
  }
  const estimated = estimatedPerformanceOf(reference, outcomes, options, run);
  if (estimated) report.estimatedPerformance = estimated;
  if (referencePerformance) judgePerformanceDrops(referencePerformance, report, run);

  if (current.groups.size > 0 && outcomes.predicted) {
    report.fairness = fairnessOf(current, outcomes.predicted, outcomes.actual, run);
  }
  return report;
}

/** The fairness report with NaN as null and numbers only where JSON can carry them. */
function fairnessJson(value: FairnessReport): AttributeFairness {
  // The round trip is the conversion JSON output makes anyway, so the report holds exactly what is printed.
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))
  ) as AttributeFairness;
}

/** Object.entries that keeps the policy's metric names, so each one indexes the fairness report by type. */
function entriesOf<K extends string, V>(record: Partial<Record<K, V>>): [K, V][] {
  return Object.entries(record) as [K, V][];
}
