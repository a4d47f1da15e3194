import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, scratchDir } from '../run-cli';
import { promtool } from '../rules/tools';
import {
  DASHBOARDS_TEST_DIR,
  expectPromQLParses,
  generateDashboards,
  interpolate,
  panelTitled,
  promExpressions,
  type Dashboard,
} from './support';

const scratch = scratchDir();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const lending = generateDashboards(
  ['--config', join(ROOT, 'examples/lending/modelwatch.yaml')],
  join(scratch, 'lending')
);
const fixture = generateDashboards(
  ['--config', join(DASHBOARDS_TEST_DIR, 'fixtures/fleet.modelwatch.yaml')],
  join(scratch, 'fixture')
);
const plugin = generateDashboards(['--plugin'], join(scratch, 'plugin'));

describe('every PromQL expression of the dashboards parses (promtool check rules)', () => {
  it.each([
    ['the lending example', lending],
    ['the fleet fixture', fixture],
    ['the app plugin', plugin],
  ])('%s', (_, dashboards: Map<string, Dashboard>) => {
    const exprs = [...dashboards.values()].flatMap(promExpressions);
    expectPromQLParses(exprs, scratchDir());
  });
});

// What the queries compute, on series whose answers are worked out by hand below. The dashboard queries are
// taken from the generated files and interpolated as Grafana would (All versions: `.*`; feature a).
const M = 'mortgage-approval';
const fleet = lending.get('modelwatch-fleet.json')!;
const model = lending.get(`modelwatch-${M}.json`)!;
const VALUES = { model: M, version: '.*', feature: 'a' };

/** The query of a fleet table column (its title) or of a panel. */
function column(title: string): string {
  const table = panelTitled(fleet, 'Models');
  const index = table.fieldConfig!.overrides.findIndex((o) => o.matcher.options === title);
  // Overrides follow the model and version columns, then one per query in order.
  return interpolate(table.targets![index - 2]!.expr!, VALUES);
}
const query = (d: Dashboard, title: string, i = 0): string =>
  interpolate(panelTitled(d, title).targets![i]!.expr!, VALUES);

/** Series of one model version: the model label, the version and more. */
const at = (version: string, more: Record<string, string> = {}): Record<string, string> => ({
  model_name: M,
  model_version: version,
  ...more,
});
const text = (labels: Record<string, string>): string =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;

// A counter rising by `perMinute` every minute from 0 has a rate of perMinute / 60 per second over any window.
const input: { series: string; values: string }[] = [];
const counter = (name: string, labels: Record<string, string>, perMinute: number) =>
  input.push({ series: `${name}${text(labels)}`, values: `0+${perMinute}x10` });
const gauge = (name: string, labels: Record<string, string>, value: number) =>
  input.push({ series: `${name}${text(labels)}`, values: `${value}x10` });

// Version 1: 0.25/s "yes" and 0.75/s "no" predictions (1/s), 0.05/s timeouts.
counter('modelwatch_predictions_total', at('1', { prediction_class: 'yes' }), 15);
counter('modelwatch_predictions_total', at('1', { prediction_class: 'no' }), 45);
counter('modelwatch_errors_total', at('1', { error_type: 'timeout' }), 3);
// Half of version 1's calls under 0.1 s, all under 0.25 s.
counter('modelwatch_inference_duration_bucket', at('1', { le: '0.1' }), 30);
counter('modelwatch_inference_duration_bucket', at('1', { le: '0.25' }), 60);
counter('modelwatch_inference_duration_bucket', at('1', { le: '+Inf' }), 60);
// Version 2: 0.5/s "no", never failed (no error series at all). Version 3: only failures since its start.
counter('modelwatch_predictions_total', at('2', { prediction_class: 'no' }), 30);
counter('modelwatch_errors_total', at('3', { error_type: 'invalid_input' }), 6);
// Another model, which the fleet's model variable (set to mortgage-approval) leaves out.
counter('modelwatch_predictions_total', { model_name: 'other', model_version: '1', prediction_class: 'yes' }, 600);
// Recorded series as `modelwatch rules` writes them.
gauge('modelwatch:feature_psi:1h', at('1', { feature: 'a', feature_role: 'feature', baseline: 'reference' }), 0.05);
gauge('modelwatch:feature_psi:1h', at('1', { feature: 'b', feature_role: 'feature', baseline: 'reference' }), 0.3);
gauge('modelwatch:feature_psi:1h', at('1', { feature: 'c', feature_role: 'feature', baseline: 'last_week' }), 0.4);
gauge('modelwatch:model_f1:ratio1d', at('1', { source: 'realized' }), 0.5);
gauge('modelwatch:model_f1:ratio1d', at('1', { source: 'estimated' }), 0.625);
gauge('modelwatch:fairness_disparate_impact:1d', at('1', { group_attribute: 'afam' }), 0.7);
gauge('modelwatch:fairness_disparate_impact:1d', at('1', { group_attribute: 'sex' }), 0.9);
gauge(
  'modelwatch:slo_error_budget_remaining:ratio',
  at('1', { slo: 'availability', objective: '0.999', period: '30d' }),
  0.5
);
gauge(
  'modelwatch:slo_error_budget_remaining:ratio',
  at('1', { slo: 'latency', objective: '0.99', period: '30d' }),
  -0.25
);
gauge(
  'ALERTS',
  at('1', { alertname: 'ModelwatchFeatureDriftPSI', alertstate: 'firing', severity: 'critical', feature: 'b' }),
  1
);
gauge(
  'ALERTS',
  at('1', { alertname: 'ModelwatchFairness', alertstate: 'firing', severity: 'warning', group_attribute: 'afam' }),
  1
);
gauge(
  'ALERTS',
  at('1', { alertname: 'ModelwatchSLOBurnRate', alertstate: 'pending', severity: 'page', slo: 'latency' }),
  1
);
gauge('ALERTS', at('1', { alertname: 'HostDown', alertstate: 'firing', severity: 'page' }), 1);
// Feature a: 10 and 30 values in bins 0 and 1 for version 1, 30 and 30 for version 2; reference shares 0.5 each.
for (const [version, counts] of [
  ['1', [10, 30]],
  ['2', [30, 30]],
] as const) {
  counts.forEach((count, bin) => {
    gauge(
      'modelwatch:feature_bin_count:increase1h',
      at(version, { feature: 'a', feature_role: 'feature', bin: String(bin) }),
      count
    );
    gauge(
      'modelwatch:feature_reference_share:max',
      at(version, { feature: 'a', feature_role: 'feature', bin: String(bin) }),
      0.5
    );
  });
}

interface Expectation {
  name: string;
  expr: string;
  samples: { labels: Record<string, string>; value: number }[];
}

const EXPECTATIONS: Expectation[] = [
  {
    name: 'fleet predictions per second',
    expr: column('Predictions/s'),
    samples: [
      { labels: at('1'), value: 1 },
      { labels: at('2'), value: 0.5 },
    ],
  },
  {
    name: 'fleet error ratio: errors / (predictions + errors), 0 without errors, 1 without predictions',
    expr: column('Error ratio'),
    samples: [
      { labels: at('1'), value: 0.05 / 1.05 },
      { labels: at('2'), value: 0 },
      { labels: at('3'), value: 1 },
    ],
  },
  // Rank 0.95 of 1/s falls in (0.1, 0.25], which holds 0.5/s: 0.1 + 0.15 × (0.95 − 0.5) / 0.5.
  {
    name: 'fleet latency p95',
    expr: column('Latency p95'),
    samples: [{ labels: at('1'), value: 0.1 + (0.15 * 0.45) / 0.5 }],
  },
  {
    name: 'fleet worst PSI: over features and both baselines',
    expr: column('Worst PSI'),
    samples: [{ labels: at('1'), value: 0.4 }],
  },
  { name: 'fleet realized F1', expr: column('F1 realized'), samples: [{ labels: at('1'), value: 0.5 }] },
  { name: 'fleet estimated F1', expr: column('F1 estimated'), samples: [{ labels: at('1'), value: 0.625 }] },
  {
    name: 'fleet disparate impact: the lowest attribute',
    expr: column('Disparate impact'),
    samples: [{ labels: at('1'), value: 0.7 }],
  },
  {
    name: 'fleet budget remaining: the lowest SLO',
    expr: column('Budget remaining'),
    samples: [{ labels: at('1'), value: -0.25 }],
  },
  {
    name: 'fleet firing alerts: Modelwatch ones, firing only',
    expr: column('Firing alerts'),
    samples: [{ labels: at('1'), value: 2 }],
  },
  { name: 'model versions serving', expr: query(fleet, 'Model versions serving'), samples: [{ labels: {}, value: 2 }] },
  {
    name: 'firing Modelwatch alerts',
    expr: query(fleet, 'Firing Modelwatch alerts'),
    samples: [{ labels: {}, value: 2 }],
  },
  {
    name: 'model error ratio by version',
    expr: query(model, 'Error ratio'),
    samples: [
      { labels: { model_version: '1' }, value: 0.05 / 1.05 },
      { labels: { model_version: '2' }, value: 0 },
      { labels: { model_version: '3' }, value: 1 },
    ],
  },
  // yes: 0.25/s of 1.5/s; no: (0.75 + 0.5)/s of 1.5/s.
  {
    name: 'predictions by class',
    expr: query(model, 'Predictions by class'),
    samples: [
      { labels: { prediction_class: 'yes' }, value: 0.25 / 1.5 },
      { labels: { prediction_class: 'no' }, value: 1.25 / 1.5 },
    ],
  },
  // Both versions pooled: bin 0 holds 10 + 30 of 100 values.
  {
    name: 'bin shares of a feature',
    expr: query(model, 'Bin shares of $feature: now and reference', 0),
    samples: [
      { labels: { bin: '0' }, value: 0.4 },
      { labels: { bin: '1' }, value: 0.6 },
    ],
  },
  {
    name: 'reference shares of a feature',
    expr: query(model, 'Bin shares of $feature: now and reference', 1),
    samples: [
      { labels: { bin: '0' }, value: 0.5 },
      { labels: { bin: '1' }, value: 0.5 },
    ],
  },
];

/** A vector of the expected values with their labels, to subtract from the query's result on those labels. */
function expectedVector(samples: Expectation['samples']): string {
  return samples
    .map(({ labels, value }) =>
      Object.entries(labels).reduce(
        (v, [k, l]) => `label_replace(${v}, ${JSON.stringify(k)}, ${JSON.stringify(l)}, "", "")`,
        `vector(${value})`
      )
    )
    .join(' or ');
}

it('the queries compute the hand-worked values (promtool test rules)', () => {
  // promtool compares floats exactly, so each value is checked as |result − expected| < 1e-9, and the number
  // of series separately, so an extra series fails too.
  const tests = EXPECTATIONS.flatMap(({ expr, samples }) => {
    const keys = Object.keys(samples[0]!.labels);
    const diff = keys.length
      ? `abs((${expr}) - on (${keys.join(', ')}) (${expectedVector(samples)})) < bool 1e-9`
      : `abs((${expr}) - ${samples[0]!.value}) < bool 1e-9`;
    return [
      { expr: `count(${expr})`, eval_time: '10m', exp_samples: [{ labels: '{}', value: samples.length }] },
      { expr: diff, eval_time: '10m', exp_samples: samples.map((s) => ({ labels: text(s.labels), value: 1 })) },
    ];
  });
  const file = join(scratchDir(), 'dashboard-queries.test.yml');
  writeFileSync(
    file,
    JSON.stringify({
      rule_files: [],
      evaluation_interval: '1m',
      tests: [{ interval: '1m', input_series: input, promql_expr_test: tests }],
    })
  );
  const r = promtool(['test', 'rules', file]);
  if (r.code !== 0) {
    const names = EXPECTATIONS.map((e, i) => `#${i}: ${e.name}: ${e.expr}`).join('\n');
    throw new Error(`promtool test rules failed:\n${r.output}\nqueries:\n${names}`);
  }
  expect(r.output).toMatch(/SUCCESS/);
});
