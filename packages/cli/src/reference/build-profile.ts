import {
  ColumnAccumulator,
  PROFILE_VERSION,
  binaryClassificationReport,
  categoricalColumnProfile,
  fitCalibrator,
  numericColumnProfile,
  type ColumnProfile,
  type ColumnRole,
  type ReferenceProfile,
} from '@modelwatch/stats';
import { InputError } from '../errors.js';
import type { Dataset } from '../data/dataset.js';
import { knownRows, outcomesOf, pick, resolvePositive, type TargetSpec } from '../check/target.js';

export interface ProfileOptions {
  maxKnots: number;
  maxCategories: number;
  protected: readonly string[];
  /** Name recorded as the profile's source. */
  sourceName: string;
}

function roleOf(name: string, target: TargetSpec, protectedColumns: readonly string[]): ColumnRole {
  if (name === target.label) return 'label';
  if (name === target.score) return 'score';
  if (name === target.prediction) return 'prediction';
  if (protectedColumns.includes(name)) return 'protected';
  return 'feature';
}

/** Resolves the positive class on a labelled data set (the reference decides it for every later check). */
export function resolveTarget(dataset: Dataset, spec: TargetSpec): TargetSpec {
  if (!dataset.labels || spec.label === null) {
    if (spec.prediction !== null && spec.positive === null) {
      throw new InputError(
        `${dataset.file}: name the positive class with --positive (needed to read column '${spec.prediction}')`
      );
    }
    return spec;
  }
  return { ...spec, positive: resolvePositive(dataset.labels, spec.positive, dataset.file, spec.label) };
}

/** Realized performance on a labelled data set, or null when it has no labels or no predictions. */
export function performanceOf(dataset: Dataset, spec: TargetSpec): Record<string, number> | null {
  const { actual, predicted, scores } = outcomesOf(dataset, spec);
  if (!actual || !predicted) return null;
  const rows = knownRows(actual, predicted, scores);
  if (rows.length === 0) return null;
  const report = binaryClassificationReport(pick(actual, rows), scores ? pick(scores, rows) : null, {
    threshold: spec.threshold,
    predicted: pick(predicted, rows),
  });
  return {
    count: rows.length,
    accuracy: report.accuracy,
    precision: report.precision,
    recall: report.recall,
    f1: report.f1,
    rocAuc: report.rocAuc,
    logLoss: report.logLoss,
    brier: report.brier,
    ece: report.ece,
  };
}

/** An isotonic score calibration fitted on a labelled data set, for calibrated label-free estimation. */
export function calibrationOf(dataset: Dataset, spec: TargetSpec): unknown | null {
  const { actual, scores } = outcomesOf(dataset, spec);
  if (!actual || !scores) return null;
  const rows = knownRows(actual, scores);
  if (rows.length === 0) return null;
  return fitCalibrator(pick(scores, rows), pick(actual, rows), 'isotonic').toJSON();
}

/**
 * The reference profile of a data set read with inferring accumulators. maxKnots and maxCategories bound
 * what a saved profile carries; an in-memory reference for `check` passes Infinity to stay exact.
 */
export function buildProfile(dataset: Dataset, spec: TargetSpec, options: ProfileOptions): ReferenceProfile {
  if (dataset.rows === 0) throw new InputError(`${dataset.file}: has no data rows`);
  const columns = Object.create(null) as Record<string, ColumnProfile>;
  for (const [name, data] of dataset.columns) {
    if (!(data instanceof ColumnAccumulator)) throw new Error(`column '${name}' was not read for profiling`);
    const role = roleOf(name, spec, options.protected);
    if (data.count === 0)
      throw new InputError(
        `${dataset.file}: column '${name}' has no values (every cell is missing); leave it out with --ignore ${name}`
      );
    columns[name] =
      data.isNumeric && role !== 'label' && role !== 'prediction' && role !== 'protected'
        ? numericColumnProfile(data.numbers.view(), data.missing, role, options.maxKnots)
        : categoricalColumnProfile(data.categoryCounts(), data.missing, role, options.maxCategories, data.overflow);
  }
  return {
    profileVersion: PROFILE_VERSION,
    createdAt: new Date().toISOString(),
    source: { name: options.sourceName, rows: dataset.rows },
    options: {
      maxKnots: Number.isFinite(options.maxKnots) ? options.maxKnots : null,
      maxCategories: Number.isFinite(options.maxCategories) ? options.maxCategories : null,
    },
    target: {
      label: spec.label,
      positive: spec.positive,
      score: spec.score,
      prediction: spec.prediction,
      threshold: spec.threshold,
      performance: performanceOf(dataset, spec),
      calibration: calibrationOf(dataset, spec),
    },
    protected: [...options.protected],
    columns,
  };
}
