import { regressionFromSums, regressionReport, regressionSums } from '../../src/performance/regression.js';
import { expectClose, fixture } from './close.js';

interface RegCase {
  actual: number[];
  predicted: number[];
  mae: number;
  rmse: number;
  mape: number;
  meanError: number;
}

const sk = fixture<{ regression: RegCase[] }>('sklearn-performance.json');

describe('regressionReport', () => {
  test('matches scikit-learn MAE, RMSE and MAPE (zeros in y use eps)', () => {
    for (const [k, c] of sk.regression.entries()) {
      const r = regressionReport(c.actual, c.predicted);
      expect(r.count).toBe(c.actual.length);
      expectClose(r.mae, c.mae, 1e-12, `mae ${k}`);
      expectClose(r.rmse, c.rmse, 1e-12, `rmse ${k}`);
      // MAPE is ~1e15 here because y contains zeros; relative tolerance.
      expectClose(r.mape, c.mape, 1e-12, `mape ${k}`);
      expectClose(r.meanError, c.meanError, 1e-12, `meanError ${k}`);
    }
  });

  test('meanError is mean(predicted - actual): positive means over-prediction', () => {
    const r = regressionReport([1, 2, 3], [2, 3, 4]);
    expect(r.meanError).toBe(1);
    expect(r.mae).toBe(1);
    expect(r.rmse).toBe(1);
    expect(r.mape).toBeCloseTo((1 + 0.5 + 1 / 3) / 3, 15);
  });

  test('from sums: additive across sources, NaN without rows or without the percentage sum', () => {
    const a = regressionSums([1, 2], [1.5, 2]);
    const b = regressionSums([4], [3]);
    const merged = regressionFromSums({
      count: a.count + b.count,
      sumAbsError: a.sumAbsError + b.sumAbsError,
      sumSquaredError: a.sumSquaredError + b.sumSquaredError,
      sumError: a.sumError + b.sumError,
      sumAbsPercentageError: (a.sumAbsPercentageError ?? 0) + (b.sumAbsPercentageError ?? 0),
    });
    expect(merged).toEqual(regressionReport([1, 2, 4], [1.5, 2, 3]));
    const noMape = regressionFromSums({ count: 2, sumAbsError: 1, sumSquaredError: 1, sumError: -1 });
    expect(noMape.mape).toBeNaN();
    expect(noMape.mae).toBe(0.5);
    const empty = regressionFromSums({
      count: 0,
      sumAbsError: 0,
      sumSquaredError: 0,
      sumError: 0,
      sumAbsPercentageError: 0,
    });
    expect(empty.mae).toBeNaN();
    expect(empty.meanError).toBeNaN();
  });

  test('bad input', () => {
    expect(() => regressionReport([1, Number.NaN], [1, 2])).toThrow(/actual at position 1/);
    expect(() => regressionReport([1], [1, 2])).toThrow(RangeError);
    expect(() => regressionFromSums({ count: 1, sumAbsError: -1, sumSquaredError: 0, sumError: 0 })).toThrow(
      RangeError
    );
  });
});
