import { checkConfusion, type ConfusionCounts } from '../performance/confusion.js';
import { checkBinary, checkCount, checkSameLength, checkWeights, ratio } from '../performance/validate.js';
import { wilsonInterval, type Interval } from './wilson.js';

/** Default minimum group size below which a group is reported but never judged. */
export const DEFAULT_MIN_GROUP_SIZE = 30;

/** Counts of a group without labels: rows and rows predicted positive. */
export interface SelectionCounts {
  count: number;
  selected: number;
}

export type GroupCounts = ConfusionCounts | SelectionCounts;

export interface FairnessOptions {
  /** Groups with fewer rows are inconclusive: reported, left out of `eligible` (default 30). */
  minGroupSize?: number;
  /** Confidence level of the Wilson intervals (default 0.95). */
  confidence?: number;
}

export interface FairnessReportOptions extends FairnessOptions {
  /** Frequency weights: a row with weight w counts as w identical rows, in rates, intervals and group sizes. */
  weights?: ArrayLike<number> | null;
}

export interface GroupIntervals {
  selectionRate: Interval;
  tpr?: Interval;
  fpr?: Interval;
  fnr?: Interval;
  precision?: Interval;
}

/** One group's rates; the label-based ones exist only when labels were given. */
export interface GroupFairness {
  count: number;
  /** count < minGroupSize: too small to judge. */
  inconclusive: boolean;
  /** Predicted positive / count. */
  selectionRate: number;
  /** tp / (tp + fn). */
  tpr?: number;
  /** fp / (fp + tn). */
  fpr?: number;
  /** fn / (fn + tp). */
  fnr?: number;
  /** tp / (tp + fp). */
  precision?: number;
  /** Wilson intervals, each over its own rate's denominator. */
  intervals: GroupIntervals;
}

/**
 * Disparities across a set of groups, with Fairlearn's conventions: a difference is max − min over the
 * groups where the rate is defined (so never negative), a ratio is min / max. NaN when no group defines the
 * rate, or for a ratio whose max is 0.
 */
export interface Disparities {
  /** The groups compared. */
  included: string[];
  /** Selection-rate difference. */
  demographicParityDifference: number;
  /** Selection-rate ratio. */
  demographicParityRatio: number;
  /** min / max selection rate; the four-fifths rule is a policy threshold of 0.8 on it, not part of it. */
  disparateImpact: number;
  /** TPR difference. */
  equalOpportunityDifference?: number;
  /** max(TPR difference, FPR difference); NaN when either is. */
  equalizedOddsDifference?: number;
  /** FNR difference. */
  fnrDifference?: number;
}

/** Per-group rates and disparities over all groups (Fairlearn's numbers) and over `eligible` groups only. */
export interface FairnessReport extends Disparities {
  /** Whether labels were available, i.e. whether the TPR/FPR/FNR/precision metrics exist. */
  labelled: boolean;
  minGroupSize: number;
  confidence: number;
  groups: Record<string, GroupFairness>;
  /** Disparities over groups with count >= minGroupSize; violations are judged on these only. */
  eligible: Disparities;
}

function isConfusion(g: GroupCounts): g is ConfusionCounts {
  return 'tp' in g;
}

function spread(values: readonly number[]): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : null;
}

function difference(values: readonly number[]): number {
  const s = spread(values);
  return s ? s.max - s.min : Number.NaN;
}

function ratioOf(values: readonly number[]): number {
  const s = spread(values);
  return s ? ratio(s.min, s.max) : Number.NaN;
}

function disparities(names: string[], groups: readonly GroupFairness[], labelled: boolean): Disparities {
  const sel = groups.map((g) => g.selectionRate);
  const selectionRatio = ratioOf(sel);
  const out: Disparities = {
    included: names,
    demographicParityDifference: difference(sel),
    demographicParityRatio: selectionRatio,
    disparateImpact: selectionRatio,
  };
  if (labelled) {
    const tprDiff = difference(groups.map((g) => g.tpr ?? Number.NaN));
    const fprDiff = difference(groups.map((g) => g.fpr ?? Number.NaN));
    out.equalOpportunityDifference = tprDiff;
    out.equalizedOddsDifference =
      Number.isNaN(tprDiff) || Number.isNaN(fprDiff) ? Number.NaN : Math.max(tprDiff, fprDiff);
    out.fnrDifference = difference(groups.map((g) => g.fnr ?? Number.NaN));
  }
  return out;
}

function rateWithInterval(successes: number, trials: number, confidence: number): [number, Interval] {
  return [ratio(successes, trials), wilsonInterval(successes, trials, confidence)];
}

function groupFairness(c: GroupCounts, minGroupSize: number, confidence: number): GroupFairness {
  if (isConfusion(c)) {
    const { tp, fp, tn, fn } = c;
    const count = tp + fp + tn + fn;
    const [selectionRate, selI] = rateWithInterval(tp + fp, count, confidence);
    const [tpr, tprI] = rateWithInterval(tp, tp + fn, confidence);
    const [fpr, fprI] = rateWithInterval(fp, fp + tn, confidence);
    const [fnr, fnrI] = rateWithInterval(fn, fn + tp, confidence);
    const [precision, precI] = rateWithInterval(tp, tp + fp, confidence);
    return {
      count,
      inconclusive: count < minGroupSize,
      selectionRate,
      tpr,
      fpr,
      fnr,
      precision,
      intervals: { selectionRate: selI, tpr: tprI, fpr: fprI, fnr: fnrI, precision: precI },
    };
  }
  const [selectionRate, selI] = rateWithInterval(c.selected, c.count, confidence);
  return { count: c.count, inconclusive: c.count < minGroupSize, selectionRate, intervals: { selectionRate: selI } };
}

/**
 * Fairness report from per-group counts: confusion counts when labels exist, selection counts
 * ({count, selected}) when they do not; all groups must be of one kind. Counts may be fractional.
 */
export function fairnessFromCounts(groups: Record<string, GroupCounts>, options: FairnessOptions = {}): FairnessReport {
  const minGroupSize = options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const confidence = options.confidence ?? 0.95;
  if (!(minGroupSize >= 0 && Number.isFinite(minGroupSize))) {
    throw new RangeError(`minGroupSize must be a finite number >= 0, got ${minGroupSize}`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (typeof groups !== 'object' || groups === null)
    throw new TypeError('groups must be an object of per-group counts');
  const entries = Object.entries(groups);
  let labelled: boolean | null = null;
  for (const [name, c] of entries) {
    if (typeof c !== 'object' || c === null)
      throw new TypeError(`the counts of group ${JSON.stringify(name)} are not an object`);
    const kind = isConfusion(c);
    if (labelled !== null && kind !== labelled) {
      throw new TypeError('groups mix confusion counts and selection counts; give one kind for every group');
    }
    labelled = kind;
    if (isConfusion(c)) {
      checkConfusion(c, `counts of group ${JSON.stringify(name)}`);
    } else {
      checkCount(`count of group ${JSON.stringify(name)}`, c.count);
      checkCount(`selected of group ${JSON.stringify(name)}`, c.selected);
      if (c.selected > c.count) throw new RangeError(`group ${JSON.stringify(name)} has more selected rows than rows`);
    }
  }
  const isLabelled = labelled ?? false;
  const names = entries.map(([name]) => name);
  const metrics = entries.map(([, c]) => groupFairness(c, minGroupSize, confidence));
  const eligibleNames: string[] = [];
  const eligibleMetrics: GroupFairness[] = [];
  metrics.forEach((m, k) => {
    if (!m.inconclusive) {
      eligibleNames.push(names[k]!);
      eligibleMetrics.push(m);
    }
  });
  return {
    ...disparities(names, metrics, isLabelled),
    labelled: isLabelled,
    minGroupSize,
    confidence,
    // fromEntries defines own properties, so a group named "__proto__" is stored like any other.
    groups: Object.fromEntries(names.map((name, k) => [name, metrics[k]!])),
    eligible: disparities(eligibleNames, eligibleMetrics, isLabelled),
  };
}

/**
 * Per-group counts of 0/1 predictions (and 0/1 labels when given), in order of first appearance (except that
 * JavaScript objects list integer-like names such as "2" first, in numeric order).
 */
export function groupCounts(
  groups: ArrayLike<string>,
  predicted: ArrayLike<number>,
  actual?: ArrayLike<number> | null,
  weights?: ArrayLike<number> | null
): Record<string, GroupCounts> {
  checkSameLength('groups', groups, 'predicted', predicted);
  checkBinary('predicted', predicted);
  if (actual != null) {
    checkSameLength('actual', actual, 'predicted', predicted);
    checkBinary('actual', actual);
  }
  if (weights != null) {
    checkSameLength('weights', weights, 'predicted', predicted);
    checkWeights(weights);
  }
  // cells[2·actual + predicted] (tn, fp, fn, tp); without labels cells[predicted].
  const cells = new Map<string, number[]>();
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (typeof g !== 'string') throw new TypeError(`group at position ${i} is not a string`);
    let c = cells.get(g);
    if (c === undefined) {
      c = [0, 0, 0, 0];
      cells.set(g, c);
    }
    c[(actual != null ? 2 * actual[i]! : 0) + predicted[i]!]! += weights != null ? weights[i]! : 1;
  }
  const out: [string, GroupCounts][] = [];
  for (const [g, c] of cells) {
    if (actual != null) out.push([g, { tp: c[3]!, fp: c[1]!, tn: c[0]!, fn: c[2]! }]);
    else out.push([g, { count: c[0]! + c[1]!, selected: c[1]! }]);
  }
  return Object.fromEntries(out);
}

/**
 * Fairness report of 0/1 predictions (1 = favourable/positive) by group, with 0/1 labels when available;
 * without labels only the selection-rate metrics exist. See fairnessFromCounts.
 */
export function fairnessReport(
  groups: ArrayLike<string>,
  predicted: ArrayLike<number>,
  actual?: ArrayLike<number> | null,
  options: FairnessReportOptions = {}
): FairnessReport {
  const { weights, ...rest } = options;
  return fairnessFromCounts(groupCounts(groups, predicted, actual, weights), rest);
}

/** Share of rows predicted positive, optionally with frequency weights (Fairlearn's selection_rate); NaN for none. */
export function selectionRate(predicted: ArrayLike<number>, weights?: ArrayLike<number> | null): number {
  checkBinary('predicted', predicted);
  if (weights != null) {
    checkSameLength('weights', weights, 'predicted', predicted);
    checkWeights(weights);
  }
  let selected = 0;
  let total = 0;
  for (let i = 0; i < predicted.length; i++) {
    const w = weights != null ? weights[i]! : 1;
    selected += w * predicted[i]!;
    total += w;
  }
  return ratio(selected, total);
}
