import {
  BASELINE,
  LABEL,
  RECORD,
  RECORDED_DRIFT,
  RECORDED_DRIFT_KEYS,
  SEVERITY,
  labelTemplate,
  type BaselineValue,
  type RecordedDriftStatistic,
} from '@modelwatch/semconv';
import {
  FEATURE_LABELS,
  binCounts,
  binShares,
  chiSquare,
  chiSquareUpperQuantileByBins,
  countInReferenceBins,
  featureCount,
  jensenShannon,
  jensenShannonNoiseFloor,
  ksBinned,
  learnedLevels,
  psiOfSmoothed,
  noiseCorrection,
  psiNoiseFloor,
  referenceBinCount,
  referenceShareReciprocals,
  referenceSizes,
  referenceShares,
  smoothedShares,
} from '@modelwatch/promql';
import {
  DEFAULT_MAX_CATEGORIES,
  chiSquareUpperQuantile,
  normalUpperQuantile,
  wilsonHilfertyUpperQuantile,
} from '@modelwatch/stats';
import { bands, num, type Band } from '../bands.js';
import type { Levels } from '../config.js';
import { MODEL_VERSION_TEMPLATE, type ModelRules } from '../model-rules.js';
import type { Rule, RuleGroup } from '../rule-types.js';

type DriftConfig = NonNullable<ModelRules['model']['drift']>;

/** What drift is measured against: the recorded shares, as a selection and as a bare name (KS selects bins). */
interface Baseline {
  label: BaselineValue;
  series: string;
  seriesName: string;
  /** The same shares smoothed for PSI (smoothedShares), recorded once per evaluation. */
  smoothed: string;
  /** Value counts of the windows whose noise adds up in the noise floor. */
  noisyCounts: string[];
  /** The reference profile's size m, whose own sampling noise adds q/m to the floor (reference baseline only). */
  referenceSize?: string;
}

/**
 * The statistics whose alerts are also judged against a noise floor in `noise-floor` mode, and the series of
 * that floor per baseline. Chi-square is Pearson's statistic itself: its floor is the χ² quantile (the
 * reference only). KS keeps its levels alone: its binned distance has no χ² law.
 */
const NOISE_FLOOR: Partial<Record<RecordedDriftStatistic, (m: ModelRules, w: string, b: BaselineValue) => string>> = {
  psi: (m, w, b) => `${m.sel(RECORD.psiNoiseFloor(w), { [LABEL.baseline]: b })}`,
  jensenShannon: (m, w, b) => `${m.sel(RECORD.jensenShannonNoiseFloor(w), { [LABEL.baseline]: b })}`,
  chiSquare: (m) => `on (${FEATURE_LABELS.join(', ')}) ${m.sel(RECORD.noiseQuantile)}`,
};

/**
 * Chi-square's expected counts come from shares of a whole reference; an earlier window's shares are as
 * noisy as the current ones, so it is recorded against the reference only.
 */
const REFERENCE_ONLY: ReadonlySet<RecordedDriftStatistic> = new Set(['chiSquare']);

/** Statistics a chunked profile carries levels for (the instrumentation exports them per feature). */
const LEARNED: ReadonlySet<RecordedDriftStatistic> = new Set(['psi', 'jensenShannon', 'ks']);

/** Bin counts, shares and the reference, then every drift statistic per baseline, then their alerts. */
export function driftGroup(m: ModelRules): RuleGroup | null {
  const d = m.model.drift;
  if (!d) return null;
  const w = d.window;
  const rules: Rule[] = [
    { record: RECORD.binCount(w), expr: binCounts(m.scope, w) },
    { record: RECORD.binShare(w), expr: binShares(m.sel(RECORD.binCount(w))) },
    { record: RECORD.smoothedShare(w), expr: smoothedShares(m.sel(RECORD.binShare(w))) },
    { record: RECORD.referenceShare, expr: referenceShares(m.scope) },
    { record: RECORD.featureCount(w), expr: featureCount(m.sel(RECORD.binCount(w))) },
  ];
  const baselines = baselinesOf(m, d, rules);
  if (d.baseline.reference) {
    const counts = m.sel(RECORD.binCount(w));
    rules.push({
      record: RECORD.countInReferenceBins(w),
      expr: countInReferenceBins(counts, m.sel(RECORD.referenceShare)),
    });
  }
  for (const b of baselines) rules.push(...statisticRules(m, b));
  if (d.thresholds === 'noise-floor') rules.push(...noiseFloorRules(m, d, baselines));
  rules.push(...driftAlerts(m, d, baselines));
  return m.group('drift', rules);
}

function baselinesOf(m: ModelRules, d: DriftConfig, rules: Rule[]): Baseline[] {
  const w = d.window;
  const baselines: Baseline[] = [];
  if (d.baseline.reference) {
    const name = RECORD.referenceShare;
    rules.push({ record: RECORD.smoothedReferenceShare, expr: smoothedShares(m.sel(name)) });
    baselines.push({
      label: BASELINE.reference,
      series: m.sel(name),
      seriesName: name,
      smoothed: m.sel(RECORD.smoothedReferenceShare),
      noisyCounts: [m.sel(RECORD.featureCount(w))],
      referenceSize: m.sel(RECORD.referenceSize),
    });
  }
  if (d.baseline.lastWeek) {
    // The earlier window's increase() over every raw bin counter is the costliest part: done once, then read.
    rules.push({ record: RECORD.baselineBinCount(w), expr: binCounts(m.scope, w, d.baseline.offset) });
    const earlier = m.sel(RECORD.baselineBinCount(w));
    const name = RECORD.baselineShare(w);
    rules.push({ record: name, expr: binShares(earlier) });
    rules.push({ record: RECORD.baselineCount(w), expr: featureCount(earlier) });
    rules.push({ record: RECORD.smoothedBaselineShare(w), expr: smoothedShares(m.sel(name)) });
    baselines.push({
      label: BASELINE.lastWeek,
      series: m.sel(name),
      seriesName: name,
      smoothed: m.sel(RECORD.smoothedBaselineShare(w)),
      noisyCounts: [m.sel(RECORD.featureCount(w)), m.sel(RECORD.baselineCount(w))],
    });
  }
  return baselines;
}

function statisticRules(m: ModelRules, b: Baseline): Rule[] {
  const d = m.model.drift!;
  const w = d.window;
  const current = m.sel(RECORD.binShare(w));
  const expressions: Record<RecordedDriftStatistic, () => string> = {
    psi: () => psiOfSmoothed(m.sel(RECORD.smoothedShare(w)), b.smoothed),
    jensenShannon: () => jensenShannon(current, b.series),
    chiSquare: () => chiSquare(m.sel(RECORD.binCount(w)), b.series, m.sel(RECORD.countInReferenceBins(w))),
    ks: () => ksBinned(RECORD.binShare(w), b.seriesName, m.model.bins, m.match, RECORD.referenceShare),
  };
  return RECORDED_DRIFT_KEYS.filter((key) => b.label === BASELINE.reference || !REFERENCE_ONLY.has(key)).map((key) => ({
    record: RECORDED_DRIFT[key].record!(w),
    expr: expressions[key](),
    labels: { [LABEL.baseline]: b.label },
  }));
}

type AlertBand = Band & { learned?: boolean };

/**
 * reference-chunks: warning at each feature's learned level (a feature without one, e.g. under a profile without
 * chunks, falls back to the configured warning level; with none configured it has no warning), below the
 * configured critical level, which stays as it is. Comparisons keep the recorded series' labels and value.
 */
function learnedBands(m: ModelRules, key: RecordedDriftStatistic, levels: Levels | undefined): AlertBand[] {
  const onFeature = `on (${FEATURE_LABELS.join(', ')})`;
  const recorded = m.sel(RECORDED_DRIFT[key].record!(m.model.drift!.window), { [LABEL.baseline]: BASELINE.reference });
  let level = learnedLevels(m.scope, RECORDED_DRIFT[key].label);
  const warning = levels?.warning ?? null;
  const criticalLevel = levels?.critical ?? null;
  if (warning !== null) level = `(${level} or ${onFeature} (${recorded} * 0 + ${warning}))`;
  const critical = bands(levels, 'above').filter((b) => b.severity === SEVERITY.critical);
  const below = criticalLevel !== null ? ` < ${criticalLevel}` : '';
  return [
    { severity: SEVERITY.warning, condition: `>= ${onFeature} ${level}${below}`, threshold: Number.NaN, learned: true },
    ...critical,
  ];
}

/**
 * Exact χ² quantiles for every df a numeric feature (bins − 1) or a categorical one at the profile's default
 * category cap (its categories, __other__ and __missing__) can have; Wilson–Hilferty past them.
 */
function exactQuantileDfs(bins: number): number {
  return Math.max(bins - 1, DEFAULT_MAX_CATEGORIES + 1);
}

/** Tables already computed, by α and bins: a fleet's models share a few, and each costs hundreds of χ² quantiles. */
const corrections = new Map<string, readonly { df: number; correction: number }[]>();

/** The correction from Wilson–Hilferty to the exact χ² quantile at α, for every df exactQuantileDfs covers. */
function exactCorrections(alpha: number, bins: number): readonly { df: number; correction: number }[] {
  const key = `${alpha} ${bins}`;
  let table = corrections.get(key);
  if (table === undefined) {
    table = Array.from({ length: exactQuantileDfs(bins) }, (_, i) => i + 1).map((df) => ({
      df,
      correction: chiSquareUpperQuantile(alpha, df) - wilsonHilfertyUpperQuantile(alpha, df),
    }));
    corrections.set(key, table);
  }
  return table;
}

/**
 * α is a rate per feature-window, and a feature-window fires when any of its floored alerts does: the statistics
 * with levels (PSI, Jensen–Shannon, chi-square) against each baseline share α equally (Bonferroni), so the
 * feature-window rate stays at most α however closely the statistics move together.
 */
function alphaPerAlert(d: DriftConfig, baselines: readonly Pick<Baseline, 'label'>[]): number {
  let alerts = 0;
  for (const b of baselines) {
    for (const key of Object.keys(NOISE_FLOOR) as RecordedDriftStatistic[]) {
      if (b.label !== BASELINE.reference && REFERENCE_ONLY.has(key)) continue;
      if (bands(d[key], RECORDED_DRIFT[key].direction).length > 0) alerts++;
    }
  }
  return d.alpha / Math.max(1, alerts);
}

/**
 * The noise floor per feature and baseline (docs/statistics.md): df from the reference bins, the χ² quantile
 * at the model's α fixed here, and q·v·(1 + c·v) with v = 1/n + 1/m against the reference (m its exported size;
 * exact where not exported) or 1/n + 1/n′ against an earlier window, c the small-window correction.
 */
function noiseFloorRules(m: ModelRules, d: DriftConfig, baselines: Baseline[]): Rule[] {
  const w = d.window;
  const alpha = alphaPerAlert(d, baselines);
  const exact = exactCorrections(alpha, m.model.bins);
  const rules: Rule[] = [
    { record: RECORD.referenceBins, expr: referenceBinCount(m.sel(RECORD.referenceShare)) },
    { record: RECORD.referenceShareReciprocals, expr: referenceShareReciprocals(m.sel(RECORD.referenceShare)) },
    ...(d.baseline.reference ? [{ record: RECORD.referenceSize, expr: referenceSizes(m.scope) }] : []),
    {
      record: RECORD.noiseQuantile,
      expr: chiSquareUpperQuantileByBins(m.sel(RECORD.referenceBins), normalUpperQuantile(alpha), exact),
    },
  ];
  for (const b of baselines) {
    const labels = { [LABEL.baseline]: b.label };
    rules.push({
      record: RECORD.psiNoiseFloor(w),
      expr: psiNoiseFloor(m.sel(RECORD.noiseQuantile), b.noisyCounts, {
        referenceSize: b.referenceSize,
        correction: noiseCorrection(m.sel(RECORD.referenceShareReciprocals), m.sel(RECORD.referenceBins)),
      }),
      labels,
    });
    rules.push({
      record: RECORD.jensenShannonNoiseFloor(w),
      expr: jensenShannonNoiseFloor(m.sel(RECORD.psiNoiseFloor(w), labels)),
      labels,
    });
  }
  return rules;
}

/** Alerts per statistic, baseline and level; each needs enough values in every window it compares. */
function driftAlerts(m: ModelRules, d: DriftConfig, baselines: Baseline[]): Rule[] {
  const w = d.window;
  const enough = (series: string): string =>
    `and on (${FEATURE_LABELS.join(', ')}) ${m.sel(series)} >= ${d.minSamples}`;
  // A quiet hour last week is as noisy a baseline as a quiet hour now: both windows need the minimum.
  const guards: Record<BaselineValue, string> = {
    [BASELINE.reference]: enough(RECORD.featureCount(w)),
    [BASELINE.lastWeek]: `${enough(RECORD.featureCount(w))} ${enough(RECORD.baselineCount(w))}`,
  };
  const feature = labelTemplate(LABEL.feature);
  const rules: Rule[] = [];
  for (const key of RECORDED_DRIFT_KEYS) {
    const spec = RECORDED_DRIFT[key];
    for (const b of baselines) {
      if (b.label !== BASELINE.reference && REFERENCE_ONLY.has(key)) continue;
      const versus = b.label === BASELINE.reference ? 'the reference' : `the same window ${d.baseline.offset} earlier`;
      const learned = d.thresholds === 'reference-chunks' && b.label === BASELINE.reference && LEARNED.has(key);
      const levelBands: AlertBand[] = learned ? learnedBands(m, key, d[key]) : bands(d[key], spec.direction);
      // noise-floor: material and significant, past the level and past what the window's own noise reaches with
      // probability α. reference-chunks learns its warning level from the reference's own chunk-to-chunk noise.
      const floor = d.thresholds === 'noise-floor' ? NOISE_FLOOR[key] : undefined;
      const significant = floor ? ` > ${floor(m, w, b.label)}` : '';
      const floorText = floor ? ` and above its noise floor at alpha ${num(d.alpha)}` : '';
      for (const band of levelBands) {
        const warning = d[key]?.warning ?? null;
        const fallback = warning !== null ? `, else ${num(warning)}` : '';
        const level = band.learned
          ? `${band.severity} at the level learned from the reference chunks${fallback}`
          : `${band.severity} at ${num(band.threshold)}${floorText}`;
        rules.push(
          m.alert({
            name: spec.alert!,
            expr: `${m.sel(spec.record!(w), { [LABEL.baseline]: b.label })} ${band.condition}${significant} ${guards[b.label]}`,
            for: d.for,
            severity: band.severity,
            summary: `${feature} of ${MODEL_VERSION_TEMPLATE} drifted from ${versus}`,
            description: `${spec.displayName} of feature ${feature} over ${w} is {{ $value | printf "%.4g" }} (${level}), against ${versus}.`,
            distinct: { [LABEL.statistic]: spec.label, [LABEL.baseline]: b.label },
          })
        );
      }
    }
  }
  return rules;
}
