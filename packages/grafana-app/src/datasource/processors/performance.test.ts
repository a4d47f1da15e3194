import { FRAME_KIND, metaOf, type PerformanceMeta } from '../../shared/frames';
import { resolveQuery, type PerformanceOptions } from '../options/resolve';
import { matrix } from '../testing/prometheus-json';
import type { Labels } from '../prometheus/api';
import type { MlQuery } from '../types';
import { performanceFrames } from './performance';

const T0 = 1_700_000_000;

function options(query: Partial<MlQuery>): PerformanceOptions {
  return resolveQuery(
    { refId: 'A', model: 'credit', queryType: 'performance', ...query },
    'exporter-prometheus'
  ) as PerformanceOptions;
}

const cell = (p: string, a: string, version = 'v1'): Labels => ({
  model_name: 'credit',
  model_version: version,
  prediction_class: p,
  actual_class: a,
});

/** tp, fp, fn, tn at each timestamp, with the class labels `yes`/`no`. */
function cells(perTime: Array<[number, [number, number, number, number]]>, version = 'v1') {
  const order: Array<[string, string]> = [
    ['yes', 'yes'],
    ['yes', 'no'],
    ['no', 'yes'],
    ['no', 'no'],
  ];
  return order.map(
    ([p, a], i) =>
      [cell(p, a, version), perTime.map(([t, c]) => [t, c[i]!] as [number, number])] as [
        Labels,
        Array<[number, number]>,
      ]
  );
}

describe('performance over time', () => {
  // tp 30, fp 10, fn 20, tn 40 (100 labelled predictions).
  const realized = matrix(
    cells([
      [T0, [30, 10, 20, 40]],
      [T0 + 60, [0, 0, 0, 0]],
    ])
  );
  // CBPE's expected cells are fractional.
  const estimated = matrix(cells([[T0, [32.5, 7.5, 12.25, 47.75]]]));

  test('each metric equals the hand value from the confusion cells', () => {
    const frames = performanceFrames(
      options({ metrics: ['accuracy', 'precision', 'recall', 'f1', 'fpr', 'fnr', 'selectionRate'] }),
      { realized, estimated }
    );
    const realizedValues = Object.fromEntries(
      frames
        .filter((f) => metaOf<PerformanceMeta>(f).source === 'realized')
        .map((f) => [metaOf<PerformanceMeta>(f).metric, f.fields[1]!.values[0]])
    );
    expect(realizedValues.accuracy).toBeCloseTo(70 / 100, 15);
    expect(realizedValues.precision).toBeCloseTo(30 / 40, 15);
    expect(realizedValues.recall).toBeCloseTo(30 / 50, 15);
    expect(realizedValues.f1).toBeCloseTo(60 / 90, 15);
    expect(realizedValues.fpr).toBeCloseTo(10 / 50, 15);
    expect(realizedValues.fnr).toBeCloseTo(20 / 50, 15);
    expect(realizedValues.selectionRate).toBeCloseTo(40 / 100, 15);
    const f1Estimated = frames.find(
      (f) => metaOf<PerformanceMeta>(f).source === 'estimated' && metaOf<PerformanceMeta>(f).metric === 'f1'
    )!;
    expect(f1Estimated.fields[1]!.values[0]).toBeCloseTo((2 * 32.5) / (2 * 32.5 + 7.5 + 12.25), 15);
  });

  test('defaults to f1 and accuracy, realized and estimated, labelled per version, metric and source', () => {
    const frames = performanceFrames(options({}), { realized, estimated });
    expect(frames.map((f) => f.fields[1]!.labels)).toEqual([
      { model_name: 'credit', model_version: 'v1', metric: 'f1', source: 'realized' },
      { model_name: 'credit', model_version: 'v1', metric: 'accuracy', source: 'realized' },
      { model_name: 'credit', model_version: 'v1', metric: 'f1', source: 'estimated' },
      { model_name: 'credit', model_version: 'v1', metric: 'accuracy', source: 'estimated' },
    ]);
    expect(metaOf<PerformanceMeta>(frames[0]!)).toEqual({
      kind: FRAME_KIND.performance,
      metric: 'f1',
      source: 'realized',
      window: '1d',
      classes: { positive: 'yes', negative: 'no' },
      levels: {},
    });
  });

  test('a window without outcomes is NaN, never 0', () => {
    const [f1] = performanceFrames(options({ metrics: ['f1'] }), { realized });
    expect(f1!.fields[1]!.values[1]).toBeNaN();
  });

  test('a missing cell series leaves the step undefined, as the rule (PromQL drops the whole expression)', () => {
    const partial = matrix(cells([[T0, [30, 10, 20, 40]]]).slice(0, 3));
    const [accuracy] = performanceFrames(options({ metrics: ['accuracy'] }), { realized: partial });
    expect(accuracy!.fields[1]!.values[0]).toBeNaN();
  });

  test('classes the series do not name conventionally need the positive class; one given class completes the pair', () => {
    const approve = matrix(
      (
        [
          ['approve', 'approve', 30],
          ['approve', 'deny', 10],
          ['deny', 'approve', 20],
          ['deny', 'deny', 40],
        ] as const
      ).map(([p, a, v]) => [cell(p, a), [[T0, v]]] as [Labels, Array<[number, number]>])
    );
    expect(() => performanceFrames(options({}), { realized: approve })).toThrow(
      'positiveClass: choose the positive class of credit (its series have approve, deny)'
    );
    const [recallDeny] = performanceFrames(options({ metrics: ['recall'], positiveClass: 'deny' }), {
      realized: approve,
    });
    expect(recallDeny!.fields[1]!.values[0]).toBeCloseTo(40 / 50, 15);
    const [recallApprove] = performanceFrames(options({ metrics: ['recall'], negativeClass: 'deny' }), {
      realized: approve,
    });
    expect(recallApprove!.fields[1]!.values[0]).toBeCloseTo(30 / 50, 15);
    expect(() =>
      performanceFrames(options({ positiveClass: 'yes', negativeClass: 'deny' }), { realized: approve })
    ).toThrow("positiveClass: 'yes' is not a class of credit (its series have approve, deny); choose one of those");
  });

  test('a segment reads realized cells only and says that estimates are not split by segment', () => {
    const frames = performanceFrames(options({ segmentName: 'region', segmentValue: 'north', metrics: ['f1'] }), {
      realized,
    });
    expect(frames).toHaveLength(1);
    expect(frames[0]!.fields[1]!.labels).toMatchObject({
      segment_name: 'region',
      segment_value: 'north',
      source: 'realized',
    });
    expect(frames[0]!.meta?.notices?.[0]?.text).toMatch(/not recorded per segment/);
  });

  test('no outcome series: no frames', () => {
    expect(performanceFrames(options({}), { realized: matrix([]), estimated: matrix([]) })).toEqual([]);
  });
});
