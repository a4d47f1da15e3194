import { eq, increaseOf, series, type Scope } from '@modelwatch/promql';
import { expectRules, input, steady, WINDOW_MINUTES, type Labels } from './support/promtool';

const scope: Scope = { model: 'credit', version: '1\\..*', naming: 'exporter-prometheus' };
const OUTCOMES = 'modelwatch_outcomes_total';

describe('series', () => {
  it('is the bare name without matchers, else the name with the matchers in order', () => {
    expect(series('modelwatch:outcome_cells:increase1h')({})).toBe('modelwatch:outcome_cells:increase1h');
    expect(series('x')({ model_name: '="credit"', prediction_class: '=~"a|b"' })).toBe(
      'x{model_name="credit", prediction_class=~"a|b"}'
    );
  });
});

describe('eq', () => {
  it('is an equality matcher with a quoted value', () => {
    expect(eq('yes')).toBe('="yes"');
    expect(eq('a"b\\c')).toBe('="a\\"b\\\\c"');
  });
});

describe('increaseOf', () => {
  it('sums increase() by the model labels and the metric attributes, with the scope and extra matchers', () => {
    const cells = increaseOf(scope, 'outcomes', '5m');
    expect(cells({})).toBe(
      'sum by (model_name, model_version, prediction_class, actual_class) ' +
        '(increase(modelwatch_outcomes_total{model_name="credit", model_version=~"1\\\\..*"}[5m]))'
    );
    expect(cells({ prediction_class: eq('yes') })).toBe(
      'sum by (model_name, model_version, prediction_class, actual_class) ' +
        '(increase(modelwatch_outcomes_total{model_name="credit", model_version=~"1\\\\..*", prediction_class="yes"}[5m]))'
    );
  });
});

describe('on promtool', () => {
  // Hostile class names: a quote and a backslash must survive eq() and select exactly their cells.
  const P = 'a"b';
  const N = 'c\\d';
  const raw = (version: string, p: string, a: string, instance: string, model = 'credit'): Labels => ({
    model_name: model,
    model_version: version,
    prediction_class: p,
    actual_class: a,
    job: 'svc',
    instance,
  });
  const cell = (version: string, p: string, a: string): Labels => ({
    model_name: 'credit',
    model_version: version,
    prediction_class: p,
    actual_class: a,
  });
  const inputs = [
    input(OUTCOMES, raw('1.0', P, P, 'a'), steady(3)),
    // Replica b restarts between 7m and 8m (70 → 2): increase() adds the lost 70 back, so the window still
    // holds 5 × 2.
    input(OUTCOMES, raw('1.0', P, P, 'b'), '0+2x7 2+2x7'),
    input(OUTCOMES, raw('1.0', P, N, 'a'), steady(1)),
    input(OUTCOMES, raw('1.0', N, N, 'a'), steady(7)),
    input(OUTCOMES, raw('1.1', N, P, 'a'), steady(4)),
    // Out of scope: another version and another model.
    input(OUTCOMES, raw('2.0', P, P, 'a'), steady(100)),
    input(OUTCOMES, raw('1.0', P, P, 'a', 'other'), steady(100)),
  ];
  const w = WINDOW_MINUTES;

  it('increaseOf sums replicas through a counter reset, keeps the cell labels and applies the scope', () => {
    expectRules({
      rules: { 'test:cells': increaseOf(scope, 'outcomes', '5m')({}) },
      input: inputs,
      expect: {
        'test:cells': [
          { labels: cell('1.0', P, P), value: w * (3 + 2) },
          { labels: cell('1.0', P, N), value: w * 1 },
          { labels: cell('1.0', N, N), value: w * 7 },
          { labels: cell('1.1', N, P), value: w * 4 },
        ],
      },
    });
  });

  it('a Source gives the same cells over the raw counter and over its recorded series', () => {
    const raw = increaseOf(scope, 'outcomes', '5m');
    const recorded = series('test:cells');
    const positive = { prediction_class: eq(P) };
    const diagonal = { prediction_class: eq(N), actual_class: eq(N) };
    expectRules({
      rules: {
        'test:cells': raw({}),
        'test:raw_positive': raw(positive),
        'test:recorded_positive': recorded(positive),
        'test:raw_diagonal': raw(diagonal),
        'test:recorded_diagonal': recorded(diagonal),
      },
      input: inputs,
      expect: {
        'test:raw_positive': [
          { labels: cell('1.0', P, P), value: w * 5 },
          { labels: cell('1.0', P, N), value: w * 1 },
        ],
        'test:recorded_positive': [
          { labels: cell('1.0', P, P), value: w * 5 },
          { labels: cell('1.0', P, N), value: w * 1 },
        ],
        'test:raw_diagonal': [{ labels: cell('1.0', N, N), value: w * 7 }],
        'test:recorded_diagonal': [{ labels: cell('1.0', N, N), value: w * 7 }],
      },
    });
  });
});
