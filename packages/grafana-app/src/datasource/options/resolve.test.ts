import { readFileSync } from 'fs';
import { resolve } from 'path';
import { DEFAULTS, DRIFT_LEVELS, QUALITY_LEVELS } from '../defaults';
import type { MlQuery } from '../types';
import {
  resolveQuery,
  type DriftOptions,
  type FairnessOptions,
  type PerformanceOptions,
  type RegressionOptions,
  type SloOptions,
} from './resolve';
import { windowSeconds } from './duration';

const q = (query: Partial<MlQuery>): MlQuery => ({ refId: 'A', model: 'credit', ...query });

describe('query defaults are the rule generator’s', () => {
  // The JSON Schema of modelwatch.yaml, generated from the generator's own zod schema (`modelwatch schema`).
  const schema = JSON.parse(readFileSync(resolve(__dirname, '../../../../../schemas/modelwatch.schema.json'), 'utf8'));
  const model = schema.properties.models.items.properties;
  const defaultOf = (section: string, key: string): unknown => model[section].properties[key].default;

  test('windows, offsets, period, group size and burn windows', () => {
    expect(DEFAULTS.driftWindow).toBe(defaultOf('drift', 'window'));
    expect(DEFAULTS.baselineOffset).toBe(model.drift.properties.baseline.properties.offset.default);
    expect(DEFAULTS.qualityWindow).toBe(defaultOf('dataQuality', 'window'));
    expect(DEFAULTS.performanceWindow).toBe(defaultOf('performance', 'window'));
    expect(DEFAULTS.fairnessWindow).toBe(defaultOf('fairness', 'window'));
    expect(DEFAULTS.minGroupSize).toBe(defaultOf('fairness', 'minGroupSize'));
    expect(DEFAULTS.period).toBe(defaultOf('slos', 'period'));
    const alerts = defaultOf('slos', 'alerts') as Array<Record<string, unknown>>;
    expect(DEFAULTS.burnWindows).toEqual(
      alerts.map(({ severity, long, short, burnRate }) => ({ severity, long, short, burnRate }))
    );
  });

  test('alert levels', () => {
    expect(DRIFT_LEVELS.psi).toEqual(defaultOf('drift', 'psi'));
    expect(DRIFT_LEVELS.jensenShannon).toEqual(defaultOf('drift', 'jensenShannon'));
    for (const issue of ['missing', 'out_of_range', 'invalid_type', 'unseen_category']) {
      expect(QUALITY_LEVELS[issue]).toEqual(defaultOf('dataQuality', issue));
    }
  });
});

describe('resolveQuery', () => {
  test('fills in the defaults of each type', () => {
    expect(resolveQuery(q({}), 'otlp')).toEqual({
      type: 'drift',
      refId: 'A',
      model: 'credit',
      version: undefined,
      naming: 'otlp',
      feature: undefined,
      statistic: 'psi',
      window: '1h',
      baseline: 'reference',
      baselineOffset: '1w',
      levels: { warning: 0.1, critical: 0.2 },
    });
    expect(resolveQuery(q({ queryType: 'performance' }), 'exporter-prometheus')).toMatchObject({
      window: '1d',
      metrics: ['f1', 'accuracy'],
    } satisfies Partial<PerformanceOptions>);
    expect(resolveQuery(q({ queryType: 'regression' }), 'otlp')).toEqual({
      type: 'regression',
      refId: 'A',
      model: 'credit',
      version: undefined,
      naming: 'otlp',
      window: '1d',
      metrics: ['mae', 'rmse', 'mape', 'bias'],
    } satisfies RegressionOptions);
    expect(resolveQuery(q({ queryType: 'fairness' }), 'exporter-prometheus')).toMatchObject({
      window: '1d',
      minGroupSize: 30,
      confidence: 0.95,
      metrics: ['selectionRate', 'tpr', 'fpr', 'fnr', 'precision'],
    } satisfies Partial<FairnessOptions>);
    expect(resolveQuery(q({ queryType: 'slo', objective: 0.99 }), 'exporter-prometheus')).toMatchObject({
      kind: 'availability',
      period: '30d',
      burnWindows: DEFAULTS.burnWindows,
    } satisfies Partial<SloOptions>);
    expect((resolveQuery(q({ version: ' v2 ', feature: '' }), 'exporter-prometheus') as DriftOptions).version).toBe(
      'v2'
    );
  });

  test.each([
    [{ model: '' }, 'model: choose a model (the model_name label of the Modelwatch series)'],
    [
      { queryType: 'latency' as never },
      "queryType: 'latency' is not one of drift, driftBins, performance, regression, fairness, slo, quality, alerts, compliance",
    ],
    [
      { window: '1 hour' },
      "window: '1 hour' is not a Prometheus duration above 0; use one unit, such as 5m, 1h, 1d or 1w",
    ],
    [{ window: '0m' }, "window: '0m' is not a Prometheus duration above 0; use one unit, such as 5m, 1h, 1d or 1w"],
    [{ statistic: 'hellinger' as never }, "statistic: 'hellinger' is not one of psi, jensenShannon, ks, chiSquare"],
    [
      { statistic: 'chiSquare', baseline: 'lastWeek' },
      'statistic: chi-square compares counts with the reference profile only; use baseline reference, or psi, jensenShannon or ks for lastWeek',
    ],
    [
      { segmentValue: 'north' },
      'segmentName: choose the segment whose value segmentValue names, or clear segmentValue',
    ],
    [
      { queryType: 'performance', segmentName: 'region' },
      'segmentValue: choose a value of the segment, or clear segmentName',
    ],
    [
      { queryType: 'performance', metrics: ['auc' as never] },
      "metrics: 'auc' is not one of accuracy, precision, recall, f1, fpr, fnr, selectionRate",
    ],
    [
      { queryType: 'regression', regressionMetrics: ['r2' as never] },
      "regressionMetrics: 'r2' is not one of mae, rmse, mape, bias",
    ],
    [
      { queryType: 'regression', segmentName: 'region', segmentValue: 'north' },
      'segmentName: regression errors are not counted per segment; clear the segment',
    ],
    [
      { queryType: 'fairness', minGroupSize: 0 },
      'minGroupSize: 0 is not valid; a whole number of predictions, at least 1 (default 30)',
    ],
    [{ queryType: 'fairness', confidence: 95 }, 'confidence: 95 is not valid; a level between 0 and 1, such as 0.95'],
    [
      { queryType: 'fairness', positiveClass: 'yes', negativeClass: 'yes' },
      "negativeClass: 'yes' is also the positive class; choose the other class",
    ],
    [{ queryType: 'slo' }, 'objective: missing; the SLO objective as a share between 0 and 1, such as 0.999'],
    [
      { queryType: 'slo', objective: 99.9 },
      'objective: 99.9 is not valid; the SLO objective as a share between 0 and 1, such as 0.999',
    ],
    [
      { queryType: 'slo', objective: 0.99, sloKind: 'latency' },
      'latencyThreshold: missing; the latency threshold in seconds, a bucket boundary of the duration histogram such as 0.25',
    ],
    [
      {
        queryType: 'slo',
        objective: 0.99,
        burnWindows: [{ severity: 'page', long: '5m', short: '1h', burnRate: 14.4 }],
      },
      'burnWindows.0.short: the short window (1h) must be shorter than the long one (5m)',
    ],
    [
      { queryType: 'quality', issue: 'typo' },
      "issue: 'typo' is not one of missing, out_of_range, invalid_type, unseen_category, unknown_feature",
    ],
  ] as Array<[Partial<MlQuery>, string]>)('%j → one line naming the field', (query, message) => {
    expect(() => resolveQuery(q(query), 'exporter-prometheus')).toThrow(message);
  });

  test('alerts need no model', () => {
    expect(resolveQuery({ refId: 'A', queryType: 'alerts' }, 'exporter-prometheus')).toEqual({
      type: 'alerts',
      refId: 'A',
      model: undefined,
      version: undefined,
    });
  });

  test('numbers given as text (from template variables) are read as numbers', () => {
    const o = resolveQuery(
      q({ queryType: 'fairness', minGroupSize: '50' as never, confidence: '0.9' as never }),
      'exporter-prometheus'
    ) as FairnessOptions;
    expect([o.minGroupSize, o.confidence]).toEqual([50, 0.9]);
  });
});

test('window seconds', () => {
  expect(['30s', '5m', '1h', '1d', '1w', '500ms'].map(windowSeconds)).toEqual([30, 300, 3600, 86400, 604800, 0.5]);
  expect(windowSeconds('1h30m')).toBeNaN();
});
