import { calibrationBinIndex } from '../performance/probabilistic.js';
import { checkBinary, checkFinite, checkProbabilities, checkSameLength } from '../performance/validate.js';
import { evaluateIsotonic, fitIsotonic } from './isotonic.js';

export type CalibrationMethod = 'isotonic' | 'binned';

/** Default number of equal-width bins of the binned calibrator. */
export const DEFAULT_CALIBRATION_BINS = 10;

export interface IsotonicCalibratorJSON {
  method: 'isotonic';
  /** Knot scores, strictly ascending. */
  x: number[];
  /** Calibrated probability at each knot, non-decreasing, in [0, 1]. */
  y: number[];
}

export interface BinnedCalibratorJSON {
  method: 'binned';
  /** Calibrated probability (mean label) of each equal-width bin; null for a bin the reference left empty. */
  values: (number | null)[];
  /** Reference rows in each bin. */
  counts: number[];
}

export type CalibratorJSON = IsotonicCalibratorJSON | BinnedCalibratorJSON;

/** Maps a model score to a calibrated probability of the positive class. */
export interface Calibrator {
  readonly method: CalibrationMethod;
  apply(score: number): number;
  /** Plain data a profile can store; calibratorFromJSON restores it. */
  toJSON(): CalibratorJSON;
}

export interface CalibrationOptions {
  /** Number of equal-width bins of the binned method (default 10). */
  bins?: number;
}

class IsotonicCalibrator implements Calibrator {
  readonly method = 'isotonic' as const;
  private readonly x: number[];
  private readonly y: number[];

  constructor(x: number[], y: number[]) {
    this.x = x;
    this.y = y;
  }

  apply(score: number): number {
    return evaluateIsotonic({ x: this.x, y: this.y }, score);
  }

  toJSON(): IsotonicCalibratorJSON {
    return { method: 'isotonic', x: [...this.x], y: [...this.y] };
  }
}

class BinnedCalibrator implements Calibrator {
  readonly method = 'binned' as const;
  private readonly values: (number | null)[];
  private readonly counts: number[];

  constructor(values: (number | null)[], counts: number[]) {
    this.values = values;
    this.counts = counts;
  }

  /**
   * The mean reference label of the score's bin (bin = min(floor(B·s), B − 1), scores outside [0, 1] fall in
   * the end bins). A bin the reference left empty carries no evidence, so the score passes through unchanged.
   */
  apply(score: number): number {
    if (Number.isNaN(score)) return Number.NaN;
    const B = this.values.length;
    const j = score < 0 ? 0 : calibrationBinIndex(score, B);
    const v = this.values[j];
    return v == null ? score : v;
  }

  toJSON(): BinnedCalibratorJSON {
    return { method: 'binned', values: [...this.values], counts: [...this.counts] };
  }
}

/**
 * Fits a calibrator on a labelled reference (0/1 labels, 1 = positive).
 * - 'isotonic': scikit-learn's IsotonicRegression(out_of_bounds='clip') (see fitIsotonic); scores may be any
 *   finite numbers. This is what NannyML's CBPE uses by default.
 * - 'binned': histogram binning over `bins` equal-width bins of [0, 1]; each bin maps to its mean label.
 *   Scores must lie in [0, 1].
 */
export function fitCalibrator(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  method: CalibrationMethod,
  options: CalibrationOptions = {}
): Calibrator {
  checkSameLength('scores', scores, 'labels', labels);
  checkBinary('labels', labels);
  if (scores.length === 0) throw new RangeError('calibration needs at least one labelled score');
  if (method === 'isotonic') {
    checkFinite('scores', scores);
    const { x, y } = fitIsotonic(scores, labels);
    return new IsotonicCalibrator(x, y);
  }
  if (method === 'binned') {
    const B = options.bins ?? DEFAULT_CALIBRATION_BINS;
    if (!Number.isInteger(B) || B < 1) throw new RangeError(`bins must be an integer >= 1, got ${B}`);
    checkProbabilities('scores', scores);
    const counts = new Array<number>(B).fill(0);
    const sums = new Array<number>(B).fill(0);
    for (let i = 0; i < scores.length; i++) {
      const j = calibrationBinIndex(scores[i]!, B);
      counts[j]!++;
      sums[j]! += labels[i]!;
    }
    return new BinnedCalibrator(
      counts.map((c, j) => (c > 0 ? sums[j]! / c : null)),
      counts
    );
  }
  throw new RangeError(`unknown calibration method ${JSON.stringify(method)}; use 'isotonic' or 'binned'`);
}

function isNumberArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((e) => typeof e === 'number');
}

function checkProbability(name: string, v: number): void {
  if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} is ${String(v)}, not a probability in [0, 1]`);
}

/** Restores a calibrator saved with toJSON(), checking its shape. */
export function calibratorFromJSON(json: unknown): Calibrator {
  if (typeof json !== 'object' || json === null) throw new TypeError('a saved calibrator must be an object');
  const o = json as Record<string, unknown>;
  if (o['method'] === 'isotonic') {
    const x = o['x'];
    const y = o['y'];
    if (!isNumberArray(x) || !isNumberArray(y))
      throw new TypeError('an isotonic calibrator needs number arrays x and y');
    if (x.length === 0 || x.length !== y.length)
      throw new RangeError('an isotonic calibrator needs x and y of the same non-zero length');
    for (let k = 0; k < x.length; k++) {
      if (!Number.isFinite(x[k]!)) throw new RangeError(`isotonic knot ${k} has a non-finite score`);
      checkProbability(`isotonic knot ${k} value`, y[k]!);
      if (k > 0 && !(x[k]! > x[k - 1]!)) throw new RangeError(`isotonic knot ${k} is not above knot ${k - 1}`);
      if (k > 0 && y[k]! < y[k - 1]!) throw new RangeError(`isotonic knot ${k} decreases`);
    }
    return new IsotonicCalibrator([...x], [...y]);
  }
  if (o['method'] === 'binned') {
    const values = o['values'];
    const counts = o['counts'];
    if (!Array.isArray(values) || !values.every((v) => v === null || typeof v === 'number') || !isNumberArray(counts)) {
      throw new TypeError('a binned calibrator needs an array values of numbers or null and a number array counts');
    }
    if (values.length === 0 || values.length !== counts.length) {
      throw new RangeError('a binned calibrator needs values and counts of the same non-zero length');
    }
    const vs = values as (number | null)[];
    for (let j = 0; j < vs.length; j++) {
      const v = vs[j] ?? null;
      if (v !== null) checkProbability(`binned calibrator bin ${j} value`, v);
      const c = counts[j]!;
      if (!(c >= 0 && Number.isFinite(c)))
        throw new RangeError(`binned calibrator bin ${j} has a count that is not >= 0`);
      if (c > 0 !== (v !== null))
        throw new RangeError(`binned calibrator bin ${j} must be null exactly when its count is 0`);
    }
    return new BinnedCalibrator([...vs], [...counts]);
  }
  throw new TypeError(`unknown calibration method ${JSON.stringify(o['method'])}; expected 'isotonic' or 'binned'`);
}
