import fc from 'fast-check';
import {
  calibratorFromJSON,
  fitCalibrator,
  type BinnedCalibratorJSON,
  type IsotonicCalibratorJSON,
} from '../../src/estimation/calibration.js';
import { fitIsotonic } from '../../src/estimation/isotonic.js';
import { expectClose, fixture } from '../performance/close.js';

interface IsoCase {
  scores: number[];
  labels: number[];
  knotsX: number[];
  knotsY: number[];
  query: number[];
  predicted: number[];
}

const sk = fixture<{ cases: IsoCase[] }>('sklearn-isotonic.json');

describe('isotonic calibration', () => {
  test("matches scikit-learn's IsotonicRegression(out_of_bounds='clip')", () => {
    expect(sk.cases.length).toBe(6);
    for (const [k, c] of sk.cases.entries()) {
      const knots = fitIsotonic(c.scores, c.labels);
      expect(knots.x).toEqual(c.knotsX);
      expect(knots.y.length).toBe(c.knotsY.length);
      knots.y.forEach((y, i) => expectClose(y, c.knotsY[i]!, 1e-14, `case ${k} knot ${i}`));
      const calibrator = fitCalibrator(c.scores, c.labels, 'isotonic');
      c.query.forEach((q, i) => expectClose(calibrator.apply(q), c.predicted[i]!, 1e-12, `case ${k} query ${q}`));
    }
  });

  test('pools tied scores before pool-adjacent-violators', () => {
    // Score 0.5 has labels 1, 0, 0 (mean 1/3) and sits between 0.2 → 1 and 0.9 → 0: all pool to 2/5.
    const k = fitIsotonic([0.5, 0.2, 0.5, 0.9, 0.5], [1, 1, 0, 0, 0]);
    expect(k.x).toEqual([0.2, 0.9]);
    expect(k.y).toEqual([0.4, 0.4]);
  });

  test('interpolates between the last score of a block and the first of the next', () => {
    const c = fitCalibrator([0.1, 0.2, 0.6, 0.7], [0, 0, 1, 1], 'isotonic');
    expect(c.apply(0.4)).toBeCloseTo(0.5, 15);
    expect(c.apply(0.15)).toBe(0);
    expect(c.apply(-3)).toBe(0);
    expect(c.apply(3)).toBe(1);
    expect(c.apply(Number.NaN)).toBeNaN();
  });

  test('property: fitted values are non-decreasing, in [0, 1], and preserve the label mean', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 1 })), {
          minLength: 1,
          maxLength: 60,
        }),
        (rows) => {
          const scores = rows.map((r) => r[0] / 10);
          const labels = rows.map((r) => r[1]);
          const c = fitCalibrator(scores, labels, 'isotonic');
          const json = c.toJSON() as IsotonicCalibratorJSON;
          for (let i = 1; i < json.y.length; i++) expect(json.y[i]!).toBeGreaterThanOrEqual(json.y[i - 1]!);
          let mean = 0;
          for (let i = 0; i < rows.length; i++) mean += c.apply(scores[i]!);
          const labelMean = labels.reduce((a, b) => a + b, 0);
          expect(Math.abs(mean - labelMean)).toBeLessThanOrEqual(1e-9);
        }
      )
    );
  });
});

describe('binned calibration', () => {
  test('each equal-width bin maps to its mean label; empty bins pass the score through', () => {
    const c = fitCalibrator([0.05, 0.07, 0.95, 1, 0.55], [0, 1, 1, 1, 0], 'binned');
    expect(c.method).toBe('binned');
    expect(c.apply(0.01)).toBe(0.5);
    expect(c.apply(0.99)).toBe(1);
    expect(c.apply(0.5)).toBe(0);
    expect(c.apply(0.33)).toBe(0.33);
    expect(c.apply(-1)).toBe(0.5);
    expect(c.apply(2)).toBe(1);
    const json = c.toJSON() as BinnedCalibratorJSON;
    expect(json.values).toEqual([0.5, null, null, null, null, 0, null, null, null, 1]);
    expect(json.counts).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
  });

  test('bins option', () => {
    const c = fitCalibrator([0.1, 0.6], [0, 1], 'binned', { bins: 2 });
    expect(c.apply(0.4)).toBe(0);
    expect(c.apply(0.5)).toBe(1);
    expect(() => fitCalibrator([0.1], [0], 'binned', { bins: 0 })).toThrow(RangeError);
    expect(() => fitCalibrator([1.1], [0], 'binned')).toThrow(/position 0/);
  });
});

describe('JSON round trip', () => {
  test('both methods survive JSON.stringify / parse', () => {
    const scores = [0.1, 0.3, 0.3, 0.5, 0.8, 0.9];
    const labels = [0, 1, 0, 0, 1, 1];
    for (const method of ['isotonic', 'binned'] as const) {
      const c = fitCalibrator(scores, labels, method);
      const restored = calibratorFromJSON(JSON.parse(JSON.stringify(c)));
      expect(restored.method).toBe(method);
      for (let s = -0.1; s <= 1.1; s += 0.01) expect(restored.apply(s)).toBe(c.apply(s));
    }
  });

  test('invalid saved calibrators are rejected', () => {
    expect(() => calibratorFromJSON(null)).toThrow(TypeError);
    expect(() => calibratorFromJSON({ method: 'platt' })).toThrow(TypeError);
    expect(() => calibratorFromJSON({ method: 'isotonic', x: [0.2, 0.1], y: [0, 1] })).toThrow(/knot 1/);
    expect(() => calibratorFromJSON({ method: 'isotonic', x: [0.1, 0.2], y: [1, 0] })).toThrow(/decreases/);
    expect(() => calibratorFromJSON({ method: 'isotonic', x: [], y: [] })).toThrow(RangeError);
    expect(() => calibratorFromJSON({ method: 'binned', values: [0.5, null], counts: [2, 1] })).toThrow(/bin 1/);
    expect(() => calibratorFromJSON({ method: 'binned', values: [1.5], counts: [1] })).toThrow(RangeError);
    expect(() => calibratorFromJSON({ method: 'binned', values: ['a'], counts: [1] })).toThrow(TypeError);
  });

  test('fitting needs labelled rows and a known method', () => {
    expect(() => fitCalibrator([], [], 'isotonic')).toThrow(RangeError);
    expect(() => fitCalibrator([0.2], [2], 'isotonic')).toThrow(/labels at position 0/);
    expect(() => fitCalibrator([Number.NaN], [1], 'isotonic')).toThrow(RangeError);
    expect(() => fitCalibrator([0.2], [1], 'sigmoid' as 'isotonic')).toThrow(/unknown calibration method/);
    // Isotonic accepts any finite score, e.g. a margin.
    expect(fitCalibrator([-3, 4], [0, 1], 'isotonic').apply(0.5)).toBeCloseTo(0.5, 15);
  });
});
