import {
  binaryClassificationFromCounts,
  binaryClassificationReport,
  predictAtThreshold,
} from '../../src/performance/classification.js';
import { binaryConfusion, rates } from '../../src/performance/confusion.js';
import {
  brierScore,
  calibrationBinIndex,
  eceFromBins,
  expectedCalibrationError,
  logLoss,
  scoreSums,
} from '../../src/performance/probabilistic.js';
import { rankCounts, rocAuc, rocAucFromCounts } from '../../src/performance/roc-auc.js';
import { at, expectClose, fixture, peerCase, type Peers } from './close.js';

interface Scored {
  actual: number[];
  scores: number[];
}
interface Sk {
  rocAuc: (Scored & { rocAuc: number })[];
  logLoss: (Scored & { logLoss: number; brier: number })[];
  logLossExtremes: Scored & { logLoss: number; logLossSklearnDefault: number; brier: number };
  ece: (Scored & { ece: number })[];
  binary: {
    actual: number[];
    predicted: number[];
    accuracy: number;
    precision: number | null;
    recall: number | null;
    f1: number | null;
    precisionSklearnDefault: number;
  }[];
}

const peers = fixture<Peers>('peers.json');
const sk = fixture<Sk>('sklearn-performance.json');

describe('golden: peers.json classification', () => {
  test('evidently-binary-threshold-0.7', () => {
    const c = peerCase(peers, 'classification', 'evidently-binary-threshold-0.7');
    const report = binaryClassificationReport(c['labels'] as number[], c['scores'] as number[], {
      threshold: c['threshold'] as number,
    });
    const keys = Object.keys(c.expected);
    expect(keys.length).toBeGreaterThanOrEqual(10);
    for (const key of keys) expectClose(at(report, key), c.expected[key]!, c.tolerance, key);
    expect(report).toMatchObject({ tp: 1, fp: 2, tn: 3, fn: 4, count: 10, threshold: 0.7 });
  });
});

describe('scikit-learn fixture', () => {
  test('roc_auc_score with many ties', () => {
    for (const [k, c] of sk.rocAuc.entries()) expectClose(rocAuc(c.actual, c.scores), c.rocAuc, 1e-12, `case ${k}`);
  });

  test('log_loss and brier_score_loss', () => {
    for (const [k, c] of sk.logLoss.entries()) {
      expectClose(logLoss(c.actual, c.scores), c.logLoss, 1e-12, `log loss ${k}`);
      expectClose(brierScore(c.actual, c.scores), c.brier, 1e-12, `brier ${k}`);
    }
  });

  test('log loss at 0 and 1 clips at 1e-15, not at scikit-learn >= 1.2 float64 eps', () => {
    const c = sk.logLossExtremes;
    expectClose(logLoss(c.actual, c.scores), c.logLoss, 1e-12, 'clip 1e-15');
    expect(Math.abs(logLoss(c.actual, c.scores) - c.logLossSklearnDefault)).toBeGreaterThan(0.1);
    expectClose(brierScore(c.actual, c.scores), c.brier, 1e-12, 'brier');
  });

  test('expected calibration error (numpy reference)', () => {
    for (const [k, c] of sk.ece.entries())
      expectClose(expectedCalibrationError(c.actual, c.scores), c.ece, 1e-12, `ece ${k}`);
  });

  test('accuracy, precision, recall, f1 with zero_division=np.nan', () => {
    for (const [k, c] of sk.binary.entries()) {
      const r = rates(binaryConfusion(c.actual, c.predicted));
      expectClose(r.accuracy, c.accuracy, 1e-12, `accuracy ${k}`);
      expectClose(r.precision, c.precision, 1e-12, `precision ${k}`);
      expectClose(r.recall, c.recall, 1e-12, `recall ${k}`);
      expectClose(r.f1, c.f1, 1e-12, `f1 ${k}`);
    }
    // scikit-learn's default would report 0 where Modelwatch reports undefined.
    expect(sk.binary[1]!.precisionSklearnDefault).toBe(0);
    expect(rates(binaryConfusion(sk.binary[1]!.actual, sk.binary[1]!.predicted)).precision).toBeNaN();
  });
});

describe('binaryClassificationReport', () => {
  test('predictions are score >= threshold, default 0.5', () => {
    const r = binaryClassificationReport([1, 0, 1, 0], [0.5, 0.49, 0.51, 0.5]);
    expect(r).toMatchObject({ tp: 2, fp: 1, fn: 0, tn: 1, threshold: 0.5 });
    expect(Array.from(predictAtThreshold([0.2, 0.7], 0.7))).toEqual([0, 1]);
  });

  test('given predictions override the threshold and record a null threshold', () => {
    const r = binaryClassificationReport([1, 0, 1, 0], [0.9, 0.8, 0.1, 0.2], { predicted: [0, 0, 1, 1] });
    expect(r).toMatchObject({ tp: 1, fp: 1, fn: 1, tn: 1, threshold: null, rocAuc: 0.5 });
  });

  test('without scores only confusion metrics exist', () => {
    const r = binaryClassificationReport([1, 0, 1], null, { predicted: [1, 0, 0] });
    expect(r.accuracy).toBeCloseTo(2 / 3, 15);
    expect(r.rocAuc).toBeNaN();
    expect(r.logLoss).toBeNaN();
    expect(r.brier).toBeNaN();
    expect(r.ece).toBeNaN();
    expect(() => binaryClassificationReport([1], null)).toThrow(TypeError);
  });

  test('one class only: AUC undefined, the rest defined', () => {
    const r = binaryClassificationReport([1, 1, 1], [0.9, 0.2, 0.6]);
    expect(r.rocAuc).toBeNaN();
    expect(r.fpr).toBeNaN();
    expect(r.tpr).toBeCloseTo(2 / 3, 15);
    expect(r.logLoss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.2) + Math.log(0.6)) / 3, 14);
  });

  test('bad scores are a RangeError naming the position', () => {
    expect(() => binaryClassificationReport([1, 0], [0.5, 1.2])).toThrow(/position 1/);
    expect(() => binaryClassificationReport([1, 0], [Number.NaN, 0.2])).toThrow(RangeError);
    expect(() => binaryClassificationReport([1, 0], [0.3, -0])).not.toThrow();
    expect(() => binaryClassificationReport([1, 2], [0.3, 0.2])).toThrow(/actual at position 1/);
    expect(() => binaryClassificationReport([1], [0.3, 0.2])).toThrow(/differ in length/);
    expect(() => binaryClassificationReport([1], [0.3], { threshold: Number.NaN })).toThrow(RangeError);
  });

  test('the report from exported counts equals the report from arrays', () => {
    const actual = [1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1];
    const scores = [0.9, 0.1, 0.45, 0.45, 0.7, 0.8, 1, 0, 0.3, 0.55, 0.2];
    const direct = binaryClassificationReport(actual, scores);
    // Two "processes" each export their counts; the sums are added.
    const a = { actual: actual.slice(0, 5), scores: scores.slice(0, 5) };
    const b = { actual: actual.slice(5), scores: scores.slice(5) };
    const ca = binaryConfusion(a.actual, predictAtThreshold(a.scores));
    const cb = binaryConfusion(b.actual, predictAtThreshold(b.scores));
    const sa = scoreSums(a.actual, a.scores);
    const sb = scoreSums(b.actual, b.scores);
    // A shared histogram of the score in steps of 0.05 (every score here is a multiple), split by label.
    const histogram = (ys: number[], ss: number[]): { positives: number[]; negatives: number[] } => {
      const positives = new Array<number>(21).fill(0);
      const negatives = new Array<number>(21).fill(0);
      ys.forEach((y, i) => {
        (y === 1 ? positives : negatives)[Math.round(ss[i]! * 20)]!++;
      });
      return { positives, negatives };
    };
    const ha = histogram(a.actual, a.scores);
    const hb = histogram(b.actual, b.scores);
    const merged = binaryClassificationFromCounts({
      confusion: { tp: ca.tp + cb.tp, fp: ca.fp + cb.fp, tn: ca.tn + cb.tn, fn: ca.fn + cb.fn },
      threshold: 0.5,
      scores: {
        count: sa.count + sb.count,
        sumLogLoss: sa.sumLogLoss + sb.sumLogLoss,
        sumSquaredError: sa.sumSquaredError + sb.sumSquaredError,
        bins: sa.bins.map((x, j) => ({
          count: x.count + sb.bins[j]!.count,
          sumScore: x.sumScore + sb.bins[j]!.sumScore,
          sumLabel: x.sumLabel + sb.bins[j]!.sumLabel,
        })),
      },
      rank: {
        positives: ha.positives.map((x, j) => x + hb.positives[j]!),
        negatives: ha.negatives.map((x, j) => x + hb.negatives[j]!),
      },
    });
    for (const key of ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'logLoss', 'brier', 'ece'] as const) {
      expectClose(merged[key], direct[key], 1e-14, key);
    }
  });
});

describe('ROC AUC', () => {
  test('is the Mann-Whitney statistic with ties counted one half', () => {
    // positives 0.5, 0.8; negatives 0.5, 0.2: pairs (0.5,0.5)=½, (0.5,0.2)=1, (0.8,·)=2 → 3.5 / 4
    expect(rocAuc([1, 1, 0, 0], [0.5, 0.8, 0.5, 0.2])).toBe(0.875);
    expect(rocAuc([1, 0], [3, 3])).toBe(0.5);
    expect(rocAuc([1, 0, 1], [-1e300, 5, 1e300])).toBe(0.5);
  });

  test('from bucket counts, and NaN without one class', () => {
    expect(rocAucFromCounts([0, 1, 2], [2, 1, 0])).toBeCloseTo((1 * (2 + 0.5) + 2 * 3) / 9, 15);
    expect(rocAucFromCounts([1, 2], [0, 0])).toBeNaN();
    expect(() => rocAucFromCounts([1, -1], [0, 0])).toThrow(RangeError);
    expect(rankCounts([1, 0, 0], [0, -0, 1])).toEqual({ values: [0, 1], positives: [1, 0], negatives: [1, 1] });
  });
});

describe('probabilistic metrics', () => {
  test('ECE bins put a score of exactly 1 into the top bin', () => {
    expect(calibrationBinIndex(1)).toBe(9);
    expect(calibrationBinIndex(0.1)).toBe(1);
    expect(calibrationBinIndex(0.0999)).toBe(0);
    expect(eceFromBins([])).toBeNaN();
    // Two rows: 0.95 labelled 1 (bin 9), 0.05 labelled 1 (bin 0): ½·0.05 + ½·0.95 = 0.5
    expect(expectedCalibrationError([1, 1], [0.95, 0.05])).toBeCloseTo(0.5, 15);
  });

  test('empty input is NaN', () => {
    expect(logLoss([], [])).toBeNaN();
    expect(brierScore([], [])).toBeNaN();
    expect(binaryClassificationReport([], []).accuracy).toBeNaN();
  });
});
