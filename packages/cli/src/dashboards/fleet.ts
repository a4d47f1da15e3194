import {
  RowBuilder,
  type Dashboard,
  type DashboardBuilder,
  type Threshold,
} from '@grafana/grafana-foundation-sdk/dashboard';
import type * as table from '@grafana/grafana-foundation-sdk/table';
import {
  MODEL,
  MODEL_LABELS,
  MODEL_VARIABLE,
  VERSION,
  VERSION_VARIABLE,
  alertsQuery,
  anyOf,
  by,
  errorRatio,
  fleetSelector,
  labelMatchers,
  latencyQuantile,
  metricName,
  predictionRate,
  eq,
  re,
} from '@modelwatch/promql';
import { FAIRNESS, LABEL, RECORD, RECORDED_DRIFT, SOURCES, type Naming } from '@modelwatch/semconv';
import type { ModelwatchConfig } from '../rules/config.js';
import { baseDashboard, firingAlertsAnnotation, labelVariable, taggedLinks } from './base.js';
import { HEADLINE_METRICS, capitalize, dataField, labelValues, legendOf } from './contract.js';
import { withConcern } from './models.js';
import { mergedTable, statPanel, timeSeries, type DatasourceRef, type PromTarget } from './panels.js';
import { agreedLevels, levelSteps } from './thresholds.js';
import { FLEET_UID, MODEL_TAG, TAG, UID_PREFIX } from './uids.js';

const BY_MODEL = by(MODEL_LABELS);
const LEGEND = legendOf(MODEL, VERSION);
/** Live service numbers look at the last five minutes: "now", whatever range the dashboard shows. */
const LIVE = '5m';
const RATE = '$__rate_interval';
/** Error budget: red once spent, orange in its last quarter. Not a config level: no alert reads it. */
export const BUDGET_STEPS: Threshold[] = [
  { value: null, color: 'red' },
  { value: 0, color: 'orange' },
  { value: 0.25, color: 'green' },
];
const ALERT_STEPS: Threshold[] = [
  { value: null, color: 'green' },
  { value: 1, color: 'red' },
];
/** The Modelwatch alerts firing for the selected models and versions. */
const FIRING = alertsQuery({ state: 'firing', modelPattern: MODEL_VARIABLE, version: VERSION_VARIABLE });

interface Column {
  title: string;
  expr: string;
  unit: string;
  decimals?: number;
  steps: Threshold[] | null;
}

/** The highest PSI against the reference of any feature of each model version. */
function driftColumns(config: ModelwatchConfig): Column[] {
  const drift = withConcern(config.models, 'drift');
  if (!drift.length) return [];
  const psi = RECORDED_DRIFT.psi;
  return [
    {
      title: 'Worst PSI',
      expr: `max ${BY_MODEL} (${anyOf(
        drift.map((d) => psi.record!(d.settings.window)),
        fleetSelector()
      )})`,
      unit: 'none',
      decimals: 3,
      steps: levelSteps(agreedLevels(drift.map((d) => d.settings.psi)), psi.direction),
    },
  ];
}

/** The headline metrics, realized and estimated. */
function performanceColumns(config: ModelwatchConfig): Column[] {
  const performance = withConcern(config.models, 'performance');
  if (!performance.length) return [];
  return HEADLINE_METRICS.flatMap((metric) =>
    SOURCES.map((source): Column => ({
      title: `${capitalize(metric.displayName)} ${source}`,
      expr: `max ${BY_MODEL} (${anyOf(
        performance.map((p) => metric.record!(p.settings.window)),
        fleetSelector({ [LABEL.source]: eq(source) })
      )})`,
      unit: 'none',
      decimals: 3,
      steps: levelSteps(agreedLevels(performance.map((p) => p.settings[source][metric.key])), metric.direction),
    }))
  );
}

/** The lowest disparate impact of any protected attribute of each model version. */
function fairnessColumns(config: ModelwatchConfig): Column[] {
  const fairness = withConcern(config.models, 'fairness');
  if (!fairness.length) return [];
  const statistic = FAIRNESS.disparateImpact;
  const policies = fairness.flatMap((f) => Object.values(f.settings.attributes).map((a) => a[statistic.key]));
  return [
    {
      title: capitalize(statistic.displayName),
      expr: `min ${BY_MODEL} (${anyOf(
        fairness.map((f) => statistic.record!(f.settings.window)),
        fleetSelector()
      )})`,
      unit: 'none',
      decimals: 2,
      steps: levelSteps(agreedLevels(policies), statistic.direction),
    },
  ];
}

/** The lowest error budget left of any SLO of each model version. */
function budgetColumns(config: ModelwatchConfig): Column[] {
  if (!withConcern(config.models, 'slos').length) return [];
  return [
    {
      title: 'Budget remaining',
      expr: `min ${BY_MODEL} (${RECORD.budgetRemaining}${fleetSelector()})`,
      unit: 'percentunit',
      decimals: 1,
      steps: BUDGET_STEPS,
    },
  ];
}

/** What the fleet shows of each concern, from the recorded series of every model that configures it. */
function recordedColumns(config: ModelwatchConfig): Column[] {
  return [...driftColumns(config), ...performanceColumns(config), ...fairnessColumns(config), ...budgetColumns(config)];
}

/** Traffic, errors and latency of each model version over the last five minutes. */
function liveColumns(naming: Naming): Column[] {
  return [
    {
      title: 'Predictions/s',
      expr: predictionRate(naming, fleetSelector, MODEL_LABELS, LIVE),
      unit: 'short',
      decimals: 2,
      steps: null,
    },
    {
      title: 'Error ratio',
      expr: errorRatio(naming, fleetSelector, MODEL_LABELS, LIVE),
      unit: 'percentunit',
      decimals: 2,
      steps: null,
    },
    {
      title: 'Latency p95',
      expr: latencyQuantile(0.95, naming, fleetSelector, MODEL_LABELS, LIVE),
      unit: 's',
      decimals: 3,
      steps: null,
    },
  ];
}

/** The model column links to the model's dashboard, with its model and version selected. */
function linkModelColumn(panel: table.PanelBuilder): void {
  const model = dataField(MODEL);
  const version = dataField(VERSION);
  panel.overrideByName(MODEL, [
    { id: 'displayName', value: 'Model' },
    {
      id: 'links',
      value: [
        {
          title: `Open the dashboard of ${model}`,
          url: `/d/${UID_PREFIX}${model}?var-model=${model}&var-version=${version}&\${__url_time_range}`,
        },
      ],
    },
  ]);
  panel.overrideByName(VERSION, [{ id: 'displayName', value: 'Version' }]);
}

/** Each column's unit and decimals, and its cells coloured by its thresholds when it has any. */
function formatColumns(panel: table.PanelBuilder, columns: readonly Column[]): void {
  for (const c of columns) {
    const properties = [
      { id: 'unit', value: c.unit },
      ...(c.decimals === undefined ? [] : [{ id: 'decimals', value: c.decimals }]),
      ...(c.steps
        ? [
            { id: 'thresholds', value: { mode: 'absolute', steps: c.steps } },
            { id: 'custom.cellOptions', value: { type: 'color-text' } },
          ]
        : []),
    ];
    panel.overrideByName(c.title, properties);
  }
}

function modelsTable(config: ModelwatchConfig, ds: DatasourceRef): table.PanelBuilder {
  const columns: Column[] = [
    ...liveColumns(config.naming),
    ...recordedColumns(config),
    { title: 'Firing alerts', expr: `count ${BY_MODEL} (${FIRING})`, unit: 'none', decimals: 0, steps: ALERT_STEPS },
  ];
  const panel = mergedTable({
    title: 'Models',
    description:
      'Every model version with traffic or recorded statistics. Live numbers cover the last 5 minutes; drift, performance, fairness and budget are the recorded series of `modelwatch rules` over their configured windows. Click a model to open its dashboard.',
    ds,
    targets: columns.map((c) => ({ expr: c.expr })),
    columns: columns.map((c) => c.title),
    first: [MODEL, VERSION],
    w: 24,
    h: 9,
  });
  linkModelColumn(panel);
  formatColumns(panel, columns);
  return panel;
}

/** Each firing Modelwatch alert, one row per alert with its labels. */
function firingAlertsTable(ds: DatasourceRef): table.PanelBuilder {
  return mergedTable({
    title: 'Firing alerts',
    description:
      'Each firing Modelwatch alert with its labels. What each alert means and what to do: docs/alerting.md (the runbook link of each alert).',
    ds,
    targets: [{ expr: FIRING }],
    columns: [],
    first: [LABEL.alertName, LABEL.severity, MODEL, VERSION],
    hide: ['Value', LABEL.metricName, LABEL.alertState],
    w: 24,
    h: 6,
  });
}

/** The dashboard with its model and version variables, the alert annotation and the menu of model dashboards. */
function fleetBase(config: ModelwatchConfig, ds: DatasourceRef): DashboardBuilder {
  const predictions = metricName('predictions', config.naming);
  return baseDashboard({
    uid: FLEET_UID,
    title: 'Modelwatch / Fleet',
    description:
      'Every monitored model and version: traffic, errors, latency, drift, performance, fairness, error budgets and firing alerts. Generated by `modelwatch dashboards` from modelwatch.yaml.',
    tags: [TAG],
    from: 'now-6h',
  })
    .withVariable(
      labelVariable({
        name: 'model',
        label: 'Model',
        ds,
        query: labelValues(predictions, MODEL),
        multi: true,
        description: 'Models that reported predictions.',
      })
    )
    .withVariable(
      labelVariable({
        name: 'version',
        label: 'Version',
        ds,
        query: labelValues(`${predictions}${labelMatchers({ [MODEL]: re(MODEL_VARIABLE) })}`, VERSION),
        multi: true,
        description: 'Versions of the selected models.',
      })
    )
    .annotation(firingAlertsAnnotation(ds, { modelPattern: MODEL_VARIABLE, version: VERSION_VARIABLE }))
    .link(taggedLinks({ title: 'Models', tag: MODEL_TAG, tooltip: 'The dashboard of each configured model' }));
}

/** A number at the top of the fleet: a quarter of the width. */
function fleetStat(
  ds: DatasourceRef,
  o: { title: string; description: string; target: PromTarget; unit: string; steps?: Threshold[] }
) {
  const { target, ...rest } = o;
  return statPanel({ ...rest, ds, targets: [target], w: 6, h: 4 });
}

/** The numbers at the top: versions serving, traffic, firing alerts and, with SLOs, the lowest budget left. */
function fleetStats(d: DashboardBuilder, config: ModelwatchConfig, ds: DatasourceRef): void {
  const naming = config.naming;
  const serving = `count(${predictionRate(naming, fleetSelector, MODEL_LABELS, LIVE)} > 0) or vector(0)`;
  d.withPanel(
    fleetStat(ds, {
      title: 'Model versions serving',
      description: 'Model versions with predictions in the last 5 minutes.',
      target: { expr: serving, legend: 'versions', instant: true },
      unit: 'none',
    })
  )
    .withPanel(
      fleetStat(ds, {
        title: 'Predictions per second',
        description: 'All selected model versions together, over the last 5 minutes.',
        target: {
          expr: `sum(rate(${metricName('predictions', naming)}${fleetSelector()}[${LIVE}]))`,
          legend: 'predictions/s',
        },
        unit: 'short',
      })
    )
    .withPanel(
      fleetStat(ds, {
        title: 'Firing Modelwatch alerts',
        description:
          'Modelwatch alerts that Prometheus is firing now (the ALERTS series; Grafana-managed alert rules show in Grafana Alerting instead).',
        target: { expr: `count(${FIRING}) or vector(0)`, legend: 'firing', instant: true },
        unit: 'none',
        steps: ALERT_STEPS,
      })
    );
  if (withConcern(config.models, 'slos').length) {
    d.withPanel(
      fleetStat(ds, {
        title: 'Lowest error budget remaining',
        description:
          'The smallest share of an SLO error budget left over its period, across the selected models and their SLOs.',
        target: { expr: `min(${RECORD.budgetRemaining}${fleetSelector()})`, legend: 'budget remaining' },
        unit: 'percentunit',
        steps: BUDGET_STEPS,
      })
    );
  }
}

/** Each model version's live health and recorded statistics over the dashboard's range. */
function trends(d: DashboardBuilder, config: ModelwatchConfig, ds: DatasourceRef): void {
  const naming = config.naming;
  const trend = (title: string, description: string, expr: string, unit: string, steps: Threshold[] | null = null) =>
    timeSeries({ title, description, ds, targets: [{ expr, legend: LEGEND }], unit, steps, w: 12, h: 8 });
  d.withRow(new RowBuilder('Trends'));
  d.withPanel(
    trend(
      'Predictions per second',
      'Predictions per second of each model version.',
      predictionRate(naming, fleetSelector, MODEL_LABELS, RATE),
      'short'
    )
  )
    .withPanel(
      trend(
        'Error ratio',
        'Failed inferences over all attempts.',
        errorRatio(naming, fleetSelector, MODEL_LABELS, RATE),
        'percentunit'
      )
    )
    .withPanel(
      trend(
        'Latency p95',
        '95th percentile of the inference duration.',
        latencyQuantile(0.95, naming, fleetSelector, MODEL_LABELS, RATE),
        's'
      )
    );
  for (const column of recordedColumns(config)) {
    d.withPanel(
      trend(
        column.title,
        `${column.title} of each model version, as recorded by the rules of \`modelwatch rules\`.`,
        column.expr,
        column.unit,
        column.steps
      )
    );
  }
}

/** The fleet at a glance: every model and version, live health, the worst of each concern and what is firing. */
export function fleetDashboard(config: ModelwatchConfig): Dashboard {
  const ds: DatasourceRef = { type: 'prometheus', uid: config.grafana.datasourceUid };
  const d = fleetBase(config, ds);
  fleetStats(d, config, ds);
  d.withPanel(modelsTable(config, ds));
  d.withPanel(firingAlertsTable(ds));
  trends(d, config, ds);
  return d.build();
}
