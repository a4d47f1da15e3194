import {
  EmpiricalDistribution,
  alignCategories,
  calibratorFromJSON,
  categoricalDrift,
  estimatePerformance,
  fairnessReport,
  numericDrift,
  referenceCategoryCounts,
  referenceDistribution,
  type ColumnProfile,
  type FairnessReport,
  type ReferenceProfile,
} from '@modelwatch/stats';
import { CategoricalSink, NumericSink, type Dataset } from '../data/dataset.js';
import { performanceOf } from '../reference/build-profile.js';
import type { DriftStatistic, Levels, Policy } from './policy.js';
import type { AttributeFairness, CheckReport, ColumnDrift, Severity, Violation } from './report.js';
import { knownRows, outcomesOf, pick, type TargetSpec } from './target.js';

/** JSON has no NaN: an undefined statistic (e.g. precision with no predicted positives) is null. */
function finiteOrNull(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}

type Direction = 'above' | 'below';

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

function driftLevels(policy: Policy, column: string, statistic: DriftStatistic): Levels {
  return policy.driftColumns[column]?.[statistic] ?? policy.drift[statistic];
}

function columnDrift(
  name: string,
  reference: ColumnProfile,
  current: NumericSink | CategoricalSink,
  policy: Policy,
  violations: Violations
): ColumnDrift {
  const missingShare = {
    reference: reference.rows ? reference.missing / reference.rows : 0,
    current: current.rows ? current.missing / current.rows : 0,
  };
  violations.add(
    'dataQuality.missingShareIncrease',
    name,
    missingShare.current - missingShare.reference,
    policy.missingShareIncrease,
    'above',
    `missing share of '${name}' rose by`
  );
  let found = false;
  const check = (statistic: DriftStatistic, value: number | null, direction: Direction, describe: string): void => {
    if (
      violations.add(
        `drift.${statistic}`,
        name,
        value,
        driftLevels(policy, name, statistic),
        direction,
        `${describe} of '${name}'`
      )
    )
      found = true;
  };

  if (reference.type === 'numeric' && current instanceof NumericSink) {
    const invalidShare = current.rows ? current.invalid / current.rows : 0;
    violations.add(
      'dataQuality.invalidShare',
      name,
      invalidShare,
      policy.invalidShare,
      'above',
      `share of non-numeric values in '${name}'`
    );
    const values = current.numbers.view();
    if (values.length === 0) {
      return {
        type: 'numeric',
        role: reference.role,
        psi: null,
        jensenShannon: null,
        ks: null,
        wasserstein: null,
        missingShare,
        invalidShare,
        drifted: false,
      };
    }
    const d = numericDrift(referenceDistribution(reference), EmpiricalDistribution.fromValues(values), {
      bins: policy.bins,
    });
    check('psi', d.psi, 'above', 'PSI');
    check('jensenShannon', d.jensenShannon, 'above', 'Jensen–Shannon distance');
    check('ksPValue', d.ks.pValue, 'below', 'KS p-value');
    check('wasserstein', d.wasserstein, 'above', 'normalised Wasserstein distance');
    return {
      type: 'numeric',
      role: reference.role,
      psi: d.psi,
      jensenShannon: d.jensenShannon,
      ks: d.ks,
      wasserstein: d.wasserstein,
      missingShare,
      invalidShare,
      drifted: found,
    };
  }
  if (reference.type === 'categorical' && current instanceof CategoricalSink) {
    if (current.counts.size === 0) {
      return {
        type: 'categorical',
        role: reference.role,
        psi: null,
        jensenShannon: null,
        chiSquare: null,
        newCategoryShare: null,
        missingShare,
        drifted: false,
      };
    }
    const d = categoricalDrift(referenceCategoryCounts(reference), alignCategories(reference, current.counts));
    check('psi', d.psi, 'above', 'PSI');
    check('jensenShannon', d.jensenShannon, 'above', 'Jensen–Shannon distance');
    check('chiSquarePValue', d.chiSquare?.pValue ?? null, 'below', 'chi-square p-value');
    check('newCategoryShare', d.newCategoryShare, 'above', 'share of unseen categories');
    return {
      type: 'categorical',
      role: reference.role,
      psi: d.psi,
      jensenShannon: d.jensenShannon,
      chiSquare: d.chiSquare,
      newCategoryShare: d.newCategoryShare,
      missingShare,
      drifted: found,
    };
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
}

/** Everything `modelwatch check` reports, from a reference profile and a current data set. */
export function evaluate(
  reference: ReferenceProfile,
  current: Dataset,
  spec: TargetSpec,
  policy: Policy,
  options: EvaluateOptions
): CheckReport {
  const violations = new Violations();
  const notes: string[] = [];
  const drift: Record<string, ColumnDrift> = {};
  for (const [name, column] of Object.entries(reference.columns)) {
    const data = current.columns.get(name);
    if (!data) {
      notes.push(`column '${name}' is not in ${current.file}; its drift is not reported`);
      continue;
    }
    if (data instanceof NumericSink || data instanceof CategoricalSink) {
      drift[name] = columnDrift(name, column, data, policy, violations);
    }
  }

  const report: CheckReport = {
    rows: { reference: reference.source.rows, current: current.rows },
    drift,
    violations: violations.list,
    notes,
  };
  const referencePerformance = reference.target.performance;
  if (referencePerformance) report.referencePerformance = referencePerformance;

  const outcomes = outcomesOf(current, spec);
  const realized = performanceOf(current, spec);
  if (realized) {
    report.performance = nullable(PERFORMANCE_KEYS, realized);
  } else if (spec.label !== null) {
    notes.push(`no labelled rows with predictions in ${current.file}: realized performance is not reported`);
  }

  if (outcomes.scores && outcomes.predicted) {
    const rows = knownRows(outcomes.scores, outcomes.predicted);
    if (rows.length > 0) {
      let calibrator;
      if (options.calibrate) {
        if (reference.target.calibration === null) {
          notes.push('--calibrate needs a reference with labels and scores; estimation uses raw scores');
        } else {
          calibrator = calibratorFromJSON(reference.target.calibration);
        }
      }
      const estimate = estimatePerformance(pick(outcomes.scores, rows), pick(outcomes.predicted, rows), { calibrator });
      report.estimatedPerformance = nullable(ESTIMATED_KEYS, estimate);
    }
  }

  if (referencePerformance) {
    const basis = report.performance ? 'performance' : 'estimatedPerformance';
    const currentPerformance = report.performance ?? report.estimatedPerformance;
    if (currentPerformance) {
      for (const [metric, levels] of Object.entries(policy.maxDrop)) {
        const before = referencePerformance[metric];
        const now = currentPerformance[metric];
        if (typeof before !== 'number' || typeof now !== 'number') continue;
        violations.add(
          `${basis}.${metric}.drop`,
          metric,
          before - now,
          levels,
          'above',
          `${basis === 'performance' ? '' : 'estimated '}${metric} fell by`
        );
      }
    }
  }

  if (current.groups.size > 0 && outcomes.predicted) {
    report.fairness = {};
    for (const [attribute, groups] of current.groups) {
      const rows = knownRows(groups.codes, outcomes.predicted, outcomes.actual);
      if (rows.length === 0) {
        notes.push(`no rows with both '${attribute}' and a prediction: fairness for it is not reported`);
        continue;
      }
      const names = rows.map((i) => groups.names[groups.codes[i]!]!);
      const f = fairnessReport(
        names,
        pick(outcomes.predicted, rows),
        outcomes.actual ? pick(outcomes.actual, rows) : null,
        {
          minGroupSize: policy.minGroupSize,
        }
      );
      report.fairness[attribute] = fairnessJson(f);
      for (const [metric, levels] of entriesOf(policy.fairnessFloors)) {
        violations.add(
          `fairness.${metric}`,
          attribute,
          f.eligible[metric] ?? null,
          levels,
          'below',
          `${metric} across '${attribute}' groups`
        );
      }
      for (const [metric, levels] of entriesOf(policy.fairnessCeilings)) {
        violations.add(
          `fairness.${metric}`,
          attribute,
          f.eligible[metric] ?? null,
          levels,
          'above',
          `${metric} across '${attribute}' groups`
        );
      }
    }
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
