import { wilsonInterval } from '@modelwatch/stats';
import { toFairnessModel, type FairnessCell } from './fairnessModel';
import { DEFAULT_FAIRNESS_OPTIONS, type FairnessOptions } from './options';
import { fairnessFrame, LENDING_DI, LENDING_ROWS } from './testFrames';

const options = (policy: Partial<FairnessOptions['policy']> = {}): FairnessOptions => ({
  ...DEFAULT_FAIRNESS_OPTIONS,
  policy: { ...DEFAULT_FAIRNESS_OPTIONS.policy, ...policy },
});

function cell(successes: number, count: number, size: number, reference: number, reason?: string): FairnessCell {
  const value = successes / count;
  const { lower, upper } = wilsonInterval(successes, count, 0.95);
  return {
    value,
    lower,
    upper,
    count,
    size,
    ratio: value / reference,
    difference: value - reference,
    eligible: reason === undefined,
    ...(reason ? { reason } : {}),
  };
}

const why = (size: number, unit: string) =>
  `Inconclusive: ${size} ${unit}, fewer than the minimum group size of 30, so the group is left out of the disparities`;

test('the Wilson interval of the fixture matches the hand calculation (30 of 100, 95%)', () => {
  // centre (0.3 + z²/200)/(1 + z²/100) = 0.3073987, half-width 0.0884499 with z = 1.959964.
  const { lower, upper } = wilsonInterval(30, 100, 0.95);
  expect(lower).toBeCloseTo(0.2189488, 6);
  expect(upper).toBeCloseTo(0.3958486, 6);
});

test('groups × metrics with intervals, the reference group, inconclusive groups and cells, the policy level', () => {
  const frame = fairnessFrame(LENDING_ROWS, { disparateImpact: LENDING_DI });
  expect(toFairnessModel([frame], options())).toEqual({
    sections: [
      {
        key: 'afam',
        attribute: 'afam',
        tags: [],
        referenceGroup: 'no',
        minGroupSize: 30,
        confidence: 0.95,
        window: '1d',
        disparateImpact: 0.75,
        level: 'warning',
        thresholds: { warning: 0.8 },
        metrics: ['selectionRate', 'tpr'],
        groups: [
          {
            group: 'no',
            isReference: true,
            inconclusive: false,
            cells: { selectionRate: cell(80, 200, 200, 0.4), tpr: cell(40, 50, 150, 0.8) },
            selectionRatio: 1,
            selectionRatioLevel: 'none',
          },
          {
            group: 'yes',
            isReference: false,
            inconclusive: false,
            cells: { selectionRate: cell(30, 100, 100, 0.4), tpr: cell(15, 25, 80, 0.8) },
            selectionRatio: 0.3 / 0.4,
            selectionRatioLevel: 'warning',
          },
          {
            group: 'asian',
            isReference: false,
            inconclusive: false,
            cells: {
              selectionRate: cell(14, 40, 40, 0.4),
              tpr: cell(5, 8, 20, 0.8, why(20, 'labelled predictions')),
            },
            selectionRatio: 0.35 / 0.4,
            selectionRatioLevel: 'ok',
          },
          {
            group: 'unknown',
            isReference: false,
            inconclusive: true,
            reason: why(12, 'predictions'),
            cells: {
              selectionRate: cell(2, 12, 12, 0.4, why(12, 'predictions')),
              tpr: cell(1, 2, 10, 0.8, why(10, 'labelled predictions')),
            },
            selectionRatio: 2 / 12 / 0.4,
            // Inconclusive groups are never judged against the policy.
            selectionRatioLevel: 'none',
          },
        ],
      },
    ],
  });
});

test('the policy line: from the frame by default, the panel’s when asked or when the frame has none', () => {
  const withCritical = fairnessFrame(LENDING_ROWS, { disparateImpact: 0.55, levels: { warning: 0.8, critical: 0.6 } });
  expect(toFairnessModel([withCritical], options()).sections[0]).toMatchObject({
    thresholds: { warning: 0.8, critical: 0.6 },
    level: 'critical',
  });
  expect(toFairnessModel([withCritical], options({ source: 'panel', line: 0.5 })).sections[0]).toMatchObject({
    thresholds: { warning: 0.5 },
    level: 'ok',
  });
  const noLevels = fairnessFrame(LENDING_ROWS, { disparateImpact: 0.75, levels: {} });
  expect(toFairnessModel([noLevels], options({ line: 0.7, critical: 0.5 })).sections[0]).toMatchObject({
    thresholds: { warning: 0.7, critical: 0.5 },
    level: 'ok',
  });
});

test('exactly at the policy line satisfies it (the rule is "less than four-fifths")', () => {
  const section = toFairnessModel([fairnessFrame(LENDING_ROWS, { disparateImpact: 0.8 })], options()).sections[0]!;
  expect(section.level).toBe('ok');
});

test('a disparate impact that is not computable (fewer than two eligible groups) has no level', () => {
  const rows = LENDING_ROWS.filter((r) => r.group === 'no' || r.group === 'unknown');
  const section = toFairnessModel([fairnessFrame(rows, { disparateImpact: NaN })], options()).sections[0]!;
  expect([section.disparateImpact, section.level]).toEqual([null, 'none']);
});

test('two versions and two attributes: one section each, keyed and tagged by version', () => {
  const frames = [
    fairnessFrame(LENDING_ROWS, { attribute: 'sex', version: '2', disparateImpact: 0.9 }),
    fairnessFrame(LENDING_ROWS, { version: '2', disparateImpact: 0.7 }),
    fairnessFrame(LENDING_ROWS, { version: '1', disparateImpact: 0.85 }),
  ];
  expect(toFairnessModel(frames, options()).sections.map((s) => [s.key, s.tags, s.level])).toEqual([
    ['afam@1', ['v1'], 'ok'],
    ['afam@2', ['v2'], 'warning'],
    ['sex@2', ['v2'], 'ok'],
  ]);
});

test('no fairness frames: no sections', () => {
  expect(toFairnessModel([], options())).toEqual({ sections: [] });
});

test('the __suppressed__ bucket is shown as suppressed, with its own reason, never as an inconclusive group', () => {
  const rows = [
    ...LENDING_ROWS,
    { group: 'suppressed (< 10)', metric: 'selectionRate', successes: 3, count: 12, size: 12 },
  ];
  const model = toFairnessModel([fairnessFrame(rows, { disparateImpact: LENDING_DI })], options());
  const group = model.sections[0]!.groups.find((g) => g.group === 'suppressed (< 10)')!;
  expect(group.cells.selectionRate!.value).toBeCloseTo(0.25, 15);
  expect(group.cells.selectionRate!.reason).toBe(
    'Suppressed: the values below the minimum cell size, pooled; never judged or compared'
  );
  expect(model.sections[0]!.disparateImpact).toBe(LENDING_DI);
});
