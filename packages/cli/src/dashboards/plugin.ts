import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  DashboardLinkBuilder,
  DashboardLinkType,
  DatasourceVariableBuilder,
  PanelBuilder,
  RowBuilder,
  type Dashboard,
  type DashboardBuilder,
} from '@grafana/grafana-foundation-sdk/dashboard';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import {
  BINARY_METRICS,
  GROUP_ATTRIBUTE,
  MODEL,
  MODEL_VARIABLE,
  VERSION,
  VERSION_VARIABLE,
  by,
  errorRatio,
  labelMatchers,
  literalRegex,
  metricName,
  modelMatch,
  predictionRate,
  re,
  selectSeries,
  selector,
} from '@modelwatch/promql';
import {
  DEFAULTS,
  LABEL,
  RECORDED_DRIFT,
  REGRESSION_PERFORMANCE,
  SLO_KINDS,
  type BinaryMetric,
  type MetricKey,
  type Naming,
  type RecordedDriftStatistic,
  type RegressionMetric,
  type SloKind,
  type AttributionStatistic,
} from '@modelwatch/semconv';
import { baseDashboard, dashboardLink, labelVariable } from './base.js';
import { HEADLINE_METRICS, capitalize, labelValues, legendOf } from './contract.js';
import { refId, timeSeries, type DatasourceRef } from './panels.js';
import { PLUGIN_MODEL_UID, PLUGIN_OVERVIEW_UID, TAG } from './uids.js';

/**
 * The dashboards the Grafana app bundles. They are generic (any model, any config): the Modelwatch datasource
 * computes every statistic from the raw series at query time, so nothing here depends on modelwatch.yaml.
 */

export const PLUGIN_PANELS = {
  drift: 'modelwatch-drift-panel',
  fairness: 'modelwatch-fairness-panel',
  slo: 'modelwatch-slo-panel',
} as const;
export const PLUGIN_DATASOURCE = 'modelwatch-ml-datasource';

/** The fields of the datasource's query model (packages/grafana-app/src/datasource/types.ts) these dashboards use. */
export interface ModelwatchQuery {
  queryType:
    'drift' | 'driftBins' | 'performance' | 'regression' | 'fairness' | 'slo' | 'quality' | 'alerts' | 'attributions';
  attributionStatistic?: AttributionStatistic;
  model?: string;
  version?: string;
  statistic?: RecordedDriftStatistic;
  baseline?: 'reference' | 'lastWeek';
  metrics?: BinaryMetric[];
  regressionMetrics?: RegressionMetric[];
  attribute?: string;
  sloKind?: SloKind;
  objective?: number;
  latencyThreshold?: number;
  period?: string;
}

/** A Modelwatch datasource query as a panel target. */
class ModelwatchTarget implements cog.Builder<cog.Dataquery> {
  constructor(private readonly query: ModelwatchQuery & { refId: string; datasource: DatasourceRef }) {}

  build(): cog.Dataquery {
    return this.query as unknown as cog.Dataquery;
  }
}

/** The datasource instance is a variable: the dashboards are imported into Grafanas whose instances we do not know. */
const MODELWATCH: DatasourceRef = { type: PLUGIN_DATASOURCE, uid: '${datasource}' };
const PROMETHEUS: DatasourceRef = { type: 'prometheus', uid: '${prometheus}' };
/** The selected model and versions, as the datasource's string fields take them (All sends `.*`). */
const SCOPE = { model: MODEL_VARIABLE, version: VERSION_VARIABLE };
/** The same selection as Prometheus matchers. */
const SELECTED = modelMatch(SCOPE);
/** Counter names are the same under both namings; only the histogram's differs (see DURATION_BUCKETS). */
const NAMING: Naming = 'exporter-prometheus';
const PREDICTIONS = metricName('predictions', NAMING);
const RATE = '$__rate_interval';

/**
 * A regex over a metric's name in both namings: exporter-prometheus writes no unit suffix, the Collector and
 * Prometheus' OTLP receiver write one (`_seconds`).
 */
function eitherNaming(key: MetricKey): string {
  const plain = literalRegex(metricName(key, 'exporter-prometheus'));
  const otlp = literalRegex(metricName(key, 'otlp'));
  if (otlp === plain) return plain;
  return otlp.startsWith(plain) ? `${plain}(${otlp.slice(plain.length)})?` : `(${plain}|${otlp})`;
}

/** The duration histogram's buckets of the selected model and versions, whichever naming wrote them. */
const DURATION_BUCKETS = labelMatchers({
  [LABEL.metricName]: re(`${eitherNaming('inferenceDuration')}_bucket`),
  ...SELECTED,
});

/** The panel's queries, A, B, C… in the order given. */
function modelwatchTargets(queries: readonly ModelwatchQuery[]): ModelwatchTarget[] {
  return queries.map((q, i) => new ModelwatchTarget({ refId: refId(i), datasource: MODELWATCH, ...q }));
}

function modelwatchPanel(o: {
  type: string;
  title: string;
  description: string;
  queries: ModelwatchQuery[];
  w: number;
  h: number;
  repeat?: string;
  maxPerRow?: number;
}): PanelBuilder {
  const p = new PanelBuilder()
    .type(o.type)
    .title(o.title)
    .description(o.description)
    .datasource(MODELWATCH)
    .targets(modelwatchTargets(o.queries))
    .options({})
    .fieldConfig({ defaults: {}, overrides: [] })
    .span(o.w)
    .height(o.h);
  if (o.repeat)
    p.repeat(o.repeat)
      .repeatDirection('h')
      .maxPerRow(o.maxPerRow ?? 4);
  return p;
}

/** A standard time series over the Modelwatch datasource (its drift, quality and performance frames are time series). */
function modelwatchSeries(o: {
  title: string;
  description: string;
  queries: ModelwatchQuery[];
  w: number;
  h: number;
  unit?: string;
  /** The axis floor: 0 unless the statistic is signed (null). */
  min?: number | null;
}): timeseries.PanelBuilder {
  const p = new timeseries.PanelBuilder()
    .title(o.title)
    .description(o.description)
    .datasource(MODELWATCH)
    .targets(modelwatchTargets(o.queries))
    .span(o.w)
    .height(o.h)
    .legend(
      new common.VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.List)
        .placement(common.LegendPlacement.Bottom)
        .calcs([])
    )
    .tooltip(
      new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending)
    )
    .showPoints(common.VisibilityMode.Never);
  if (o.min !== null) p.min(o.min ?? 0);
  if (o.unit) p.unit(o.unit);
  return p;
}

const datasourceVariables = [
  new DatasourceVariableBuilder('datasource')
    .label('Modelwatch')
    .description('The Modelwatch datasource to compute the statistics with.')
    .type(PLUGIN_DATASOURCE),
  new DatasourceVariableBuilder('prometheus')
    .label('Prometheus')
    .description(
      'The Prometheus the Modelwatch datasource reads (for the lists of models, versions and attributes, and service health).'
    )
    .type('prometheus'),
];

const modelVariable = (multi: boolean) =>
  labelVariable({
    name: 'model',
    label: 'Model',
    ds: PROMETHEUS,
    query: labelValues(PREDICTIONS, MODEL),
    multi,
    description: 'Models that reported predictions.',
  });
const versionVariable = labelVariable({
  name: 'version',
  label: 'Version',
  ds: PROMETHEUS,
  query: labelValues(`${PREDICTIONS}${labelMatchers({ [MODEL]: re(MODEL_VARIABLE) })}`, VERSION),
  multi: true,
  description: 'Versions of the selected models.',
});

/** The drift panel: a features × time heat map of PSI (drift) and the bins of the feature selected in it (driftBins). */
function driftPanel(w: number, h: number): PanelBuilder {
  return modelwatchPanel({
    type: PLUGIN_PANELS.drift,
    title: 'Drift against the reference',
    description:
      'PSI of every feature over time against the reference profile; select a feature for its reference and current bin shares.',
    queries: [
      { queryType: 'drift', ...SCOPE, statistic: RECORDED_DRIFT.psi.key, baseline: 'reference' },
      { queryType: 'driftBins', ...SCOPE, statistic: RECORDED_DRIFT.psi.key, baseline: 'reference' },
    ],
    w,
    h,
  });
}

/** Generic SLO objectives: edit the panels' queries to yours (the frames then carry your objective). */
const SLO_DEFAULTS: Record<SloKind, Pick<ModelwatchQuery, 'objective' | 'latencyThreshold'>> = {
  availability: { objective: 0.999 },
  latency: { objective: 0.99, latencyThreshold: 0.25 },
  quality: { objective: 0.9 },
};
const PERIOD = DEFAULTS.slo.period;

function sloPanel(kind: SloKind, w: number): PanelBuilder {
  return modelwatchPanel({
    type: PLUGIN_PANELS.slo,
    title: `${capitalize(kind)} SLO`,
    description: `Error budget left over ${PERIOD} and the burn rate of each multiwindow alert pair for the ${kind} SLO.`,
    queries: [{ queryType: 'slo', ...SCOPE, sloKind: kind, ...SLO_DEFAULTS[kind], period: PERIOD }],
    w,
    h: 8,
  });
}

/** Every model in a repeated row: drift, performance and the availability SLO, and the alerts that fire. */
export function pluginOverviewDashboard(): Dashboard {
  const d = baseDashboard({
    uid: PLUGIN_OVERVIEW_UID,
    title: 'Modelwatch overview',
    description:
      'Every model: drift, performance, availability and firing alerts, computed by the Modelwatch datasource. Bundled with the Modelwatch app.',
    tags: [TAG],
    from: 'now-6h',
  })
    .variables([...datasourceVariables, modelVariable(true), versionVariable])
    .link(dashboardLink({ title: 'Model', uid: PLUGIN_MODEL_UID, tooltip: 'One model in detail', includeVars: true }));
  d.withPanel(
    modelwatchPanel({
      type: 'table',
      title: 'Firing Modelwatch alerts',
      description: 'Modelwatch alerts firing or pending for the selected models.',
      queries: [{ queryType: 'alerts', ...SCOPE }],
      w: 24,
      h: 6,
    })
  );
  d.withRow(new RowBuilder('$model').repeat('model'));
  d.withPanel(
    driftPanel(8, 8).links([
      new DashboardLinkBuilder('Open $model')
        .type(DashboardLinkType.Link)
        .url(
          `/d/${PLUGIN_MODEL_UID}?\${model:queryparam}&\${version:queryparam}&\${datasource:queryparam}&\${prometheus:queryparam}&\${__url_time_range}`
        ),
    ])
  )
    .withPanel(
      modelwatchSeries({
        title: 'Performance',
        description:
          'Classifiers: realized F1 and accuracy from outcomes, and their label-free estimates from the scores. Regression models: MAE and RMSE of the outcomes, in the unit of the target (MAPE and bias are on the model dashboard).',
        queries: [
          { queryType: 'performance', ...SCOPE, metrics: HEADLINE_METRICS.map((m) => m.key) },
          {
            queryType: 'regression',
            ...SCOPE,
            regressionMetrics: [REGRESSION_PERFORMANCE.mae.key, REGRESSION_PERFORMANCE.rmse.key],
          },
        ],
        w: 8,
        h: 8,
      })
    )
    .withPanel(sloPanel('availability', 8));
  return d.build();
}

/** The dashboard with the datasources, the model, its versions and the protected attributes to show. */
function pluginModelBase(): DashboardBuilder {
  return baseDashboard({
    uid: PLUGIN_MODEL_UID,
    title: 'Modelwatch model',
    description: 'One model in detail, computed by the Modelwatch datasource. Bundled with the Modelwatch app.',
    tags: [TAG],
    from: 'now-24h',
  })
    .variables([
      ...datasourceVariables,
      modelVariable(false),
      versionVariable,
      labelVariable({
        name: 'attribute',
        label: 'Protected attribute',
        ds: PROMETHEUS,
        query: labelValues(
          selectSeries(metricName('groupPredictions', NAMING), { model: MODEL_VARIABLE }),
          GROUP_ATTRIBUTE
        ),
        multi: true,
        description: 'Protected attributes to show a fairness panel for.',
      }),
    ])
    .link(dashboardLink({ title: 'Overview', uid: PLUGIN_OVERVIEW_UID, tooltip: 'Every model', includeVars: true }));
}

/** Drift and data quality, performance, fairness per attribute and the SLOs, from the Modelwatch datasource. */
function pluginStatistics(d: DashboardBuilder): void {
  d.withRow(new RowBuilder('Drift'))
    .withPanel(driftPanel(16, 10))
    .withPanel(
      modelwatchSeries({
        title: 'Data quality',
        description:
          'Share of predictions with a missing, out-of-range, invalid, unseen or unknown value, per feature and issue.',
        queries: [{ queryType: 'quality', ...SCOPE }],
        w: 8,
        h: 10,
        unit: 'percentunit',
      })
    );
  d.withPanel(
    modelwatchSeries({
      title: 'Explanation drift: importance nDCG',
      description: `nDCG of the live ranking of features by mean |attribution| against the reference ranking (1: the same order). Below ${DEFAULTS.attribution.ndcg}, what drives decisions has changed even if scores have not. Empty unless the monitor records attributions with a profile that has them.`,
      queries: [{ queryType: 'attributions', ...SCOPE, attributionStatistic: 'ndcg' }],
      w: 12,
      h: 8,
    }).max(1)
  ).withPanel(
    modelwatchSeries({
      title: 'Feature importance (mean |attribution|)',
      description:
        "Global importance of each feature over the window: the replicas' sums of |attribution| divided by their counts.",
      queries: [{ queryType: 'attributions', ...SCOPE, attributionStatistic: 'importance' }],
      w: 12,
      h: 8,
    })
  );
  d.withRow(new RowBuilder('Performance')).withPanel(
    modelwatchSeries({
      title: 'Realized and estimated performance',
      description:
        'Classifiers: accuracy, precision, recall and F1 from outcomes (realized) and from the scores alone (estimated, CBPE). Empty for regression models.',
      queries: [{ queryType: 'performance', ...SCOPE, metrics: [...BINARY_METRICS] }],
      w: 24,
      h: 8,
    })
  );
  pluginRegression(d);
  d.withRow(new RowBuilder('Fairness')).withPanel(
    modelwatchPanel({
      type: PLUGIN_PANELS.fairness,
      title: 'Fairness across $attribute',
      description:
        'Rates per group with Wilson intervals, against the reference group; groups below the minimum size are marked inconclusive.',
      queries: [{ queryType: 'fairness', ...SCOPE, attribute: '$attribute' }],
      w: 12,
      h: 10,
      repeat: 'attribute',
      maxPerRow: 2,
    })
  );
  d.withRow(new RowBuilder('SLOs'));
  for (const kind of SLO_KINDS) d.withPanel(sloPanel(kind, 8));
}

/**
 * Regression models: MAE and RMSE (in the target's unit), MAPE (a fraction) and the signed bias, each on its own
 * axis. Classifiers export no error sums: these panels are empty for them.
 */
function pluginRegression(d: DashboardBuilder): void {
  const { mae, rmse, mape, bias } = REGRESSION_PERFORMANCE;
  const regression = (metrics: RegressionMetric[]): ModelwatchQuery[] => [
    { queryType: 'regression', ...SCOPE, regressionMetrics: metrics },
  ];
  d.withRow(new RowBuilder('Regression performance'))
    .withPanel(
      modelwatchSeries({
        title: 'MAE and RMSE',
        description:
          'Regression models: mean absolute error and root mean squared error of the outcomes in the window, in the unit of the target. Empty for classifiers.',
        queries: regression([mae.key, rmse.key]),
        w: 8,
        h: 8,
      })
    )
    .withPanel(
      modelwatchSeries({
        title: 'MAPE',
        description:
          'Regression models: mean of |prediction − actual| / max(|actual|, 2.22e-16); an actual of 0 makes it huge, as in scikit-learn. Empty for classifiers.',
        queries: regression([mape.key]),
        w: 8,
        h: 8,
        unit: 'percentunit',
      })
    )
    .withPanel(
      modelwatchSeries({
        title: 'Bias',
        description:
          'Regression models: mean of prediction − actual; above 0 the model over-predicts on average. Empty for classifiers.',
        queries: regression([bias.key]),
        w: 8,
        h: 8,
        min: null,
      })
    );
}

/** Traffic, errors and latency of each selected version, straight from Prometheus. */
function pluginServiceHealth(d: DashboardBuilder): void {
  const health = (title: string, description: string, expr: string, unit: string) =>
    timeSeries({
      title,
      description,
      ds: PROMETHEUS,
      targets: [{ expr, legend: legendOf(VERSION) }],
      unit,
      w: 8,
      h: 7,
    });
  const sel = selector(SELECTED);
  d.withRow(new RowBuilder('Service health'))
    .withPanel(
      health(
        'Predictions per second',
        'Predictions per second of each version.',
        predictionRate(NAMING, sel, [VERSION], RATE),
        'short'
      )
    )
    .withPanel(
      health(
        'Error ratio',
        'Failed inferences over all attempts.',
        errorRatio(NAMING, sel, [VERSION], RATE),
        'percentunit'
      )
    )
    .withPanel(
      health(
        'Latency p95',
        '95th percentile of the inference duration.',
        `histogram_quantile(0.95, sum ${by([VERSION, LABEL.bucketBound])} (rate(${DURATION_BUCKETS}[${RATE}])))`,
        's'
      )
    );
}

/** One model: drift, data quality, performance, fairness per attribute, SLOs and service health. */
export function pluginModelDashboard(): Dashboard {
  const d = pluginModelBase();
  pluginStatistics(d);
  pluginServiceHealth(d);
  return d.build();
}
