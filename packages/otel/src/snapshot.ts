import { ISSUES } from '@modelwatch/semconv';
import {
  OTHER_CATEGORY,
  emptyRecord,
  estimatePerformanceFromCounts,
  fairnessFromCounts,
  jensenShannon,
  multiclassFromMatrix,
  psi,
  rates,
  regressionFromSums,
  toShares,
  type ConfusionCounts,
  type GroupCounts,
} from '@modelwatch/stats';
import type { ResolvedOptions } from './config/resolve-options.js';
import type { AttributeCounts, ModelCounts } from './counts.js';
import { joinCount } from './export/metrics-binding.js';
import { attributionSnapshot } from './features/attribution-snapshot.js';
import type { PendingStore } from './outcomes/pending-store.js';
import type { FeatureDriftSnapshot, MonitorSnapshot } from './types.js';

function featureDrift(counts: ModelCounts): Record<string, FeatureDriftSnapshot> {
  const f = counts.features;
  const out = emptyRecord<FeatureDriftSnapshot>();
  for (const column of f.columns) {
    const current = f.counts.subarray(column.offset, column.offset + column.bins.length);
    let total = 0;
    for (const v of current) total += v;
    const issues: Record<string, number> = {};
    ISSUES.forEach((issue, i) => {
      issues[issue] = f.issues[column.issueOffset + i]!;
    });
    out[column.name] = {
      type: column.type,
      role: column.role,
      count: Math.round(total), // each value adds a mass of exactly 1, spread fractionally over bins
      psi: total > 0 ? psi(column.referenceShares, toShares(current)) : null,
      jensenShannon: total > 0 ? jensenShannon(column.referenceShares, current) : null,
      bins: [...column.bins],
      currentShares: Array.from(toShares(current)),
      referenceShares: [...column.referenceShares],
      issues,
    };
  }
  return out;
}

/** The binary confusion cells (positive/negative) of a (K+1)² cell array at an offset. */
function binaryCells(cells: Float64Array, offset: number, C: number, pos: number, neg: number): ConfusionCounts {
  return {
    tp: cells[offset + pos * C + pos]!,
    fp: cells[offset + pos * C + neg]!,
    fn: cells[offset + neg * C + pos]!,
    tn: cells[offset + neg * C + neg]!,
  };
}

function label(counts: ModelCounts, i: number): string {
  return i < counts.classes.labels.length ? counts.classes.labels[i]! : OTHER_CATEGORY;
}

function performance(counts: ModelCounts, options: ResolvedOptions): MonitorSnapshot['performance'] {
  if (options.task === 'regression') {
    const r = counts.regression;
    if (r.count === 0) return null;
    return regressionFromSums({
      count: r.count,
      sumAbsError: r.absoluteError,
      sumSquaredError: r.squaredError,
      sumError: r.overPrediction - r.underPrediction,
      sumAbsPercentageError: r.absolutePercentageError,
    });
  }
  const C = counts.classes.size;
  let total = 0;
  for (const v of counts.outcomes) total += v;
  if (total === 0) return null;
  if (counts.classes.binary) {
    const cells = binaryCells(counts.outcomes, 0, C, counts.classes.positive, counts.classes.negative);
    const confusion = emptyRecord<Record<string, number>>();
    for (let p = 0; p < C; p++) {
      for (let a = 0; a < C; a++) {
        const v = counts.outcomes[p * C + a]!;
        if (v !== 0) (confusion[label(counts, p)] ??= emptyRecord())[label(counts, a)] = v;
      }
    }
    return { ...rates(cells), confusion };
  }
  const labels = Array.from({ length: C }, (_, i) => label(counts, i));
  const matrix = labels.map((_, a) => labels.map((__, p) => counts.outcomes[p * C + a]!));
  return multiclassFromMatrix(labels, matrix);
}

function fairness(counts: ModelCounts, minGroupSize: number): MonitorSnapshot['fairness'] {
  const out: MonitorSnapshot['fairness'] = emptyRecord();
  const C = counts.classes.size;
  const { positive, negative, binary } = counts.classes;
  if (!binary) return out;
  for (const slice of counts.attributes) {
    if (slice.kind !== 'group') continue;
    const selection = emptyRecord<GroupCounts>();
    const outcomes = emptyRecord<GroupCounts>();
    slice.values.values.forEach((value, k) => {
      let n = 0;
      for (let p = 0; p < C; p++) n += slice.predictions[k * C + p]!;
      if (n > 0) selection[value] = { count: n, selected: slice.predictions[k * C + positive]! };
      const cells = binaryCells(slice.outcomes, k * C * C, C, positive, negative);
      if (cells.tp + cells.fp + cells.fn + cells.tn > 0) outcomes[value] = cells;
    });
    out[slice.values.attribute] = {
      selection: fairnessFromCounts(selection, { minGroupSize }),
      outcomes: Object.keys(outcomes).length > 0 ? fairnessFromCounts(outcomes, { minGroupSize }) : null,
    };
  }
  return out;
}

function segments(counts: ModelCounts, options: ResolvedOptions): MonitorSnapshot['segments'] {
  const out: MonitorSnapshot['segments'] = emptyRecord();
  const C = counts.classes.size;
  for (const slice of counts.attributes as AttributeCounts[]) {
    if (slice.kind !== 'segment') continue;
    const values = emptyRecord<{ predictions: number; outcomes: number; accuracy: number | null }>();
    slice.values.values.forEach((value, k) => {
      let predictions = 0;
      let outcomes = 0;
      let correct = 0;
      if (options.task === 'regression') {
        outcomes = slice.regressionOutcomes[k]!;
      } else {
        for (let p = 0; p < C; p++) predictions += slice.predictions[k * C + p]!;
        for (let p = 0; p < C; p++) {
          for (let a = 0; a < C; a++) {
            const v = slice.outcomes[k * C * C + p * C + a]!;
            outcomes += v;
            if (p === a && p < C - 1) correct += v;
          }
        }
      }
      if (predictions > 0 || outcomes > 0)
        values[value] = {
          predictions,
          outcomes,
          accuracy: outcomes > 0 && options.task === 'classification' ? correct / outcomes : null,
        };
    });
    out[slice.values.attribute] = values;
  }
  return out;
}

type Guard = <T>(fallback: T, compute: () => T) => T;

/**
 * Every number of a snapshot from the same arrays the exporter reads. Each part is computed under `guard`, so
 * a part that fails is left empty and the others are still reported.
 */
export function takeSnapshot(
  counts: ModelCounts,
  pending: PendingStore,
  options: ResolvedOptions,
  guard: Guard = (_, compute) => compute()
): MonitorSnapshot {
  const C = counts.classes.size;
  const predictionsByClass = guard(emptyRecord<number>(), () => {
    const out = emptyRecord<number>();
    for (let p = 0; p < C; p++) if (counts.predictions[p] !== 0) out[label(counts, p)] = counts.predictions[p]!;
    return out;
  });
  const errors = guard(emptyRecord<number>(), () => {
    const out = emptyRecord<number>();
    counts.errorTypes.values.forEach((type, k) => {
      if (counts.errors[k] !== 0) out[type] = counts.errors[k]!;
    });
    return out;
  });
  const estimated = guard<MonitorSnapshot['estimatedPerformance']>(null, () => {
    if (!counts.classes.binary) return null;
    const cells = binaryCells(counts.estimated, 0, C, counts.classes.positive, counts.classes.negative);
    return cells.tp + cells.fp + cells.fn + cells.tn > 0 ? estimatePerformanceFromCounts(cells) : null;
  });
  return {
    model: { ...options.model },
    predictions: counts.predictionCount,
    predictionsByClass,
    errors,
    drift: guard(emptyRecord<FeatureDriftSnapshot>(), () => featureDrift(counts)),
    attributions: guard(null, () => attributionSnapshot(counts.attributions)),
    performance: guard(null, () => performance(counts, options)),
    estimatedPerformance: estimated,
    fairness: guard(emptyRecord(), () => fairness(counts, options.minGroupSize)),
    segments: guard(emptyRecord(), () => segments(counts, options)),
    outcomes: {
      matched: joinCount(counts, pending, 'matched'),
      unmatched: joinCount(counts, pending, 'unmatched'),
      expired: joinCount(counts, pending, 'expired'),
      evicted: joinCount(counts, pending, 'evicted'),
      pending: pending.size,
      stateless: counts.statelessOutcomes,
    },
    detectors: guard([], () =>
      counts.detectors.map((d) => ({
        kind: d.kind,
        status: d.status === 2 ? ('drift' as const) : d.status === 1 ? ('warning' as const) : ('stable' as const),
        detections: d.drifts,
        warnings: d.warnings,
        state: d.detector.state(),
      }))
    ),
    internalErrors: { ...counts.selfErrors },
  };
}

/**
 * snapshot() as the monitor serves it: never throws. A failing part is counted as a `snapshot` internal error
 * (reported once through diag) and left empty; `prepare` (the pending store's sweep) is contained the same way.
 */
export function safeSnapshot(
  counts: ModelCounts,
  pending: PendingStore,
  options: ResolvedOptions,
  prepare: () => void
): MonitorSnapshot {
  const guard: Guard = (fallback, compute) => {
    try {
      return compute();
    } catch (e) {
      counts.safety.contain('snapshot', e);
      return fallback;
    }
  };
  guard(undefined, prepare);
  return takeSnapshot(counts, pending, options, guard);
}
