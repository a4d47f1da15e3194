import { ISSUE_LABELS, issueRate, predictionCount, type Scope } from '@modelwatch/promql';
import { expectRules, input, steady, WINDOW_MINUTES, type Labels } from './support/promtool';

const PREDICTIONS = 'modelwatch_predictions_total';
const ISSUES = 'modelwatch_feature_issues_total';
const credit: Scope = { model: 'credit', version: '1\\..*', naming: 'exporter-prometheus' };

describe('predictionCount and issueRate', () => {
  it('count per model and version, and divide the issues of each feature by the predictions of their version', () => {
    expect(ISSUE_LABELS).toEqual(['model_name', 'model_version', 'feature', 'issue']);
    expect(predictionCount(credit, '1h')).toBe(
      'sum by (model_name, model_version) ' +
        '(increase(modelwatch_predictions_total{model_name="credit", model_version=~"1\\\\..*"}[1h]))'
    );
    expect(issueRate(credit, '1h', 'p')).toBe(
      'sum by (model_name, model_version, feature, issue) ' +
        '(increase(modelwatch_feature_issues_total{model_name="credit", model_version=~"1\\\\..*"}[1h])) ' +
        '/ on (model_name, model_version) group_left p'
    );
  });
});

describe('on promtool', () => {
  const w = WINDOW_MINUTES;
  const target = (instance: string) => ({ job: 'svc', instance });
  const version = (v: string, name = 'credit'): Labels => ({ model_name: name, model_version: v });
  const prediction = (v: string, cls: string, instance: string, name = 'credit'): Labels => ({
    ...version(v, name),
    prediction_class: cls,
    ...target(instance),
  });
  const issue = (v: string, feature: string, kind: string, instance = 'a', name = 'credit'): Labels => ({
    ...version(v, name),
    feature,
    issue: kind,
    ...target(instance),
  });
  const out = (v: string, feature: string, kind: string): Labels => ({ ...version(v), feature, issue: kind });

  const inputs = [
    // 1.0: 6 + 4 per minute on replica a, 10 on b (restarting between 7m and 8m): 100 predictions.
    input(PREDICTIONS, prediction('1.0', 'yes', 'a'), steady(6)),
    input(PREDICTIONS, prediction('1.0', 'no', 'a'), steady(4)),
    input(PREDICTIONS, prediction('1.0', 'yes', 'b'), '0+10x7 10+10x7'),
    // 1.1: 10 predictions; 1.2: none in the window (0/0 below).
    input(PREDICTIONS, prediction('1.1', 'yes', 'a'), steady(2)),
    input(PREDICTIONS, prediction('1.2', 'yes', 'a'), '3+0x15'),
    // Out of scope.
    input(PREDICTIONS, prediction('2.0', 'yes', 'a'), steady(50)),
    input(PREDICTIONS, prediction('1.0', 'yes', 'a', 'other'), steady(50)),
    input(ISSUES, issue('1.0', 'income', 'missing'), steady(2)),
    input(ISSUES, issue('1.0', 'income', 'missing', 'b'), steady(3)),
    input(ISSUES, issue('1.0', 'income', 'out_of_range'), steady(1)),
    input(ISSUES, issue('1.0', 'purpose', 'unseen_category'), '0+0x15'),
    input(ISSUES, issue('1.1', 'income', 'missing'), steady(1)),
    input(ISSUES, issue('1.2', 'income', 'missing'), '0+0x15'),
    input(ISSUES, issue('2.0', 'income', 'missing'), steady(50)),
    input(ISSUES, issue('1.0', 'income', 'missing', 'a', 'other'), steady(50)),
  ];

  it('predictionCount sums classes and replicas per version, through a counter reset', () => {
    expectRules({
      rules: { 'test:predictions': predictionCount(credit, '5m') },
      input: inputs,
      expect: {
        'test:predictions': [
          { labels: version('1.0'), value: w * 20 },
          { labels: version('1.1'), value: w * 2 },
          { labels: version('1.2'), value: 0 },
        ],
      },
    });
  });

  it('predictionCount counts a regression model, whose predictions have no class', () => {
    const price: Scope = { model: 'price', naming: 'otlp' };
    expectRules({
      rules: { 'test:predictions': predictionCount(price, '5m') },
      input: [
        input(PREDICTIONS, { ...version('3', 'price'), ...target('a') }, steady(7)),
        input(PREDICTIONS, { ...version('3', 'price'), ...target('b') }, steady(1)),
      ],
      expect: { 'test:predictions': [{ labels: version('3', 'price'), value: w * 8 }] },
    });
  });

  it('issueRate divides each version by its own predictions; 0 issues of 0 predictions is undefined', () => {
    expectRules({
      rules: {
        'test:predictions': predictionCount(credit, '5m'),
        'test:issues': issueRate(credit, '5m', 'test:predictions{model_name="credit"}'),
      },
      input: inputs,
      expect: {
        'test:issues': [
          { labels: out('1.0', 'income', 'missing'), value: (2 + 3) / 20 },
          { labels: out('1.0', 'income', 'out_of_range'), value: 1 / 20 },
          { labels: out('1.0', 'purpose', 'unseen_category'), value: 0 },
          { labels: out('1.1', 'income', 'missing'), value: 1 / 2 },
          { labels: out('1.2', 'income', 'missing'), value: NaN },
        ],
      },
    });
  });
});
