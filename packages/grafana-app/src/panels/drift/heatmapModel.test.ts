import { createDataFrame, FieldType } from '@grafana/data';
import { toDriftHeatmap } from './heatmapModel';
import { DEFAULT_DRIFT_OPTIONS, type DriftOptions } from './options';
import { driftFrame, HOUR, T0 } from './testFrames';

const options = (overrides: Partial<DriftOptions> = {}): DriftOptions => ({ ...DEFAULT_DRIFT_OPTIONS, ...overrides });
const t = (i: number) => T0 + i * HOUR;
const identity = (feature: string, version = '1', statistic = 'psi', baseline = 'reference') => ({
  feature,
  model: 'lending',
  version,
  statistic,
  baseline,
  segment: '',
});
const levels = { warning: 0.1, critical: 0.2 };

describe('toDriftHeatmap', () => {
  test('one row per feature, one column per time point, levels from the frame', () => {
    const frames = [
      driftFrame('income', [t(0), t(1), t(2)], [0.05, 0.15, 0.25]),
      driftFrame('age', [t(0), t(1), t(2)], [0.02, null, NaN]),
    ];
    expect(toDriftHeatmap(frames, options(), 100)).toEqual({
      statistic: 'PSI',
      thresholds: levels,
      columns: [
        { start: t(0), end: t(0), points: 1 },
        { start: t(1), end: t(1), points: 1 },
        { start: t(2), end: t(2), points: 1 },
      ],
      rows: [
        {
          key: 'age',
          identity: identity('age'),
          tags: [],
          statistic: 'PSI',
          thresholds: levels,
          cells: [
            { value: 0.02, level: 'ok', points: 1 },
            { value: null, level: 'none', points: 0 },
            // NaN is "not computable": no value, never 0.
            { value: null, level: 'none', points: 0 },
          ],
          latest: 0.02,
          latestLevel: 'ok',
        },
        {
          key: 'income',
          identity: identity('income'),
          tags: [],
          statistic: 'PSI',
          thresholds: levels,
          cells: [
            { value: 0.05, level: 'ok', points: 1 },
            { value: 0.15, level: 'warning', points: 1 },
            { value: 0.25, level: 'critical', points: 1 },
          ],
          latest: 0.25,
          latestLevel: 'critical',
        },
      ],
    });
  });

  test('a value equal to a level has crossed it (PSI 0.2 is a significant shift)', () => {
    const model = toDriftHeatmap([driftFrame('income', [t(0), t(1)], [0.1, 0.2])], options(), 100);
    expect(model.rows[0]!.cells.map((c) => c.level)).toEqual(['warning', 'critical']);
  });

  test('more points than columns: consecutive points merge and keep the largest value', () => {
    const frames = [driftFrame('income', [t(0), t(1), t(2), t(3), t(4)], [0.05, 0.22, 0.12, null, 0.11])];
    const model = toDriftHeatmap(frames, options(), 2);
    // ceil(5 / 2) = 3 points per column.
    expect(model.columns).toEqual([
      { start: t(0), end: t(2), points: 3 },
      { start: t(3), end: t(4), points: 2 },
    ]);
    expect(model.rows[0]!.cells).toEqual([
      { value: 0.22, level: 'critical', points: 3 },
      { value: 0.11, level: 'warning', points: 1 },
    ]);
    // The latest value is the last point, not a merged one.
    expect(model.rows[0]!.latest).toBe(0.11);
  });

  test('series with different time stamps share the union of times; a missing point is an empty cell', () => {
    const frames = [driftFrame('a', [t(0), t(2)], [0.01, 0.03]), driftFrame('b', [t(1), t(2)], [0.3, 0.04])];
    const model = toDriftHeatmap(frames, options(), 100);
    expect(model.columns.map((c) => c.start)).toEqual([t(0), t(1), t(2)]);
    expect(model.rows.map((r) => r.cells.map((c) => c.value))).toEqual([
      [0.01, null, 0.03],
      [null, 0.3, 0.04],
    ]);
  });

  test('two model versions: rows keyed and tagged by version, sorted by feature then version', () => {
    const frames = [
      driftFrame('income', [t(0)], [0.3], { version: '2' }),
      driftFrame('income', [t(0)], [0.01], { version: '1' }),
      driftFrame('age', [t(0)], [0.12], { version: '2' }),
    ];
    const rows = toDriftHeatmap(frames, options(), 100).rows;
    expect(rows.map((r) => [r.key, r.tags, r.latestLevel])).toEqual([
      ['age@2', ['v2'], 'warning'],
      ['income@1', ['v1'], 'ok'],
      ['income@2', ['v2'], 'critical'],
    ]);
  });

  test('drift per segment: one row per segment value, tagged by it, beside the aggregate', () => {
    const frames = [
      driftFrame('income', [t(0)], [0.02]),
      driftFrame('income', [t(0)], [0.31], { segment: { name: 'channel', value: 'web' } }),
      driftFrame('income', [t(0)], [0.01], { segment: { name: 'channel', value: 'app' } }),
    ];
    const rows = toDriftHeatmap(frames, options(), 100).rows;
    expect(rows.map((r) => [r.key, r.tags, r.latestLevel])).toEqual([
      ['income@', ['all'], 'ok'],
      ['income@channel=app', ['channel=app'], 'ok'],
      ['income@channel=web', ['channel=web'], 'critical'],
    ]);
  });

  test('mixed statistics: the header says Drift, rows carry the statistic and their own levels', () => {
    const frames = [
      driftFrame('income', [t(0)], [0.15], { statistic: 'psi' }),
      driftFrame('income', [t(0)], [0.15], { statistic: 'jensenShannon', levels: { warning: 0.1, critical: null } }),
    ];
    const model = toDriftHeatmap(frames, options(), 100);
    expect(model.statistic).toBe('Drift');
    expect(model.thresholds).toBeUndefined();
    expect(model.rows.map((r) => r.statistic)).toEqual(['Jensen–Shannon', 'PSI']);
    expect(model.rows.map((r) => [r.key, r.tags, r.thresholds, r.latestLevel])).toEqual([
      ['income@jensenShannon', ['Jensen–Shannon'], { warning: 0.1 }, 'warning'],
      ['income@psi', ['PSI'], levels, 'warning'],
    ]);
  });

  test('thresholds: the frame has none → panel values; source panel → panel values even when the frame has some', () => {
    const noLevels = [driftFrame('income', [t(0)], [0.3], { levels: { warning: null, critical: null } })];
    const panel = { source: 'frame' as const, warning: 0.25, critical: 0.5 };
    expect(toDriftHeatmap(noLevels, options({ thresholds: panel }), 100).rows[0]).toMatchObject({
      thresholds: { warning: 0.25, critical: 0.5 },
      latestLevel: 'warning',
    });
    const withLevels = [driftFrame('income', [t(0)], [0.3])];
    expect(
      toDriftHeatmap(withLevels, options({ thresholds: { ...panel, source: 'panel' } }), 100).rows[0]
    ).toMatchObject({
      thresholds: { warning: 0.25, critical: 0.5 },
      latestLevel: 'warning',
    });
    expect(toDriftHeatmap(withLevels, options({ thresholds: panel }), 100).rows[0]!.latestLevel).toBe('critical');
  });

  test('sort worst first: highest latest value first, rows without a value last', () => {
    const frames = [
      driftFrame('a', [t(0)], [0.05]),
      driftFrame('b', [t(0)], [null]),
      driftFrame('c', [t(0)], [0.4]),
      driftFrame('d', [t(0)], [0.12]),
    ];
    expect(toDriftHeatmap(frames, options({ sortBy: 'latest' }), 100).rows.map((r) => r.key)).toEqual([
      'c',
      'd',
      'a',
      'b',
    ]);
  });

  test('the panel label overrides the statistic name; frames of other kinds and plain frames are ignored', () => {
    const other = createDataFrame({
      meta: { custom: { kind: 'modelwatch.performance' } },
      fields: [
        { name: 'time', type: FieldType.time, values: [t(0)] },
        { name: 'value', type: FieldType.number, values: [0.9] },
      ],
    });
    const plain = createDataFrame({ fields: [{ name: 'value', type: FieldType.number, values: [1] }] });
    const model = toDriftHeatmap(
      [other, plain, driftFrame('income', [t(0)], [0.01])],
      options({ statisticLabel: 'PSI (1h)' }),
      100
    );
    expect(model.statistic).toBe('PSI (1h)');
    expect(model.rows.map((r) => [r.key, r.statistic])).toEqual([['income', 'PSI (1h)']]);
  });

  test('the same series twice gets numbered keys instead of being merged', () => {
    const frames = [driftFrame('income', [t(0)], [0.01]), driftFrame('income', [t(0)], [0.02])];
    expect(toDriftHeatmap(frames, options(), 100).rows.map((r) => [r.key, r.latest])).toEqual([
      ['income', 0.01],
      ['income#2', 0.02],
    ]);
  });

  test('no drift frames: no rows and no columns', () => {
    expect(toDriftHeatmap([], options(), 100)).toEqual({ statistic: 'Drift', columns: [], rows: [] });
  });
});
