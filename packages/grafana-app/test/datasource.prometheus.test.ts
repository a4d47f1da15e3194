// The datasource against a real Prometheus on loopback, which holds Modelwatch series backfilled with promtool
// and evaluates the rules `modelwatch rules` generates from a modelwatch.yaml. Every number a panel would show
// is compared with the value the recording rule recorded at the same instant.
import { dateTime, type DataFrame, type DataQueryRequest, type DataSourceInstanceSettings } from '@grafana/data';
import { setBackendSrv, setTemplateSrv } from '@grafana/runtime';
import {
  freePort,
  requireBinary,
  runToEnd,
  startPrometheus,
  type PrometheusServer,
} from '@modelwatch/local-prometheus';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import {
  FRAME_KIND,
  framesOfKind,
  metaOf,
  type DriftBinsMeta,
  type FairnessMeta,
  type RegressionMeta,
  type SloMeta,
} from '../src/shared/frames';
import { MlDataSource } from '../src/datasource/datasource';
import { parseValue } from '../src/datasource/prometheus/api';
import { scopedTemplateSrv } from '../src/datasource/testing/template-srv';
import type { MlOptions, MlQuery } from '../src/datasource/types';
import { nodeBackendSrv } from './support/node-backend-srv';
import { regressionReport } from '@modelwatch/stats';
import { syntheticSeries, type RegressionRow } from './support/synthetic-series';

jest.setTimeout(120_000);

const CLI = resolve(__dirname, '../../cli/dist/bin.js');
const CONFIG = `naming: exporter-prometheus
interval: 5s
models:
  - name: credit
    classes: { positive: "yes", negative: "no" }
    drift:
      window: 1h
      for: 0s
      minSamples: 10
      baseline: { reference: true, lastWeek: true, offset: 1w }
    dataQuality: { window: 1h }
    performance: { window: 1d }
    fairness:
      window: 1d
      attributes:
        sex: { disparateImpact: { warning: 0.8 } }
    slos:
      latency: { objective: 0.99, threshold: 0.25 }
      availability: { objective: 0.999 }
      quality: { objective: 0.85 }
`;

let dir: string;
let prometheus: PrometheusServer;
let recentSeries: number;
/** The last sample time of the backfilled series, and the outcomes of the regression model. */
let dataEnd: number;
let regressionRows: RegressionRow[];

function settings(jsonData: MlOptions = {}, url?: string): DataSourceInstanceSettings<MlOptions> {
  return {
    uid: 'modelwatch',
    type: 'modelwatch-ml-datasource',
    name: 'Modelwatch',
    access: 'proxy',
    url: url ?? prometheus.url,
    jsonData,
    readOnly: false,
    meta: { id: 'modelwatch-ml-datasource' } as DataSourceInstanceSettings['meta'],
  } as DataSourceInstanceSettings<MlOptions>;
}

async function promQuery(
  expr: string,
  time?: number
): Promise<Array<{ metric: Record<string, string>; values?: Array<[number, string]>; value?: [number, string] }>> {
  const at = time === undefined ? '' : `&time=${time.toFixed(3)}`;
  const response = await fetchJson(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(expr)}${at}`);
  return response.data.result;
}

function fetchJson(url: string): Promise<{ data: { result: never[] } }> {
  return new Promise((resolveJson, reject) => {
    nodeBackendSrv()
      .fetch<{ data: { result: never[] } }>({ url })
      .subscribe({ next: (r) => resolveJson(r.data), error: reject });
  });
}

interface Recorded {
  time: number;
  samples: Array<{ labels: Record<string, string>; value: number }>;
}

/** The samples a rule recorded at one evaluation `time` (exactly: rules of one group share it). */
async function recordedAt(selector: string, time: number): Promise<Recorded> {
  const result = await promQuery(`${selector}[10ms]`, time);
  const samples = result.flatMap((s) =>
    s.values!.filter(([t]) => t === time).map(([, v]) => ({ labels: s.metric, value: parseValue(v) }))
  );
  return { time, samples };
}

/** The latest evaluation of a rule: its timestamp and samples. */
async function recorded(selector: string): Promise<Recorded> {
  const result = await promQuery(`${selector}[20s]`);
  const time = Math.max(...result.map((s) => s.values![s.values!.length - 1]![0]));
  return recordedAt(selector, time);
}

function request(targets: Array<Partial<MlQuery>>, endSeconds: number, hours = 2): DataQueryRequest<MlQuery> {
  const to = dateTime(Math.round(endSeconds * 1000));
  const from = dateTime(Math.round((endSeconds - hours * 3600) * 1000));
  return {
    requestId: 'test',
    interval: '1m',
    intervalMs: 60_000,
    range: { from, to, raw: { from, to } },
    scopedVars: {},
    targets: targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), model: 'credit', ...t })),
    timezone: 'utc',
    app: 'dashboard',
    startTime: Date.now(),
  };
}

function expectSame(ours: number, theirs: number, what: string): void {
  if (Number.isNaN(theirs)) {
    expect({ what, ours }).toEqual({ what, ours: NaN });
    return;
  }
  const tolerance = 1e-9 * Math.max(1, Math.abs(theirs));
  if (!(Math.abs(ours - theirs) <= tolerance)) {
    throw new Error(`${what}: the datasource gives ${ours}, the recording rule ${theirs}`);
  }
}

/** The last point of each frame, which the grid puts exactly at the range end. */
function lastPoints(frames: DataFrame[], end: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of frames) {
    const times = f.fields[0]!.values;
    expect(times[times.length - 1]).toBe(Math.round(end * 1000));
    const labels = f.fields[1]!.labels ?? {};
    out.set(
      JSON.stringify([labels.model_version, labels.feature ?? labels.metric, labels.issue ?? labels.source]),
      f.fields[1]!.values[f.fields[1]!.values.length - 1]
    );
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'modelwatch-datasource-'));
  writeFileSync(join(dir, 'modelwatch.yaml'), CONFIG);
  await runToEnd(process.execPath, [
    CLI,
    'rules',
    '--config',
    join(dir, 'modelwatch.yaml'),
    '--out',
    join(dir, 'rules'),
  ]);
  const end = Math.floor(Date.now() / 1000) - 20;
  const synthetic = syntheticSeries(end);
  recentSeries = synthetic.recentSeries;
  dataEnd = end;
  regressionRows = synthetic.regressionRows;
  writeFileSync(join(dir, 'series.om'), synthetic.text);
  await runToEnd(requireBinary('promtool'), [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    '-q',
    join(dir, 'series.om'),
    join(dir, 'data'),
  ]);
  rmSync(join(dir, 'series.om'));
  // The backfilled series reach back a week: a retention longer than that keeps them.
  prometheus = await startPrometheus({
    dir,
    storage: join(dir, 'data'),
    retention: '60d',
    config: { evaluationIntervalMs: 5_000, ruleFiles: [`${join(dir, 'rules')}/*.yml`] },
  });
  setBackendSrv(nodeBackendSrv());
  setTemplateSrv(scopedTemplateSrv());
  // Every rule group has evaluated, and the drift alert (for: 0s) fires.
  const needed = [
    'ALERTS{alertname="ModelwatchFeatureDriftPSI", alertstate="firing"}',
    'modelwatch:feature_psi:1h',
    'modelwatch:feature_issue:ratio_rate1h',
    'modelwatch:model_f1:ratio1d',
    'modelwatch:fairness_disparate_impact:1d',
    'modelwatch:slo_error_budget_remaining:ratio',
  ];
  for (const n of needed) {
    await prometheus.client.waitFor(n, { timeoutMs: 30_000, intervalMs: 300 });
  }
});

afterAll(async () => {
  await prometheus?.stop();
  if (dir) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('drift equals the drift rules', () => {
  test.each([
    ['psi', 'reference', 'psi'],
    ['jensenShannon', 'reference', 'jensen_shannon'],
    ['ks', 'reference', 'ks'],
    ['chiSquare', 'reference', 'chi_square'],
    ['psi', 'lastWeek', 'psi'],
    ['jensenShannon', 'lastWeek', 'jensen_shannon'],
    ['ks', 'lastWeek', 'ks'],
  ] as const)(
    '%s against the %s baseline, every feature and version, at the last point of the series',
    async (statistic, baseline, record) => {
      const rule = await recorded(
        `modelwatch:feature_${record}:1h{baseline="${baseline === 'lastWeek' ? 'last_week' : 'reference'}"}`
      );
      const ds = new MlDataSource(settings());
      const response = await ds.query(request([{ queryType: 'drift', statistic, baseline }], rule.time));
      expect(response.errors).toBeUndefined();
      const ours = lastPoints(response.data, rule.time);
      const theirs = new Map(
        rule.samples.map((s) => [JSON.stringify([s.labels.model_version, s.labels.feature, undefined]), s.value])
      );
      // Same series (KS leaves the categorical feature out on both sides; v2 has no data a week ago).
      const defined = [...ours].filter(([, v]) => !Number.isNaN(v)).map(([k]) => k);
      expect(defined.sort()).toEqual(
        [...theirs]
          .filter(([, v]) => !Number.isNaN(v))
          .map(([k]) => k)
          .sort()
      );
      expect(defined.length).toBeGreaterThan(0);
      for (const key of defined) {
        expectSame(ours.get(key)!, theirs.get(key)!, `${statistic} ${key}`);
      }
    }
  );

  test('driftBins: the statistic over the bins at the range end equals the rule; the top income bin is empty (PSI epsilon)', async () => {
    const rule = await recorded('modelwatch:feature_psi:1h{baseline="reference", model_version="v1"}');
    const ds = new MlDataSource(settings());
    const response = await ds.query(request([{ queryType: 'driftBins', version: 'v1' }], rule.time));
    const frames = framesOfKind(response.data, FRAME_KIND.driftBins);
    expect(frames.map((f) => metaOf<DriftBinsMeta>(f).feature)).toEqual(['age', 'income', 'purpose']);
    for (const frame of frames) {
      const meta = metaOf<DriftBinsMeta>(frame);
      expectSame(
        meta.value,
        rule.samples.find((s) => s.labels.feature === meta.feature)!.value,
        `bins ${meta.feature}`
      );
    }
    const income = frames.find((f) => metaOf<DriftBinsMeta>(f).feature === 'income')!;
    expect(income.fields[2]!.values[9]).toBe(0);
    const count = await recordedAt(
      'modelwatch:feature_count:increase1h{model_version="v1", feature="income"}',
      rule.time
    );
    expectSame(metaOf<DriftBinsMeta>(income).count, count.samples[0]!.value, 'income count');
  });
});

test('data-quality issue rates equal the issue-rate rule', async () => {
  const rule = await recorded('modelwatch:feature_issue:ratio_rate1h');
  const ds = new MlDataSource(settings());
  const response = await ds.query(request([{ queryType: 'quality' }], rule.time));
  const ours = lastPoints(response.data, rule.time);
  expect(ours.size).toBe(rule.samples.length);
  for (const s of rule.samples) {
    expectSame(
      ours.get(JSON.stringify([s.labels.model_version, s.labels.feature, s.labels.issue]))!,
      s.value,
      `issue ${s.labels.feature} ${s.labels.issue}`
    );
  }
});

test('realized and estimated performance equal the performance rules', async () => {
  const ds = new MlDataSource(settings());
  for (const metric of ['accuracy', 'precision', 'recall', 'f1'] as const) {
    const rule = await recorded(`modelwatch:model_${metric}:ratio1d`);
    const response = await ds.query(request([{ queryType: 'performance', metrics: [metric] }], rule.time));
    const ours = lastPoints(response.data, rule.time);
    expect(rule.samples).toHaveLength(2);
    for (const s of rule.samples) {
      expectSame(
        ours.get(JSON.stringify([s.labels.model_version, metric, s.labels.source]))!,
        s.value,
        `${s.labels.source} ${metric}`
      );
    }
  }
});

test('fairness rates and disparities equal the fairness rules; the small group is inconclusive', async () => {
  const impact = await recorded('modelwatch:fairness_disparate_impact:1d{group_attribute="sex"}');
  const ds = new MlDataSource(settings());
  const response = await ds.query(
    request(
      [
        {
          queryType: 'fairness',
          attribute: 'sex',
          fairnessMetrics: ['selectionRate', 'tpr', 'fpr', 'fnr', 'precision'],
        },
      ],
      impact.time
    )
  );
  expect(response.errors).toBeUndefined();
  const [frame] = framesOfKind(response.data, FRAME_KIND.fairness);
  const meta = metaOf<FairnessMeta>(frame!);
  expectSame(meta.disparateImpact, impact.samples[0]!.value, 'disparate impact');
  for (const [statistic, record] of [
    ['demographicParityDifference', 'demographic_parity_difference'],
    ['equalOpportunityDifference', 'equal_opportunity_difference'],
    ['fprDifference', 'fpr_difference'],
    ['fnrDifference', 'fnr_difference'],
    ['equalizedOddsDifference', 'equalized_odds_difference'],
  ] as const) {
    const rule = await recordedAt(`modelwatch:fairness_${record}:1d{group_attribute="sex"}`, impact.time);
    expectSame(meta.disparities![statistic], rule.samples[0]!.value, statistic);
  }
  const column = (name: string) => frame!.fields.find((f) => f.name === name)!.values;
  for (const [metric, record] of [
    ['selectionRate', 'selection_rate'],
    ['tpr', 'tpr'],
    ['fpr', 'fpr'],
    ['fnr', 'fnr'],
    ['precision', 'precision'],
  ] as const) {
    const rule = await recordedAt(`modelwatch:group_${record}:ratio1d{group_attribute="sex"}`, impact.time);
    expect(rule.samples.length).toBeGreaterThan(0);
    for (const s of rule.samples) {
      const i = column('group').findIndex(
        (g: string, k: number) => g === s.labels.group_value && column('metric')[k] === metric
      );
      expectSame(column('value')[i], s.value, `${metric} ${s.labels.group_value}`);
    }
  }
  const size = await recordedAt(
    'modelwatch:group_size:increase1d{group_attribute="sex", group_value="X"}',
    impact.time
  );
  expect(size.samples[0]!.value).toBeLessThan(30);
  expect(column('eligible')[column('group').indexOf('X')]).toBe(false);
  expect(meta.referenceGroup).toBe('F');
});

describe('SLOs equal the SLO rules', () => {
  test.each([
    ['availability', { objective: 0.999 }],
    ['latency', { objective: 0.99, latencyThreshold: 0.25 }],
    ['quality', { objective: 0.85 }],
  ] as const)('%s: burn rate of every window and budget remaining', async (sloKind, options) => {
    const budget = await recorded(`modelwatch:slo_error_budget_remaining:ratio{slo="${sloKind}"}`);
    const ds = new MlDataSource(settings());
    const response = await ds.query(request([{ queryType: 'slo', sloKind, ...options }], budget.time));
    expect(response.errors).toBeUndefined();
    for (const version of ['v1', 'v2']) {
      const frames = response.data.filter((f: DataFrame) => metaOf<SloMeta>(f).version === version);
      const theirs = budget.samples.find((s) => s.labels.model_version === version);
      if (theirs === undefined) {
        // No outcomes for v2: the quality SLO has nothing to say there, on either side.
        expect(frames).toEqual([]);
        continue;
      }
      const [pairs] = framesOfKind(frames, FRAME_KIND.sloWindows);
      const [budgetFrame] = framesOfKind(frames, FRAME_KIND.sloBudget);
      expectSame(
        budgetFrame!.fields.find((f) => f.name === 'budgetRemaining')!.values[0],
        theirs.value,
        `${sloKind} budget ${version}`
      );
      const col = (name: string) => pairs!.fields.find((f) => f.name === name)!.values;
      for (const [i, long] of col('long').entries()) {
        for (const [window, field] of [
          [long, 'longBurnRate'],
          [col('short')[i], 'shortBurnRate'],
        ] as const) {
          const rule = await recordedAt(
            `modelwatch:slo_burn_rate:${window}{slo="${sloKind}", model_version="${version}"}`,
            budget.time
          );
          expectSame(col(field)[i], rule.samples[0]!.value, `${sloKind} burn ${window} ${version}`);
        }
      }
    }
  });
});

test('annotations: the drift alert that fires (for: 0s) becomes an event titled by its name', async () => {
  const firing = await promQuery(
    'ALERTS{alertname="ModelwatchFeatureDriftPSI", alertstate="firing", feature="age", model_version="v1"}'
  );
  expect(firing.length).toBeGreaterThan(0);
  const ds = new MlDataSource(settings());
  const query = ds.annotations!.prepareQuery!({
    name: 'alerts',
    enable: true,
    iconColor: 'red',
    target: { refId: 'Anno', model: 'credit' },
  } as never)!;
  const end = Date.now() / 1000;
  const response = await ds.query({ ...request([query], end, 0.25), targets: [query] });
  const events = await new Promise<Array<{ title?: string; tags?: string[]; text?: string }>>((done) =>
    ds.annotations!.processEvents!({} as never, response.data).subscribe((e) => done(e ?? []))
  );
  const age = events.find(
    (e) =>
      e.title === 'ModelwatchFeatureDriftPSI' && e.text!.includes('feature=age') && e.text!.includes('model_version=v1')
  );
  expect(age).toBeDefined();
  expect(age!.tags).toEqual(['credit', 'critical']);
});

test('the models overview reads every version; statuses follow the firing alerts', async () => {
  const ds = new MlDataSource(settings());
  const end = Date.now() / 1000;
  const rows = await ds.getModelOverview({
    from: dateTime((end - 3600) * 1000),
    to: dateTime(end * 1000),
    raw: { from: 'now-1h', to: 'now' },
  });
  expect(rows.map((r) => [r.model, r.version])).toEqual([
    ['credit', 'v1'],
    ['credit', 'v2'],
    ['price', 'r1'],
  ]);
  const [v1, v2, price] = rows;
  const rate = await promQuery(
    `sum by (model_version) (increase(modelwatch_predictions_total[3600s] @ ${end.toFixed(3)})) / 3600`
  );
  expectSame(
    v1!.predictionRate,
    parseValue(rate.find((r) => r.metric.model_version === 'v1')!.value![1]),
    'prediction rate'
  );
  // The top income bin is empty: 0.1 against 1e-4 alone adds (1e-4 − 0.1)·ln(1e-3) ≈ 0.69.
  expect(v1!.drift.worstFeature).toBe('income');
  expect(v1!.drift.status).toBe('critical');
  expect(v1!.performance.metric).toBe('f1');
  expect(v1!.performance.realized).toBeGreaterThan(0);
  expect(v1!.slo.budgetRemaining).toBeLessThanOrEqual(1);
  expect(
    v1!.alerts.some((a) => a.name === 'ModelwatchFeatureDriftPSI' && a.state === 'firing' && a.severity === 'critical')
  ).toBe(true);
  expect(v2!.performance.status).toBe('unknown');
  expect(v2!.performance.realized).toBeNaN();
  expect(v1!.performance.regression).toBeUndefined();
  // The regression model: its numbers are those of the outcomes after the window's first sample (increase()
  // extrapolates every error sum and the count alike, so the ratios are exact).
  const first = Math.min(...regressionRows.filter((r) => r.t >= end - 3600).map((r) => r.t));
  const expected = reportOf(regressionRows.filter((r) => r.t > first && r.t <= end));
  expect(price!.performance.status).toBe('ok');
  for (const metric of ['mae', 'rmse', 'mape', 'bias'] as const) {
    expectSame(price!.performance.regression![metric], expected[metric], `overview ${metric}`);
  }
});

function reportOf(rows: readonly RegressionRow[]): { mae: number; rmse: number; mape: number; bias: number } {
  const r = regressionReport(
    rows.map((x) => x.actual),
    rows.map((x) => x.predicted)
  );
  return { mae: r.mae, rmse: r.rmse, mape: r.mape, bias: r.meanError };
}

test('regression: MAE, RMSE, MAPE and bias computed by Prometheus equal @modelwatch/stats on the same outcomes', async () => {
  const ds = new MlDataSource(settings());
  const response = await ds.query(request([{ queryType: 'regression', model: 'price' }], dataEnd));
  expect(response.errors).toBeUndefined();
  const frames = framesOfKind(response.data, FRAME_KIND.regression);
  expect(frames.map((f) => metaOf<RegressionMeta>(f).metric)).toEqual(['mae', 'rmse', 'mape', 'bias']);
  expect(frames.map((f) => metaOf<RegressionMeta>(f).window)).toEqual(['1d', '1d', '1d', '1d']);
  const ours = lastPoints(frames, dataEnd);
  // The 1d window holds the last three hours; the first sample's own outcomes are before increase() starts.
  const inWindow = regressionRows.filter((r) => r.t > dataEnd - 3 * 3600 && r.t <= dataEnd);
  const expected = reportOf(inWindow);
  for (const metric of ['mae', 'rmse', 'mape', 'bias'] as const) {
    expectSame(ours.get(JSON.stringify(['r1', metric, undefined]))!, expected[metric], metric);
  }
  // Zero actuals weigh |e| / ε in MAPE, as in scikit-learn; the model over-predicts (positive bias).
  expect(inWindow.some((r) => r.actual === 0)).toBe(true);
  expect(expected.mape).toBeGreaterThan(1e12);
  expect(expected.bias).toBeGreaterThan(0);
});

test('regression: a classifier has no error sums, so no frames; a segment is one line', async () => {
  const ds = new MlDataSource(settings());
  const response = await ds.query(request([{ queryType: 'regression' }], dataEnd));
  expect(response.errors).toBeUndefined();
  expect(response.data).toEqual([]);
  const split = await ds.query(
    request([{ queryType: 'regression', model: 'price', segmentName: 'region', segmentValue: 'north' }], dataEnd)
  );
  expect(split.errors?.[0]?.message).toBe(
    'segmentName: regression errors are not counted per segment; clear the segment'
  );
});

describe('template variables', () => {
  test.each([
    ['models()', ['credit', 'price']],
    ['versions(credit)', ['v1', 'v2']],
    ['features($model)', ['age', 'income', 'purpose']],
    ['classes(credit)', ['no', 'yes']],
    ['attributes(credit)', ['sex']],
    ['groups(credit, sex)', ['F', 'M', 'X']],
    ['segments(credit)', ['region']],
    ['segmentValues(credit, "region")', ['north', 'south']],
    [
      'boundaries(credit)',
      ['0.005', '0.01', '0.025', '0.05', '0.075', '0.1', '0.25', '0.5', '0.75', '1', '2.5', '5', '7.5', '10'],
    ],
  ])('%s', async (query, expected) => {
    const ds = new MlDataSource(settings());
    const values = await ds.metricFindQuery(query, {
      scopedVars: { model: { text: 'credit', value: 'credit' } },
    } as never);
    expect(values.map((v) => v.text)).toEqual(expected);
  });

  test('an unknown variable query is one line listing the supported ones', async () => {
    const ds = new MlDataSource(settings());
    await expect(ds.metricFindQuery('label_values(model_name)')).rejects.toThrow(
      /^Variable query 'label_values\(model_name\)' is not one of models\(\), versions\(<model>\)/
    );
  });
});

describe('errors are one line', () => {
  test('a query Prometheus rejects names the request and Prometheus’ reason; the other targets still answer', async () => {
    const ds = new MlDataSource(settings());
    const response = await ds.query(
      request(
        [
          { queryType: 'driftBins', version: '(' },
          { queryType: 'driftBins', version: 'v1', feature: 'income' },
        ],
        Date.now() / 1000
      )
    );
    expect(response.errors).toHaveLength(1);
    const [error] = response.errors!;
    expect(error!.refId).toBe('A');
    expect(error!.message).toMatch(
      new RegExp(
        `^Prometheus at ${prometheus.url} rejected the drift bin counts query \\(bad_data\\): .*error parsing regexp`
      )
    );
    expect(error!.message).not.toContain('\n');
    // Panels still read the first error from `error`.
    expect(response.error).toEqual(error);
    expect(response.data).toHaveLength(1);
    expect(response.data[0].refId).toBe('B');
  });

  test('a bad option never reaches Prometheus', async () => {
    const ds = new MlDataSource(settings());
    const response = await ds.query(
      request([{ queryType: 'slo', sloKind: 'latency', objective: 0.99, latencyThreshold: 0.3 }], Date.now() / 1000)
    );
    expect(response.errors?.[0]?.message).toBe(
      "latencyThreshold: 0.3 s is not a bucket boundary of modelwatch_inference_duration (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10); use 0.25, or add 0.3 to the service's durationBuckets"
    );
  });
});

describe('testDatasource', () => {
  test('success: the models and series found', async () => {
    const result = await new MlDataSource(settings()).testDatasource();
    expect(result).toEqual({
      status: 'success',
      message: `Prometheus at ${prometheus.url}: found 2 Modelwatch models (credit, price) in ${recentSeries.toLocaleString('en-US')} series with exporter-prometheus names`,
    });
  });

  test('the other naming: says which to choose', async () => {
    const result = await new MlDataSource(settings({ naming: 'otlp' })).testDatasource();
    expect(result.status).toBe('error');
    expect(result.message).toMatch(
      /has Modelwatch series with exporter-prometheus names \(such as modelwatch_.+\): set Metric naming to exporter-prometheus$/
    );
  });

  test('unreachable: where it tried and what to check', async () => {
    // A port the kernel just handed out and nobody listens on.
    const closed = `http://127.0.0.1:${await freePort()}`;
    const result = await new MlDataSource(settings({}, closed)).testDatasource();
    expect(result.status).toBe('error');
    expect(result.message).toMatch(
      /^Cannot reach Prometheus at http:\/\/127\.0\.0\.1:\d+ \(.+\): check the URL or the Prometheus datasource in the Modelwatch datasource settings, and that Prometheus is running$/
    );
    expect(result.message).toContain(closed);
  });

  test('a Prometheus without Modelwatch series', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const other = await startPrometheus({
      dir: empty,
      storage: join(empty, 'data'),
      retention: '60d',
      config: { evaluationIntervalMs: 60_000 },
    });
    try {
      const result = await new MlDataSource(settings({}, other.url)).testDatasource();
      expect(result).toEqual({
        status: 'error',
        message: `Prometheus at ${other.url} answers but has no modelwatch_* series: is the service instrumented with @modelwatch/otel and scraped by this Prometheus?`,
      });
    } finally {
      await other.stop();
    }
  });

  test('no Prometheus configured', async () => {
    const result = await new MlDataSource(settings({}, '')).testDatasource();
    expect(result).toEqual({
      status: 'error',
      message: 'No Prometheus configured: set the Prometheus URL or choose a Prometheus datasource in these settings',
    });
  });
});
