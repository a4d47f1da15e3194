import { FieldType } from '@grafana/data';
import { FRAME_KIND, metaOf, type DriftBinsMeta, type DriftMeta } from '../../shared/frames';
import { resolveQuery, type DriftOptions } from '../options/resolve';
import { binSeries, matrix, vector, binLabels } from '../testing/prometheus-json';
import type { MlQuery } from '../types';
import { driftBinsFrames, driftSeriesFrames } from './drift';

const T0 = 1_700_000_000;
const STEP = 60;

function options(query: Partial<MlQuery>): DriftOptions {
  return resolveQuery(
    { refId: 'A', model: 'credit', queryType: 'drift', ...query },
    'exporter-prometheus'
  ) as DriftOptions;
}

const quarter = [0.25, 0.25, 0.25, 0.25];
const referenceOverTime = matrix(
  binSeries('income', [
    [T0, quarter],
    [T0 + STEP, quarter],
    [T0 + 2 * STEP, quarter],
  ])
);

// Hand calculations: reference shares 1/4 each against current shares 0.4, 0.3, 0.2, 0.1 (counts 40, 30, 20, 10).
const q = [0.4, 0.3, 0.2, 0.1];
const PSI =
  (0.4 - 0.25) * Math.log(0.4 / 0.25) +
  (0.3 - 0.25) * Math.log(0.3 / 0.25) +
  (0.2 - 0.25) * Math.log(0.2 / 0.25) +
  (0.1 - 0.25) * Math.log(0.1 / 0.25);
const m = q.map((x) => (x + 0.25) / 2);
const JS = Math.sqrt(
  0.5 * quarter.reduce((s, p, i) => s + p * Math.log(p / m[i]!), 0) +
    0.5 * q.reduce((s, x, i) => s + x * Math.log(x / m[i]!), 0)
);
// Cumulative shares 0.25, 0.5, 0.75 against 0.4, 0.7, 0.9: the largest gap is 0.2.
const KS = 0.2;
// Expected counts 25 each: (15² + 5² + 5² + 15²) / 25.
const CHI_SQUARE = 20;

describe('drift over time', () => {
  const counts = matrix(
    binSeries('income', [
      [T0, [40, 30, 20, 10]],
      [T0 + STEP, [25, 25, 25, 25]],
      [T0 + 2 * STEP, [0, 0, 0, 0]],
    ])
  );

  test.each([
    ['psi', PSI],
    ['jensenShannon', JS],
    ['ks', KS],
    ['chiSquare', CHI_SQUARE],
  ] as const)('%s at each step equals the hand value; an empty window is NaN, not 0', (statistic, expected) => {
    const frames = driftSeriesFrames(options({ statistic }), { counts, baseline: referenceOverTime });
    expect(frames).toHaveLength(1);
    const [time, value] = frames[0]!.fields;
    expect(time!.type).toBe(FieldType.time);
    expect(time!.values).toEqual([T0 * 1000, (T0 + STEP) * 1000, (T0 + 2 * STEP) * 1000]);
    expect(value!.name).toBe('value');
    expect(value!.values[0]).toBeCloseTo(expected, 12);
    // Counts equal to the reference: no drift.
    expect(value!.values[1]).toBeCloseTo(0, 12);
    expect(value!.values[2]).toBeNaN();
  });

  test('PSI replaces an empty share by 1e-4 before the logarithm (Evidently and the PSI rule)', () => {
    const empty = matrix(binSeries('income', [[T0, [50, 50, 0, 0]]]));
    const [frame] = driftSeriesFrames(options({ statistic: 'psi' }), { counts: empty, baseline: referenceOverTime });
    const expected = 2 * (0.5 - 0.25) * Math.log(0.5 / 0.25) + 2 * (1e-4 - 0.25) * Math.log(1e-4 / 0.25);
    expect(frame!.fields[1]!.values[0]).toBeCloseTo(expected, 12);
    // Jensen–Shannon needs no replacement: 0·ln 0 = 0.
    const [js] = driftSeriesFrames(options({ statistic: 'jensenShannon' }), {
      counts: empty,
      baseline: referenceOverTime,
    });
    const mid = [0.375, 0.375, 0.125, 0.125];
    const hand = Math.sqrt(
      0.5 * quarter.reduce((s, p, i) => s + p * Math.log(p / mid[i]!), 0) + 0.5 * (2 * 0.5 * Math.log(0.5 / 0.375))
    );
    expect(js!.fields[1]!.values[0]).toBeCloseTo(hand, 12);
  });

  test('lastWeek compares with the shares of the same window one offset earlier', () => {
    const now = matrix(
      binSeries('income', [
        [T0, [40, 30, 20, 10]],
        [T0 + STEP, [4, 3, 2, 1]],
      ])
    );
    const earlier = matrix(
      binSeries('income', [
        [T0, [100, 200, 300, 400]],
        [T0 + STEP, [0, 0, 0, 0]],
      ])
    );
    const [frame] = driftSeriesFrames(options({ statistic: 'psi', baseline: 'lastWeek' }), {
      counts: now,
      baseline: earlier,
    });
    // p = 0.1, 0.2, 0.3, 0.4 against q = 0.4, 0.3, 0.2, 0.1.
    const expected = 2 * 0.3 * Math.log(4) + 2 * 0.1 * Math.log(1.5);
    expect(frame!.fields[1]!.values[0]).toBeCloseTo(expected, 12);
    // A week earlier the window was empty: nothing to compare with.
    expect(frame!.fields[1]!.values[1]).toBeNaN();
    expect(metaOf<DriftMeta>(frame!)).toEqual({
      kind: FRAME_KIND.drift,
      statistic: 'psi',
      window: '1h',
      baseline: 'lastWeek',
      feature: 'income',
      levels: { warning: 0.1, critical: 0.2 },
    });
  });

  test('a step without baseline has no value (the rule records nothing there)', () => {
    const now = matrix(
      binSeries('income', [
        [T0, [40, 30, 20, 10]],
        [T0 + STEP, [40, 30, 20, 10]],
      ])
    );
    const reference = matrix(binSeries('income', [[T0 + STEP, quarter]]));
    const [frame] = driftSeriesFrames(options({}), { counts: now, baseline: reference });
    expect(frame!.fields[1]!.values[0]).toBeNaN();
    expect(frame!.fields[1]!.values[1]).toBeCloseTo(PSI, 12);
  });

  test('one frame per feature and version, labelled, with the generator levels of the statistic', () => {
    const counts2 = matrix([
      ...binSeries('income', [[T0, [40, 30, 20, 10]]], 'v2'),
      ...binSeries('income', [[T0, [25, 25, 25, 25]]], 'v1'),
      ...binSeries('age', [[T0, [10, 20, 30, 40]]], 'v1'),
    ]);
    const reference = matrix([
      ...binSeries('income', [[T0, quarter]], 'v2'),
      ...binSeries('income', [[T0, quarter]], 'v1'),
      ...binSeries('age', [[T0, quarter]], 'v1'),
    ]);
    const frames = driftSeriesFrames(options({ statistic: 'jensenShannon' }), { counts: counts2, baseline: reference });
    expect(frames.map((f) => f.fields[1]!.labels)).toEqual([
      { model_name: 'credit', model_version: 'v1', feature: 'age', feature_role: 'feature' },
      { model_name: 'credit', model_version: 'v1', feature: 'income', feature_role: 'feature' },
      { model_name: 'credit', model_version: 'v2', feature: 'income', feature_role: 'feature' },
    ]);
    expect(frames[1]!.fields[1]!.values[0]).toBeCloseTo(0, 12);
    expect(frames[2]!.fields[1]!.values[0]).toBeCloseTo(JS, 12);
    expect(
      frames.every(
        (f) => metaOf<DriftMeta>(f).levels.warning === 0.1 && metaOf<DriftMeta>(f).levels.critical === undefined
      )
    ).toBe(true);
  });

  const categorical = binSeries('purpose', [[T0, [30, 60, 10, 0]]], 'v1', ['car', 'home', '__other__', '__missing__']);
  const categoricalReference = binSeries('purpose', [[T0, [0.5, 0.3, 0.15, 0.05]]], 'v1', [
    'car',
    'home',
    '__other__',
    '__missing__',
  ]);

  test('KS leaves categorical features out, as the KS rule does, and says so for a chosen categorical feature', () => {
    const counts3 = matrix([...categorical, ...binSeries('income', [[T0, [40, 30, 20, 10]]])]);
    const reference = matrix([...categoricalReference, ...binSeries('income', [[T0, quarter]])]);
    const frames = driftSeriesFrames(options({ statistic: 'ks' }), { counts: counts3, baseline: reference });
    expect(frames.map((f) => metaOf<DriftMeta>(f).feature)).toEqual(['income']);
    expect(() =>
      driftSeriesFrames(options({ statistic: 'ks', feature: 'purpose' }), { counts: counts3, baseline: reference })
    ).toThrow(
      "statistic: ks compares cumulative shares of ordered bins; 'purpose' of credit is categorical: use psi, jensenShannon or chiSquare"
    );
  });

  test('chi-square over categories leaves out those the reference never saw', () => {
    // __missing__ has reference share 0, so it cannot be expected and is left out; over the 100 values in the
    // other bins the expected counts are 50, 30 and 20.
    const counts4 = matrix(
      binSeries('purpose', [[T0, [30, 60, 10, 0]]], 'v1', ['car', 'home', '__other__', '__missing__'])
    );
    const reference = matrix(
      binSeries('purpose', [[T0, [0.5, 0.3, 0.2, 0]]], 'v1', ['car', 'home', '__other__', '__missing__'])
    );
    const [frame] = driftSeriesFrames(options({ statistic: 'chiSquare' }), { counts: counts4, baseline: reference });
    const expected = (30 - 50) ** 2 / 50 + (60 - 30) ** 2 / 30 + (10 - 20) ** 2 / 20;
    expect(frame!.fields[1]!.values[0]).toBeCloseTo(expected, 10);
  });
});

describe('drift bins at the end of the range', () => {
  test('reference and current shares per bin, with the statistic and the count in the meta', () => {
    const counts = vector([40, 30, 20, 10].map((v, i) => [binLabels('income', i), v]));
    const reference = vector(quarter.map((v, i) => [binLabels('income', i), v]));
    const [frame] = driftBinsFrames(options({ queryType: 'driftBins' }), { counts, baseline: reference });
    expect(frame!.fields.map((f) => f.name)).toEqual(['bin', 'reference', 'current']);
    expect(frame!.fields[0]!.values).toEqual(['0', '1', '2', '3']);
    expect(frame!.fields[1]!.values).toEqual(quarter);
    expect(frame!.fields[2]!.values).toEqual([0.4, 0.3, 0.2, 0.1]);
    const meta = metaOf<DriftBinsMeta>(frame!);
    expect(meta.kind).toBe(FRAME_KIND.driftBins);
    expect(meta.value).toBeCloseTo(PSI, 12);
    expect(meta.count).toBe(100);
    expect([meta.model, meta.version, meta.feature]).toEqual(['credit', 'v1', 'income']);
  });

  test('without a feature: one frame per feature; numeric bins in numeric order, categories by reference share', () => {
    const income = Array.from(
      { length: 12 },
      (_, i) => [binLabels('income', i), i + 1] as [Record<string, string>, number]
    );
    const purpose: Array<[Record<string, string>, number]> = [
      [binLabels('purpose', '__missing__'), 1],
      [binLabels('purpose', 'car'), 30],
      [binLabels('purpose', '__other__'), 5],
      [binLabels('purpose', 'home'), 60],
    ];
    const reference: Array<[Record<string, string>, number]> = [
      ...income.map(([l]) => [l, 1 / 12] as [Record<string, string>, number]),
      [binLabels('purpose', '__missing__'), 0.05],
      [binLabels('purpose', 'car'), 0.3],
      [binLabels('purpose', '__other__'), 0.1],
      [binLabels('purpose', 'home'), 0.55],
    ];
    const frames = driftBinsFrames(options({ queryType: 'driftBins' }), {
      counts: vector([...purpose, ...income]),
      baseline: vector(reference),
    });
    expect(frames.map((f) => metaOf<DriftBinsMeta>(f).feature)).toEqual(['income', 'purpose']);
    expect(frames[0]!.fields[0]!.values).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    expect(frames[1]!.fields[0]!.values).toEqual(['home', 'car', '__other__', '__missing__']);
    expect(frames[1]!.fields[2]!.values).toEqual([60 / 96, 30 / 96, 5 / 96, 1 / 96]);
    expect(metaOf<DriftBinsMeta>(frames[1]!).count).toBe(96);
  });

  test('an empty window gives NaN shares and a NaN statistic', () => {
    const counts = vector([0, 0, 0, 0].map((v, i) => [binLabels('income', i), v]));
    const reference = vector(quarter.map((v, i) => [binLabels('income', i), v]));
    const [frame] = driftBinsFrames(options({ queryType: 'driftBins' }), { counts, baseline: reference });
    expect(frame!.fields[2]!.values.every((v: number) => Number.isNaN(v))).toBe(true);
    expect(metaOf<DriftBinsMeta>(frame!).value).toBeNaN();
    expect(metaOf<DriftBinsMeta>(frame!).count).toBe(0);
  });

  test('lastWeek: the reference column holds last week shares', () => {
    const counts = vector([40, 30, 20, 10].map((v, i) => [binLabels('income', i), v]));
    const earlier = vector([100, 200, 300, 400].map((v, i) => [binLabels('income', i), v]));
    const [frame] = driftBinsFrames(options({ queryType: 'driftBins', baseline: 'lastWeek' }), {
      counts,
      baseline: earlier,
    });
    expect(frame!.fields[1]!.values).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(metaOf<DriftBinsMeta>(frame!).value).toBeCloseTo(2 * 0.3 * Math.log(4) + 2 * 0.1 * Math.log(1.5), 12);
  });
});

describe('drift per segment', () => {
  /** A feature's bin series for one value of the channel segment. */
  const segmentSeries = (value: string, perTime: Array<[number, number[]]>) =>
    binSeries('income', perTime).map(
      ([labels, points]) =>
        [{ ...labels, segment_name: 'channel', segment_value: value }, points] as [typeof labels, typeof points]
    );
  const segmented = (query: Partial<MlQuery>): DriftOptions => options({ segmentName: 'channel', ...query });

  test('one frame per segment value, each against the whole reference, named and marked by its segment', () => {
    const counts = matrix([
      ...segmentSeries('web', [[T0, [25, 25, 25, 25]]]),
      ...segmentSeries('app', [[T0, [40, 30, 20, 10]]]),
    ]);
    const frames = driftSeriesFrames(segmented({ statistic: 'psi' }), { counts, baseline: referenceOverTime });
    expect(frames.map((f) => f.name)).toEqual(['income channel=app credit v1', 'income channel=web credit v1']);
    expect(frames.map((f) => metaOf<DriftMeta>(f).segment)).toEqual([
      { name: 'channel', value: 'app' },
      { name: 'channel', value: 'web' },
    ]);
    expect(frames[0]!.fields[1]!.values[0]).toBeCloseTo(PSI, 12);
    expect(frames[1]!.fields[1]!.values[0]).toBeCloseTo(0, 12);
  });

  test('the bins of a segment value beside the reference, with its own statistic and count', () => {
    const counts = vector([
      ...segmentSeries('app', [[T0, [40, 30, 20, 10]]]).map(([l, p]) => [l, p[0]![1]] as [typeof l, number]),
      ...segmentSeries('web', [[T0, [5, 5, 5, 5]]]).map(([l, p]) => [l, p[0]![1]] as [typeof l, number]),
    ]);
    const baseline = vector(quarter.map((v, i) => [binLabels('income', i), v]));
    const frames = driftBinsFrames(segmented({ queryType: 'driftBins', statistic: 'jensenShannon' }), {
      counts,
      baseline,
    });
    const metas = frames.map((f) => metaOf<DriftBinsMeta>(f));
    expect(metas.map((x) => [x.segment?.value, x.count])).toEqual([
      ['app', 100],
      ['web', 20],
    ]);
    expect(metas[0]!.value).toBeCloseTo(JS, 12);
    expect(metas[1]!.value).toBeCloseTo(0, 12);
    expect(frames[0]!.fields.map((f) => f.values)).toEqual([['0', '1', '2', '3'], quarter, q]);
  });

  test('last week is the same segment value one offset earlier, never another value', () => {
    const counts = matrix([
      ...segmentSeries('app', [[T0, [40, 30, 20, 10]]]),
      ...segmentSeries('web', [[T0, [1, 1, 1, 1]]]),
    ]);
    const baseline = matrix([
      ...segmentSeries('app', [[T0, [40, 30, 20, 10]]]),
      ...segmentSeries('web', [[T0, [4, 3, 2, 1]]]),
    ]);
    const frames = driftSeriesFrames(segmented({ statistic: 'psi', baseline: 'lastWeek' }), { counts, baseline });
    expect(frames.map((f) => metaOf<DriftMeta>(f).segment?.value)).toEqual(['app', 'web']);
    expect(frames[0]!.fields[1]!.values[0]).toBeCloseTo(0, 12);
    expect(frames[1]!.fields[1]!.values[0]).toBeCloseTo(PSI, 12);
  });

  test('the aggregate frames carry no segment', () => {
    const counts = matrix(binSeries('income', [[T0, [40, 30, 20, 10]]]));
    const [frame] = driftSeriesFrames(options({ statistic: 'psi' }), { counts, baseline: referenceOverTime });
    expect(metaOf<DriftMeta>(frame!).segment).toBeUndefined();
    expect(frame!.name).toBe('income credit v1');
  });
});
