import { multiclassFromMatrix, multiclassMatrix, multiclassReport } from '../../src/performance/multiclass.js';
import { expectClose, fixture } from './close.js';

interface Averages {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}
interface McCase {
  actual: string[];
  predicted: string[];
  labels: string[];
  accuracy: number;
  classes: Record<string, Averages & { support: number }>;
  macro: Averages;
  weighted: Averages;
}

const sk = fixture<{ multiclass: McCase[] }>('sklearn-performance.json');

describe('multiclassReport', () => {
  test('matches precision_recall_fscore_support(zero_division=np.nan)', () => {
    expect(sk.multiclass.length).toBe(3);
    for (const [k, c] of sk.multiclass.entries()) {
      const r = multiclassReport(c.actual, c.predicted);
      expect(r.labels).toEqual(c.labels);
      expect(r.count).toBe(c.actual.length);
      expectClose(r.accuracy, c.accuracy, 1e-12, `accuracy ${k}`);
      for (const label of c.labels) {
        const e = c.classes[label]!;
        const a = r.classes[label]!;
        expect(a.support).toBe(e.support);
        for (const m of ['precision', 'recall', 'f1'] as const) expectClose(a[m], e[m], 1e-12, `${k} ${label} ${m}`);
      }
      for (const avg of ['macro', 'weighted'] as const) {
        for (const m of ['precision', 'recall', 'f1'] as const)
          expectClose(r[avg][m], c[avg][m], 1e-12, `${k} ${avg} ${m}`);
      }
    }
  });

  test('from a confusion matrix, e.g. exported pair counts', () => {
    const { labels, matrix } = multiclassMatrix(['b', 'a', 'b', 'c'], ['b', 'b', 'c', 'c']);
    expect(labels).toEqual(['a', 'b', 'c']);
    expect(matrix).toEqual([
      [0, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    const r = multiclassFromMatrix(labels, matrix);
    expect(r.classes['a']).toEqual({ precision: Number.NaN, recall: 0, f1: 0, support: 1 });
    expect(r.accuracy).toBe(0.5);
  });

  test('a class named __proto__ is an ordinary class', () => {
    const r = multiclassReport(['__proto__', 'x'], ['__proto__', 'x']);
    expect(Object.keys(r.classes)).toEqual(['__proto__', 'x']);
    expect(r.classes['__proto__']!.precision).toBe(1);
  });

  test('bad input', () => {
    expect(() => multiclassReport(['a'], ['a', 'b'])).toThrow(RangeError);
    expect(() => multiclassReport(['a', 1 as unknown as string], ['a', 'b'])).toThrow(/position 1/);
    expect(() =>
      multiclassFromMatrix(
        ['a', 'a'],
        [
          [1, 0],
          [0, 1],
        ]
      )
    ).toThrow(/distinct/);
    expect(() => multiclassFromMatrix(['a', 'b'], [[1, 0], [0]])).toThrow(/row 1/);
    expect(() => multiclassFromMatrix(['a'], [[-1]])).toThrow(RangeError);
    expect(multiclassReport([], []).accuracy).toBeNaN();
  });
});
