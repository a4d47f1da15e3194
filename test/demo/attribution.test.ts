// Which scenario raised which alert, and whether that is what the scenario says it raises.
import { alertIdentity, shortAlertName } from '../../examples/lending/src/demo/alerts/alert-identity';
import { raisedBySpan, type FiringHistory } from '../../examples/lending/src/demo/alerts/attribution';
import { judge } from '../../examples/lending/src/demo/scenarios/verdict';
import type { Scenario } from '../../examples/lending/src/demo/scenarios/scenario';

const psi = (feature: string, severity: string, firingAt: number[]): FiringHistory => ({
  labels: {
    alertname: 'ModelwatchFeatureDriftPSI',
    feature,
    statistic: 'psi',
    baseline: 'reference',
    severity,
    team: 't',
  },
  firingAt,
});

const spans = [
  { start: 0, end: 100 },
  { start: 100, end: 200 },
  { start: 200, end: 300 },
];

describe('attribution of alerts to scenarios', () => {
  it('gives an alert to the scenario it fired in, and not to the next one while it is still firing', () => {
    const raised = raisedBySpan(spans, [
      psi('pirat', 'warning', [40, 50]),
      psi('pirat', 'critical', [60, 110, 150]),
      psi('pirat', 'warning', [160, 170]),
    ]);
    expect(raised[0]!.map((r) => [r.identity, r.severities, r.firstAt])).toEqual([
      [
        'ModelwatchFeatureDriftPSI{feature="pirat", statistic="psi", baseline="reference"}',
        ['warning', 'critical'],
        40,
      ],
    ]);
    // Still firing from the first scenario: its tail, not the second scenario's doing.
    expect(raised[1]).toEqual([]);
    expect(raised[2]).toEqual([]);
  });

  it('gives an alert again to a later scenario once a whole scenario passed without it', () => {
    const raised = raisedBySpan(spans, [psi('afam', 'critical', [10, 20, 250])]);
    expect(raised.map((r) => r.map((x) => x.firstAt))).toEqual([[10], [], [250]]);
  });

  it('orders what a scenario raised by when it first fired', () => {
    const raised = raisedBySpan(spans, [psi('lvrat', 'critical', [130]), psi('score', 'warning', [120])]);
    expect(raised[1]!.map((r) => r.labels.feature)).toEqual(['score', 'lvrat']);
  });

  it('names alerts for people', () => {
    expect(
      shortAlertName({ alertname: 'ModelwatchSLOBurnRate', slo: 'latency', long_window: '1m', short_window: '15s' })
    ).toBe('ModelwatchSLOBurnRate latency 1m/15s');
    expect(
      shortAlertName({ alertname: 'ModelwatchFairness', statistic: 'disparate_impact', group_attribute: 'afam' })
    ).toBe('ModelwatchFairness disparate_impact afam');
    expect(
      shortAlertName({ alertname: 'ModelwatchPerformanceBelowFloor', metric: 'accuracy', source: 'realized' })
    ).toBe('ModelwatchPerformanceBelowFloor realized accuracy');
    expect(shortAlertName({ alertname: 'ModelwatchFeatureDriftPSI', feature: 'pirat', baseline: 'last_week' })).toBe(
      'ModelwatchFeatureDriftPSI pirat vs last week'
    );
    expect(alertIdentity({ alertname: 'X', severity: 'page', slo: 'latency' })).toBe('X{slo="latency"}');
  });
});

describe('verdicts', () => {
  const scenario: Scenario = {
    name: 'late-labels',
    title: 'Late labels',
    story: '',
    durationSeconds: 80,
    traffic: { labelDelaySeconds: 30 },
    raises: [{ alertname: 'ModelwatchPerformanceBelowFloor', labels: { metric: 'accuracy' }, notBeforeSeconds: 30 }],
    mayRaise: [{ alertname: 'ModelwatchPerformanceBelowFloor', labels: { metric: 'f1', severity: 'warning' } }],
  };
  const perf = (metric: string, severity: string, firingAt: number[]): FiringHistory => ({
    labels: { alertname: 'ModelwatchPerformanceBelowFloor', metric, source: 'realized', severity },
    firingAt,
  });
  const span = { start: 1_000, end: 21_000 };

  it('passes when the required alert fires after its earliest time and the rest is allowed', () => {
    const [raised] = raisedBySpan([span], [perf('accuracy', 'warning', [12_000]), perf('f1', 'warning', [13_000])]);
    expect(judge(scenario, span, raised!, 4)).toMatchObject({ ok: true, missing: [], unexpected: [] });
  });

  it('counts an alert that fired before its labels could have arrived as missing (30 s at speed 4 is 7.5 s)', () => {
    const [raised] = raisedBySpan([span], [perf('accuracy', 'warning', [8_000])]);
    expect(judge(scenario, span, raised!, 4).missing).toEqual([scenario.raises[0]]);
    const [later] = raisedBySpan([span], [perf('accuracy', 'warning', [8_500])]);
    expect(judge(scenario, span, later!, 4).ok).toBe(true);
  });

  it('names an alert the scenario neither requires nor allows, with its severity', () => {
    const [raised] = raisedBySpan([span], [perf('accuracy', 'warning', [12_000]), perf('f1', 'critical', [13_000])]);
    expect(judge(scenario, span, raised!, 4)).toMatchObject({
      ok: false,
      unexpected: ['ModelwatchPerformanceBelowFloor realized f1 (critical)'],
    });
  });
});
