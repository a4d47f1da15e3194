import { Adwin } from '../../src/detectors/adwin.js';
import { createDetector, DETECTOR_DEFAULTS, DETECTOR_KINDS, isDetectorKind } from '../../src/detectors/create.js';
import { Ddm } from '../../src/detectors/ddm.js';
import { Eddm } from '../../src/detectors/eddm.js';
import { Kswin } from '../../src/detectors/kswin.js';
import { PageHinkley } from '../../src/detectors/page-hinkley.js';
import type { DetectorKind } from '../../src/detectors/types.js';

/** Jest's toThrow(errorObject) compares messages only, so the class is checked separately. */
function expectError(fn: () => unknown, cls: typeof TypeError | typeof RangeError, message: string): void {
  expect(fn).toThrow(cls);
  expect(fn).toThrow(new cls(message));
}

describe('createDetector', () => {
  it('lists the five kinds', () => {
    expect(DETECTOR_KINDS).toEqual(['adwin', 'ddm', 'eddm', 'page-hinkley', 'kswin']);
    expect(isDetectorKind('kswin')).toBe(true);
    expect(isDetectorKind('hddm')).toBe(false);
  });

  it("has River's defaults", () => {
    expect(DETECTOR_DEFAULTS).toEqual({
      adwin: { delta: 0.002, clock: 32, max_buckets: 5, min_window_length: 5, grace_period: 10 },
      ddm: { warm_start: 30, warning_threshold: 2, drift_threshold: 3 },
      eddm: { warm_start: 30, alpha: 0.95, beta: 0.9 },
      'page-hinkley': { min_instances: 30, delta: 0.005, threshold: 50, alpha: 1 - 0.0001, mode: 'both' },
      kswin: { alpha: 0.005, window_size: 100, stat_size: 30, seed: 0 },
    });
    expect(Object.isFrozen(DETECTOR_DEFAULTS.adwin)).toBe(true);
  });

  it.each([
    ['adwin', Adwin],
    ['ddm', Ddm],
    ['eddm', Eddm],
    ['page-hinkley', PageHinkley],
    ['kswin', Kswin],
  ] as const)('builds %s with its defaults', (kind, cls) => {
    const d = createDetector(kind);
    expect(d).toBeInstanceOf(cls);
    expect(d.kind).toBe(kind);
    expect((d as InstanceType<typeof cls>).parameters).toEqual(DETECTOR_DEFAULTS[kind]);
    expect(d.driftDetected).toBe(false);
    expect(d.warningDetected).toBe(false);
    expect(d.detections).toBe(0);
  });

  it('accepts numeric strings as the CLI passes them', () => {
    const d = createDetector('adwin', { delta: '0.01', clock: '1', grace_period: ' 0 ' }) as Adwin;
    expect(d.parameters).toEqual({ delta: 0.01, clock: 1, max_buckets: 5, min_window_length: 5, grace_period: 0 });
    const ph = createDetector('page-hinkley', { mode: 'up', threshold: '20' }) as PageHinkley;
    expect(ph.parameters.mode).toBe('up');
    expect(ph.parameters.threshold).toBe(20);
  });

  it('names an unknown parameter and the allowed snake_case names', () => {
    expectError(
      () => createDetector('adwin', { gracePeriod: 5 }),
      TypeError,
      `unknown adwin parameter "gracePeriod"; the adwin parameters (River's snake_case names) are delta, clock, max_buckets, min_window_length, grace_period`
    );
  });

  it('names an unknown kind', () => {
    expectError(
      () => createDetector('hddm' as DetectorKind),
      TypeError,
      'unknown detector "hddm"; the detectors are adwin, ddm, eddm, page-hinkley, kswin'
    );
  });

  it.each<[DetectorKind, Record<string, number | string>, string]>([
    ['adwin', { delta: 0 }, 'adwin parameter "delta" must be a real number in (0, 1) (default 0.002), got 0'],
    ['adwin', { delta: 'abc' }, 'adwin parameter "delta" must be a real number in (0, 1) (default 0.002), got "abc"'],
    ['adwin', { delta: '' }, 'adwin parameter "delta" must be a real number in (0, 1) (default 0.002), got ""'],
    ['adwin', { clock: 2.5 }, 'adwin parameter "clock" must be an integer >= 1 (default 32), got 2.5'],
    ['adwin', { grace_period: -1 }, 'adwin parameter "grace_period" must be an integer >= 0 (default 10), got -1'],
    ['ddm', { warm_start: Number.NaN }, 'ddm parameter "warm_start" must be an integer >= 0 (default 30), got NaN'],
    ['ddm', { drift_threshold: 0 }, 'ddm parameter "drift_threshold" must be a real number > 0 (default 3), got 0'],
    ['eddm', { alpha: 1.5 }, 'eddm parameter "alpha" must be a real number in (0, 1] (default 0.95), got 1.5'],
    ['eddm', { alpha: 0.8 }, 'eddm parameter "beta" (drift level, 0.9) must not exceed "alpha" (warning level, 0.8)'],
    [
      'page-hinkley',
      { mode: 'sideways' },
      'page-hinkley parameter "mode" must be one of "up", "down", "both" (default "both"), got "sideways"',
    ],
    [
      'page-hinkley',
      { mode: 1 },
      'page-hinkley parameter "mode" must be one of "up", "down", "both" (default "both"), got 1',
    ],
    [
      'page-hinkley',
      { threshold: Infinity },
      'page-hinkley parameter "threshold" must be a real number > 0 (default 50), got Infinity',
    ],
    ['kswin', { alpha: 1 }, 'kswin parameter "alpha" must be a real number in (0, 1) (default 0.005), got 1'],
    ['kswin', { seed: -3 }, 'kswin parameter "seed" must be an integer in [0, 9007199254740991] (default 0), got -3'],
    [
      'kswin',
      { window_size: 2_000_000 },
      'kswin parameter "window_size" must be an integer in [2, 1000000] (default 100), got 2000000',
    ],
  ])('%s %j is a RangeError naming the parameter', (kind, params, message) => {
    expectError(() => createDetector(kind, params), RangeError, message);
  });

  it('requires stat_size to fit twice in window_size', () => {
    expect(() => createDetector('kswin', { window_size: 50, stat_size: 30 })).toThrow(RangeError);
    expect(() => createDetector('kswin', { window_size: 60, stat_size: 30 })).not.toThrow();
  });

  it('validates parameters given to the classes directly too', () => {
    expect(() => new Adwin({ max_buckets: 0 })).toThrow(RangeError);
    expect(() => new Ddm({ warning_threshold: -2 })).toThrow(RangeError);
    expect(() => new Kswin({ stat_size: 0 })).toThrow(RangeError);
  });
});
