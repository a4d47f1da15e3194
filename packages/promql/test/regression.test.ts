import {
  modelMatch,
  regressionIncrease,
  regressionMetric,
  REGRESSION_METRICS,
  type RegressionCounter,
} from '@modelwatch/promql';
import { regressionReport, type RegressionReport } from '@modelwatch/stats';
import { expectRules, input, type Labels } from './support/promtool';

// The counters are written here from rows by their definitions in docs/semantic-conventions.md, and the
// expected numbers come from @modelwatch/stats on the same rows: the PromQL must turn the one into the other.

interface Rows {
  actual: number[];
  predicted: number[];
}

/** One minute of outcomes per version and replica. */
const BATCHES: Record<string, Rows> = {
  // Over- and under-predictions, a negative actual and a perfect prediction.
  '1.0/a': { actual: [10, 4.5, -3, 20, 7], predicted: [12, 4, -1.5, 17.25, 7] },
  '1.0/b': { actual: [1, 2.5], predicted: [0.25, 2] },
  // An actual of 0: its percentage error is |e| / ε (scikit-learn's convention), so MAPE is huge but finite.
  '1.1/a': { actual: [0, 3, 8], predicted: [0.5, 2, 9] },
};
// 1.2 exports its counters but has no outcome in the window: every metric is 0/0.
const SILENT = '1.2';

const COUNTERS: Record<RegressionCounter, string> = {
  regressionOutcomes: 'modelwatch_regression_outcomes_total',
  regressionAbsoluteError: 'modelwatch_regression_absolute_error_total',
  regressionSquaredError: 'modelwatch_regression_squared_error_total',
  regressionOverPrediction: 'modelwatch_regression_over_prediction_total',
  regressionUnderPrediction: 'modelwatch_regression_under_prediction_total',
  regressionAbsolutePercentageError: 'modelwatch_regression_absolute_percentage_error_total',
};

/** What one row adds to each counter. */
function increments(y: number, yHat: number): Record<RegressionCounter, number> {
  const e = yHat - y;
  return {
    regressionOutcomes: 1,
    regressionAbsoluteError: Math.abs(e),
    regressionSquaredError: e * e,
    regressionOverPrediction: Math.max(e, 0),
    regressionUnderPrediction: Math.max(-e, 0),
    regressionAbsolutePercentageError: Math.abs(e) / Math.max(Math.abs(y), Number.EPSILON),
  };
}

function batchSums(rows: Rows): Record<RegressionCounter, number> {
  const sums = Object.fromEntries(Object.keys(COUNTERS).map((k) => [k, 0])) as Record<RegressionCounter, number>;
  rows.actual.forEach((y, i) => {
    const add = increments(y, rows.predicted[i]!);
    for (const k of Object.keys(sums) as RegressionCounter[]) sums[k] += add[k];
  });
  return sums;
}

/**
 * Cumulative values, one a minute from 0 at t = 0 to 15m. At `restartAt` the replica has restarted and its
 * first scrape holds that minute's batch only: the count starts over.
 */
function cumulative(perMinute: number, restartAt?: number): string {
  const values: number[] = [];
  let v = 0;
  for (let minute = 0; minute <= 15; minute++) {
    if (minute === restartAt) v = perMinute;
    else if (minute > 0) v += perMinute;
    values.push(v);
  }
  return values.join(' ');
}

const labels = (version: string, instance: string, model = 'price'): Labels => ({
  model_name: model,
  model_version: version,
  job: 'svc',
  instance,
});

function inputs(): { series: string; values: string }[] {
  const out: { series: string; values: string }[] = [];
  for (const [key, rows] of Object.entries(BATCHES)) {
    const [version, instance] = key.split('/') as [string, string];
    const sums = batchSums(rows);
    // Replica b of 1.0 restarts at 8m: increase() must still count its five batches of the window.
    const restartAt = key === '1.0/b' ? 8 : undefined;
    for (const [k, name] of Object.entries(COUNTERS)) {
      out.push(input(name, labels(version, instance), cumulative(sums[k as RegressionCounter], restartAt)));
    }
  }
  for (const name of Object.values(COUNTERS)) {
    out.push(input(name, labels(SILENT, 'a'), cumulative(0)));
    // Another model's errors must not leak into price's.
    out.push(input(name, labels('1.0', 'a', 'other'), cumulative(1000)));
  }
  return out;
}

/** The rows of the 5m window ending at 10m: five batches of each replica. */
function windowRows(version: string): Rows {
  const rows: Rows = { actual: [], predicted: [] };
  for (const [key, batch] of Object.entries(BATCHES)) {
    if (!key.startsWith(`${version}/`)) continue;
    for (let i = 0; i < 5; i++) {
      rows.actual.push(...batch.actual);
      rows.predicted.push(...batch.predicted);
    }
  }
  return rows;
}

const STATS_FIELD: Record<(typeof REGRESSION_METRICS)[number], keyof RegressionReport> = {
  mae: 'mae',
  rmse: 'rmse',
  mape: 'mape',
  bias: 'meanError',
};

function expected(metric: (typeof REGRESSION_METRICS)[number]): { labels: Labels; value: number }[] {
  return ['1.0', '1.1', SILENT].map((v) => {
    const rows = windowRows(v);
    const report = regressionReport(rows.actual, rows.predicted);
    return { labels: { model_name: 'price', model_version: v }, value: report[STATS_FIELD[metric]] };
  });
}

describe('regressionMetric', () => {
  it('builds each metric from the error sums over the outcome count', () => {
    const sums = (k: RegressionCounter): string => `s_${k}`;
    expect(regressionMetric('mae', sums)).toBe('s_regressionAbsoluteError / s_regressionOutcomes');
    expect(regressionMetric('rmse', sums)).toBe('sqrt(s_regressionSquaredError / s_regressionOutcomes)');
    expect(regressionMetric('mape', sums)).toBe('s_regressionAbsolutePercentageError / s_regressionOutcomes');
    expect(regressionMetric('bias', sums)).toBe(
      '(s_regressionOverPrediction - s_regressionUnderPrediction) / s_regressionOutcomes'
    );
  });

  it('reads the counters of both namings, summed to model and version', () => {
    expect(regressionIncrease('otlp', '1d', modelMatch({ model: 'price' }))('regressionOutcomes')).toBe(
      'sum by (model_name, model_version) (increase(modelwatch_regression_outcomes_total{model_name="price"}[1d]))'
    );
    expect(regressionIncrease('exporter-prometheus', '1h')('regressionSquaredError')).toBe(
      'sum by (model_name, model_version) (increase(modelwatch_regression_squared_error_total[1h]))'
    );
  });

  it('on promtool, equals @modelwatch/stats regressionReport on the same rows (NaN without outcomes)', () => {
    const sums = regressionIncrease('exporter-prometheus', '5m', modelMatch({ model: 'price' }));
    // Each side computed independently: the expected values are not built from the counters.
    const report = regressionReport(windowRows('1.1').actual, windowRows('1.1').predicted);
    expect(report.mape).toBeGreaterThan(1e14);
    expect(regressionReport(windowRows('1.0').actual, windowRows('1.0').predicted).meanError).toBeLessThan(0);
    expectRules({
      rules: Object.fromEntries(REGRESSION_METRICS.map((m) => [`test:${m}`, regressionMetric(m, sums)])),
      input: inputs(),
      expect: Object.fromEntries(REGRESSION_METRICS.map((m) => [`test:${m}`, expected(m)])),
    });
  });
});
