import {
  availabilityErrorRatio,
  budgetRemaining,
  burnRate,
  errorBudget,
  latencyErrorRatio,
  leMatcher,
  qualityErrorRatio,
  type Scope,
} from '@modelwatch/promql';
import { multiclassFromMatrix } from '@modelwatch/stats';
import type { Naming } from '@modelwatch/semconv';
import { expectRules, input, steady, type Labels, type Sample } from './support/promtool';

const PREDICTIONS = 'modelwatch_predictions_total';
const ERRORS = 'modelwatch_errors_total';
const OUTCOMES = 'modelwatch_outcomes_total';
const DURATION: Record<Naming, string> = {
  'exporter-prometheus': 'modelwatch_inference_duration',
  otlp: 'modelwatch_inference_duration_seconds',
};
const version = (v: string, model = 'credit'): Labels => ({ model_name: model, model_version: v });
const target = (instance = 'a') => ({ job: 'svc', instance });

describe('leMatcher', () => {
  it('matches an integral boundary in both spellings (Prometheus 3 writes 1 as 1.0), others exactly', () => {
    expect(leMatcher(1)).toBe('=~"1(\\\\.0)?"');
    expect(leMatcher(10)).toBe('=~"10(\\\\.0)?"');
    expect(leMatcher(0.25)).toBe('="0.25"');
    expect(leMatcher(2.5)).toBe('="2.5"');
  });
});

describe('errorBudget, burnRate and budgetRemaining', () => {
  it('errorBudget is 1 − objective without binary noise', () => {
    expect(1 - 0.999).not.toBe(0.001);
    expect(errorBudget(0.999)).toBe(0.001);
    expect(errorBudget(0.99)).toBe(0.01);
    expect(errorBudget(0.9995)).toBe(0.0005);
    expect(errorBudget(0.95)).toBe(0.05);
  });

  it('divide the error ratio by the budget, as a literal', () => {
    expect(burnRate('e', 0.999)).toBe('(e) / 0.001');
    expect(budgetRemaining('e', 0.999)).toBe('1 - (e) / 0.001');
  });
});

describe('on promtool', () => {
  it('leMatcher selects 1 and 1.0 for a threshold of 1, and neither 10, 11 nor 1x0', () => {
    const buckets = ['0.5', '1', '1.0', '1x0', '10', '10.0', '11', '+Inf'];
    const bucket = (le: string): Labels => ({ ...version('1'), le, ...target() });
    const sample = (le: string): Sample => ({ labels: bucket(le), value: buckets.indexOf(le) + 1 });
    expectRules({
      rules: {
        'test:one': `b{le${leMatcher(1)}}`,
        'test:ten': `b{le${leMatcher(10)}}`,
        'test:half': `b{le${leMatcher(0.5)}}`,
      },
      input: buckets.map((le, k) => input('b', bucket(le), `${k + 1}+0x15`)),
      expect: {
        'test:one': [sample('1'), sample('1.0')],
        'test:ten': [sample('10'), sample('10.0')],
        'test:half': [sample('0.5')],
      },
    });
  });

  describe.each<Naming>(['exporter-prometheus', 'otlp'])('latencyErrorRatio, %s naming', (naming) => {
    // Per minute: 50 calls up to 0.1 s, 80 up to 0.25 s, 95 up to 1 s, 100 in all. Version 2 is scraped from
    // Prometheus 3 (le="1.0") and runs two replicas, b restarting between 7m and 8m.
    const base = DURATION[naming];
    const cumulative: [string, string, number][] = [
      ['0.1', '0.1', 50],
      ['0.25', '0.25', 80],
      ['1', '1.0', 95],
      ['+Inf', '+Inf', 100],
    ];
    const inputs = cumulative.flatMap(([v2, v3, n]) => [
      input(`${base}_bucket`, { ...version('1'), le: v2, ...target() }, steady(n)),
      input(`${base}_bucket`, { ...version('2'), le: v3, ...target('a') }, steady(n / 2)),
      input(`${base}_bucket`, { ...version('2'), le: v3, ...target('b') }, `0+${n / 2}x7 ${n / 2}+${n / 2}x7`),
      // Another model, all slow: it must not show.
      input(`${base}_bucket`, { ...version('1', 'other'), le: v2, ...target() }, steady(v2 === '+Inf' ? 100 : 0)),
    ]);
    inputs.push(
      input(`${base}_count`, { ...version('1'), ...target() }, steady(100)),
      input(`${base}_count`, { ...version('2'), ...target('a') }, steady(50)),
      input(`${base}_count`, { ...version('2'), ...target('b') }, '0+50x7 50+50x7'),
      input(`${base}_count`, { ...version('1', 'other'), ...target() }, steady(100))
    );
    const scope: Scope = { model: 'credit', naming };

    it('is the share slower than the threshold, on an integral and a fractional boundary', () => {
      expectRules({
        rules: {
          'test:quarter': latencyErrorRatio(scope, '5m', 0.25),
          'test:second': latencyErrorRatio(scope, '5m', 1),
        },
        input: inputs,
        expect: {
          'test:quarter': [
            { labels: version('1'), value: 1 - 80 / 100 },
            { labels: version('2'), value: 1 - 80 / 100 },
          ],
          'test:second': [
            { labels: version('1'), value: 1 - 95 / 100 },
            { labels: version('2'), value: 1 - 95 / 100 },
          ],
        },
      });
    });
  });

  // Per minute. ok: 98 predictions over two replicas (b restarts between 7m and 8m) and 2 errors of two types;
  // clean: no error counter yet; outage: no prediction counter since the restart; idle: nothing in the window;
  // absent: no counter at all (not even a series to take labels from).
  const availabilityInputs = [
    input(PREDICTIONS, { ...version('ok'), prediction_class: 'yes', ...target('a') }, steady(90)),
    input(PREDICTIONS, { ...version('ok'), prediction_class: 'yes', ...target('b') }, '0+8x7 8+8x7'),
    input(ERRORS, { ...version('ok'), error_type: 'timeout', ...target() }, steady(1)),
    input(ERRORS, { ...version('ok'), error_type: 'invalid_input', ...target() }, steady(1)),
    input(PREDICTIONS, { ...version('clean'), prediction_class: 'yes', ...target() }, steady(50)),
    input(ERRORS, { ...version('outage'), error_type: 'timeout', ...target() }, steady(10)),
    input(PREDICTIONS, { ...version('idle'), prediction_class: 'yes', ...target() }, '7+0x15'),
    input(ERRORS, { ...version('ok', 'other'), error_type: 'timeout', ...target() }, steady(1000)),
  ];
  const scope: Scope = { model: 'credit', naming: 'exporter-prometheus' };

  it('availabilityErrorRatio is errors over attempts; a missing counter counts 0 and an outage reads 1', () => {
    expectRules({
      rules: { 'test:error': availabilityErrorRatio(scope, '5m') },
      input: availabilityInputs,
      expect: {
        'test:error': [
          { labels: version('ok'), value: 2 / 100 },
          { labels: version('clean'), value: 0 },
          { labels: version('outage'), value: 1 },
          // No attempt in the window: undefined, not 0 (the burn rate is undefined without data).
          { labels: version('idle'), value: NaN },
        ],
      },
    });
  });

  it('burnRate and budgetRemaining divide the error ratio by the budget; an overspent budget is negative', () => {
    const objective = 0.99;
    const budget = errorBudget(objective);
    const sample = (v: string, value: number): Sample => ({ labels: version(v), value });
    expectRules({
      rules: {
        'test:error5m': availabilityErrorRatio(scope, '5m'),
        'test:error10m': availabilityErrorRatio(scope, '10m'),
        'test:burn': burnRate('test:error5m', objective),
        'test:remaining': budgetRemaining('test:error10m', objective),
      },
      input: availabilityInputs,
      expect: {
        'test:burn': [
          sample('ok', 2 / 100 / budget),
          sample('clean', 0),
          sample('outage', 1 / budget),
          sample('idle', NaN),
        ],
        'test:remaining': [
          sample('ok', 1 - 2 / 100 / budget),
          sample('clean', 1),
          sample('outage', 1 - 1 / budget),
          sample('idle', NaN),
        ],
      },
    });
    expect(2 / 100 / budget).toBeCloseTo(2, 12);
  });

  it('qualityErrorRatio is 1 − the multiclass accuracy, also when a class or every class has no diagonal cell', () => {
    // matrix[actual][predicted] per minute; a zero cell has no series (a counter appears on its first event).
    // The class names carry a quote and a backslash.
    const classes = ['yes "1"', 'no\\0', 'maybe'];
    const matrices: Record<string, number[][]> = {
      full: [
        [6, 1, 1],
        [2, 5, 0],
        [0, 1, 4],
      ],
      // maybe is never predicted right.
      partial: [
        [3, 0, 0],
        [1, 2, 0],
        [1, 1, 0],
      ],
      // Never right.
      wrong: [
        [0, 2, 0],
        [1, 0, 0],
        [0, 0, 0],
      ],
    };
    const inputs = Object.entries(matrices).flatMap(([v, m]) =>
      m.flatMap((row, a) =>
        row.flatMap((x, p) =>
          x === 0
            ? []
            : [
                input(
                  OUTCOMES,
                  { ...version(v), prediction_class: classes[p]!, actual_class: classes[a]!, ...target() },
                  steady(x)
                ),
              ]
        )
      )
    );
    // Another model, always right: it must not lower any ratio.
    inputs.push(
      input(
        OUTCOMES,
        { ...version('full', 'other'), prediction_class: 'maybe', actual_class: 'maybe', ...target() },
        steady(99)
      )
    );
    const expected = Object.entries(matrices).map(([v, m]) => ({
      labels: version(v),
      value: 1 - multiclassFromMatrix(classes, m).accuracy,
    }));
    expect(expected.map((s) => s.value)).toEqual([1 - 15 / 20, 1 - 5 / 8, 1]);
    expectRules({
      rules: { 'test:error': qualityErrorRatio(scope, '5m', classes) },
      input: inputs,
      expect: { 'test:error': expected },
    });
  });

  it('qualityErrorRatio of a binary model over its two classes, through a counter reset', () => {
    const cell = (p: string, a: string, instance = 'a') => ({
      ...version('1'),
      prediction_class: p,
      actual_class: a,
      ...target(instance),
    });
    expectRules({
      rules: { 'test:error': qualityErrorRatio(scope, '5m', ['yes', 'no']) },
      input: [
        input(OUTCOMES, cell('yes', 'yes'), steady(6)),
        input(OUTCOMES, cell('yes', 'yes', 'b'), '0+2x7 2+2x7'),
        input(OUTCOMES, cell('yes', 'no'), steady(1)),
        input(OUTCOMES, cell('no', 'yes'), steady(3)),
        input(OUTCOMES, cell('no', 'no'), steady(8)),
      ],
      expect: { 'test:error': [{ labels: version('1'), value: 1 - (8 + 8) / (8 + 1 + 3 + 8) }] },
    });
  });
});
