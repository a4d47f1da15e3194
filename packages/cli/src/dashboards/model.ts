import {
  ConstantVariableBuilder,
  RowBuilder,
  type Dashboard,
  type DashboardBuilder,
  type Threshold,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { ATTR, RECORD, promLabel } from '@modelwatch/semconv';
import {
  BINARY_METRICS,
  GROUP_ATTRIBUTE,
  GROUP_VALUE,
  MODEL,
  VERSION,
  VERSION_VARIABLE,
  anyOf,
  counterRate,
  errorBudget,
  errorRatio,
  latencyQuantile,
  metricName,
  modelSelector,
  predictionRate,
  quote,
  type Selector,
} from '@modelwatch/promql';
import { FAIRNESS_CEILINGS, ISSUE_KEYS, type Levels, type ModelwatchConfig } from '../rules/config.js';
import { baseDashboard, dashboardLink, firingAlertsAnnotation, labelVariable, taggedLinks } from './base.js';
import { BUDGET_STEPS } from './fleet.js';
import { withConcern, type ModelGroup } from './models.js';
import { barGauge, heatMap, mergedTable, statPanel, timeSeries, type DatasourceRef } from './panels.js';
import { agreedLevels, ceilingSteps, levelSteps } from './thresholds.js';
import { FLEET_UID, MODEL_TAG, TAG, modelUid } from './uids.js';

const BY_VERSION = [VERSION];
const PER_VERSION = `{{${VERSION}}}`;
const PER_FEATURE = `{{feature}} {{${VERSION}}}`;
const RATE = '$__rate_interval';

/** One value when every entry has the same, else undefined (the panel then draws no line). */
function agreed<T>(values: readonly T[]): T | undefined {
  return values.length > 0 && values.every((v) => JSON.stringify(v) === JSON.stringify(values[0]))
    ? values[0]
    : undefined;
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

function serviceHealth({ config, group, ds, sel, d }: Context): void {
  const naming = config.naming;
  const slos = withConcern(group.entries, 'slos').map((s) => s.settings);
  const availability = agreed(slos.map((s) => s.availability?.objective));
  const latency = agreed(slos.map((s) => s.latency?.threshold));
  const panel = (
    title: string,
    description: string,
    targets: { expr: string; legend: string }[],
    unit: string,
    steps: Threshold[] | null = null
  ) => timeSeries({ title, description, ds, targets, unit, steps, w: 6, h: 7 });
  d.withRow(new RowBuilder('Service health'))
    .withPanel(
      panel(
        'Predictions per second',
        'Predictions per second of each version.',
        [{ expr: predictionRate(naming, sel, BY_VERSION, RATE), legend: PER_VERSION }],
        'short'
      )
    )
    .withPanel(
      panel(
        'Error ratio',
        "Failed inferences over all attempts; the line is the availability SLO's error budget (1 − objective).",
        [{ expr: errorRatio(naming, sel, BY_VERSION, RATE), legend: PER_VERSION }],
        'percentunit',
        availability === undefined ? null : ceilingSteps(errorBudget(availability))
      )
    )
    .withPanel(
      panel(
        'Latency',
        "Quantiles of the inference duration; the line is the latency SLO's threshold.",
        [0.5, 0.95, 0.99].map((q) => ({
          expr: latencyQuantile(q, naming, sel, BY_VERSION, RATE),
          legend: `p${Math.round(q * 100)} ${PER_VERSION}`,
        })),
        's',
        latency === undefined ? null : ceilingSteps(latency)
      )
    )
    .withPanel(
      panel(
        'Errors by type',
        'Failed inferences per second by error type.',
        [
          {
            expr: counterRate('errors', naming, sel, [VERSION, promLabel(ATTR.errorType)], RATE),
            legend: `{{${promLabel(ATTR.errorType)}}} ${PER_VERSION}`,
          },
        ],
        'short'
      )
    )
    .withPanel(
      panel(
        'Outcome joins',
        'Outcomes per second by how they met their prediction: matched, unmatched (unknown id), expired (arrived after the TTL) or evicted (the store was full). Anything but matched is lost to realized performance.',
        [
          {
            expr: counterRate('outcomeJoins', naming, sel, [VERSION, promLabel(ATTR.joinResult)], RATE),
            legend: `{{${promLabel(ATTR.joinResult)}}} ${PER_VERSION}`,
          },
        ],
        'short'
      )
    )
    .withPanel(
      panel(
        'Predictions waiting for outcomes',
        'Predictions held in the bounded store until their outcome arrives.',
        [{ expr: `sum by (${VERSION}) (${metricName('pendingOutcomes', naming)}${sel()})`, legend: PER_VERSION }],
        'short'
      )
    )
    .withPanel(
      panel(
        'Concept-drift detectors',
        'Status of each detector on the stream of outcome errors: 0 stable, 1 warning, 2 drift.',
        [
          {
            expr: `max by (${VERSION}, ${promLabel(ATTR.detector)}) (${metricName('detectorStatus', naming)}${sel()})`,
            legend: `{{${promLabel(ATTR.detector)}}} ${PER_VERSION}`,
          },
        ],
        'none',
        [
          { value: null, color: 'green' },
          { value: 1, color: 'orange' },
          { value: 2, color: 'red' },
        ]
      )
    )
    .withPanel(
      panel(
        'Instrumentation failures',
        'Failures inside the instrumentation, contained instead of thrown into the service; any is a bug to report.',
        [
          {
            expr: counterRate('selfErrors', naming, sel, [VERSION, promLabel(ATTR.selfErrorKind)], RATE),
            legend: `{{${promLabel(ATTR.selfErrorKind)}}} ${PER_VERSION}`,
          },
        ],
        'short'
      )
    );
}

function drift({ group, ds, sel, d }: Context): void {
  const drift = withConcern(group.entries, 'drift').map((x) => x.settings);
  if (!drift.length) return;
  const windows = drift.map((x) => x.window);
  // A title names the window when every entry it reads has the same one.
  const over = (entries: readonly { window: string }[]): string => {
    const window = agreed(entries.map((x) => x.window));
    return window ? ` over ${window}` : '';
  };
  const reference = drift.filter((x) => x.baseline.reference);
  const lastWeek = drift.filter((x) => x.baseline.lastWeek);
  const ts = (title: string, description: string, expr: string, levels: Levels | undefined, legend = PER_FEATURE) =>
    timeSeries({
      title,
      description,
      ds,
      targets: [{ expr, legend }],
      steps: levelSteps(levels, 'above'),
      min: 0,
      w: 12,
      h: 8,
    });
  d.withRow(new RowBuilder('Drift'));
  if (reference.length) {
    const psi = agreedLevels(reference.map((x) => x.psi));
    d.withPanel(
      ts(
        `PSI against the reference${over(reference)}`,
        'Population stability index of each feature (and the score) against the reference profile; lines at the configured warning and critical levels.',
        anyOf(
          reference.map((x) => RECORD.psi(x.window)),
          sel({ baseline: '="reference"' })
        ),
        psi
      )
    ).withPanel(
      ts(
        `Jensen–Shannon distance against the reference${over(reference)}`,
        'Bounded, symmetric distance between the current and reference bin shares of each feature.',
        anyOf(
          reference.map((x) => RECORD.jensenShannon(x.window)),
          sel({ baseline: '="reference"' })
        ),
        agreedLevels(reference.map((x) => x.jensenShannon))
      )
    );
    if (reference.some((x) => x.chiSquare)) {
      d.withPanel(
        ts(
          `Chi-square against the reference${over(reference)}`,
          'Chi-square statistic of the current bin counts against the reference shares (grows with traffic).',
          anyOf(
            reference.map((x) => RECORD.chiSquare(x.window)),
            sel({ baseline: '="reference"' })
          ),
          agreedLevels(reference.map((x) => x.chiSquare))
        )
      );
    }
    if (reference.some((x) => x.ks)) {
      d.withPanel(
        ts(
          `Binned KS against the reference${over(reference)}`,
          'Largest gap between the binned cumulative distributions.',
          anyOf(
            reference.map((x) => RECORD.ks(x.window)),
            sel({ baseline: '="reference"' })
          ),
          agreedLevels(reference.map((x) => x.ks))
        )
      );
    }
    d.withPanel(
      barGauge({
        title: 'PSI by feature, now',
        description: 'The latest PSI of each feature against the reference, largest first.',
        ds,
        targets: [
          {
            expr: `sort_desc(max by (feature) (${anyOf(
              reference.map((x) => RECORD.psi(x.window)),
              sel({ baseline: '="reference"' })
            )}))`,
            legend: '{{feature}}',
            instant: true,
          },
        ],
        steps: levelSteps(psi, 'above'),
        min: 0,
        w: 12,
        h: 8,
      })
    );
  }
  if (lastWeek.length) {
    const offset = agreed(lastWeek.map((x) => x.baseline.offset));
    d.withPanel(
      ts(
        `PSI against the same window ${offset ?? 'a season'} earlier${over(lastWeek)}`,
        'PSI of each feature against the same window one season earlier (baseline.offset): a recent change shows here before it shows against the reference.',
        anyOf(
          lastWeek.map((x) => RECORD.psi(x.window)),
          sel({ baseline: '="last_week"' })
        ),
        agreedLevels(lastWeek.map((x) => x.psi))
      )
    );
  }
  d.withPanel(
    timeSeries({
      title: `Values per feature${over(drift)}`,
      description:
        'Values of each feature counted in the drift window; below the minimum (drift.minSamples) no drift alert fires.',
      ds,
      targets: [
        {
          expr: anyOf(
            windows.map((w) => RECORD.featureCount(w)),
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
  const feature = sel({ feature: '="$feature"' });
  const counts = anyOf(
    windows.map((w) => RECORD.binCount(w)),
    feature
  );
  // Shares from counts summed over the selected versions, so several versions read as one population.
  const shares = `sum by (bin) (${counts}) / ignoring (bin) group_left sum (${counts})`;
  d.withPanel(
    heatMap({
      title: 'Bin shares of $feature',
      description: 'Share of the values of the chosen feature in each reference bin, over time.',
      ds,
      targets: [{ expr: shares, legend: '{{bin}}' }],
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
      targets: [{ expr: shares }, { expr: `max by (bin) (${RECORD.referenceShare}${feature})` }],
      columns: ['Current share', 'Reference share'],
      first: ['bin'],
      unit: 'percentunit',
      w: 12,
      h: 8,
    })
  );
}

function dataQuality({ group, ds, sel, d }: Context): void {
  const quality = withConcern(group.entries, 'dataQuality').map((x) => x.settings);
  if (!quality.length) return;
  const names = quality.map((q) => RECORD.issueRate(q.window));
  const issues = ISSUE_KEYS.filter((issue) => quality.some((q) => levelSteps(q[issue], 'above')));
  d.withRow(new RowBuilder('Data quality'));
  for (const issue of issues) {
    d.withPanel(
      timeSeries({
        title: `${issue.replaceAll('_', ' ')} values`.replace(/^./, (c) => c.toUpperCase()),
        description: `Share of predictions with a ${issue.replaceAll('_', ' ')} value of each feature over the data-quality window; lines at the configured levels.`,
        ds,
        targets: [{ expr: anyOf(names, sel({ issue: `=${quote(issue)}` })), legend: PER_FEATURE }],
        unit: 'percentunit',
        steps: levelSteps(agreedLevels(quality.map((q) => q[issue])), 'above'),
        min: 0,
        w: 6,
        h: 7,
      })
    );
  }
}

function performance({ config, group, ds, sel, d }: Context): void {
  const perf = withConcern(group.entries, 'performance').map((x) => x.settings);
  if (!perf.length) return;
  const window = agreed(perf.map((p) => p.window));
  const over = window ? ` over ${window}` : '';
  d.withRow(new RowBuilder('Performance'));
  for (const metric of BINARY_METRICS) {
    const names = perf.map((p) => RECORD.performance(metric, p.window));
    const realized = agreedLevels(perf.map((p) => p.realized[metric]));
    const estimated = agreedLevels(perf.map((p) => p.estimated[metric]));
    d.withPanel(
      timeSeries({
        title: `${metric === 'f1' ? 'F1' : metric.charAt(0).toUpperCase() + metric.slice(1)}: realized and estimated${over}`,
        description: `Realized ${metric} from outcomes joined to predictions, and the label-free estimate (CBPE) from the scores alone; lines at the configured floors${realized ? ' (realized)' : estimated ? ' (estimated)' : ''}.`,
        ds,
        targets: [
          { expr: anyOf(names, sel({ source: '="realized"' })), legend: `realized ${PER_VERSION}` },
          { expr: anyOf(names, sel({ source: '="estimated"' })), legend: `estimated ${PER_VERSION}` },
        ],
        steps: levelSteps(realized ?? estimated, 'below'),
        min: 0,
        max: 1,
        w: 8,
        h: 8,
      })
    );
  }
  d.withPanel(
    timeSeries({
      title: `Labelled and scored predictions${over}`,
      description:
        'Outcomes (realized) and scored predictions (estimated) in the performance window; below the minimum (performance.minOutcomes) no floor alert fires.',
      ds,
      targets: [
        {
          expr: anyOf(
            perf.map((p) => RECORD.outcomeCount(p.window)),
            sel()
          ),
          legend: `{{source}} ${PER_VERSION}`,
        },
      ],
      steps: minimumSteps(agreed(perf.map((p) => p.minOutcomes))),
      min: 0,
      w: 8,
      h: 8,
    })
  );
  const predicted = promLabel(ATTR.predictionClass);
  d.withPanel(
    timeSeries({
      title: 'Predictions by class',
      description:
        'Share of predictions per predicted class: a shift of the class balance is prediction drift that needs no labels.',
      ds,
      targets: [
        {
          expr: `${counterRate('predictions', config.naming, sel, [predicted], RATE)} / ignoring (${predicted}) group_left ${counterRate('predictions', config.naming, sel, [], RATE)}`,
          legend: `{{${predicted}}}`,
        },
      ],
      unit: 'percentunit',
      min: 0,
      max: 1,
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

function fairness({ group, ds, sel, d }: Context): void {
  const fair = withConcern(group.entries, 'fairness').map((x) => x.settings);
  if (!fair.length) return;
  const windows = fair.map((f) => f.window);
  const configured = [...new Set(fair.flatMap((f) => Object.keys(f.attributes)))];
  // Without configured attributes the rules record the statistics for every attribute the service reports.
  const attributes: (string | null)[] = configured.length ? configured : [null];
  d.withRow(new RowBuilder('Fairness'));
  for (const attribute of attributes) {
    const of = attribute === null ? 'each protected attribute' : attribute;
    const at = (extra: Record<string, string> = {}) =>
      sel(attribute === null ? extra : { [GROUP_ATTRIBUTE]: `=${quote(attribute)}`, ...extra });
    const policy = <K extends 'disparateImpact' | (typeof FAIRNESS_CEILINGS)[number]>(key: K) =>
      agreedLevels(fair.map((f) => (attribute === null ? undefined : f.attributes[attribute]?.[key])));
    const legend = attribute === null ? `{{${GROUP_ATTRIBUTE}}} ${PER_VERSION}` : PER_VERSION;
    d.withPanel(
      timeSeries({
        title: `Disparate impact across ${of}`,
        description:
          'Lowest over highest selection rate across the groups with at least minGroupSize predictions; the four-fifths rule reads 0.8.',
        ds,
        targets: [
          {
            expr: anyOf(
              windows.map((w) => RECORD.fairness('disparateImpact', w)),
              at()
            ),
            legend,
          },
        ],
        steps: levelSteps(policy('disparateImpact'), 'below'),
        min: 0,
        max: 1,
        w: 8,
        h: 8,
      })
    );
    const withLevels = FAIRNESS_CEILINGS.filter((k) => policy(k));
    for (const key of withLevels) {
      d.withPanel(
        timeSeries({
          title: `${DIFFERENCE_TITLES[key]} across ${of}`,
          description: 'Largest minus smallest rate across the eligible groups; lines at the configured ceilings.',
          ds,
          targets: [
            {
              expr: anyOf(
                windows.map((w) => RECORD.fairness(key, w)),
                at()
              ),
              legend,
            },
          ],
          steps: levelSteps(policy(key), 'above'),
          min: 0,
          w: 8,
          h: 8,
        })
      );
    }
    const rest = FAIRNESS_CEILINGS.filter((k) => !withLevels.includes(k));
    if (rest.length) {
      d.withPanel(
        timeSeries({
          title: `Other differences across ${of}`,
          description: 'Differences between the eligible groups that no alert watches.',
          ds,
          targets: rest.map((key) => ({
            expr: anyOf(
              windows.map((w) => RECORD.fairness(key, w)),
              at()
            ),
            legend: `${DIFFERENCE_TITLES[key]} ${legend}`,
          })),
          min: 0,
          w: 8,
          h: 8,
        })
      );
    }
    const rates = ['selectionRate', 'tpr', 'fpr', 'fnr', 'precision'] as const;
    d.withPanel(
      mergedTable({
        title: `Groups of ${of}, now`,
        description:
          'Rates per group over the fairness window and the group sizes behind them (predictions; outcomes for TPR, FPR, FNR and precision).',
        ds,
        targets: [
          ...rates.map((r) => ({
            expr: anyOf(
              windows.map((w) => RECORD.groupRate(r, w)),
              at()
            ),
          })),
          {
            expr: anyOf(
              windows.map((w) => RECORD.groupSize(w)),
              at()
            ),
          },
          {
            expr: anyOf(
              windows.map((w) => RECORD.groupOutcomeCount(w)),
              at()
            ),
          },
        ],
        columns: ['Selection rate', 'TPR', 'FPR', 'FNR', 'Precision', 'Predictions', 'Outcomes'],
        first: [GROUP_ATTRIBUTE, GROUP_VALUE, VERSION],
        hide: [MODEL],
        w: attribute === null ? 24 : 16,
        h: 8,
      })
    );
  }
}

function slos({ group, ds, sel, d }: Context): void {
  const slos = withConcern(group.entries, 'slos').map((x) => x.settings);
  if (!slos.length) return;
  const kinds = (['availability', 'latency', 'quality'] as const).filter((k) => slos.some((s) => s[k]));
  const alerts = agreed(slos.map((s) => s.alerts));
  const windows = [...new Set(slos.flatMap((s) => s.alerts.map((a) => a.long)))];
  d.withRow(new RowBuilder('SLOs'));
  d.withPanel(
    statPanel({
      title: 'Error budget remaining',
      description: "Share of each SLO's error budget left over its period; red once spent.",
      ds,
      targets: [{ expr: `${RECORD.budgetRemaining}${sel()}`, legend: `{{slo}} ${PER_VERSION}` }],
      unit: 'percentunit',
      steps: BUDGET_STEPS,
      w: 8,
      h: 8,
    })
  );
  for (const kind of kinds) {
    const factors = (severity: 'page' | 'ticket'): number[] =>
      (alerts ?? []).filter((a) => a.severity === severity).map((a) => a.burnRate);
    const ticket = factors('ticket');
    const page = factors('page');
    const steps: Threshold[] | null = alerts
      ? [
          { value: null, color: 'green' },
          ...(ticket.length ? [{ value: Math.min(...ticket), color: 'orange' }] : []),
          ...(page.length ? [{ value: Math.min(...page), color: 'red' }] : []),
        ]
      : null;
    d.withPanel(
      timeSeries({
        title: `Burn rate: ${kind}`,
        description:
          'How fast the error budget burns over each long alert window (1 spends exactly the budget over the period); lines at the lowest ticket and page factors.',
        ds,
        targets: windows.map((w) => ({
          expr: `${RECORD.burnRate(w)}${sel({ slo: `=${quote(kind)}` })}`,
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

/** One model's dashboard: service health, drift, data quality, performance, fairness and SLOs, as configured. */
export function modelDashboard(config: ModelwatchConfig, group: ModelGroup): Dashboard {
  const ds: DatasourceRef = { type: 'prometheus', uid: config.grafana.datasourceUid };
  const sel = modelSelector(group.name);
  const predictions = metricName('predictions', config.naming);
  const d = baseDashboard({
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
        query: `label_values(${predictions}{${MODEL}=${quote(group.name)}}, ${VERSION})`,
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
  if (withConcern(group.entries, 'drift').length) {
    d.withVariable(
      labelVariable({
        name: 'feature',
        label: 'Feature',
        ds,
        query: `label_values(${metricName('featureValues', config.naming)}{${MODEL}=${quote(group.name)}}, feature)`,
        multi: false,
        description: 'The feature whose bins the heat map and the table show.',
      })
    );
  }
  const context: Context = { config, group, ds, sel, d };
  serviceHealth(context);
  drift(context);
  dataQuality(context);
  performance(context);
  fairness(context);
  slos(context);
  return d.build();
}
