import { DEFAULTS as CONTRACT } from '@modelwatch/semconv';
import { fourFifths, nycLl144 } from '@modelwatch/stats';
import { complianceOptions } from '../options/resolve';
import type { Labels } from '../prometheus/api';
import { vector } from '../testing/prometheus-json';
import type { MlQuery } from '../types';
import { complianceModels, judgedWindow, policySettings } from './compliance';

// The pack settings the policy rules record (modelwatch:policy_settings:info) against the query's defaults.
const options = (query: Partial<MlQuery> = {}) =>
  complianceOptions({ refId: 'A', queryType: 'compliance', ...query }, 'exporter-prometheus');

// sex: F 120 predictions (36 "yes", 84 "no"), M 200 (80 yes, 120 no), X 5 (4 yes, 1 no).
const SEX: Record<string, [number, number]> = { F: [36, 84], M: [80, 120], X: [4, 1] };
const PREDICTIONS = vector(
  Object.entries(SEX).flatMap(([group, [yes, no]]): Array<[Labels, number]> => {
    const labels = { model_name: 'loan', model_version: 'v1', group_attribute: 'sex', group_value: group };
    return [
      [{ ...labels, prediction_class: 'yes' }, yes],
      [{ ...labels, prediction_class: 'no' }, no],
    ];
  })
);
const CONFIGURED = vector([
  [{ model_name: 'loan', model_version: 'v1', policy: 'four-fifths' }, 1],
  [{ model_name: 'loan', model_version: 'v1', policy: 'nyc-ll144' }, 1],
]);

/** One info series as the rules write it (label names as literals: an independent oracle). */
const info = (policy: string, threshold: string, excludeBelow: string, extra: Labels = {}): [Labels, number] => [
  {
    __name__: 'modelwatch:policy_settings:info',
    model_name: 'loan',
    model_version: 'v1',
    policy,
    favourable: 'negative',
    threshold,
    exclude_below: excludeBelow,
    min_group_size: '10',
    window: '6h',
    ...extra,
  },
  1,
];
const SETTINGS = policySettings(vector([info('four-fifths', '0.9', '0'), info('nyc-ll144', '0.7', '0.05')]));

describe('compliance with the recorded pack settings', () => {
  test('counts the favourable class as selected and judges with each pack’s threshold and exclusion share', () => {
    const [model] = complianceModels(options(), PREDICTIONS, CONFIGURED, undefined, undefined, SETTINGS);
    expect(model!.settings).toBe('rules');
    expect(model!.favourable).toBe('negative');
    // "no" is selected; X (5 predictions) is under the recorded minimum group size of 10: set aside as unknown.
    const counts = {
      unknown: 5,
      categories: new Map([
        ['F', { count: 120, selected: 84 }],
        ['M', { count: 200, selected: 120 }],
      ]),
    };
    const four = model!.tables.find((t) => t.policy === 'four-fifths')!;
    const expected = fourFifths(counts, { threshold: 0.9 });
    expect(four.threshold).toBe(0.9);
    expect(four.minGroupSize).toBe(10);
    expect(four.highest).toBe('F');
    // Hand-worked: M 0.60 / F 0.70 = 0.857, under 0.9 (and over the default 0.8).
    const m = four.categories.find((c) => c.name === 'M')!;
    expect(m.impactRatio).toBeCloseTo(0.6 / 0.7, 12);
    expect(m.impactRatio).toBeCloseTo(expected.categories.get('M')!.impactRatio!, 12);
    expect(m.status).toBe('belowThreshold');
    const nyc = model!.tables.find((t) => t.policy === 'nyc-ll144')!;
    expect(nyc.threshold).toBe(0.7);
    expect(nyc.excludeBelow).toBe(0.05);
    expect(nyc.categories.find((c) => c.name === 'M')!.impactRatio).toBeCloseTo(
      nycLl144(counts, { threshold: 0.7, excludeBelow: 0.05 }).categories.get('M')!.impactRatio!,
      12
    );
    expect(nyc.status).toBe('ok');
    expect(judgedWindow(options(), SETTINGS.get([...SETTINGS.keys()][0]!))).toBe('6h');
  });

  test('an option the query sets overrides the recorded one', () => {
    const o = options({ threshold: 0.5, favourable: 'positive', minGroupSize: 1, window: '1h' });
    const [model] = complianceModels(o, PREDICTIONS, CONFIGURED, undefined, undefined, SETTINGS);
    expect(model!.favourable).toBe('positive');
    const four = model!.tables.find((t) => t.policy === 'four-fifths')!;
    expect(four.threshold).toBe(0.5);
    expect(four.minGroupSize).toBe(1);
    // "yes" selected, X judged (5 ≥ 1): highest rate 0.8.
    expect(four.highest).toBe('X');
    // The exclusion share still comes from the rules where the query sets none.
    expect(model!.tables.find((t) => t.policy === 'nyc-ll144')!.excludeBelow).toBe(0.05);
    expect(judgedWindow(o, [...SETTINGS.values()][0])).toBe('1h');
  });

  test('without recorded settings the defaults apply, and the model says so', () => {
    const [model] = complianceModels(options(), PREDICTIONS, CONFIGURED);
    expect(model!.settings).toBe('defaults');
    expect(model!.favourable).toBe('positive');
    for (const t of model!.tables) {
      expect(t.threshold).toBe(CONTRACT.policies.threshold);
      expect(t.minGroupSize).toBe(CONTRACT.minGroupSize);
    }
    expect(judgedWindow(options(), undefined)).toBe(CONTRACT.policies.window);
  });

  test('a settings series that cannot be read is ignored', () => {
    const bad = policySettings(
      vector([
        info('four-fifths', 'high', '0'),
        info('nyc-ll144', '0.8', '0.02', { favourable: 'maybe' }),
        info('other-pack', '0.8', '0'),
      ])
    );
    expect(bad.size).toBe(0);
  });
});
