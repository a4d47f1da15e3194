import { FRAME_KIND, metaOf, type QualityMeta } from '../../shared/frames';
import { resolveQuery, type QualityOptions } from '../options/resolve';
import { matrix } from '../testing/prometheus-json';
import type { MlQuery } from '../types';
import { qualityFrames } from './quality';

const T0 = 1_700_000_000;
const m = (version: string, extra: Record<string, string> = {}) => ({
  model_name: 'credit',
  model_version: version,
  ...extra,
});

function options(query: Partial<MlQuery> = {}): QualityOptions {
  return resolveQuery(
    { refId: 'A', model: 'credit', queryType: 'quality', ...query },
    'exporter-prometheus'
  ) as QualityOptions;
}

describe('data-quality issue rates', () => {
  const issues = matrix([
    [
      m('v1', { feature: 'income', issue: 'missing' }),
      [
        [T0, 12],
        [T0 + 60, 0],
        [T0 + 120, 3],
      ],
    ],
    [
      m('v1', { feature: 'income', issue: 'out_of_range' }),
      [
        [T0, 4],
        [T0 + 60, 0],
        [T0 + 120, 0],
      ],
    ],
    [m('v2', { feature: 'income', issue: 'missing' }), [[T0, 1]]],
  ]);
  const predictions = matrix([
    [
      m('v1'),
      [
        [T0, 200],
        [T0 + 60, 0],
        [T0 + 120, 0],
      ],
    ],
    [m('v2'), [[T0, 50]]],
  ]);

  test('issues per prediction at each step, one frame per version, feature and issue', () => {
    const frames = qualityFrames(options(), { issues, predictions });
    expect(frames.map((f) => f.fields[1]!.labels)).toEqual([
      m('v1', { feature: 'income', issue: 'missing' }),
      m('v1', { feature: 'income', issue: 'out_of_range' }),
      m('v2', { feature: 'income', issue: 'missing' }),
    ]);
    const missing = frames[0]!.fields[1]!.values;
    expect(missing[0]).toBeCloseTo(12 / 200, 15);
    // No predictions and no issues: 0/0 is NaN, as in PromQL; issues without predictions: +Inf.
    expect(missing[1]).toBeNaN();
    expect(missing[2]).toBe(Infinity);
    expect(frames[2]!.fields[1]!.values[0]).toBeCloseTo(1 / 50, 15);
  });

  test('each frame carries the generator levels of its issue', () => {
    const frames = qualityFrames(options(), { issues, predictions });
    expect(metaOf<QualityMeta>(frames[0]!)).toEqual({
      kind: FRAME_KIND.quality,
      feature: 'income',
      issue: 'missing',
      window: '1h',
      levels: { warning: 0.05, critical: 0.2 },
    });
    expect(metaOf<QualityMeta>(frames[1]!).levels).toEqual({ warning: 0.05 });
    const custom = qualityFrames(options({ levels: { warning: 0.5 } }), { issues, predictions });
    expect(metaOf<QualityMeta>(custom[0]!).levels).toEqual({ warning: 0.5 });
  });
});
