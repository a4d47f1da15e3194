import {
  anyOf,
  counterRate,
  errorRatio,
  fleetSelector,
  latencyQuantile,
  modelSelector,
  predictionRate,
  selector as labelSelector,
  re,
} from '@modelwatch/promql';
import { expectRules, input, steady, type Labels } from './support/promtool';

const PREDICTIONS = 'modelwatch_predictions_total';
const ERRORS = 'modelwatch_errors_total';
const BUCKETS = 'modelwatch_inference_duration_bucket';
const version = (v: string, model = 'credit'): Labels => ({ model_name: model, model_version: v });
const target = (instance = 'a') => ({ job: 'svc', instance });
const BY_VERSION = ['model_name', 'model_version'];
/** Every model and version: the dashboards' "All" sends `.*`. */
const all = labelSelector({ model_name: re('.*'), model_version: re('.*') });

describe('dashboard selectors', () => {
  it('select the fleet by the dashboard variables, and one model by name', () => {
    expect(fleetSelector()).toBe('{model_name=~"$model", model_version=~"$version"}');
    expect(fleetSelector({ source: '="realized"' })).toBe(
      '{model_name=~"$model", model_version=~"$version", source="realized"}'
    );
    expect(modelSelector('a"b')()).toBe('{model_name="a\\"b", model_version=~"$version"}');
    expect(modelSelector('m')({ feature: '="x"' })).toBe('{model_name="m", model_version=~"$version", feature="x"}');
  });

  it('anyOf joins recorded names of several windows with or, once each', () => {
    expect(anyOf(['a:b:1h', 'a:b:5m', 'a:b:1h'], '{x="y"}')).toBe('a:b:1h{x="y"} or a:b:5m{x="y"}');
  });
});

describe('on promtool', () => {
  it('predictionRate and counterRate are per-second rates summed over replicas and classes', () => {
    const labels = (v: string, cls: string, instance: string): Labels => ({
      ...version(v),
      prediction_class: cls,
      ...target(instance),
    });
    expectRules({
      rules: {
        'test:predictions': predictionRate('exporter-prometheus', all, BY_VERSION, '5m'),
        'test:by_class': counterRate('predictions', 'exporter-prometheus', all, ['prediction_class'], '5m'),
      },
      input: [
        input(PREDICTIONS, labels('1', 'yes', 'a'), steady(60)),
        input(PREDICTIONS, labels('1', 'no', 'b'), steady(120)),
        input(PREDICTIONS, labels('2', 'yes', 'a'), steady(30)),
      ],
      expect: {
        'test:predictions': [
          { labels: version('1'), value: 3 },
          { labels: version('2'), value: 0.5 },
        ],
        'test:by_class': [
          { labels: { prediction_class: 'yes' }, value: 1.5 },
          { labels: { prediction_class: 'no' }, value: 2 },
        ],
      },
    });
  });

  it('errorRatio is errors over attempts, 0 without an error series and 1 with nothing but errors', () => {
    expectRules({
      rules: { 'test:error_ratio': errorRatio('exporter-prometheus', all, BY_VERSION, '5m') },
      input: [
        input(PREDICTIONS, { ...version('1'), ...target() }, steady(98)),
        input(ERRORS, { ...version('1'), error_type: 'error', ...target() }, steady(2)),
        input(PREDICTIONS, { ...version('2'), ...target() }, steady(50)),
        input(ERRORS, { ...version('3'), error_type: 'timeout', ...target() }, steady(5)),
      ],
      expect: {
        'test:error_ratio': [
          { labels: version('1'), value: 0.02 },
          { labels: version('2'), value: 0 },
          { labels: version('3'), value: 1 },
        ],
      },
    });
  });

  it('latencyQuantile interpolates inside the bucket that holds the quantile, per version', () => {
    // 100 calls per minute: 50 at or below 0.1 s, 90 at or below 0.25 s, all at or below 1 s. The median sits at
    // the 0.1 s boundary; p95 is halfway through the (0.25, 1] bucket: 0.25 + 0.75 × (95 − 90) / 10 = 0.625 s.
    const bucket = (le: string, perMinute: number) =>
      input(BUCKETS, { ...version('1'), le, ...target() }, steady(perMinute));
    expectRules({
      rules: {
        'test:p50': latencyQuantile(0.5, 'exporter-prometheus', all, BY_VERSION, '5m'),
        'test:p95': latencyQuantile(0.95, 'exporter-prometheus', all, BY_VERSION, '5m'),
      },
      input: [bucket('0.1', 50), bucket('0.25', 90), bucket('1', 100), bucket('+Inf', 100)],
      expect: {
        'test:p50': [{ labels: version('1'), value: 0.1 }],
        'test:p95': [{ labels: version('1'), value: 0.625 }],
      },
    });
  });

  it('the fleet selector with its variables resolved selects the same series as a literal selector', () => {
    const resolved = fleetSelector().replace('$model', 'credit|fraud').replace('$version', '.*');
    expectRules({
      rules: { 'test:predictions': predictionRate('otlp', () => resolved, ['model_name'], '5m') },
      input: [
        input(PREDICTIONS, { ...version('1'), ...target() }, steady(60)),
        input(PREDICTIONS, { ...version('1', 'fraud'), ...target() }, steady(120)),
        input(PREDICTIONS, { ...version('1', 'credit-v2'), ...target() }, steady(600)),
      ],
      expect: {
        'test:predictions': [
          { labels: { model_name: 'credit' }, value: 1 },
          { labels: { model_name: 'fraud' }, value: 2 },
        ],
      },
    });
  });
});
