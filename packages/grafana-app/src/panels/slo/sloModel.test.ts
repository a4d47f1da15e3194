import { DEFAULT_SLO_OPTIONS } from './options';
import { budgetLevel, exhaustionText, formatObjective, sloTitle, toSloModel } from './sloModel';
import { budgetFrame, BURNING, BURNING_BUDGET, windowsFrame } from './testFrames';

test('the fixture’s numbers agree with the hand calculation', () => {
  expect(BURNING_BUDGET.budgetRemaining).toBeCloseTo(0.62, 12);
  expect(BURNING_BUDGET.timeToExhaustion).toBeCloseTo(105726.3158, 3);
});

test('windows and budget of one SLO: burn rates against thresholds, firing when both windows exceed', () => {
  const model = toSloModel([windowsFrame(BURNING), budgetFrame(BURNING_BUDGET)], DEFAULT_SLO_OPTIONS);
  expect(model).toEqual({
    sections: [
      {
        key: 'availability',
        sloKind: 'availability',
        title: 'Availability',
        objective: 0.999,
        period: '30d',
        tags: [],
        firing: true,
        budget: {
          remaining: BURNING_BUDGET.budgetRemaining,
          level: 'ok',
          burnRate: BURNING_BUDGET.burnRate,
          timeToExhaustion: BURNING_BUDGET.timeToExhaustion,
          exhaustion: '1 d 5 h',
        },
        windows: [
          { ...BURNING[0], longAbove: true, shortAbove: true, state: 'firing' },
          { ...BURNING[1], longAbove: false, shortAbove: true, state: 'ok' },
          { ...BURNING[2], longAbove: true, shortAbove: true, state: 'firing' },
          { ...BURNING[3], longAbove: false, shortAbove: true, state: 'ok' },
        ],
      },
    ],
  });
});

test('a frame without the firing column gets the same rule; a rate equal to the threshold does not exceed it', () => {
  const rows = [
    { severity: 'page' as const, long: '1h', short: '5m', threshold: 14.4, longBurnRate: 14.4, shortBurnRate: 20 },
    { severity: 'page' as const, long: '6h', short: '30m', threshold: 6, longBurnRate: 6.5, shortBurnRate: 7 },
  ];
  const windows = toSloModel([windowsFrame(rows, {}, false)], DEFAULT_SLO_OPTIONS).sections[0]!.windows;
  expect(windows.map((w) => [w.longAbove, w.shortAbove, w.state])).toEqual([
    [false, true, 'ok'],
    [true, true, 'firing'],
  ]);
});

test('no traffic in a window: no data rather than ok', () => {
  const rows = [
    { severity: 'page' as const, long: '1h', short: '5m', threshold: 14.4, longBurnRate: NaN, shortBurnRate: NaN },
  ];
  const model = toSloModel(
    [windowsFrame(rows), budgetFrame({ budgetRemaining: NaN, burnRate: NaN, timeToExhaustion: NaN })],
    DEFAULT_SLO_OPTIONS
  );
  expect(model.sections[0]!.windows[0]).toMatchObject({ longBurnRate: null, shortBurnRate: null, state: 'no data' });
  expect(model.sections[0]!.budget).toEqual({
    remaining: null,
    level: 'none',
    burnRate: null,
    timeToExhaustion: null,
    exhaustion: 'no data',
  });
});

test('overspent and idle budgets', () => {
  // Period error ratio 0.00135 against a budget of 0.001: 1 − 1.35 = −0.35 left.
  const overspent = toSloModel(
    [budgetFrame({ budgetRemaining: 1 - 0.00135 / 0.001, burnRate: 2, timeToExhaustion: 0 })],
    DEFAULT_SLO_OPTIONS
  );
  expect(overspent.sections[0]!.budget).toMatchObject({ level: 'critical', exhaustion: 'exhausted' });
  expect(overspent.sections[0]!.budget!.remaining).toBeCloseTo(-0.35, 12);
  const idle = toSloModel(
    [budgetFrame({ budgetRemaining: 1, burnRate: 0, timeToExhaustion: Infinity })],
    DEFAULT_SLO_OPTIONS
  );
  expect(idle.sections[0]!.budget).toMatchObject({
    level: 'ok',
    burnRate: 0,
    timeToExhaustion: Infinity,
    exhaustion: 'not burning',
  });
});

test('several SLOs and versions: paired by kind and version, in the order availability, latency, quality', () => {
  const frames = [
    budgetFrame(BURNING_BUDGET, { sloKind: 'quality', objective: 0.85, version: '2' }),
    windowsFrame(BURNING, { sloKind: 'latency', objective: 0.99, latencyThreshold: 0.25, version: '2' }),
    budgetFrame(BURNING_BUDGET, { sloKind: 'latency', objective: 0.99, latencyThreshold: 0.25, version: '2' }),
    windowsFrame(BURNING, { version: '1' }),
    budgetFrame({ budgetRemaining: 0.2, burnRate: 1, timeToExhaustion: 518400 }, { version: '1' }),
  ];
  const sections = toSloModel(frames, DEFAULT_SLO_OPTIONS).sections;
  expect(sections.map((s) => [s.key, s.title, s.tags, s.windows.length, s.budget?.level])).toEqual([
    ['availability@1', 'Availability', ['v1'], 4, 'warning'],
    ['latency@2', 'Latency ≤ 250 ms', ['v2'], 4, 'ok'],
    ['quality@2', 'Model quality', ['v2'], 0, 'ok'],
  ]);
});

test('budget levels: critical at or below 0, warning below the option, ok otherwise', () => {
  expect([budgetLevel(0, 0.25), budgetLevel(-0.1, 0.25), budgetLevel(0.2499, 0.25), budgetLevel(0.25, 0.25)]).toEqual([
    'critical',
    'critical',
    'warning',
    'ok',
  ]);
});

test('time to exhaustion in words', () => {
  // 3 d 4 h = 3·86,400 + 4·3,600 = 273,600 s.
  expect(exhaustionText(273600)).toBe('3 d 4 h');
  expect(exhaustionText(273600 + 59 * 60)).toBe('3 d 4 h');
  expect(exhaustionText(86400)).toBe('1 d');
  expect(exhaustionText(5400)).toBe('1 h 30 min');
  expect(exhaustionText(45)).toBe('45 s');
  expect(exhaustionText(0.4)).toBe('< 1 s');
  expect(exhaustionText(Infinity)).toBe('not burning');
  expect(exhaustionText(0)).toBe('exhausted');
  expect(exhaustionText(null)).toBe('no data');
});

test('objectives and titles', () => {
  expect([formatObjective(0.999), formatObjective(0.99), formatObjective(0.85), formatObjective(0.9995)]).toEqual([
    '99.9%',
    '99%',
    '85%',
    '99.95%',
  ]);
  expect(sloTitle({ sloKind: 'latency', latencyThreshold: 2.5 })).toBe('Latency ≤ 2.5 s');
  expect(sloTitle({ sloKind: 'latency' })).toBe('Latency');
});
