import { BIN, LABEL } from '@modelwatch/semconv';
import { by, eq, labelMatchers, labelsOf, matchers, metric, quote, re, type Scope } from './selector.js';

/** Share given to an empty bin before PSI takes its logarithm, as in @modelwatch/stats. */
export const PSI_EPSILON = 1e-4;

/** model_name, model_version, feature, feature_role: one drift value per feature. */
export const FEATURE_LABELS = labelsOf('featureValues', LABEL.bin);
/** …plus bin. */
export const BIN_LABELS = labelsOf('featureValues');

/**
 * Bin counts over a window, summed over replicas; `offset` reads an earlier window (the seasonal baseline), and
 * `feature` keeps one feature (the value of a feature does not depend on the others).
 */
export function binCounts(scope: Scope, window: string, offset?: string, feature?: string): string {
  const shifted = offset ? ` offset ${offset}` : '';
  const sel = matchers(scope, featureMatch(feature));
  return `sum ${by(BIN_LABELS)} (increase(${metric(scope, 'featureValues')}${sel}[${window}]${shifted}))`;
}

function featureMatch(feature: string | undefined): Record<string, string> {
  return feature === undefined ? {} : { [LABEL.feature]: eq(feature) };
}

/** Each bin's share of its feature's count. */
export function binShares(counts: string): string {
  return `${counts} / ignoring (${LABEL.bin}) group_left sum ${by(FEATURE_LABELS)} (${counts})`;
}

/** Reference shares (of one feature, or all); replicas export the same value, so max merges them. */
export function referenceShares(scope: Scope, feature?: string): string {
  return `max ${by(BIN_LABELS)} (${metric(scope, 'featureReferenceShare')}${matchers(scope, featureMatch(feature))})`;
}

/**
 * Values in the reference behind each feature's shares (replicas export the same profile, so max merges them).
 */
export function referenceSizes(scope: Scope): string {
  return `max ${by(FEATURE_LABELS)} (${metric(scope, 'featureReferenceSize')}${matchers(scope, {})})`;
}

/**
 * Shares with exact zeros replaced by PSI_EPSILON (only zeros: the TypeScript implementation does the same), the
 * shares PSI takes logarithms of; rules record them once so each PSI reads them rather than recomputing them.
 */
export function smoothedShares(x: string): string {
  return `(${x} + ${PSI_EPSILON} * (${x} == bool 0))`;
}

/**
 * PSI = Σ (q − p)·ln(q/p) per feature, over shares with the same labels; `labels` are the ones a value keeps
 * (drift per segment keeps the segment's too).
 */
export function psi(current: string, reference: string, labels: readonly string[] = FEATURE_LABELS): string {
  return psiOfSmoothed(smoothedShares(current), smoothedShares(reference), labels);
}

/** PSI from shares already smoothed (smoothedShares), e.g. recorded series: each is read twice, not four times. */
export function psiOfSmoothed(q: string, p: string, labels: readonly string[] = FEATURE_LABELS): string {
  return `sum ${by(labels)} ((${q} - ${p}) * ln(${q} / ${p}))`;
}

/**
 * Jensen–Shannon distance per feature: natural log, 0·ln 0 = 0 (terms with a zero share are left out). Each
 * half keeps x > 0 before multiplying, which leaves out the zero shares' terms as `and` would, in one join fewer.
 */
export function jensenShannon(current: string, reference: string, labels: readonly string[] = FEATURE_LABELS): string {
  const m = `((${current} + ${reference}) / 2)`;
  const half = (x: string): string => `sum ${by(labels)} ((${x} > 0) * ln(${x} / ${m}))`;
  return `sqrt(0.5 * ${half(reference)} + 0.5 * ${half(current)})`;
}

/**
 * Chi-square statistic of the current bin counts against the reference shares, over the bins the reference
 * has (values in bins with reference share 0 cannot be expected and are left out, as in @modelwatch/stats).
 */
export function chiSquare(
  counts: string,
  reference: string,
  seen: string = countInReferenceBins(counts, reference)
): string {
  const expected = `((${reference} > 0) * on (${FEATURE_LABELS.join(', ')}) group_left ${seen})`;
  return `sum ${by(FEATURE_LABELS)} ((${counts} - ${expected}) ^ 2 / ${expected})`;
}

/**
 * Values per feature in the bins the reference has: chi-square's total, which its expected counts read twice (a
 * recorded series of it, passed to chiSquare, spares two reads of the counts and the reference).
 */
export function countInReferenceBins(counts: string, reference: string): string {
  return `sum ${by(FEATURE_LABELS)} (${counts} and (${reference} > 0))`;
}

/**
 * Kolmogorov–Smirnov distance between the binned CDFs, max over bin edges of |Q(≤ j) − P(≤ j)|, for numeric
 * features. Both arguments are series names (recorded shares), so bins can be selected; `match` adds matchers
 * such as the model's. Categorical features are told apart by their `__missing__` bin, read from
 * `categoricalSeries` (the reference shares, which always list every bin): a baseline computed from counts
 * only has the bins that saw values, so it cannot tell the two kinds apart on its own.
 */
export function ksBinned(
  currentSeries: string,
  referenceSeries: string,
  bins: number,
  match: Record<string, string> = {},
  categoricalSeries: string = referenceSeries
): string {
  const terms: string[] = [];
  for (let j = 0; j < bins - 1; j++) {
    const upTo = Array.from({ length: j + 1 }, (_, i) => String(i)).join('|');
    const cdf = (series: string): string =>
      `sum ${by(FEATURE_LABELS)} (${series}${labelMatchers({ ...match, [LABEL.bin]: re(upTo) })})`;
    // `or` keeps only the first of several series with equal labels: a distinct bin label keeps every edge.
    const edge = `abs(${cdf(currentSeries)} - ${cdf(referenceSeries)})`;
    terms.push(`label_replace(${edge}, ${quote(LABEL.bin)}, "${j}", "", "")`);
  }
  const categorical = `${categoricalSeries}${labelMatchers({ ...match, [LABEL.bin]: eq(BIN.missing) })}`;
  return `max ${by(FEATURE_LABELS)} (${terms.join(' or ')}) unless on (${FEATURE_LABELS.join(', ')}) ${categorical}`;
}

/** Values counted per feature in a window (the minimum-sample guard of drift alerts). */
export function featureCount(counts: string): string {
  return `sum ${by(FEATURE_LABELS)} (${counts})`;
}

/**
 * Levels of one drift statistic learned from reference chunks, per feature (exported by the instrumentation from
 * a chunked profile); replicas export the same value, so max merges them.
 */
export function learnedLevels(scope: Scope, statistic: string): string {
  return `max ${by(FEATURE_LABELS)} (${metric(scope, 'featureDriftLevel')}${matchers(scope, { [LABEL.driftStatistic]: eq(statistic) })})`;
}

/** Reference bins (categories) with a positive share, per feature: df + 1 of the noise floor's χ² law. */
export function referenceBinCount(referenceShares: string): string {
  return `count ${by(FEATURE_LABELS)} (${referenceShares} > 0)`;
}

/** The label count_values writes each feature's df into, to join the χ² corrections on (never recorded). */
const DF_LABEL = LABEL.degreesOfFreedom;

/** A number in PromQL, every digit kept (String round-trips a float64). */
function literal(x: number): string {
  return String(x);
}

/**
 * The χ²(df) upper α quantile per feature, df = `bins` − 1 read from the reference, with α fixed by the caller:
 * Wilson–Hilferty's df·(1 − c + z·sqrt(c))³, c = 2/(9·df), plus for each df in `exact` the correction that
 * makes it the exact quantile there (exact − Wilson–Hilferty, computed by the caller). Features with a single
 * reference bin have no df and get no value.
 */
export function chiSquareUpperQuantileByBins(
  bins: string,
  z: number,
  exact: readonly { df: number; correction: number }[]
): string {
  const df = `((${bins} > 1) - 1)`;
  const c = `(2 / (9 * ${df}))`;
  const wilsonHilferty = `${df} * (1 - ${c} + ${literal(z)} * sqrt(${c})) ^ 3`;
  if (exact.length === 0) return wilsonHilferty;
  // The corrections as a table, one constant series per df (vector() reads no series), joined on df written
  // into a label by count_values: a few reads of the features' df, where a term per df read it once per df.
  // Features whose df is past the table add 0, so every value is Wilson–Hilferty plus its one correction.
  const table = exact
    .map(({ df: k, correction }) => `label_replace(vector(${literal(correction)}), ${quote(DF_LABEL)}, "${k}", "", "")`)
    .join(' or ');
  const features = FEATURE_LABELS.join(', ');
  const perFeature = `(${table}) * on (${DF_LABEL}) group_right count_values ${by(FEATURE_LABELS)} (${quote(DF_LABEL)}, ${df})`;
  const correction = `(sum ${by(FEATURE_LABELS)} (${perFeature}) or on (${features}) ${df} * 0)`;
  return `${wilsonHilferty} + on (${features}) ${correction}`;
}

/** Σ 1/r over the reference shares r > 0, per feature: sets the size of the noise floor's small-window correction. */
export function referenceShareReciprocals(referenceShares: string): string {
  return `sum ${by(FEATURE_LABELS)} (1 / (${referenceShares} > 0))`;
}

/** c = (Σ 1/r − 1)/(K − 1) per feature, K the reference bins with a positive share. */
export function noiseCorrection(reciprocals: string, bins: string): string {
  return `((${reciprocals} - 1) / (${bins} - 1))`;
}

export interface NoiseFloorTerms {
  /** The reference profile's size m when the baseline is the reference (a term 1/m; none where m is not exported). */
  referenceSize?: string;
  /** The coefficient c of the small-window correction 1 + c·v (noiseCorrection). */
  correction?: string;
}

/**
 * PSI noise floor q·v·(1 + c·v) per feature, v = 1/n + 1/n′ …: `quantile` the χ² quantile series, `counts` the
 * windows' value counts (the current window, and the baseline window when it is as noisy).
 */
export function psiNoiseFloor(quantile: string, counts: readonly string[], terms: NoiseFloorTerms = {}): string {
  const parts = counts.map((n) => `1 / ${n}`);
  // Instrumentation that does not export the reference's size leaves the reference exact (no term), rather than
  // leaving the feature without a floor and so without alerts.
  if (terms.referenceSize !== undefined) parts.push(`(1 / ${terms.referenceSize} or ${counts[0]} * 0)`);
  const variance = `(${parts.join(' + ')})`;
  return terms.correction === undefined
    ? `${quantile} * ${variance}`
    : `${quantile} * ${variance} * (1 + ${terms.correction} * ${variance})`;
}

/** Jensen–Shannon distance noise floor from the PSI floor: sqrt(floor / 8), as 8·JSD ≈ PSI to second order. */
export function jensenShannonNoiseFloor(psiFloor: string): string {
  return `sqrt(${psiFloor} / 8)`;
}
