import type { DataFrame } from '@grafana/data';
import {
  FRAME_KIND,
  framesOfKind,
  metaOf,
  SLO_BUDGET_FIELDS,
  SLO_WINDOW_FIELDS,
  type SloMeta,
} from '../../shared/frames';
import { resolveQuery, type SloOptions } from '../options/resolve';
import type { Labels } from '../prometheus/api';
import { vector } from '../testing/prometheus-json';
import type { MlQuery } from '../types';
import { latencyErrorRatios, qualityErrorRatios, sloFrames, timeToExhaustion, type SloWindowInput } from './slo';

const v = (version: string, extra: Labels = {}): Labels => ({ model_name: 'credit', model_version: version, ...extra });
const KEY = JSON.stringify(['credit', 'v1']);

function options(query: Partial<MlQuery>): SloOptions {
  return resolveQuery(
    {
      refId: 'A',
      model: 'credit',
      queryType: 'slo',
      objective: 0.999,
      burnWindows: [
        { severity: 'page', long: '1h', short: '5m', burnRate: 14.4 },
        { severity: 'ticket', long: '6h', short: '30m', burnRate: 6 },
      ],
      ...query,
    },
    'exporter-prometheus'
  ) as SloOptions;
}

function availability(predictions: number, errors: number | undefined): SloWindowInput {
  return {
    predictions: vector([[v('v1'), predictions]]),
    errors: vector(errors === undefined ? [] : [[v('v1'), errors]]),
  };
}

function column(frame: DataFrame, name: string): unknown[] {
  return frame.fields.find((f) => f.name === name)!.values;
}

describe('SLO burn rates and error budget', () => {
  const windows = {
    '1h': availability(9_900, 100), // error ratio 0.01 → burn 10
    '5m': availability(800, 200), // 0.2 → 200
    '6h': availability(59_000, 1_000), // 1/60 → 16.67
    '30m': availability(4_900, 100), // 0.02 → 20
    '30d': availability(2_998_500, 1_500), // 0.0005 → half the budget spent
  };

  test('burn rate = error ratio / (1 − objective) per window; a pair fires when both exceed its threshold', () => {
    const [pairs] = framesOfKind(sloFrames(options({}), { windows }), FRAME_KIND.sloWindows);
    expect(pairs!.fields.map((f) => f.name)).toEqual(Object.values(SLO_WINDOW_FIELDS));
    expect(column(pairs!, 'long')).toEqual(['1h', '6h']);
    expect(column(pairs!, 'threshold')).toEqual([14.4, 6]);
    const long = column(pairs!, 'longBurnRate') as number[];
    const short = column(pairs!, 'shortBurnRate') as number[];
    expect(long[0]).toBeCloseTo(0.01 / 0.001, 10);
    expect(short[0]).toBeCloseTo(0.2 / 0.001, 10);
    expect(long[1]).toBeCloseTo(1_000 / 60_000 / 0.001, 10);
    expect(short[1]).toBeCloseTo(0.02 / 0.001, 10);
    // 10 < 14.4 on the long window: the page pair holds off; 16.7 and 20 both exceed 6.
    expect(column(pairs!, 'firing')).toEqual([false, true]);
    expect(metaOf<SloMeta>(pairs!)).toMatchObject({
      kind: FRAME_KIND.sloWindows,
      sloKind: 'availability',
      objective: 0.999,
      period: '30d',
      model: 'credit',
      version: 'v1',
    });
  });

  test('budget remaining over the period and the time until the budget is spent at the shortest long window’s burn rate', () => {
    const [budget] = framesOfKind(sloFrames(options({}), { windows }), FRAME_KIND.sloBudget);
    expect(budget!.fields.map((f) => f.name)).toEqual(Object.values(SLO_BUDGET_FIELDS));
    expect(budget!.length).toBe(1);
    expect(column(budget!, 'budgetRemaining')[0]).toBeCloseTo(1 - 0.0005 / 0.001, 12);
    expect(column(budget!, 'burnRate')[0]).toBeCloseTo(10, 10);
    // Half of a 30-day budget at 10× the sustainable rate: 0.5 × 2,592,000 s / 10.
    expect(column(budget!, 'timeToExhaustion')[0]).toBeCloseTo(129_600, 6);
    expect(column(budget!, 'period')[0]).toBe('30d');
  });

  test('time to exhaustion: 0 once spent, Infinity when nothing burns, NaN without data', () => {
    expect(timeToExhaustion(-0.2, 3, 2_592_000)).toBe(0);
    expect(timeToExhaustion(0.8, 0, 2_592_000)).toBe(Infinity);
    expect(timeToExhaustion(Number.NaN, 1, 2_592_000)).toBeNaN();
    expect(timeToExhaustion(0.25, 1, 86_400)).toBe(21_600);
  });

  test('availability: a missing counter is 0 where the other exists, so an outage reads 1 and a clean hour 0', () => {
    const outage = { '1h': { predictions: vector([]), errors: vector([[v('v1'), 30]]) } };
    const clean = { '1h': availability(500, undefined) };
    const o = options({ burnWindows: [{ severity: 'page', long: '1h', short: '5m', burnRate: 14.4 }], period: '1h' });
    const [outagePairs] = framesOfKind(sloFrames(o, { windows: outage }), FRAME_KIND.sloWindows);
    expect(column(outagePairs!, 'longBurnRate')[0]).toBeCloseTo(1 / 0.001, 9);
    // No 5m data at all: NaN, not 0.
    expect(column(outagePairs!, 'shortBurnRate')[0]).toBeNaN();
    expect(column(outagePairs!, 'firing')[0]).toBe(false);
    const [cleanBudget] = framesOfKind(sloFrames(o, { windows: clean }), FRAME_KIND.sloBudget);
    expect(column(cleanBudget!, 'budgetRemaining')[0]).toBe(1);
    expect(column(cleanBudget!, 'timeToExhaustion')[0]).toBe(Infinity);
  });

  test('latency: the bucket on the threshold, whichever way Prometheus writes its le', () => {
    const buckets = (le: string[]) =>
      vector(le.map((x, i) => [v('v1', { le: x }), [900, 970, 990, 1000][i]!] as [Labels, number]));
    const count = vector([[v('v1'), 1000]]);
    // Prometheus 2 writes "1", Prometheus 3 "1.0".
    for (const one of ['1', '1.0']) {
      const ratios = latencyErrorRatios(
        buckets(['0.25', '0.5', one, '+Inf']),
        count,
        1,
        'modelwatch_inference_duration'
      );
      expect(ratios.get(KEY)).toBeCloseTo(1 - 990 / 1000, 15);
    }
    expect(latencyErrorRatios(buckets(['0.25', '0.5', '1', '+Inf']), count, 0.25, 'x').get(KEY)).toBeCloseTo(0.1, 15);
    expect(() =>
      latencyErrorRatios(buckets(['0.25', '0.5', '1', '+Inf']), count, 0.3, 'modelwatch_inference_duration')
    ).toThrow(
      "latencyThreshold: 0.3 s is not a bucket boundary of modelwatch_inference_duration (0.25, 0.5, 1); use 0.25, or add 0.3 to the service's durationBuckets"
    );
  });

  test('latency SLO frames through sloFrames', () => {
    const win = (fast: number, all: number): SloWindowInput => ({
      buckets: vector([
        [v('v1', { le: '0.25' }), fast],
        [v('v1', { le: '+Inf' }), all],
      ]),
      count: vector([[v('v1'), all]]),
    });
    const o = options({
      sloKind: 'latency',
      objective: 0.99,
      latencyThreshold: 0.25,
      burnWindows: [{ severity: 'page', long: '1h', short: '5m', burnRate: 14.4 }],
      period: '1d',
    });
    const frames = sloFrames(o, { windows: { '1h': win(800, 1000), '5m': win(50, 100), '1d': win(19_900, 20_000) } });
    const [pairs] = framesOfKind(frames, FRAME_KIND.sloWindows);
    expect(column(pairs!, 'longBurnRate')[0]).toBeCloseTo(0.2 / 0.01, 10);
    expect(column(pairs!, 'shortBurnRate')[0]).toBeCloseTo(0.5 / 0.01, 10);
    expect(column(pairs!, 'firing')[0]).toBe(true);
    const [budget] = framesOfKind(frames, FRAME_KIND.sloBudget);
    expect(column(budget!, 'budgetRemaining')[0]).toBeCloseTo(1 - 0.005 / 0.01, 12);
    expect(metaOf<SloMeta>(budget!).latencyThreshold).toBe(0.25);
  });

  test('quality: 1 − the diagonal of the binary classes over all labelled predictions (the overflow class is never right)', () => {
    const outcomes = vector([
      [v('v1', { prediction_class: 'yes', actual_class: 'yes' }), 30],
      [v('v1', { prediction_class: 'yes', actual_class: 'no' }), 10],
      [v('v1', { prediction_class: 'no', actual_class: 'yes' }), 20],
      [v('v1', { prediction_class: 'no', actual_class: 'no' }), 38],
      [v('v1', { prediction_class: '__other__', actual_class: '__other__' }), 2],
    ]);
    expect(qualityErrorRatios(outcomes, ['yes', 'no']).get(KEY)).toBeCloseTo(1 - 68 / 100, 15);
    expect(qualityErrorRatios(outcomes, undefined).get(KEY)).toBeCloseTo(1 - 68 / 100, 15);
    const o = options({
      sloKind: 'quality',
      objective: 0.85,
      burnWindows: [{ severity: 'ticket', long: '1d', short: '2h', burnRate: 3 }],
      period: '1d',
    });
    const [pairs] = framesOfKind(
      sloFrames(o, { windows: { '1d': { outcomes }, '2h': { outcomes } } }),
      FRAME_KIND.sloWindows
    );
    // 0.32 / 0.15 (1 − 0.85 without binary noise).
    expect(column(pairs!, 'longBurnRate')[0]).toBeCloseTo(0.32 / 0.15, 12);
  });

  test('one pair of frames per model version', () => {
    const two = (a: number, b: number): SloWindowInput => ({
      predictions: vector([
        [v('v1'), a],
        [v('v2'), b],
      ]),
      errors: vector([[v('v1'), 1]]),
    });
    const o = options({ burnWindows: [{ severity: 'page', long: '1h', short: '5m', burnRate: 14.4 }], period: '1h' });
    const frames = sloFrames(o, { windows: { '1h': two(999, 500), '5m': two(99, 50) } });
    expect(frames.map((f) => [metaOf<SloMeta>(f).kind, metaOf<SloMeta>(f).version])).toEqual([
      [FRAME_KIND.sloWindows, 'v1'],
      [FRAME_KIND.sloBudget, 'v1'],
      [FRAME_KIND.sloWindows, 'v2'],
      [FRAME_KIND.sloBudget, 'v2'],
    ]);
    expect(column(frames[2]!, 'longBurnRate')[0]).toBe(0);
  });
});
