import fc from 'fast-check';
import { binaryConfusion, rates } from '../../src/performance/confusion.js';

describe('binaryConfusion and rates', () => {
  test('counts each cell, 1 = positive', () => {
    expect(binaryConfusion([1, 1, 0, 0, 1], [1, 0, 1, 0, 1])).toEqual({ tp: 2, fp: 1, tn: 1, fn: 1 });
  });

  test('weights count as that many rows', () => {
    expect(binaryConfusion([1, 0, 0], [1, 1, 0], [2.5, 1, 0])).toEqual({ tp: 2.5, fp: 1, tn: 0, fn: 0 });
    expect(() => binaryConfusion([1], [1], [-1])).toThrow(/weight at position 0/);
    expect(() => binaryConfusion([1], [1], [1, 2])).toThrow(RangeError);
  });

  test('formulas', () => {
    const r = rates({ tp: 3, fp: 1, tn: 4, fn: 2 });
    expect(r).toEqual({
      count: 10,
      accuracy: 0.7,
      precision: 0.75,
      recall: 0.6,
      f1: 6 / 9,
      tpr: 0.6,
      tnr: 0.8,
      fpr: 0.2,
      fnr: 0.4,
      selectionRate: 0.4,
    });
  });

  test('a zero denominator is NaN, not 0', () => {
    const r = rates({ tp: 0, fp: 0, tn: 5, fn: 0 });
    expect(r.precision).toBeNaN();
    expect(r.recall).toBeNaN();
    expect(r.tpr).toBeNaN();
    expect(r.fnr).toBeNaN();
    expect(r.f1).toBeNaN();
    expect(r.accuracy).toBe(1);
    expect(r.selectionRate).toBe(0);
    expect(rates({ tp: 0, fp: 0, tn: 0, fn: 0 }).accuracy).toBeNaN();
    // F1 stays defined when only precision is undefined (no positive predictions, some positives).
    expect(rates({ tp: 0, fp: 0, tn: 1, fn: 2 }).f1).toBe(0);
  });

  test('invalid counts are a RangeError', () => {
    expect(() => rates({ tp: -1, fp: 0, tn: 0, fn: 0 })).toThrow(/tp/);
    expect(() => rates({ tp: 1, fp: Number.NaN, tn: 0, fn: 0 })).toThrow(RangeError);
    expect(() => binaryConfusion([1, 0.5], [1, 1])).toThrow(/actual at position 1/);
  });

  test('property: rates from counts equal rates from arrays', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 })), { maxLength: 60 }),
        (rows) => {
          const actual = rows.map((r) => r[0]);
          const predicted = rows.map((r) => r[1]);
          const fromArrays = rates(binaryConfusion(actual, predicted));
          const n = (a: number, p: number): number => rows.filter((r) => r[0] === a && r[1] === p).length;
          const fromCounts = rates({ tp: n(1, 1), fp: n(0, 1), tn: n(0, 0), fn: n(1, 0) });
          expect(fromArrays).toEqual(fromCounts);
          // and against the definitions computed directly on the rows
          const direct = (num: (r: [number, number]) => boolean, den: (r: [number, number]) => boolean): number => {
            const d = rows.filter(den).length;
            return d === 0 ? Number.NaN : rows.filter((r) => den(r) && num(r)).length / d;
          };
          expect(fromArrays.accuracy).toEqual(
            direct(
              (r) => r[0] === r[1],
              () => true
            )
          );
          expect(fromArrays.precision).toEqual(
            direct(
              (r) => r[0] === 1,
              (r) => r[1] === 1
            )
          );
          expect(fromArrays.tpr).toEqual(
            direct(
              (r) => r[1] === 1,
              (r) => r[0] === 1
            )
          );
          expect(fromArrays.fpr).toEqual(
            direct(
              (r) => r[1] === 1,
              (r) => r[0] === 0
            )
          );
          expect(fromArrays.selectionRate).toEqual(
            direct(
              (r) => r[1] === 1,
              () => true
            )
          );
        }
      )
    );
  });
});
