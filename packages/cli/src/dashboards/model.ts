import {
  ConstantVariableBuilder,
  RowBuilder,
  type Dashboard,
  type DashboardBuilder,
  type Threshold,
} from '@grafana/grafana-foundation-sdk/dashboard';
import {
  BASELINE,
  BINARY_PERFORMANCE,
  DEFAULTS,
  FAIRNESS,
  GROUP_RATES,
  GROUP_RATE_KEYS,
  LABEL,
  QUALITY_ISSUES,
  RECORD,
  RECORDED_DRIFT,
  RECORDED_DRIFT_KEYS,
  REGRESSION_PERFORMANCE,
  SEVERITY,
  SLO_KINDS,
  SOURCES,
  type BinaryMetric,
  type BurnSeverity,
  type FairnessStatistic,
  type GroupRate,
  type MetricKey,
  type RecordedDriftStatistic,
  type RegressionMetric,
  type RegressionMetricSpec,
} from '@modelwatch/semconv';
import {
  BINARY_METRICS,
  GROUP_ATTRIBUTE,
  GROUP_VALUE,
  MODEL,
  VERSION,
  VERSION_VARIABLE,
  anyOf,
  by,
  counterRate,
  eq,
  errorBudget,
  errorRatio,
  latencyQuantile,
  metricName,
  modelMatch,
  modelSelector,
  predictionRate,
  regressionIncrease,
  regressionMetric,
  selectSeries,
  type Selector,
} from '@modelwatch/promql';
import { FAIRNESS_CEILINGS, type Levels, type ModelConfig, type ModelwatchConfig } from '../rules/config.js';
import { baseDashboard, dashboardLink, firingAlertsAnnotation, labelVariable, taggedLinks } from './base.js';
import { capitalize, labelValues, legendOf } from './contract.js';
import { BUDGET_STEPS } from './fleet.js';
import { withConcern, type ModelGroup } from './models.js';
import {
  barGauge,
  heatMap,
  mergedTable,
  statPanel,
  timeSeries,
  type DatasourceRef,
  type PromTarget,
} from './panels.js';
import { agreedLevels, ceilingSteps, levelSteps } from './thresholds.js';
import { FLEET_UID, MODEL_TAG, TAG, modelUid } from './uids.js';

type DriftSettings = NonNullable<ModelConfig['drift']>;
type PerformanceSettings = NonNullable<ModelConfig['performance']>;
type FairnessSettings = NonNullable<ModelConfig['fairness']>;
type SloSettings = NonNullable<ModelConfig['slos']>;

const BY_VERSION = [VERSION];
const PER_VERSION = legendOf(VERSION);
const PER_FEATURE = legendOf(LABEL.feature, VERSION);
const RATE = '$__rate_interval';
/** The dashboard's feature variable: the feature whose bins the heat map and the table show. */
const FEATURE_VARIABLE = '$feature';

/** One value when every entry has the same, else undefined (the panel then draws no line). */
function agreed<T>(values: readonly T[]): T | undefined {
  return values.length > 0 && values.every((v) => JSON.stringify(v) === JSON.stringify(values[0]))
    ? values[0]
    : undefined;
}

/** ` over <window>` when every entry a panel reads has the same window: the title names it then. */
function over(entries: readonly { window: string }[]): string {
  const window = agreed(entries.map((x) => x.window));
  return window ? ` over ${window}` : '';
}

/** Below this many values (or outcomes) no alert can fire: shown orange so a quiet window reads as such. */
function minimumSteps(minimum: number | undefined): Threshold[] | null {
  return minimum === undefined
    ? null
    : [
        { value: null, color: 'orange' },
        { value: minimum, color: 'green' },
      ];
}

interface Context {
  config: ModelwatchConfig;
  group: ModelGroup;
  ds: DatasourceRef;
  sel: Selector;
  d: DashboardBuilder;
}

/** A service-health time series: a quarter of the width. */
function healthSeries(
  ds: DatasourceRef,
  o: { title: string; description: string; targets: PromTarget[]; unit: string; steps?: Threshold[] | null }
) {
  return timeSeries({ ...o, ds, w: 6, h: 7 });
}

/** A counter's rate per version, split by one of its labels. */
function rateBy({ config, sel }: Context, key: MetricKey, label: string): PromTarget {
  return { expr: counterRate(key, config.naming, sel, [VERSION, label], RATE), legend: legendOf(label, VERSION) };
}

/** Traffic, errors and latency, with the SLOs' error budget and latency threshold when every entry agrees. */
function trafficHealth({ config, group, ds, sel, d }: Context): void {
  const naming = config.naming;
  const slos = withConcern(group.entries, 'slos').map((s) => s.settings);
  const availability = agreed(slos.map((s) => s.availability?.objective));
  const latency = agreed(slos.map((s) => s.latency?.threshold));
  d.withPanel(
    healthSeries(ds, {
      title: 'Predictions per second',
      description: 'Predictions per second of each version.',
      targets: [{ expr: predictionRate(naming, sel, BY_VERSION, RATE), legend: PER_VERSION }],
      unit: 'short',
    })
  )
    .withPanel(
      healthSeries(ds, {
        title: 'Error ratio',
        description:
          "Failed inferences over all attempts; the line is the availability SLO's error budget (1 − objective).",
        targets: [{ expr: errorRatio(naming, sel, BY_VERSION, RATE), legend: PER_VERSION }],
        unit: 'percentunit',
        steps: availability === undefined ? null : ceilingSteps(errorBudget(availability)),
      })
    )
    .withPanel(
      healthSeries(ds, {
        title: 'Latency',
        description: "Quantiles of the inference duration; the line is the latency SLO's threshold.",
        targets: [0.5, 0.95, 0.99].map((q) => ({
          expr: latencyQuantile(q, naming, sel, BY_VERSION, RATE),
          legend: `p${Math.round(q * 100)} ${PER_VERSION}`,
        })),
        unit: 's',
        steps: latency === undefined ? null : ceilingSteps(latency),
      })
    );
}

/** A detector's status: 0 stable, 1 warning, 2 drift. */
const DETECTOR_STEPS: Threshold[] = [
  { value: null, color: 'green' },
  { value: 1, color: 'orange' },
  { value: 2, color: 'red' },
];

/** What happens around the model: failures, outcome joins, the outcome store, detectors and the instrumentation. */
function pipelineHealth(ctx: Context): void {
  const { config, ds, sel, d } = ctx;
  const detectorStatus = `${metricName('detectorStatus', config.naming)}${sel()}`;
  d.withPanel(
    healthSeries(ds, {
      title: 'Errors by type',
      description: 'Failed inferences per second by error type.',
      targets: [rateBy(ctx, 'errors', LABEL.errorType)],
      unit: 'short',
    })
  )
    .withPanel(
      healthSeries(ds, {
        title: 'Outcome joins',
        description:
          'Outcomes per second by how they met their prediction: matched, unmatched (unknown id), expired (arrived after the TTL) or evicted (the store was full). Anything but matched is lost to realized performance.',
        targets: [rateBy(ctx, 'outcomeJoins', LABEL.joinResult)],
        unit: 'short',
      })
    )
    .withPanel(
      healthSeries(ds, {
        title: 'Predictions waiting for outcomes',
        description: 'Predictions held in the bounded store until their outcome arrives.',
        targets: [
          {
            expr: `sum ${by(BY_VERSION)} (${metricName('pendingOutcomes', config.naming)}${sel()})`,
            legend: PER_VERSION,
          },
        ],
        unit: 'short',
      })
    )
    .withPanel(
      healthSeries(ds, {
        title: 'Concept-drift detectors',
        description: 'Status of each detector on the stream of outcome errors: 0 stable, 1 warning, 2 drift.',
        targets: [
          {
            expr: `max ${by([VERSION, LABEL.detector])} (${detectorStatus})`,
            legend: legendOf(LABEL.detector, VERSION),
          },
        ],
        unit: 'none',
        steps: DETECTOR_STEPS,
      })
    )
    .withPanel(
      healthSeries(ds, {
        title: 'Instrumentation failures',
        description:
          'Failures inside the instrumentation, contained instead of thrown into the service; any is a bug to report.',
        targets: [rateBy(ctx, 'selfErrors', LABEL.selfErrorKind)],
        unit: 'short',
      })
    );
}

function serviceHealth(ctx: Context): void {
  ctx.d.withRow(new RowBuilder('Service health'));
  trafficHealth(ctx);
  pipelineHealth(ctx);
}

/** A drift time series per feature: half the width, lines at the levels. */
function driftSeries(
  ds: DatasourceRef,
  o: { title: string; description: string; expr: string; steps: Threshold[] | null; legend?: string }
) {
  const { title, description, expr, steps, legend = PER_FEATURE } = o;
  return timeSeries({ title, description, ds, targets: [{ expr, legend }], steps, min: 0, w: 12, h: 8 });
}

/** How the panels of drift against the reference name and explain each recorded statistic. */
const REFERENCE_PANELS: Record<RecordedDriftStatistic, { title: string; description: string }> = {
  psi: {
    title: 'PSI',
    description:
      'Population stability index of each feature (and the score) against the reference profile; lines at the configured warning and critical levels.',
  },
  jensenShannon: {
    title: 'Jensen–Shannon distance',
    description: 'Bounded, symmetric distance between the current and reference bin shares of each feature.',
  },
  chiSquare: {
    title: 'Chi-square',
    description: 'Chi-square statistic of the current bin counts against the reference shares (grows with traffic).',
  },
  ks: { title: 'Binned KS', description: 'Largest gap between the binned cumulative distributions.' },
};

const AGAINST_REFERENCE = { [LABEL.baseline]: eq(BASELINE.reference) };

/**
 * Each recorded statistic against the reference, then the latest PSI per feature. PSI and Jensen–Shannon have
 * default levels, so they always show; chi-square and KS show when an entry configures levels for them.
 */
function referenceDrift({ ds, sel, d }: Context, reference: readonly DriftSettings[]): void {
  for (const key of RECORDED_DRIFT_KEYS) {
    if (!reference.some((x) => x[key])) continue;
    const statistic = RECORDED_DRIFT[key];
    d.withPanel(
      driftSeries(ds, {
        title: `${REFERENCE_PANELS[key].title} against the reference${over(reference)}`,
        description: REFERENCE_PANELS[key].description,
        expr: anyOf(
          reference.map((x) => statistic.record!(x.window)),
          sel(AGAINST_REFERENCE)
        ),
        steps: levelSteps(agreedLevels(reference.map((x) => x[key])), statistic.direction),
      })
    );
  }
  d.withPanel(psiByFeature(ds, sel, reference));
}

/** The latest PSI of each feature against the reference, largest first. */
function psiByFeature(ds: DatasourceRef, sel: Selector, reference: readonly DriftSettings[]) {
  const psi = RECORDED_DRIFT.psi;
  const latest = anyOf(
    reference.map((x) => psi.record!(x.window)),
    sel(AGAINST_REFERENCE)
  );
  return barGauge({
    title: 'PSI by feature, now',
    description: 'The latest PSI of each feature against the reference, largest first.',
    ds,
    targets: [
      { expr: `sort_desc(max ${by([LABEL.feature])} (${latest}))`, legend: legendOf(LABEL.feature), instant: true },
    ],
    steps: levelSteps(agreedLevels(reference.map((x) => x.psi)), psi.direction),
    min: 0,
    w: 12,
    h: 8,
  });
}

/** PSI against the same window one season earlier. */
function seasonalDrift({ ds, sel, d }: Context, lastWeek: readonly DriftSettings[]): void {
  const psi = RECORDED_DRIFT.psi;
  const offset = agreed(lastWeek.map((x) => x.baseline.offset));
  d.withPanel(
    driftSeries(ds, {
      title: `PSI against the same window ${offset ?? 'a season'} earlier${over(lastWeek)}`,
      description:
        'PSI of each feature against the same window one season earlier (baseline.offset): a recent change shows here before it shows against the reference.',
      expr: anyOf(
        lastWeek.map((x) => psi.record!(x.window)),
        sel({ [LABEL.baseline]: eq(BASELINE.lastWeek) })
      ),
      steps: levelSteps(agreedLevels(lastWeek.map((x) => x.psi)), psi.direction),
    })
  );
}

/** Values counted per feature: below drift.minSamples no drift alert fires. */
function featureCounts({ ds, sel, d }: Context, drift: readonly DriftSettings[]): void {
  d.withPanel(
    timeSeries({
      title: `Values per feature${over(drift)}`,
      description:
        'Values of each feature counted in the drift window; below the minimum (drift.minSamples) no drift alert fires.',
      ds,
      targets: [
        {
          expr: anyOf(
            drift.map((x) => RECORD.featureCount(x.window)),
            sel()
          ),
          legend: PER_FEATURE,
        },
      ],
      steps: minimumSteps(agreed(drift.map((x) => x.minSamples))),
      min: 0,
      w: 12,
      h: 8,
    })
  );
}

/** The bin shares of the feature the variable selects: over time, and now against the reference. */
function featureBins({ ds, sel, d }: Context, drift: readonly DriftSettings[]): void {
  const feature = sel({ [LABEL.feature]: eq(FEATURE_VARIABLE) });
  const counts = anyOf(
    drift.map((x) => RECORD.binCount(x.window)),
    feature
  );
  // Shares from counts summed over the selected versions, so several versions read as one population.
  const shares = `sum ${by([LABEL.bin])} (${counts}) / ignoring (${LABEL.bin}) group_left sum (${counts})`;
  d.withPanel(
    heatMap({
      title: 'Bin shares of $feature',
      description: 'Share of the values of the chosen feature in each reference bin, over time.',
      ds,
      targets: [{ expr: shares, legend: legendOf(LABEL.bin) }],
      unit: 'percentunit',
      w: 12,
      h: 8,
    })
  );
  d.withPanel(
    mergedTable({
      title: 'Bin shares of $feature: now and reference',
      description:
        'Current share of each bin against its share in the reference profile (equal-probability bins make the reference shares equal for numeric features).',
      ds,
      targets: [{ expr: shares }, { expr: `max ${by([LABEL.bin])} (${RECORD.referenceShare}${feature})` }],
      columns: ['Current share', 'Reference share'],
      first: [LABEL.bin],
      unit: 'percentunit',
      w: 12,
      h: 8,
    })
  );
}

function drift(ctx: Context): void {
  const drift = withConcern(ctx.group.entries, 'drift').map((x) => x.settings);
  if (!drift.length) return;
  const reference = drift.filter((x) => x.baseline.reference);
  const lastWeek = drift.filter((x) => x.baseline.lastWeek);
  ctx.d.withRow(new RowBuilder('Drift'));
  if (reference.length) referenceDrift(ctx, reference);
  if (lastWeek.length) seasonalDrift(ctx, lastWeek);
  featureCounts(ctx, drift);
  featureBins(ctx, drift);
}

/** One panel per data-quality issue that some entry sets levels for. */
function dataQuality({ group, ds, sel, d }: Context): void {
  const quality = withConcern(group.entries, 'dataQuality').map((x) => x.settings);
  if (!quality.length) return;
  const issues = Object.values(QUALITY_ISSUES).filter((issue) =>
    quality.some((q) => levelSteps(q[issue.key], issue.direction))
  );
  d.withRow(new RowBuilder('Data quality'));
  for (const issue of issues) {
    const name = issue.key.replaceAll('_', ' ');
    d.withPanel(
      timeSeries({
        title: capitalize(`${name} values`),
        description: `Share of predictions with a ${name} value of each feature over the data-quality window; lines at the configured levels.`,
        ds,
        targets: [
          {
            expr: anyOf(
              quality.map((q) => issue.record!(q.window)),
              sel({ [LABEL.issue]: eq(issue.key) })
            ),
            legend: PER_FEATURE,
          },
        ],
        unit: 'percentunit',
        steps: levelSteps(agreedLevels(quality.map((q) => q[issue.key])), issue.direction),
        min: 0,
        w: 6,
        h: 7,
      })
    );
  }
}

/** A metric realized and estimated, with lines at the realized floors (or the estimated ones when only those are set). */
function performanceMetric({ ds, sel, d }: Context, perf: readonly PerformanceSettings[], key: BinaryMetric): void {
  const metric = BINARY_PERFORMANCE[key];
  const names = perf.map((p) => metric.record!(p.window));
  const realized = agreedLevels(perf.map((p) => p.realized[key]));
  const estimated = agreedLevels(perf.map((p) => p.estimated[key]));
  d.withPanel(
    timeSeries({
      title: `${capitalize(metric.displayName)}: realized and estimated${over(perf)}`,
      description: `Realized ${key} from outcomes joined to predictions, and the label-free estimate (CBPE) from the scores alone; lines at the configured floors${realized ? ' (realized)' : estimated ? ' (estimated)' : ''}.`,
      ds,
      targets: SOURCES.map((source) => ({
        expr: anyOf(names, sel({ [LABEL.source]: eq(source) })),
        legend: `${source} ${PER_VERSION}`,
      })),
      steps: levelSteps(realized ?? estimated, metric.direction),
      min: 0,
      max: 1,
      w: 8,
      h: 8,
    })
  );
}

/** Outcomes and scored predictions in the window: below performance.minOutcomes no floor alert fires. */
function performanceSamples({ ds, sel, d }: Context, perf: readonly PerformanceSettings[]): void {
  d.withPanel(
    timeSeries({
      title: `Labelled and scored predictions${over(perf)}`,
      description:
        'Outcomes (realized) and scored predictions (estimated) in the performance window; below the minimum (performance.minOutcomes) no floor alert fires.',
      ds,
      targets: [
        {
          expr: anyOf(
            perf.map((p) => RECORD.outcomeCount(p.window)),
            sel()
          ),
          legend: legendOf(LABEL.source, VERSION),
        },
      ],
      steps: minimumSteps(agreed(perf.map((p) => p.minOutcomes))),
      min: 0,
      w: 8,
      h: 8,
    })
  );
}

/** The share of predictions per predicted class: prediction drift that needs no labels. */
function classBalance({ config, ds, sel, d }: Context): void {
  const predicted = LABEL.predictionClass;
  const byClass = counterRate('predictions', config.naming, sel, [predicted], RATE);
  const all = counterRate('predictions', config.naming, sel, [], RATE);
  d.withPanel(
    timeSeries({
      title: 'Predictions by class',
      description:
        'Share of predictions per predicted class: a shift of the class balance is prediction drift that needs no labels.',
      ds,
      targets: [{ expr: `${byClass} / ignoring (${predicted}) group_left ${all}`, legend: legendOf(predicted) }],
      unit: 'percentunit',
      min: 0,
      max: 1,
      w: 8,
      h: 8,
    })
  );
}

function performance(ctx: Context): void {
  const perf = withConcern(ctx.group.entries, 'performance').map((x) => x.settings);
  if (!perf.length) return;
  ctx.d.withRow(new RowBuilder('Performance'));
  for (const metric of BINARY_METRICS) performanceMetric(ctx, perf, metric);
  performanceSamples(ctx, perf);
  classBalance(ctx);
}

/**
 * A regression model's MAE, RMSE, MAPE and bias, computed from the error-sum counters over the default
 * performance window (regression models configure no performance floors, so nothing records them).
 */
function regressionPerformance({ config, group, ds, d }: Context): void {
  if (!group.entries.some((e) => e.task === 'regression')) return;
  const window = DEFAULTS.performance.window;
  const sums = regressionIncrease(config.naming, window, modelMatch({ model: group.name, version: VERSION_VARIABLE }));
  const { mae, rmse, mape, bias } = REGRESSION_PERFORMANCE;
  const target = (m: RegressionMetricSpec<RegressionMetric>): PromTarget => ({
    expr: regressionMetric(m.key, sums),
    legend: `${m.displayName} ${PER_VERSION}`,
  });
  d.withRow(new RowBuilder('Performance'))
    .withPanel(
      timeSeries({
        title: `MAE and RMSE over ${window}`,
        description:
          'Mean absolute error and root mean squared error of the outcomes joined to predictions, in the unit of the target; RMSE weighs large errors more.',
        ds,
        targets: [target(mae), target(rmse)],
        min: 0,
        w: 8,
        h: 8,
      })
    )
    .withPanel(
      timeSeries({
        title: `MAPE over ${window}`,
        description:
          'Mean absolute percentage error, |prediction − actual| / max(|actual|, 2.22e-16) averaged: an actual of 0 makes it huge (as scikit-learn).',
        ds,
        targets: [target(mape)],
        unit: 'percentunit',
        min: 0,
        w: 8,
        h: 8,
      })
    )
    .withPanel(
      timeSeries({
        title: `Bias over ${window}`,
        description:
          'Mean of prediction − actual: above 0 the model over-predicts on average, below 0 it under-predicts.',
        ds,
        targets: [target(bias)],
        w: 8,
        h: 8,
      })
    );
}

const DIFFERENCE_TITLES: Record<(typeof FAIRNESS_CEILINGS)[number], string> = {
  demographicParityDifference: 'Demographic parity difference',
  equalOpportunityDifference: 'Equal opportunity difference',
  fprDifference: 'False positive rate difference',
  fnrDifference: 'False negative rate difference',
  equalizedOddsDifference: 'Equalized odds difference',
};

/** Column titles of the group rates in the groups table. */
const RATE_COLUMNS: Record<GroupRate, string> = {
  selectionRate: 'Selection rate',
  tpr: 'TPR',
  fpr: 'FPR',
  fnr: 'FNR',
  precision: 'Precision',
};

/** What the fairness panels of one protected attribute (or, with null, of every attribute) read and judge by. */
interface AttributeView {
  attribute: string | null;
  /** How titles name the attribute. */
  of: string;
  /** The recorded series of a window, for the attribute's selection. */
  recorded: (record: (window: string) => string) => string;
  /** The levels every entry agrees on for a statistic of the attribute. */
  levels: (key: FairnessStatistic) => Levels | undefined;
  legend: string;
}

function attributeView({ sel }: Context, fair: readonly FairnessSettings[], attribute: string | null): AttributeView {
  const selected = sel(attribute === null ? {} : { [GROUP_ATTRIBUTE]: eq(attribute) });
  return {
    attribute,
    of: attribute === null ? 'each protected attribute' : attribute,
    recorded: (record) =>
      anyOf(
        fair.map((f) => record(f.window)),
        selected
      ),
    levels: (key) => agreedLevels(fair.map((f) => (attribute === null ? undefined : f.attributes[attribute]?.[key]))),
    legend: attribute === null ? legendOf(GROUP_ATTRIBUTE, VERSION) : PER_VERSION,
  };
}

/** A fairness time series: a third of the width. */
function fairnessSeries(
  ds: DatasourceRef,
  o: { title: string; description: string; targets: PromTarget[]; steps?: Threshold[] | null; max?: number }
) {
  return timeSeries({ ...o, ds, min: 0, w: 8, h: 8 });
}

function disparateImpact(ds: DatasourceRef, view: AttributeView) {
  const statistic = FAIRNESS.disparateImpact;
  return fairnessSeries(ds, {
    title: `${capitalize(statistic.displayName)} across ${view.of}`,
    description:
      'Lowest over highest selection rate across the groups with at least minGroupSize predictions; the four-fifths rule reads 0.8.',
    targets: [{ expr: view.recorded(statistic.record!), legend: view.legend }],
    steps: levelSteps(view.levels(statistic.key), statistic.direction),
    max: 1,
  });
}

/** A panel per difference with configured ceilings, and one for the differences that no alert watches. */
function differences({ ds, d }: Context, view: AttributeView): void {
  const withLevels = FAIRNESS_CEILINGS.filter((k) => view.levels(k));
  for (const key of withLevels) {
    d.withPanel(
      fairnessSeries(ds, {
        title: `${DIFFERENCE_TITLES[key]} across ${view.of}`,
        description: 'Largest minus smallest rate across the eligible groups; lines at the configured ceilings.',
        targets: [{ expr: view.recorded(FAIRNESS[key].record!), legend: view.legend }],
        steps: levelSteps(view.levels(key), FAIRNESS[key].direction),
      })
    );
  }
  const rest = FAIRNESS_CEILINGS.filter((k) => !withLevels.includes(k));
  if (!rest.length) return;
  d.withPanel(
    fairnessSeries(ds, {
      title: `Other differences across ${view.of}`,
      description: 'Differences between the eligible groups that no alert watches.',
      targets: rest.map((key) => ({
        expr: view.recorded(FAIRNESS[key].record!),
        legend: `${DIFFERENCE_TITLES[key]} ${view.legend}`,
      })),
    })
  );
}

/** Every group's rates now, and the sizes behind them. */
function groupsTable(ds: DatasourceRef, view: AttributeView) {
  return mergedTable({
    title: `Groups of ${view.of}, now`,
    description:
      'Rates per group over the fairness window and the group sizes behind them (predictions; outcomes for TPR, FPR, FNR and precision).',
    ds,
    targets: [
      ...GROUP_RATE_KEYS.map((rate) => ({ expr: view.recorded(GROUP_RATES[rate].record!) })),
      { expr: view.recorded(RECORD.groupSize) },
      { expr: view.recorded(RECORD.groupOutcomeCount) },
    ],
    columns: [...GROUP_RATE_KEYS.map((rate) => RATE_COLUMNS[rate]), 'Predictions', 'Outcomes'],
    first: [GROUP_ATTRIBUTE, GROUP_VALUE, VERSION],
    hide: [MODEL],
    w: view.attribute === null ? 24 : 16,
    h: 8,
  });
}

function fairness(ctx: Context): void {
  const fair = withConcern(ctx.group.entries, 'fairness').map((x) => x.settings);
  if (!fair.length) return;
  const configured = [...new Set(fair.flatMap((f) => Object.keys(f.attributes)))];
  // Without configured attributes the rules record the statistics for every attribute the service reports.
  const attributes: (string | null)[] = configured.length ? configured : [null];
  ctx.d.withRow(new RowBuilder('Fairness'));
  for (const attribute of attributes) {
    const view = attributeView(ctx, fair, attribute);
    ctx.d.withPanel(disparateImpact(ctx.ds, view));
    differences(ctx, view);
    ctx.d.withPanel(groupsTable(ctx.ds, view));
  }
}

/** Lines at the lowest ticket and page burn-rate factors, when every entry has the same alerts. */
function burnSteps(alerts: SloSettings['alerts'] | undefined): Threshold[] | null {
  if (!alerts) return null;
  const lowest = (severity: BurnSeverity): number[] => {
    const factors = alerts.filter((a) => a.severity === severity).map((a) => a.burnRate);
    return factors.length ? [Math.min(...factors)] : [];
  };
  return [
    { value: null, color: 'green' },
    ...lowest(SEVERITY.ticket).map((value) => ({ value, color: 'orange' })),
    ...lowest(SEVERITY.page).map((value) => ({ value, color: 'red' })),
  ];
}

function slos({ group, ds, sel, d }: Context): void {
  const slos = withConcern(group.entries, 'slos').map((x) => x.settings);
  if (!slos.length) return;
  const kinds = SLO_KINDS.filter((k) => slos.some((s) => s[k]));
  const steps = burnSteps(agreed(slos.map((s) => s.alerts)));
  const windows = [...new Set(slos.flatMap((s) => s.alerts.map((a) => a.long)))];
  d.withRow(new RowBuilder('SLOs'));
  d.withPanel(
    statPanel({
      title: 'Error budget remaining',
      description: "Share of each SLO's error budget left over its period; red once spent.",
      ds,
      targets: [{ expr: `${RECORD.budgetRemaining}${sel()}`, legend: legendOf(LABEL.slo, VERSION) }],
      unit: 'percentunit',
      steps: BUDGET_STEPS,
      w: 8,
      h: 8,
    })
  );
  for (const kind of kinds) {
    d.withPanel(
      timeSeries({
        title: `Burn rate: ${kind}`,
        description:
          'How fast the error budget burns over each long alert window (1 spends exactly the budget over the period); lines at the lowest ticket and page factors.',
        ds,
        targets: windows.map((w) => ({
          expr: `${RECORD.burnRate(w)}${sel({ [LABEL.slo]: eq(kind) })}`,
          legend: `${w} ${PER_VERSION}`,
        })),
        steps,
        min: 0,
        w: 8,
        h: 8,
      })
    );
  }
}

/** The dashboard with its model constant, version variable, alert annotation and links to the fleet and the models. */
function modelBase(config: ModelwatchConfig, group: ModelGroup, ds: DatasourceRef): DashboardBuilder {
  const predictions = metricName('predictions', config.naming);
  return baseDashboard({
    uid: modelUid(group.name),
    title: `Modelwatch / ${group.name}`,
    description: `Model ${group.name}: service health, drift, data quality, performance, fairness and SLOs with the levels of modelwatch.yaml. Generated by \`modelwatch dashboards\`.`,
    tags: [TAG, MODEL_TAG],
    from: 'now-24h',
  })
    .withVariable(
      new ConstantVariableBuilder('model').label('Model').description('The model of this dashboard.').value(group.name)
    )
    .withVariable(
      labelVariable({
        name: 'version',
        label: 'Version',
        ds,
        query: labelValues(selectSeries(predictions, { model: group.name }), VERSION),
        multi: true,
        description: 'Versions of the model that reported predictions.',
      })
    )
    .annotation(firingAlertsAnnotation(ds, { model: group.name, version: VERSION_VARIABLE }))
    .link(
      dashboardLink({
        title: 'Fleet',
        uid: FLEET_UID,
        tooltip: 'Every model and version',
        includeVars: true,
        query: `var-model=${encodeURIComponent(group.name)}`,
      })
    )
    .link(taggedLinks({ title: 'Models', tag: MODEL_TAG, tooltip: 'The dashboard of each configured model' }));
}

/** One model's dashboard: service health, drift, data quality, performance, fairness and SLOs, as configured. */
export function modelDashboard(config: ModelwatchConfig, group: ModelGroup): Dashboard {
  const ds: DatasourceRef = { type: 'prometheus', uid: config.grafana.datasourceUid };
  const d = modelBase(config, group, ds);
  if (withConcern(group.entries, 'drift').length) {
    d.withVariable(
      labelVariable({
        name: 'feature',
        label: 'Feature',
        ds,
        query: labelValues(
          selectSeries(metricName('featureValues', config.naming), { model: group.name }),
          LABEL.feature
        ),
        multi: false,
        description: 'The feature whose bins the heat map and the table show.',
      })
    );
  }
  const context: Context = { config, group, ds, sel: modelSelector(group.name), d };
  serviceHealth(context);
  drift(context);
  dataQuality(context);
  performance(context);
  regressionPerformance(context);
  fairness(context);
  slos(context);
  return d.build();
}
