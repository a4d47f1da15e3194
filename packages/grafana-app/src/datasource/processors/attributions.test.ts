import { FRAME_KIND, metaOf, type AttributionMeta } from '../../shared/frames';
import { resolveQuery, type AttributionOptions } from '../options/resolve';
import { matrix, vector } from '../testing/prometheus-json';
import type { MlQuery } from '../types';
import { attributionFrames } from './attributions';

const T0 = 1_700_000_000;
const m = (version: string, extra: Record<string, string> = {}) => ({
  model_name: 'credit',
  model_version: version,
  ...extra,
});

function options(query: Partial<MlQuery> = {}): AttributionOptions {
  return resolveQuery(
    { refId: 'A', model: 'credit', queryType: 'attributions', ...query },
    'exporter-prometheus'
  ) as AttributionOptions;
}

// Two replicas' series of v1, as PromQL's `sum by (model_name, model_version, feature)` would not have merged them
// when a query reads them raw: the processor adds them before dividing, as the rules' sum does.
const absoluteSums = matrix([
  [
    m('v1', { feature: 'income' }),
    [
      [T0, 30],
      [T0 + 60, 4],
    ],
  ],
  [
    m('v1', { feature: 'income' }),
    [
      [T0, 10],
      [T0 + 60, 4],
    ],
  ],
  [
    m('v1', { feature: 'tenure' }),
    [
      [T0, 10],
      [T0 + 60, 40],
    ],
  ],
  [
    m('v1', { feature: 'region' }),
    [
      [T0, 20],
      [T0 + 60, 20],
    ],
  ],
]);
const counts = matrix([
  [
    m('v1', { feature: 'income' }),
    [
      [T0, 50],
      [T0 + 60, 50],
    ],
  ],
  [
    m('v1', { feature: 'income' }),
    [
      [T0, 50],
      [T0 + 60, 50],
    ],
  ],
  [
    m('v1', { feature: 'tenure' }),
    [
      [T0, 100],
      [T0 + 60, 100],
    ],
  ],
  [
    m('v1', { feature: 'region' }),
    [
      [T0, 100],
      [T0 + 60, 100],
    ],
  ],
]);
const reference = vector([
  [m('v1', { feature: 'income' }), 0.5],
  [m('v1', { feature: 'region' }), 0.2],
  [m('v1', { feature: 'tenure' }), 0.1],
]);

describe('explanation drift in the datasource', () => {
  it('defaults to nDCG over 1h with the 0.9 level, and refuses unknown statistics in one line', () => {
    expect(options()).toMatchObject({ statistic: 'ndcg', window: '1h', levels: { warning: 0.9 } });
    expect(() => options({ attributionStatistic: 'rank' as never })).toThrow(
      "attributionStatistic: 'rank' is not one of ndcg, importance"
    );
  });

  it('computes the nDCG after adding the replicas’ sums and counts (hand calculation)', () => {
    const [frame] = attributionFrames(options(), { absoluteSums, counts, reference });
    expect(metaOf<AttributionMeta>(frame!)).toMatchObject({ kind: FRAME_KIND.attributions, statistic: 'ndcg' });
    const values = frame!.fields[1]!.values as number[];
    // At T0 importances are income 0.4, region 0.2, tenure 0.1: the reference order, nDCG 1.
    expect(values[0]).toBeCloseTo(1, 12);
    // At T0+60: income 0.08, region 0.2, tenure 0.4 — the reversed order. Gains 0.1, 0.2, 0.5 at ranks 0, 1, 2.
    const d = (r: number) => 1 / Math.log2(r + 2);
    const expected = (0.1 * d(0) + 0.2 * d(1) + 0.5 * d(2)) / (0.5 * d(0) + 0.2 * d(1) + 0.1 * d(2));
    expect(values[1]).toBeCloseTo(expected, 12);
  });

  it('returns the live importance per feature with its reference importance', () => {
    const frames = attributionFrames(options({ attributionStatistic: 'importance' }), {
      absoluteSums,
      counts,
      reference,
    });
    expect(frames.map((f) => metaOf<AttributionMeta>(f).feature)).toEqual(['income', 'region', 'tenure']);
    expect(frames[0]!.fields[1]!.values).toEqual([0.4, 0.08]);
    expect(metaOf<AttributionMeta>(frames[0]!).referenceImportance).toBe(0.5);
  });
});
