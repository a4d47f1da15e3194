import type { DataFrame } from '@grafana/data';
import { resolveQuery, type ResolvedQuery } from '../options/resolve';
import type { Labels } from '../prometheus/api';
import { binLabels, matrix, vector } from '../testing/prometheus-json';
import type { MlQuery } from '../types';
import { driftBinsFrames, driftSeriesFrames } from './drift';
import { fairnessFrames } from './fairness';
import { performanceFrames } from './performance';
import { qualityFrames } from './quality';

// Model, feature, class, bin, attribute and group names come from users. Names that are also members of every
// JavaScript object must be handled like any other: the frames made with them are the frames made with plain
// names, renamed. A processor that kept such names in a plain object would drop or mix them up.
const HOSTILE = ['__proto__', 'constructor', 'toString'] as const;
/** Plain names that sort as the hostile ones do, so ordering by name cannot tell the two runs apart. */
const PLAIN = ['aa_name', 'bb_name', 'cc_name'] as const;
const T0 = 1_700_000_000;

type Names = readonly [string, string, string];

function options(query: Partial<MlQuery>, model: string): ResolvedQuery {
  return resolveQuery({ refId: 'A', queryType: 'fairness', ...query, model }, 'exporter-prometheus');
}

/** The frames as JSON, with the hostile names replaced by the plain ones. */
function renamed(frames: DataFrame[]): string {
  let text = JSON.stringify(frames);
  HOSTILE.forEach((h, i) => {
    text = text.split(h).join(PLAIN[i]);
  });
  return text;
}

/** Runs `make` with plain names and with hostile ones: the two must agree, and both must say something. */
function expectSameFrames(make: (names: Names) => DataFrame[]): void {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const plain = make(PLAIN);
  const hostile = make(HOSTILE);
  expect(JSON.stringify(plain)).toMatch(/aa_name/);
  expect(renamed(hostile)).toBe(JSON.stringify(plain));
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
}

test('fairness: the attribute, its groups, the classes and the model may have any name', () => {
  expectSameFrames(([a, b, c]) => {
    const labels = (group: string): Labels => ({
      model_name: c,
      model_version: 'v1',
      group_attribute: a,
      group_value: group,
    });
    const spec: Array<[string, number, number, [number, number, number, number]]> = [
      [a, 40, 60, [30, 10, 20, 40]],
      [b, 36, 44, [25, 11, 5, 39]],
      [c, 12, 8, [8, 4, 2, 6]],
    ];
    const predictions: Array<[Labels, number]> = [];
    const outcomes: Array<[Labels, number]> = [];
    for (const [group, yes, no, cells] of spec) {
      predictions.push(
        [{ ...labels(group), prediction_class: b }, yes],
        [{ ...labels(group), prediction_class: a }, no]
      );
      const order: Array<[string, string]> = [
        [b, b],
        [b, a],
        [a, b],
        [a, a],
      ];
      order.forEach(([p, q], i) =>
        outcomes.push([{ ...labels(group), prediction_class: p, actual_class: q }, cells[i]!])
      );
    }
    const o = options({ queryType: 'fairness', attribute: a, positiveClass: b, referenceGroup: b }, c);
    return fairnessFrames(
      o as Parameters<typeof fairnessFrames>[0],
      {
        predictions: vector(predictions),
        outcomes: vector(outcomes),
      } as Parameters<typeof fairnessFrames>[1]
    );
  });
});

test('performance: the classes and the model may have any name', () => {
  expectSameFrames(([a, b, c]) => {
    const cell = (p: string, q: string): Labels => ({
      model_name: c,
      model_version: 'v1',
      prediction_class: p,
      actual_class: q,
    });
    const realized = matrix([
      [cell(a, a), [[T0, 30]]],
      [cell(a, b), [[T0, 10]]],
      [cell(b, a), [[T0, 20]]],
      [cell(b, b), [[T0, 40]]],
    ]);
    const o = options({ queryType: 'performance', positiveClass: a }, c);
    return performanceFrames(o as Parameters<typeof performanceFrames>[0], { realized });
  });
});

test('data quality: the features and the model may have any name', () => {
  expectSameFrames(([a, b, c]) => {
    const m = (extra: Labels = {}): Labels => ({ model_name: c, model_version: 'v1', ...extra });
    const issues = matrix([
      [m({ feature: a, issue: 'missing' }), [[T0, 12]]],
      [m({ feature: b, issue: 'missing' }), [[T0, 4]]],
      [m({ feature: c, issue: 'out_of_range' }), [[T0, 2]]],
    ]);
    const predictions = matrix([[m(), [[T0, 200]]]]);
    const o = options({ queryType: 'quality' }, c);
    return qualityFrames(
      o as Parameters<typeof qualityFrames>[0],
      { issues, predictions } as Parameters<typeof qualityFrames>[1]
    );
  });
});

test('drift: the features, the categories and the model may have any name', () => {
  expectSameFrames(([a, b, c]) => {
    const bins = (feature: string, values: number[]): Array<[Labels, number]> =>
      [a, b, c].map((bin, i) => [binLabels(feature, bin, 'v1', c), values[i]!]);
    const counts = [...bins(a, [50, 30, 20]), ...bins(b, [10, 10, 80])];
    const reference = [...bins(a, [0.4, 0.4, 0.2]), ...bins(b, [0.3, 0.3, 0.4])];
    const series = driftSeriesFrames(
      options({ queryType: 'drift', statistic: 'psi' }, c) as Parameters<typeof driftSeriesFrames>[0],
      {
        counts: matrix(counts.map(([l, v]) => [l, [[T0, v]]])),
        baseline: matrix(reference.map(([l, v]) => [l, [[T0, v]]])),
      }
    );
    const instant = driftBinsFrames(
      options({ queryType: 'driftBins', feature: a }, c) as Parameters<typeof driftBinsFrames>[0],
      {
        counts: vector(counts),
        baseline: vector(reference),
      }
    );
    return [...series, ...instant];
  });
});
