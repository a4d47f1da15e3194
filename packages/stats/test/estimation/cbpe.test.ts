import fc from 'fast-check';
import { binaryConfusion, rates } from '../../src/performance/confusion.js';
import { fitCalibrator } from '../../src/estimation/calibration.js';
import { estimatePerformance, estimatePerformanceFromCounts, expectedConfusion } from '../../src/estimation/cbpe.js';
import { at, expectClose, fixture, peerCase, type Peers } from '../performance/close.js';

const peers = fixture<Peers>('peers.json');

describe('golden: peers.json estimation', () => {
  test('nannyml-cbpe-formula', () => {
    const c = peerCase(peers, 'estimation', 'nannyml-cbpe-formula');
    const scores = c['scores'] as number[];
    const predictions = c['predictions'] as number[];
    const estimate = estimatePerformance(scores, predictions);
    const keys = Object.keys(c.expected);
    expect(keys.length).toBe(8);
    for (const key of keys) expectClose(at(estimate, key), c.expected[key]!, c.tolerance, key);
    // The same numbers from the expected counts alone, as instrumentation would export them.
    const fromCounts = estimatePerformanceFromCounts(expectedConfusion(scores, predictions));
    for (const key of keys) expectClose(at(fromCounts, key), c.expected[key]!, c.tolerance, `from counts ${key}`);
  });
});

describe('estimatePerformance', () => {
  test('a threshold gives the same decisions as score >= threshold', () => {
    const scores = [0.9, 0.8, 0.3, 0.1, 0.5];
    expect(estimatePerformance(scores, { threshold: 0.5 })).toEqual(estimatePerformance(scores, [1, 1, 0, 0, 1]));
  });

  test('perfectly calibrated 0/1 scores give the realized performance (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 })), { maxLength: 50 }),
        (rows) => {
          const labels = rows.map((r) => r[0]);
          const predicted = rows.map((r) => r[1]);
          const estimate = estimatePerformance(labels, predicted);
          const realized = rates(binaryConfusion(labels, predicted));
          expect({ ...estimate }).toMatchObject({ ...realized });
        }
      )
    );
  });

  test('a calibrator maps scores before the expectation; decisions use raw scores', () => {
    // Reference: scores 0.2 are positive half the time, 0.8 always.
    const calibrator = fitCalibrator([0.2, 0.2, 0.8, 0.8], [0, 1, 1, 1], 'isotonic');
    const e = estimatePerformance([0.2, 0.8], { threshold: 0.5 }, { calibrator });
    expect(e).toMatchObject({ tp: 1, fp: 0, fn: 0.5, tn: 0.5 });
    expect(e.accuracy).toBe(0.75);
  });

  test('bad input', () => {
    expect(() => estimatePerformance([0.5, 1.5], [1, 0])).toThrow(/position 1/);
    expect(() => estimatePerformance([0.5], [2])).toThrow(/predicted at position 0/);
    expect(() => expectedConfusion([0.5], [1, 0])).toThrow(RangeError);
    expect(() => estimatePerformance([0.5], { threshold: Number.NaN })).toThrow(RangeError);
    expect(() => estimatePerformance([0.5], null as unknown as number[])).toThrow(TypeError);
    expect(estimatePerformance([], []).accuracy).toBeNaN();
  });
});
