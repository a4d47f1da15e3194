import { RowBuilder, type Dashboard, type Threshold } from '@grafana/grafana-foundation-sdk/dashboard';
import { MODEL, VERSION } from '@modelwatch/promql';
import { FAIRNESS_FLOORS, type ModelwatchConfig } from '../rules/config.js';
import { RECORD } from '../rules/generate.js';
import { baseDashboard, firingAlertsAnnotation, labelVariable, taggedLinks } from './base.js';
import { withConcern } from './models.js';
import { mergedTable, statPanel, timeSeries, type DatasourceRef, type PromTarget } from './panels.js';
import { anyOf, errorRatio, fleetSelector, latencyQuantile, metricName, predictionRate } from './promql.js';
import { agreedLevels, levelSteps } from './thresholds.js';
import { FLEET_UID, MODEL_TAG, TAG } from './uids.js';

const MODEL_LABELS = [MODEL, VERSION];
const BY_MODEL = `by (${MODEL_LABELS.join(', ')})`;
const LEGEND = `{{${MODEL}}} {{${VERSION}}}`;
/** Live service numbers look at the last five minutes: "now", whatever range the dashboard shows. */
const LIVE = '5m';
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
const FIRING = `ALERTS{alertstate="firing", alertname=~"Modelwatch.+", ${MODEL}=~"$model", ${VERSION}=~"$version"}`;

interface Column {
  title: string;
  expr: string;
  unit: string;
  decimals?: number;
  steps: Threshold[] | null;
}

/** What the fleet shows of each concern, from the recorded series of every model that configures it. */
function recordedColumns(config: ModelwatchConfig): Column[] {
  const sel = fleetSelector();
  const columns: Column[] = [];
  const drift = withConcern(config.models, 'drift');
  if (drift.length) {
    columns.push({
      title: 'Worst PSI',
      expr: `max ${BY_MODEL} (${anyOf(
        drift.map((d) => RECORD.psi(d.settings.window)),
        sel
      )})`,
      unit: 'none',
      decimals: 3,
      steps: levelSteps(agreedLevels(drift.map((d) => d.settings.psi)), 'above'),
    });
  }
  const performance = withConcern(config.models, 'performance');
  for (const metric of ['f1', 'accuracy'] as const) {
    for (const source of ['realized', 'estimated'] as const) {
      if (!performance.length) continue;
      const names = performance.map((p) => RECORD.performance(metric, p.settings.window));
      columns.push({
        title: `${metric === 'f1' ? 'F1' : 'Accuracy'} ${source}`,
        expr: `max ${BY_MODEL} (${anyOf(names, fleetSelector({ source: `="${source}"` }))})`,
        unit: 'none',
        decimals: 3,
        steps: levelSteps(agreedLevels(performance.map((p) => p.settings[source][metric])), 'below'),
      });
    }
  }
  const fairness = withConcern(config.models, 'fairness');
  if (fairness.length) {
    const policies = fairness.flatMap((f) => Object.values(f.settings.attributes).map((a) => a[FAIRNESS_FLOORS[0]]));
    columns.push({
      title: 'Disparate impact',
      expr: `min ${BY_MODEL} (${anyOf(
        fairness.map((f) => RECORD.fairness('disparateImpact', f.settings.window)),
        sel
      )})`,
      unit: 'none',
      decimals: 2,
      steps: levelSteps(agreedLevels(policies), 'below'),
    });
  }
  if (withConcern(config.models, 'slos').length) {
    columns.push({
      title: 'Budget remaining',
      expr: `min ${BY_MODEL} (${RECORD.budgetRemaining}${sel})`,
      unit: 'percentunit',
      decimals: 1,
      steps: BUDGET_STEPS,
    });
  }
  return columns;
}

function modelsTable(config: ModelwatchConfig, ds: DatasourceRef) {
  const naming = config.naming;
  const columns: Column[] = [
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
    ...recordedColumns(config),
    { title: 'Firing alerts', expr: `count ${BY_MODEL} (${FIRING})`, unit: 'none', decimals: 0, steps: ALERT_STEPS },
  ];
  const panel = mergedTable({
    title: 'Models',
    description:
      'Every model version with traffic or recorded statistics. Live numbers cover the last 5 minutes; drift, performance, fairness and budget are the recorded series of `modelwatch rules` over their configured windows. Click a model to open its dashboard.',
    ds,
    targets: columns.map((c): PromTarget => ({ expr: c.expr })),
    columns: columns.map((c) => c.title),
    first: [MODEL, VERSION],
    w: 24,
    h: 9,
  });
  panel.overrideByName(MODEL, [
    { id: 'displayName', value: 'Model' },
    {
      id: 'links',
      value: [
        {
          title: 'Open the dashboard of ${__data.fields.model_name}',
          url: `/d/modelwatch-\${__data.fields.${MODEL}}?var-model=\${__data.fields.${MODEL}}&var-version=\${__data.fields.${VERSION}}&\${__url_time_range}`,
        },
      ],
    },
  ]);
  panel.overrideByName(VERSION, [{ id: 'displayName', value: 'Version' }]);
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
  return panel;
}

/** The fleet at a glance: every model and version, live health, the worst of each concern and what is firing. */
export function fleetDashboard(config: ModelwatchConfig): Dashboard {
  const ds: DatasourceRef = { type: 'prometheus', uid: config.grafana.datasourceUid };
  const naming = config.naming;
  const predictions = metricName('predictions', naming);
  const sel = fleetSelector();
  const d = baseDashboard({
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
        query: `label_values(${predictions}, ${MODEL})`,
        multi: true,
        description: 'Models that reported predictions.',
      })
    )
    .withVariable(
      labelVariable({
        name: 'version',
        label: 'Version',
        ds,
        query: `label_values(${predictions}{${MODEL}=~"$model"}, ${VERSION})`,
        multi: true,
        description: 'Versions of the selected models.',
      })
    )
    .annotation(firingAlertsAnnotation(ds, `${MODEL}=~"$model", ${VERSION}=~"$version"`))
    .link(taggedLinks({ title: 'Models', tag: MODEL_TAG, tooltip: 'The dashboard of each configured model' }));

  d.withPanel(
    statPanel({
      title: 'Model versions serving',
      description: 'Model versions with predictions in the last 5 minutes.',
      ds,
      targets: [
        {
          expr: `count(${predictionRate(naming, fleetSelector, MODEL_LABELS, LIVE)} > 0) or vector(0)`,
          legend: 'versions',
          instant: true,
        },
      ],
      unit: 'none',
      w: 6,
      h: 4,
    })
  )
    .withPanel(
      statPanel({
        title: 'Predictions per second',
        description: 'All selected model versions together, over the last 5 minutes.',
        ds,
        targets: [{ expr: `sum(rate(${predictions}${sel}[${LIVE}]))`, legend: 'predictions/s' }],
        unit: 'short',
        w: 6,
        h: 4,
      })
    )
    .withPanel(
      statPanel({
        title: 'Firing Modelwatch alerts',
        description:
          'Modelwatch alerts that Prometheus is firing now (the ALERTS series; Grafana-managed alert rules show in Grafana Alerting instead).',
        ds,
        targets: [{ expr: `count(${FIRING}) or vector(0)`, legend: 'firing', instant: true }],
        unit: 'none',
        steps: ALERT_STEPS,
        w: 6,
        h: 4,
      })
    );
  const hasSlos = withConcern(config.models, 'slos').length > 0;
  if (hasSlos) {
    d.withPanel(
      statPanel({
        title: 'Lowest error budget remaining',
        description:
          'The smallest share of an SLO error budget left over its period, across the selected models and their SLOs.',
        ds,
        targets: [{ expr: `min(${RECORD.budgetRemaining}${sel})`, legend: 'budget remaining' }],
        unit: 'percentunit',
        steps: BUDGET_STEPS,
        w: 6,
        h: 4,
      })
    );
  }
  d.withPanel(modelsTable(config, ds));
  d.withPanel(
    mergedTable({
      title: 'Firing alerts',
      description:
        'Each firing Modelwatch alert with its labels. What each alert means and what to do: docs/alerting.md (the runbook link of each alert).',
      ds,
      targets: [{ expr: FIRING }],
      columns: [],
      first: ['alertname', 'severity', MODEL, VERSION],
      hide: ['Value', '__name__', 'alertstate'],
      w: 24,
      h: 6,
    })
  );

  d.withRow(new RowBuilder('Trends'));
  const trend = (title: string, description: string, expr: string, unit: string, steps: Threshold[] | null = null) =>
    timeSeries({ title, description, ds, targets: [{ expr, legend: LEGEND }], unit, steps, w: 12, h: 8 });
  d.withPanel(
    trend(
      'Predictions per second',
      'Predictions per second of each model version.',
      predictionRate(naming, fleetSelector, MODEL_LABELS, '$__rate_interval'),
      'short'
    )
  )
    .withPanel(
      trend(
        'Error ratio',
        'Failed inferences over all attempts.',
        errorRatio(naming, fleetSelector, MODEL_LABELS, '$__rate_interval'),
        'percentunit'
      )
    )
    .withPanel(
      trend(
        'Latency p95',
        '95th percentile of the inference duration.',
        latencyQuantile(0.95, naming, fleetSelector, MODEL_LABELS, '$__rate_interval'),
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
  return d.build();
}
