import { FieldType, type DataFrame } from '@grafana/data';
import { ATTRIBUTE_LABELS } from '@modelwatch/promql';
import { BIN, LABEL, suppressedText } from '@modelwatch/semconv';
import {
  fairnessFromCounts,
  normalUpperQuantile,
  privateRateStdDev,
  wilsonInterval,
  type ConfusionCounts,
  type FairnessReport,
} from '@modelwatch/stats';
import { FAIRNESS_FIELDS as F, FRAME_KIND, type FairnessMeta } from '../../shared/frames';
import { ModelwatchError } from '../errors';
import type { FairnessOptions } from '../options/resolve';
import type { Labels, PromVector } from '../prometheus/api';
import type { FairnessMetric } from '../types';
import { binaryClasses, classesSeen, type BinaryClasses } from './classes';
import { modelTitle, tableFrame } from './frames';
import { compareNatural, groupBy, samplesOf, type Sample } from './samples';

export interface FairnessInput {
  /** Predictions over the window per group and predicted class. */
  predictions: PromVector;
  /** Outcome cells over the window per group, predicted and actual class. */
  outcomes: PromVector;
}

/** What one group contributes: its predictions (all classes), those of the positive class, its binary cells. */
interface GroupCounts {
  predictions: number;
  selected: number;
  cells: ConfusionCounts;
}

function groupCounts(
  predictions: readonly Sample[],
  outcomes: readonly Sample[],
  classes: BinaryClasses
): Map<string, GroupCounts> {
  const groups = new Map<string, GroupCounts>();
  const of = (labels: Labels): GroupCounts => {
    const name = labels[LABEL.groupValue] ?? '';
    let g = groups.get(name);
    if (!g) {
      g = { predictions: 0, selected: 0, cells: { tp: 0, fp: 0, fn: 0, tn: 0 } };
      groups.set(name, g);
    }
    return g;
  };
  for (const s of predictions) {
    const g = of(s.labels);
    g.predictions += s.value;
    if (s.labels[LABEL.predictionClass] === classes.positive) {
      g.selected += s.value;
    }
  }
  const { positive: P, negative: N } = classes;
  for (const s of outcomes) {
    const g = of(s.labels);
    const p = s.labels[LABEL.predictionClass];
    const a = s.labels[LABEL.actualClass];
    // Only the binary cells count, as in the fairness rules (an `__other__` class is neither).
    if (p === P && a === P) {
      g.cells.tp += s.value;
    } else if (p === P && a === N) {
      g.cells.fp += s.value;
    } else if (p === N && a === P) {
      g.cells.fn += s.value;
    } else if (p === N && a === N) {
      g.cells.tn += s.value;
    }
  }
  return groups;
}

/** max − min over the values that are defined (Fairlearn's difference); NaN when none is. */
function spread(values: readonly number[]): number {
  const defined = values.filter((v) => !Number.isNaN(v));
  return defined.length ? Math.max(...defined) - Math.min(...defined) : Number.NaN;
}

interface Row {
  group: string;
  metric: FairnessMetric;
  value: number;
  lower: number;
  upper: number;
  count: number;
  size: number;
  eligible: boolean;
}

/** Largest group first, ties in natural order. */
function groupNames(groups: Map<string, GroupCounts>): string[] {
  return [...groups.keys()].sort(
    (a, b) => groups.get(b)!.predictions - groups.get(a)!.predictions || compareNatural(a, b)
  );
}

/** Selection rates over all predictions, label-based rates over the binary outcome cells. */
function reportsOf(
  o: FairnessOptions,
  names: readonly string[],
  groups: Map<string, GroupCounts>
): { selection: FairnessReport; labelled: FairnessReport } {
  const options = { minGroupSize: o.minGroupSize, confidence: o.confidence };
  // A sum of one class can exceed the sum of all classes by a rounding step when replicas add up in another order.
  const selection = fairnessFromCounts(
    Object.fromEntries(
      names.map((g) => [
        g,
        { count: groups.get(g)!.predictions, selected: Math.min(groups.get(g)!.selected, groups.get(g)!.predictions) },
      ])
    ),
    options
  );
  const labelled = fairnessFromCounts(Object.fromEntries(names.map((g) => [g, groups.get(g)!.cells])), options);
  return { selection, labelled };
}

/** The group chosen in the query, else the largest group that is not inconclusive, else the largest. */
function referenceGroupOf(
  o: FairnessOptions,
  labels: Labels,
  names: readonly string[],
  selection: FairnessReport
): string {
  const attribute = labels[LABEL.groupAttribute] ?? '';
  const reference = o.referenceGroup;
  if (reference !== undefined && !names.includes(reference)) {
    throw new ModelwatchError(
      `referenceGroup: '${reference}' is not a group of ${attribute} for ${modelTitle(labels)} (groups: ${names.join(', ')}); choose one of them or leave it empty for the largest`
    );
  }
  return reference ?? names.find((g) => !selection.groups[g]!.inconclusive) ?? names[0] ?? '';
}

/** One group's rows, one per metric of the query. */
function groupRows(
  o: FairnessOptions,
  group: string,
  cells: ConfusionCounts,
  selection: FairnessReport,
  labelled: FairnessReport
): Row[] {
  const sel = selection.groups[group]!;
  const lab = labelled.groups[group]!;
  const { tp, fp, fn, tn } = cells;
  const n = tp + fp + fn + tn;
  const rows: Row[] = [];
  for (const metric of o.metrics) {
    const base = { group, metric, size: n, eligible: !lab.inconclusive };
    switch (metric) {
      case 'selectionRate':
        rows.push({
          ...base,
          value: sel.selectionRate,
          ...sel.intervals.selectionRate,
          count: sel.count,
          size: sel.count,
          eligible: !sel.inconclusive,
        });
        break;
      case 'tpr':
        rows.push({ ...base, value: lab.tpr!, ...lab.intervals.tpr!, count: tp + fn });
        break;
      case 'fnr':
        rows.push({ ...base, value: lab.fnr!, ...lab.intervals.fnr!, count: tp + fn });
        break;
      case 'fpr':
        rows.push({ ...base, value: lab.fpr!, ...lab.intervals.fpr!, count: fp + tn });
        break;
      case 'precision':
        rows.push({ ...base, value: lab.precision!, ...lab.intervals.precision!, count: tp + fp });
        break;
      case 'accuracy':
        rows.push({
          ...base,
          value: n > 0 ? (tp + tn) / n : Number.NaN,
          ...wilsonInterval(tp + tn, n, o.confidence),
          count: n,
        });
        break;
    }
  }
  return rows;
}

function fairnessMeta(
  o: FairnessOptions,
  labels: Labels,
  referenceGroup: string,
  selection: FairnessReport,
  labelled: FairnessReport
): FairnessMeta {
  const eligibleFpr = labelled.eligible.included.map((g) => labelled.groups[g]!.fpr!);
  return {
    kind: FRAME_KIND.fairness,
    attribute: labels[LABEL.groupAttribute] ?? '',
    referenceGroup,
    minGroupSize: o.minGroupSize,
    confidence: o.confidence,
    window: o.window,
    disparateImpact: selection.eligible.disparateImpact,
    levels: o.levels,
    disparities: {
      demographicParityDifference: selection.eligible.demographicParityDifference,
      equalOpportunityDifference: labelled.eligible.equalOpportunityDifference!,
      fprDifference: spread(eligibleFpr),
      fnrDifference: labelled.eligible.fnrDifference!,
      equalizedOddsDifference: labelled.eligible.equalizedOddsDifference!,
    },
    model: labels[LABEL.modelName],
    version: labels[LABEL.modelVersion],
  };
}

/**
 * Per-group rates with Wilson intervals, each group compared with a reference group, and the disparities the
 * fairness rules record, for one attribute of one model version. Eligibility follows the rules: a group's
 * predictions for the selection rate, its labelled predictions for the label-based rates.
 */
function attributeFrame(o: FairnessOptions, labels: Labels, groups: Map<string, GroupCounts>): DataFrame {
  // __suppressed__ holds the values below the monitors' minCellSize (and their counts before they reached it): a
  // mixture of groups, shown as such but never judged, compared or chosen as the reference.
  const suppressed = groups.get(BIN.suppressed);
  groups.delete(BIN.suppressed);
  const names = groupNames(groups);
  const { selection, labelled } = reportsOf(o, names, groups);
  const reference = referenceGroupOf(o, labels, names, selection);
  const rows = names.flatMap((group) => groupRows(o, group, groups.get(group)!.cells, selection, labelled));
  const referenceValue = (metric: FairnessMetric): number =>
    rows.find((r) => r.group === reference && r.metric === metric)?.value ?? Number.NaN;
  const ratio = rows.map((r) => r.value / referenceValue(r.metric));
  const difference = rows.map((r) => r.value - referenceValue(r.metric));
  if (suppressed !== undefined) {
    const only = new Map([[BIN.suppressed as string, suppressed]]);
    const own = reportsOf(o, [BIN.suppressed], only);
    for (const r of groupRows(o, BIN.suppressed, suppressed.cells, own.selection, own.labelled)) {
      rows.push({ ...r, group: suppressedText(o.minCellSize), eligible: false });
      ratio.push(Number.NaN);
      difference.push(Number.NaN);
    }
  }
  if (o.privacy !== null) {
    widenForNoise(o, rows);
  }
  return tableFrame(
    `${labels[LABEL.groupAttribute] ?? ''} ${modelTitle(labels)}`,
    [
      { name: F.group, type: FieldType.string, values: rows.map((r) => r.group) },
      { name: F.metric, type: FieldType.string, values: rows.map((r) => r.metric) },
      { name: F.value, type: FieldType.number, values: rows.map((r) => r.value) },
      { name: F.lower, type: FieldType.number, values: rows.map((r) => r.lower) },
      { name: F.upper, type: FieldType.number, values: rows.map((r) => r.upper) },
      { name: F.count, type: FieldType.number, values: rows.map((r) => r.count) },
      { name: F.ratio, type: FieldType.number, values: ratio },
      { name: F.difference, type: FieldType.number, values: difference },
      { name: F.eligible, type: FieldType.boolean, values: rows.map((r) => r.eligible) },
      { name: F.size, type: FieldType.number, values: rows.map((r) => r.size) },
    ],
    fairnessMeta(o, labels, reference, selection, labelled)
  );
}

/**
 * With differentially private group counters, a rate of two noisy increases has the tree noise on top of sampling
 * error: each interval widens by z·σ of that noise (docs/statistics.md, "Differentially private counters").
 * Accuracy sums two cells over four; every other rate one counter over two.
 */
function widenForNoise(o: FairnessOptions, rows: Row[]): void {
  const { epsilon, horizon } = o.privacy!;
  const z = normalUpperQuantile((1 - o.confidence) / 2);
  for (const r of rows) {
    const counters = r.metric === 'accuracy' ? { numerator: 2, rest: 2 } : { numerator: 1, rest: 1 };
    const sd = privateRateStdDev(r.value, r.count, epsilon, horizon, counters);
    if (!(sd >= 0)) {
      continue;
    }
    r.lower = Math.max(0, r.lower - z * sd);
    r.upper = Math.min(1, r.upper + z * sd);
  }
}

/** Fairness at the query time: one frame per model version and protected attribute. */
export function fairnessFrames(o: FairnessOptions, input: FairnessInput): DataFrame[] {
  const predictions = samplesOf(input.predictions);
  const outcomes = samplesOf(input.outcomes);
  const classes = binaryClasses(o.classes, classesSeen([...predictions, ...outcomes].map((s) => s.labels)), o.model);
  if (classes === null) {
    return [];
  }
  const outcomeGroups = groupBy(outcomes, ATTRIBUTE_LABELS);
  const predictionGroups = groupBy(predictions, ATTRIBUTE_LABELS);
  const keys = [...new Set([...predictionGroups.keys(), ...outcomeGroups.keys()])].sort(compareNatural);
  return keys.map((key) => {
    const p = predictionGroups.get(key) ?? [];
    const out = outcomeGroups.get(key) ?? [];
    const labels = (p[0] ?? out[0])!.labels;
    return attributeFrame(o, labels, groupCounts(p, out, classes));
  });
}
