/**
 * Drift of a numeric column read once in bounded memory: the binned statistics from bin counts kept exactly as
 * values stream by, KS and Wasserstein from a quantile summary with certified error bounds.
 */
import type { EmpiricalDistribution } from '../sample/empirical-distribution.js';
import { DEFAULT_SUMMARY_CAPACITY, QuantileSummary } from '../sample/quantile-summary.js';
import { DEFAULT_BINS, ReferenceBinning } from './binning.js';
import { CompiledBinning } from './compiled-binning.js';
import { jensenShannon, psi, toShares } from './divergence.js';
import { ksPValue, ksStatistic, type KsMethod } from './ks.js';
import type { NumericDrift } from './numeric.js';
import { WASSERSTEIN_STD_FLOOR, wasserstein1 } from './wasserstein.js';

/** How far each statistic from the summary can be from the one on the whole column (0 = exact). */
export interface SummaryDriftBounds {
  /** |D̂ − D|: the summary's certified rank error as a share. */
  ksStatistic: number;
  /** |Ŵ − W| of the normalized Wasserstein distance. */
  wasserstein: number;
  /** PSI and Jensen–Shannon come from exactly counted bins. */
  psi: 0;
  jensenShannon: 0;
}

export interface SummaryNumericDrift extends NumericDrift {
  /** The KS p-value is evaluated at max(0, D̂ − bound): never below the exact p-value, so alerts stay valid. */
  ks: { statistic: number; pValue: number; method: 'exact' | 'asymp' };
  bounds: SummaryDriftBounds;
}

/**
 * Every numeric drift statistic from bin counts of the reference's bins and a quantile summary of the same values.
 * The KS p-value is conservative: the exact D is at least D̂ − ε, the p-value falls as D grows, so the p-value at
 * D̂ − ε is at least the exact one and a test at level α still fires falsely at most α of the time.
 */
export function summaryNumericDrift(
  reference: EmpiricalDistribution,
  binCounts: ArrayLike<number>,
  summary: QuantileSummary,
  options: { ksMethod?: KsMethod } = {}
): SummaryNumericDrift {
  if (reference.size === 0) throw new RangeError('the reference sample is empty');
  if (summary.count === 0) throw new RangeError('the current sample is empty');
  const referenceShares = new Float64Array(binCounts.length).fill(1 / binCounts.length);
  const currentShares = toShares(binCounts);
  const current = summary.toDistribution();
  const statistic = ksStatistic(reference, current);
  const ksBound = summary.rankError;
  const { pValue, method } = ksPValue(
    Math.max(0, statistic - ksBound),
    reference.size,
    summary.count,
    options.ksMethod ?? 'auto'
  );
  const scale = Math.max(reference.std, WASSERSTEIN_STD_FLOOR);
  return {
    type: 'numeric',
    psi: psi(referenceShares, currentShares),
    jensenShannon: jensenShannon(referenceShares, currentShares),
    ks: { statistic, pValue, method },
    wasserstein: wasserstein1(reference, current) / scale,
    binShares: Array.from(currentShares),
    bounds: {
      ksStatistic: ksBound,
      wasserstein: summary.integralErrorBound / summary.count / scale,
      psi: 0,
      jensenShannon: 0,
    },
  };
}

/** A numeric current column in bounded memory: exact bin counts plus a quantile summary, both mergeable. */
export class StreamingNumericColumn {
  readonly binning: ReferenceBinning;
  readonly binCounts: Float64Array;
  // The same fractional bins as `binning`, looked up among a few dozen values instead of the whole reference.
  private readonly lookup: CompiledBinning;
  readonly summary: QuantileSummary;

  constructor(reference: EmpiricalDistribution, options: { bins?: number; capacity?: number } = {}) {
    this.binning = new ReferenceBinning(reference, options.bins ?? DEFAULT_BINS);
    this.binCounts = new Float64Array(this.binning.bins);
    this.lookup = new CompiledBinning(this.binning);
    this.summary = new QuantileSummary(options.capacity ?? DEFAULT_SUMMARY_CAPACITY);
  }

  /** Adds one finite value. */
  add(x: number): void {
    this.summary.add(x);
    this.lookup.add(this.binCounts, x);
  }

  /** Adds every value of a batch (all finite). */
  addAll(values: ArrayLike<number>): void {
    this.summary.addAll(values);
    for (let i = 0; i < values.length; i++) this.lookup.add(this.binCounts, values[i]!);
  }

  /** Folds in a column streamed against the same reference binning (e.g. another file or worker). */
  merge(other: StreamingNumericColumn): void {
    if (other.binning.reference !== this.binning.reference || other.binning.bins !== this.binning.bins) {
      throw new RangeError('cannot merge columns binned against different references');
    }
    for (let j = 0; j < this.binCounts.length; j++) this.binCounts[j]! += other.binCounts[j]!;
    this.summary.merge(other.summary);
  }

  get count(): number {
    return this.summary.count;
  }

  drift(options: { ksMethod?: KsMethod } = {}): SummaryNumericDrift {
    return summaryNumericDrift(this.binning.reference, this.binCounts, this.summary, options);
  }
}
