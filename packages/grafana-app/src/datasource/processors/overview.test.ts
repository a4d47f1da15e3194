import type { Labels } from '../prometheus/api';
import { binLabels, vector } from '../testing/prometheus-json';
import { overviewRows, type OverviewInput } from './overview';

const v = (model: string, version: string, extra: Labels = {}): Labels => ({
  model_name: model,
  model_version: version,
  ...extra,
});
const cells = (model: string, [P, N]: [string, string], [tp, fp, fn, tn]: number[]): Array<[Labels, number]> => [
  [v(model, 'v1', { prediction_class: P, actual_class: P }), tp!],
  [v(model, 'v1', { prediction_class: P, actual_class: N }), fp!],
  [v(model, 'v1', { prediction_class: N, actual_class: P }), fn!],
  [v(model, 'v1', { prediction_class: N, actual_class: N }), tn!],
];
const group = (attribute: string, value: string, yes: number, no: number): Array<[Labels, number]> => [
  [v('credit', 'v1', { group_attribute: attribute, group_value: value, prediction_class: 'yes' }), yes],
  [v('credit', 'v1', { group_attribute: attribute, group_value: value, prediction_class: 'no' }), no],
];
const alert = (model: string, version: string, name: string, state: string, severity: string): [Labels, number] => [
  { __name__: 'ALERTS', alertname: name, alertstate: state, model_name: model, model_version: version, severity },
  1,
];

const INPUT: OverviewInput = {
  versions: [
    v('credit', 'v1', { __name__: 'modelwatch_predictions_total', prediction_class: 'yes' }),
    v('credit', 'v2'),
    v('churn', 'v1'),
  ],
  predictions: vector([
    [v('credit', 'v1'), 3600],
    [v('churn', 'v1'), 720],
  ]),
  errors: vector([[v('credit', 'v1'), 36]]),
  featureCounts: vector([
    ...[40, 30, 20, 10].map((c, i) => [binLabels('income', i), c] as [Labels, number]),
    ...[25, 25, 25, 25].map((c, i) => [binLabels('age', i), c] as [Labels, number]),
  ]),
  referenceShares: vector([
    ...[0, 1, 2, 3].map((i) => [binLabels('income', i), 0.25] as [Labels, number]),
    ...[0, 1, 2, 3].map((i) => [binLabels('age', i), 0.25] as [Labels, number]),
  ]),
  outcomes: vector([
    ...cells('credit', ['yes', 'no'], [30, 10, 20, 40]),
    ...cells('churn', ['stay', 'leave'], [50, 10, 5, 35]),
  ]),
  estimated: vector(cells('credit', ['yes', 'no'], [32.5, 7.5, 12.25, 47.75])),
  // A regression model: r1 with outcomes in the window, r2 with its counters but none (0/0 in PromQL).
  mae: vector([
    [v('price', 'r1'), 12.5],
    [v('price', 'r2'), Number.NaN],
  ]),
  rmse: vector([
    [v('price', 'r1'), 15.25],
    [v('price', 'r2'), Number.NaN],
  ]),
  mape: vector([
    [v('price', 'r1'), 0.0625],
    [v('price', 'r2'), Number.NaN],
  ]),
  bias: vector([
    [v('price', 'r1'), -3.5],
    [v('price', 'r2'), Number.NaN],
  ]),
  groupPredictions: vector([
    ...group('sex', 'F', 40, 60),
    ...group('sex', 'M', 36, 44),
    ...group('race', 'A', 10, 40),
    ...group('race', 'B', 20, 30),
    ...group('race', 'C', 5, 5),
  ]),
  // credit v1 records attributions: income mattered most on the reference, tenure matters most now.
  attributionSums: vector([
    [v('credit', 'v1', { feature: 'income' }), 10],
    [v('credit', 'v1', { feature: 'tenure' }), 60],
  ]),
  attributionCounts: vector([
    [v('credit', 'v1', { feature: 'income' }), 100],
    [v('credit', 'v1', { feature: 'tenure' }), 100],
  ]),
  attributionReference: vector([
    [v('credit', 'v1', { feature: 'income' }), 0.5],
    [v('credit', 'v1', { feature: 'tenure' }), 0.1],
  ]),
  budget: vector([[v('credit', 'v1'), 0.4]]),
  alerts: vector([
    alert('credit', 'v1', 'ModelwatchFairness', 'firing', 'warning'),
    alert('credit', 'v1', 'ModelwatchSLOBurnRate', 'pending', 'page'),
    alert('credit', 'v1', 'ModelwatchDataQuality', 'firing', 'warning'),
    alert('credit', 'v2', 'ModelwatchFeatureDriftJensenShannon', 'firing', 'critical'),
  ]),
};

describe('models overview', () => {
  const rows = overviewRows(INPUT, 3600);

  test('one row per model version, in order', () => {
    expect(rows.map((r) => [r.model, r.version])).toEqual([
      ['churn', 'v1'],
      ['credit', 'v1'],
      ['credit', 'v2'],
      ['price', 'r1'],
      ['price', 'r2'],
    ]);
  });

  test('traffic, worst drift, realized against estimated F1, smallest disparate impact and budget', () => {
    const credit = rows[1]!;
    expect(credit.predictionRate).toBe(1);
    expect(credit.errorRatio).toBeCloseTo(36 / 3636, 15);
    const psi =
      (0.4 - 0.25) * Math.log(0.4 / 0.25) +
      (0.3 - 0.25) * Math.log(0.3 / 0.25) +
      (0.2 - 0.25) * Math.log(0.2 / 0.25) +
      (0.1 - 0.25) * Math.log(0.1 / 0.25);
    expect(credit.drift.worstFeature).toBe('income');
    expect(credit.drift.worstPsi).toBeCloseTo(psi, 12);
    expect(credit.performance.metric).toBe('f1');
    expect(credit.performance.realized).toBeCloseTo(60 / 90, 15);
    expect(credit.performance.estimated).toBeCloseTo(65 / (65 + 7.5 + 12.25), 15);
    // race: A 0.2 and B 0.4 are eligible (50 each), C (10) is not; sex: 0.4 / 0.45.
    expect(credit.fairness.disparateImpact).toBeCloseTo(0.5, 15);
    expect(credit.fairness.attribute).toBe('race');
    expect(credit.slo.budgetRemaining).toBe(0.4);
    // Live importances income 0.1, tenure 0.6 reverse the reference order: gains 0.1 then 0.5 at ranks 0 and 1.
    expect(credit.drift.explanationNdcg).toBeCloseTo((0.1 + 0.5 / Math.log2(3)) / (0.5 + 0.1 / Math.log2(3)), 12);
    expect(rows[2]!.drift.explanationNdcg).toBeUndefined();
  });

  test('statuses come from firing alerts by severity; ok with series, unknown without', () => {
    const credit = rows[1]!;
    expect([credit.drift.status, credit.performance.status, credit.fairness.status, credit.slo.status]).toEqual([
      'ok',
      'ok',
      'warning',
      'ok',
    ]);
    expect(credit.alerts).toEqual([
      { name: 'ModelwatchDataQuality', state: 'firing', severity: 'warning' },
      { name: 'ModelwatchFairness', state: 'firing', severity: 'warning' },
      { name: 'ModelwatchSLOBurnRate', state: 'pending', severity: 'page' },
    ]);
    const quiet = rows[2]!;
    expect([quiet.drift.status, quiet.performance.status, quiet.fairness.status, quiet.slo.status]).toEqual([
      'critical',
      'unknown',
      'unknown',
      'unknown',
    ]);
    expect(quiet.predictionRate).toBeNaN();
    expect(quiet.errorRatio).toBeNaN();
    expect(quiet.drift.worstPsi).toBeNaN();
    expect(quiet.slo.budgetRemaining).toBeNaN();
  });

  test('classes without a conventional positive: accuracy (the share of right predictions) instead of F1', () => {
    const churn = rows[0]!;
    expect(churn.performance.metric).toBe('accuracy');
    expect(churn.performance.realized).toBeCloseTo(85 / 100, 15);
    expect(churn.performance.estimated).toBeNaN();
    expect(churn.predictionRate).toBeCloseTo(0.2, 15);
    expect(churn.errorRatio).toBe(0);
    expect(churn.performance.regression).toBeUndefined();
  });

  test("regression models: Prometheus' MAE, RMSE, MAPE and bias as they come; unknown without outcomes", () => {
    const [r1, r2] = rows.slice(3);
    expect(r1!.performance.regression).toEqual({ mae: 12.5, rmse: 15.25, mape: 0.0625, bias: -3.5 });
    expect(r1!.performance.status).toBe('ok');
    expect(r1!.performance.realized).toBeNaN();
    expect(r2!.performance.regression).toEqual({ mae: NaN, rmse: NaN, mape: NaN, bias: NaN });
    expect(r2!.performance.status).toBe('unknown');
  });
});
