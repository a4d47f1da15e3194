import { psi } from '@modelwatch/stats';
import { binLabel, toDriftBins } from './binsModel';
import { DEFAULT_DRIFT_OPTIONS } from './options';
import { binsFrame, driftFrame, T0 } from './testFrames';

// Four equal-probability bins: reference shares are exactly 1/4. By hand, PSI = Σ (q − p)·ln(q/p) =
// −0.15·ln 0.4 − 0.05·ln 0.8 + 0.05·ln 1.2 + 0.15·ln 1.6 = 0.1374436 + 0.0111572 + 0.0091161 + 0.0705005 = 0.2282174.
const REFERENCE = [0.25, 0.25, 0.25, 0.25];
const CURRENT = [0.1, 0.2, 0.3, 0.4];
const PSI = psi(REFERENCE, CURRENT);
const BINS: Array<[string, number, number]> = [
  ['< 30k', 0.25, 0.1],
  ['30k–52k', 0.25, 0.2],
  ['52k–80k', 0.25, 0.3],
  ['≥ 80k', 0.25, 0.4],
];
const wanted = (feature: string, version = '1') => ({
  feature,
  model: 'lending',
  version,
  statistic: 'psi',
  baseline: 'reference',
  segment: '',
});

test('the fixture PSI agrees with the hand calculation', () => {
  expect(PSI).toBeCloseTo(0.2282174, 7);
});

test('the selected feature’s bins, value, level and the common scale', () => {
  const frames = [
    driftFrame('income', [T0], [PSI]),
    binsFrame('income', BINS, { value: PSI, count: 5000 }),
    binsFrame('age', BINS),
  ];
  expect(toDriftBins(frames, wanted('income'), DEFAULT_DRIFT_OPTIONS)).toEqual({
    identity: wanted('income'),
    statistic: 'PSI',
    value: PSI,
    level: 'critical',
    thresholds: { warning: 0.1, critical: 0.2 },
    count: 5000,
    window: '1h',
    bins: [
      { label: '< 30k', reference: 0.25, current: 0.1 },
      { label: '30k–52k', reference: 0.25, current: 0.2 },
      { label: '52k–80k', reference: 0.25, current: 0.3 },
      { label: '≥ 80k', reference: 0.25, current: 0.4 },
    ],
    maxShare: 0.4,
  });
});

test('with two versions the frame of the selected version is used', () => {
  const frames = [
    binsFrame('income', BINS, { version: '1', value: 0.01 }),
    binsFrame('income', BINS, { version: '2', value: 0.3 }),
  ];
  expect(toDriftBins(frames, wanted('income', '2'), DEFAULT_DRIFT_OPTIONS)).toMatchObject({
    value: 0.3,
    level: 'critical',
  });
  expect(toDriftBins(frames, wanted('income', '1'), DEFAULT_DRIFT_OPTIONS)).toMatchObject({ value: 0.01, level: 'ok' });
});

test('no frame for the feature, or only one of another version: undefined', () => {
  expect(toDriftBins([binsFrame('age', BINS)], wanted('income'), DEFAULT_DRIFT_OPTIONS)).toBeUndefined();
  expect(
    toDriftBins([binsFrame('income', BINS, { version: '1' })], wanted('income', '2'), DEFAULT_DRIFT_OPTIONS)
  ).toBeUndefined();
});

test('a NaN statistic (no values in the window) has no level; the label option names the statistic', () => {
  const model = toDriftBins(
    [binsFrame('income', BINS, { value: NaN, count: 0 })],
    wanted('income'),
    DEFAULT_DRIFT_OPTIONS,
    'Stability'
  );
  expect(model).toMatchObject({ statistic: 'Stability', value: null, level: 'none', count: 0 });
});

test('panel thresholds apply when the frame brings no levels', () => {
  const frames = [binsFrame('income', BINS, { value: PSI, levels: {} })];
  const options = { ...DEFAULT_DRIFT_OPTIONS, thresholds: { source: 'frame' as const, warning: 0.2, critical: 0.3 } };
  expect(toDriftBins(frames, wanted('income'), options)).toMatchObject({
    thresholds: { warning: 0.2, critical: 0.3 },
    level: 'warning',
  });
});

test('numeric bins are named by the reference percentiles they hold; categories keep their names', () => {
  const numeric = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
  expect(numeric.map((b) => binLabel(b, numeric))).toEqual([
    '0–10%',
    '10–20%',
    '20–30%',
    '30–40%',
    '40–50%',
    '50–60%',
    '60–70%',
    '70–80%',
    '80–90%',
    '90–100%',
  ]);
  expect(['0', '1', '2'].map((b, _, all) => binLabel(b, all))).toEqual(['0–33.33%', '33.33–66.67%', '66.67–100%']);
  const categories = ['CA', 'NY', '__other__', '__missing__'];
  expect(categories.map((b) => binLabel(b, categories))).toEqual(categories);
  const frames = [
    binsFrame(
      'income',
      [
        ['0', 0.5, 0.4],
        ['1', 0.5, 0.6],
      ],
      { value: 0.04 }
    ),
  ];
  expect(toDriftBins(frames, wanted('income'), DEFAULT_DRIFT_OPTIONS)!.bins.map((b) => b.label)).toEqual([
    '0–50%',
    '50–100%',
  ]);
});
