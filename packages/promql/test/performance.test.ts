import {
  ACTUAL,
  BINARY_METRICS,
  PREDICTED,
  binaryCells,
  binaryMetric,
  correctShare,
  eq,
  increaseOf,
  outcomeCount,
  series,
  type BinaryClasses,
  type Scope,
  type Source,
} from '@modelwatch/promql';
import { multiclassFromMatrix, rates, type ConfusionCounts } from '@modelwatch/stats';
import { expectRules, input, steady, WINDOW_MINUTES, type Labels, type Sample } from './support/promtool';

const OUTCOMES = 'modelwatch_outcomes_total';
const w = WINDOW_MINUTES;
// Class names with a quote and a backslash: eq() must carry them into every cell matcher intact.
const classes: BinaryClasses = { positive: 'yes "approved"', negative: 'no\\' };
const P = classes.positive;
const N = classes.negative;
const scope: Scope = { model: 'credit', naming: 'exporter-prometheus' };

const version = (v: string): Labels => ({ model_name: 'credit', model_version: v });
const cellLabels = (v: string, p: string, a: string, instance = 'a'): Labels => ({
  ...version(v),
  [PREDICTED]: p,
  [ACTUAL]: a,
  job: 'svc',
  instance,
});

/** Per-minute confusion cells by version; every cell is exported, at 0 when empty, as the instrumentation does. */
const MATRICES: Record<string, ConfusionCounts> = {
  '1.0': { tp: 8, fp: 2, fn: 4, tn: 6 },
  // Nothing predicted positive: precision is 0/0, recall and F1 are 0.
  '1.1': { tp: 0, fp: 0, fn: 1, tn: 2 },
  // No outcome in the window: every metric is 0/0.
  '1.2': { tp: 0, fp: 0, fn: 0, tn: 0 },
};
const windowed = (c: ConfusionCounts): ConfusionCounts => ({ tp: w * c.tp, fp: w * c.fp, fn: w * c.fn, tn: w * c.tn });

function binaryInputs(): { series: string; values: string }[] {
  const out = Object.entries(MATRICES).flatMap(([v, c]) => [
    input(OUTCOMES, cellLabels(v, P, P), steady(c.tp)),
    input(OUTCOMES, cellLabels(v, P, N), steady(c.fp)),
    input(OUTCOMES, cellLabels(v, N, P), steady(c.fn)),
    input(OUTCOMES, cellLabels(v, N, N), steady(c.tn)),
  ]);
  // A second replica of 1.0's tp cell restarting between 7m and 8m adds 5 × 2 true positives.
  out.push(input(OUTCOMES, cellLabels('1.0', P, P, 'b'), '0+2x7 2+2x7'));
  // An outcome outside the two classes: not a binary cell, but an outcome all the same.
  out.push(input(OUTCOMES, cellLabels('1.0', P, '__other__'), steady(3)));
  out.push(input(OUTCOMES, { ...cellLabels('1.0', P, P), model_name: 'other' }, steady(100)));
  return out;
}
const BINARY: Record<string, ConfusionCounts> = {
  ...Object.fromEntries(Object.entries(MATRICES).map(([v, c]) => [v, windowed(c)])),
  '1.0': windowed({ ...MATRICES['1.0']!, tp: MATRICES['1.0']!.tp + 2 }),
};

/** The recorded cells of the model, as the rule generator builds its Source. */
const recorded: Source = (match) => series('test:cells')({ model_name: eq('credit'), ...match });

describe('binaryCells', () => {
  it('sums each cell to model and version (plus `keep`), predicted class first', () => {
    const cells = binaryCells(series('c'), { positive: '1', negative: '0' }, ['source']);
    const by = 'sum by (model_name, model_version, source)';
    expect(cells).toEqual({
      tp: `${by} (c{prediction_class="1", actual_class="1"})`,
      fp: `${by} (c{prediction_class="1", actual_class="0"})`,
      fn: `${by} (c{prediction_class="0", actual_class="1"})`,
      tn: `${by} (c{prediction_class="0", actual_class="0"})`,
    });
  });
});

describe('on promtool', () => {
  const rules = (source: Source, keep: string[] = []): Record<string, string> =>
    Object.fromEntries(BINARY_METRICS.map((m) => [`test:${m}`, binaryMetric(m, source, classes, keep)]));

  it('binaryCells picks tp, fp, fn and tn by predicted and actual class', () => {
    const cells = binaryCells(recorded, classes);
    expectRules({
      rules: {
        'test:cells': increaseOf(scope, 'outcomes', '5m')({}),
        'test:tp': cells.tp,
        'test:fp': cells.fp,
        'test:fn': cells.fn,
        'test:tn': cells.tn,
      },
      input: binaryInputs(),
      expect: Object.fromEntries(
        (['tp', 'fp', 'fn', 'tn'] as const).map((k) => [
          `test:${k}`,
          Object.entries(BINARY).map(([v, c]) => ({ labels: version(v), value: c[k] })),
        ])
      ),
    });
  });

  it('binaryMetric equals @modelwatch/stats rates, NaN where a denominator is 0', () => {
    expectRules({
      rules: { 'test:cells': increaseOf(scope, 'outcomes', '5m')({}), ...rules(recorded) },
      input: binaryInputs(),
      expect: Object.fromEntries(
        BINARY_METRICS.map((m) => [
          `test:${m}`,
          Object.entries(BINARY).map(([v, c]) => ({ labels: version(v), value: rates(c)[m] })),
        ])
      ),
    });
  });

  it('binaryMetric reads the raw counters as well as recorded cells', () => {
    expectRules({
      rules: rules(increaseOf(scope, 'outcomes', '5m')),
      input: binaryInputs(),
      expect: Object.fromEntries(
        BINARY_METRICS.map((m) => [
          `test:${m}`,
          Object.entries(BINARY).map(([v, c]) => ({ labels: version(v), value: rates(c)[m] })),
        ])
      ),
    });
  });

  it('binaryMetric and outcomeCount keep the `keep` labels apart (realized and estimated cells)', () => {
    // Fractional estimated cells, as CBPE exports them.
    const cells: Record<string, ConfusionCounts> = {
      realized: { tp: 10, fp: 5, fn: 3, tn: 12 },
      estimated: { tp: 9.5, fp: 4.25, fn: 2.75, tn: 13.5 },
    };
    const cell = (source: string, p: string, a: string): Labels => ({
      ...version('1.0'),
      [PREDICTED]: p,
      [ACTUAL]: a,
      source,
    });
    const keep = ['source'];
    expectRules({
      rules: { ...rules(series('cells'), keep), 'test:count': outcomeCount(series('cells'), keep) },
      input: Object.entries(cells).flatMap(([source, c]) => [
        input('cells', cell(source, P, P), `${c.tp}+0x15`),
        input('cells', cell(source, P, N), `${c.fp}+0x15`),
        input('cells', cell(source, N, P), `${c.fn}+0x15`),
        input('cells', cell(source, N, N), `${c.tn}+0x15`),
      ]),
      expect: {
        ...Object.fromEntries(
          BINARY_METRICS.map((m) => [
            `test:${m}`,
            Object.entries(cells).map(([source, c]) => ({
              labels: { ...version('1.0'), source },
              value: rates(c)[m],
            })),
          ])
        ),
        'test:count': Object.entries(cells).map(([source, c]) => ({
          labels: { ...version('1.0'), source },
          value: rates(c).count,
        })),
      },
    });
  });

  it('outcomeCount counts every cell, outside the binary classes too', () => {
    expectRules({
      rules: { 'test:cells': increaseOf(scope, 'outcomes', '5m')({}), 'test:count': outcomeCount(recorded) },
      input: binaryInputs(),
      expect: {
        'test:count': Object.entries(BINARY).map(([v, c]) => ({
          labels: version(v),
          value: c.tp + c.fp + c.fn + c.tn + (v === '1.0' ? w * 3 : 0),
        })),
      },
    });
  });

  it('correctShare equals the multiclass accuracy, also when a class or every class has no diagonal cell', () => {
    const labels = ['a', 'b', 'c'];
    // matrix[actual][predicted] per minute; 1.0 never predicts c right, and its c/c cell was never created
    // (a counter appears on its first event). 1.1 has no diagonal cell at all.
    const matrices: Record<string, number[][]> = {
      '1.0': [
        [5, 1, 0],
        [2, 3, 1],
        [1, 1, 0],
      ],
      '1.1': [
        [0, 2, 0],
        [1, 0, 0],
        [0, 0, 0],
      ],
    };
    const inputs = Object.entries(matrices).flatMap(([v, m]) =>
      m.flatMap((row, a) =>
        row.flatMap((x, p) => (x === 0 ? [] : [input(OUTCOMES, cellLabels(v, labels[p]!, labels[a]!), steady(x))]))
      )
    );
    const expected: Sample[] = Object.entries(matrices).map(([v, m]) => ({
      labels: version(v),
      value: multiclassFromMatrix(labels, m).accuracy,
    }));
    expect(expected.map((s) => s.value)).toEqual([8 / 14, 0]);
    expectRules({
      rules: { 'test:cells': increaseOf(scope, 'outcomes', '5m')({}), 'test:correct': correctShare(recorded, labels) },
      input: inputs,
      expect: { 'test:correct': expected },
    });
  });
});
